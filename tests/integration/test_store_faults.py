"""The record store's folder refusing writes during `kg ingest` (issue 32, item 6): a file
over the size limit (RLIMIT_FSIZE, EFBIG: any user), a full disk (a small tmpfs, ENOSPC:
root only) and a read-only folder (chmod, or a read-only bind mount as root, where chmod
does not stop writes). Each ends with one sentence and exit code 1; afterwards the store
opens, every article graph in it is whole (as in a run that succeeded) or absent, and the
same ingest once the fault is gone completes the record."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.integration.faults import KG, ROOT, kg, kg_env, one_sentence, record, torn, write_corpus

ARTICLES = 300
FSIZE = 4_000_000  # bytes a file may grow to: the write-ahead log passes it mid-run
SPARE_KB = 3_000  # room on the small disk beyond the store


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference data, the store opened once more (RocksDB drops the load's log then)."""
    store = tmp_path_factory.mktemp("store-faults") / "reference"
    kg(kg_env(store), "load-reference")
    kg(kg_env(store), "sparql", "ASK {}")
    return store


@pytest.fixture(scope="module")
def corpus(reference: Path) -> Path:
    return write_corpus(reference.parent / "corpus.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def whole(reference: Path, corpus: Path) -> dict[str, frozenset[str]]:
    """The record of the same ingest with nothing in its way."""
    store = _copy(reference, reference.parent / "whole")
    kg(kg_env(store), "ingest", "--jobs", "1", str(corpus))
    return record(store)


def _copy(reference: Path, target: Path) -> Path:
    shutil.copytree(reference, target)
    (target / "LOCK").unlink(missing_ok=True)
    return target


def _ingest(store: Path, corpus: Path, limit: Callable[[], None] | None = None) -> str:
    """`kg ingest` that must fail: its one sentence (exit code 1, no traceback)."""
    done = subprocess.run(
        [*KG, "ingest", "--jobs", "1", str(corpus)], env=kg_env(store), cwd=ROOT,
        capture_output=True, text=True, preexec_fn=limit,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-3000:]
    return one_sentence(done.stderr)


def _completes(store: Path, corpus: Path, whole: dict[str, frozenset[str]]) -> int:
    """The store opens and holds whole articles only; the same ingest again completes the
    record. The number of articles the failed run had written."""
    held = record(store)
    assert torn(held, whole) == [], "a half-written article or a graph a clean run lacks"
    kg(kg_env(store), "ingest", "--jobs", "1", str(corpus))
    assert record(store) == whole
    return sum("/article/" in g for g in held)


def _small_files() -> None:  # in the child, before exec (Python ignores SIGXFSZ already)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FSIZE, FSIZE))


def test_a_file_over_the_size_limit(reference: Path, corpus: Path, whole: dict) -> None:
    store = _copy(reference, reference.parent / "fsize")
    sentence = _ingest(store, corpus, _small_files)
    assert "could not be written" in sentence and "File too large" in sentence
    assert 0 < _completes(store, corpus, whole) < ARTICLES, "the limit is met mid-run"


def _root(action: str) -> None:
    if os.geteuid() != 0:
        pytest.skip(f"{action} needs root (the file size limit covers a write refused)")


@contextmanager
def _mounted(folder: Path, *options: str, then: tuple[str, ...] = ()) -> Iterator[None]:
    """`mount OPTIONS FOLDER` (and `mount THEN FOLDER` on it), unmounted after; a skip
    where mounting is not permitted (a container without the capability)."""
    done = subprocess.run(["mount", *options, str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mount {' '.join(options)} is not permitted here: {done.stderr.strip()}")
    try:
        if then:
            subprocess.run(["mount", *then, str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk(reference: Path, corpus: Path, whole: dict, tmp_path: Path) -> None:
    _root("A small tmpfs")
    used = int(subprocess.run(["du", "-sk", str(reference)], capture_output=True,
                              text=True, check=True).stdout.split()[0])  # fmt: skip
    disk, store = tmp_path / "disk", tmp_path / "disk" / "store"
    disk.mkdir()
    with _mounted(disk, "-t", "tmpfs", "-o", f"size={used + SPARE_KB}k", "tmpfs"):
        _copy(reference, store)
        sentence = _ingest(store, corpus)
        assert "could not be written" in sentence and "No space left" in sentence
        shutil.copytree(store, tmp_path / "freed")  # the same store, with room again
    _completes(tmp_path / "freed", corpus, whole)


@contextmanager
def _read_only(store: Path) -> Iterator[None]:
    """The folder read-only: by its mode, or (root ignores modes) by a read-only bind mount."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [store, *store.iterdir()]}
        for p, mode in modes.items():
            p.chmod(mode & ~0o222)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    with _mounted(store, "--bind", str(store), then=("-o", "remount,bind,ro")):
        yield


def test_a_read_only_store(reference: Path, corpus: Path, whole: dict) -> None:
    store = _copy(reference, reference.parent / "read-only")
    before = record(store)
    with _read_only(store):
        sentence = _ingest(store, corpus)
    assert sentence.startswith(f"error: Cannot open the store at {store}")
    assert "Read-only file system" in sentence or "Permission denied" in sentence
    assert record(store) == before
    _completes(store, corpus, whole)
