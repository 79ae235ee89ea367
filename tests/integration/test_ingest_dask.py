"""`kg ingest --scheduler` (kg.ingest_dask): the articles loaded and prepared on a real Dask
cluster (a LocalCluster of two worker processes), written by one writer here, give the
record `--jobs 1` writes, byte for byte; a scheduler that cannot be reached, a task that
fails and a worker that dies each end the run with one sentence, whole articles only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import pytest

from kg.ingest import ArticleReport, Outcome, WorkerDied, ingest_all
from kg.ingest_dask import IDLE, KILLED, OTHER, POLL_SECONDS, WRITTEN, code_fingerprint, on_dask
from kg.stores.oxigraph_store import OxigraphStore
from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.extraction.model import Extraction
from loaders.sources import iter_articles
from tests.conftest import in_ci

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = [str(FIXTURES / name) for name in ("heldout", "articles", "realnews", "actors")]
KG = [sys.executable, "-m", "cli"]
BASE = "https://geokg.example.org/"


def _no_cluster(reason: str) -> NoReturn:
    """No cluster: a failure under CI (a skipped suite would look green), a skip elsewhere."""
    if in_ci():
        pytest.fail(f"CI=true and no Dask cluster: {reason}", pytrace=False)
    pytest.skip(f"no Dask cluster: {reason}")


def _local_cluster(workers: int) -> Any:
    """A LocalCluster of `workers` processes of one thread each, on 127.0.0.1; a task whose
    worker dies twice is given up (allowed-failures 1), so the dying-worker test is quick."""
    try:
        import dask
        from distributed import LocalCluster
    except ImportError as exc:
        _no_cluster(f"Dask is not installed ({exc}): pip install -e '.[dev]'")
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        try:
            return LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=":0",
            )  # fmt: skip
        except Exception as exc:
            _no_cluster(f"a LocalCluster of {workers} workers did not start: {exc}")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a scheduler with two worker processes, for the module; the workers
    and this process hash their code at once (in a tree edited meanwhile, the hashes of
    files read a minute apart would differ, and the workers would rightly refuse)."""
    from distributed import Client

    with _local_cluster(2) as cluster, Client(cluster, set_as_default=False) as client:
        code_fingerprint()
        client.run(code_fingerprint)
        yield cluster.scheduler_address


def _kg(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_STORE_PATH": str(store)}
    env.pop("KG_NEO4J_URI", None)
    env.pop("KG_RECORD_URL", None)
    return subprocess.run([*KG, *args], env=env, cwd=ROOT, capture_output=True, text=True)


def _export(tmp_path: Path, name: str, *ingest: str) -> bytes:
    store = tmp_path / name
    done = _kg(store, "ingest", "--json", *ingest, *CORPUS)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"new": ' in done.stdout
    out = tmp_path / f"{name}.nq"
    assert _kg(store, "export", "--format", "nq", "--output", str(out)).returncode == 0
    return out.read_bytes()


def test_the_cluster_writes_the_record_jobs_1_writes(tmp_path: Path, scheduler: str) -> None:
    alone = _export(tmp_path, "jobs-1", "--jobs", "1")
    assert _export(tmp_path, "dask", "--scheduler", scheduler) == alone
    assert _export(tmp_path, "dask-read-here", "--scheduler", scheduler, "--read-here") == alone
    assert alone.count(b"\n") > 5000


def test_an_unreachable_scheduler_is_one_sentence(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = _kg(tmp_path / "s", "ingest", "--scheduler", f"tcp://127.0.0.1:{port}", CORPUS[0])
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"error: Cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: no answer in 10 s."
    )
    assert not (tmp_path / "s").exists()  # the store is not even opened


def _articles() -> list[Article]:
    return [a for a in iter_articles(CORPUS[:1]) if isinstance(a, Article)]


def _fails_on(article_id: str, article: Article) -> Extraction:
    """An extractor that raises on one article (pickled by reference to the workers)."""
    if article.id == article_id:
        raise RuntimeError("no extraction for this one. Really")
    return extract(article)


def _dies_on(article_id: str, article: Article) -> Extraction:
    if article.id == article_id:
        os._exit(3)  # as the kernel's OOM killer would end it: no answer, no exception
    return extract(article)


def _extract_unless(flag: str, article: Article) -> Extraction:
    """The extractor, until the file `flag` exists: then any extraction fails the task."""
    if Path(flag).exists():
        raise RuntimeError(f"{article.id} was extracted again")
    return extract(article)


def test_an_unchanged_article_is_not_extracted_again_on_the_cluster(
    tmp_path: Path, scheduler: str
) -> None:
    """The input keys the store keeps reach the workers: a second run extracts nothing."""
    articles, flag = _articles(), tmp_path / "extracted-once"
    extractor = partial(_extract_unless, str(flag))
    with OxigraphStore(None) as store, on_dask(scheduler) as engine:
        first = ingest_all(articles, store, BASE, None, extractor, engine=engine, skip_unchanged=True)  # fmt: skip
        flag.touch()
        again = ingest_all(articles, store, BASE, None, extractor, engine=engine, skip_unchanged=True)  # fmt: skip
    assert first.new == len(articles) > 15
    assert again.unchanged == len(articles)


def _ends_whole(scheduler: str, extractor: Any) -> tuple[str, int]:
    """Ingest with `extractor` failing at the 8th article: the run ends with WorkerDied,
    and the record holds exactly the articles handed on before it; the message, and how
    many were handed on."""
    articles = _articles()
    seen: list[Outcome] = []
    with OxigraphStore(None) as store, on_dask(scheduler) as engine:
        engine.chunk = 2
        with pytest.raises(WorkerDied) as died:
            ingest_all(articles, store, BASE, seen.append, extractor, engine=engine)
        assert len(seen) <= 7
        assert [o.article_iri for o in seen if isinstance(o, ArticleReport)] == [
            f"{BASE}article/{a.id}" for a in articles[: len(seen)]
        ]
        with OxigraphStore(None) as clean:
            ingest_all(articles[: len(seen)], clean, BASE)
            assert sorted(store.export("nq").splitlines()) == sorted(
                clean.export("nq").splitlines()
            )
    return str(died.value), len(seen)


def test_a_failing_task_ends_the_run_with_whole_articles_only(scheduler: str) -> None:
    said, written = _ends_whole(scheduler, partial(_fails_on, _articles()[7].id))
    assert written == 6  # the three tasks of two before the failing one
    assert said == (
        "An ingest task failed on a Dask worker (RuntimeError: no extraction for this one; "
        f"Really); {WRITTEN}"
    )


def test_a_worker_with_another_geokg_prepares_nothing(scheduler: str) -> None:
    """The workers' code hashes as the client's here: told to expect another, they refuse."""
    with OxigraphStore(None) as store, on_dask(scheduler) as engine:
        engine.fingerprint = "0" * 64
        with pytest.raises(WorkerDied) as died:
            ingest_all(_articles(), store, BASE, engine=engine)
        assert b"/article/" not in store.export("nq")
    said = str(died.value)
    worker = said.removeprefix("The Dask worker at ").split(" ")[0]
    assert worker.startswith("tcp://127.0.0.1:")
    assert said == OTHER.format(worker=worker) + WRITTEN


def test_a_worker_that_dies_ends_the_run_with_whole_articles_only(scheduler: str) -> None:
    said, _ = _ends_whole(scheduler, partial(_dies_on, _articles()[7].id))
    assert said == KILLED + WRITTEN and said.count(". ") == 0


def test_a_cluster_without_workers_ends_the_run() -> None:
    """A scheduler alone: the tasks would wait forever; the run ends after `patience`."""
    with _local_cluster(0) as alone:
        with OxigraphStore(None) as store, on_dask(alone.scheduler_address) as engine:
            engine.patience = POLL_SECONDS
            with pytest.raises(WorkerDied) as died:
                ingest_all(_articles()[:3], store, BASE, engine=engine)
        address = alone.scheduler_address
    assert str(died.value) == IDLE.format(address=address, seconds=POLL_SECONDS) + WRITTEN
