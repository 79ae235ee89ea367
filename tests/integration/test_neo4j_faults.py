"""Neo4j going away during `kg ingest`, and not there at its start (issue 32, item 6). The
record is the truth: the ingest writes every article to it whole whatever Neo4j does, then
ends with its summary, one sentence naming the failure and `kg sync`, and exit code 2;
Neo4j is behind (graphs it lacks have no projected hash) until `kg sync`, which makes it
what a fresh projection of the record gives. The Neo4j killed here is a private launcher
(the session's is shared by other tests), killed with SIGKILL while the sync writes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import neo4j_server
from kg.settings import Settings
from kg.stores.neo4j_connection import connect
from tests.conftest import TEST_PASSWORD, launcher_settings, unavailable
from tests.e2e.conftest import free_port
from tests.integration.faults import KG, ROOT, kg, kg_env, one_sentence, record, write_corpus
from tests.integration.test_retract import neo4j_dump

ARTICLES = 120
# A transaction of the ingest's own: SHOW TRANSACTIONS lists ours too.
THEIRS = "SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW' RETURN 1"


@pytest.fixture(scope="module")
def own_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A Neo4j of this module's own, to kill (a failure under CI when it cannot start)."""
    settings = launcher_settings(tmp_path_factory.mktemp("neo4j-faults"))
    try:
        _start(settings)
    except Exception as exc:  # LauncherError, no Java or Maven
        neo4j_server.stop(settings)
        unavailable(f"{type(exc).__name__}: {exc}")
    try:
        yield settings
    finally:
        neo4j_server.stop(settings)


def _start(settings: Settings) -> str:
    return neo4j_server.start(settings, java_opts=neo4j_server.FAST_START_JVM_FLAGS).bolt_uri


def _uri(settings: Settings) -> str:
    return f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store with the reference data, and the corpus."""
    folder = tmp_path_factory.mktemp("neo4j-fault-stores")
    kg(kg_env(folder / "reference"), "load-reference")
    return folder / "reference", write_corpus(folder / "corpus.jsonl", ARTICLES)


def _copy(reference: Path, name: str) -> Path:
    target = reference.parent / name
    shutil.copytree(reference, target)
    (target / "LOCK").unlink(missing_ok=True)
    return target


def _kill_while_it_projects(settings: Settings, ingest: subprocess.Popen[str]) -> None:
    """Wait for the ingest's last article, then for a transaction of its sync; SIGKILL Neo4j."""
    assert ingest.stdout is not None
    written = 0
    for line in ingest.stdout:
        written += line.startswith("new ")
        if written == ARTICLES:
            break
    assert written == ARTICLES, "the record step ended early"
    driver = connect(_uri(settings), "neo4j", TEST_PASSWORD)
    try:
        while ingest.poll() is None and not driver.execute_query(THEIRS).records:
            time.sleep(0.02)
    finally:
        driver.close()
    assert ingest.poll() is None, "the ingest ended before Neo4j could be killed"
    pid = neo4j_server.status(settings).pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)


@pytest.mark.neo4j
def test_neo4j_killed_mid_ingest_then_sync_converges(
    own_neo4j: Settings, stores: tuple[Path, Path]
) -> None:
    reference, corpus = stores
    clean = _copy(reference, "clean")
    kg(kg_env(clean), "ingest", "--jobs", "1", str(corpus))
    faulted = _copy(reference, "faulted")
    env = kg_env(faulted, KG_NEO4J_URI=_uri(own_neo4j), KG_NEO4J_PASSWORD=TEST_PASSWORD)
    ingest = subprocess.Popen(
        [*KG, "ingest", "--jobs", "1", "-v", str(corpus)], env=env, cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    _kill_while_it_projects(own_neo4j, ingest)
    out, err = ingest.communicate(timeout=120)
    assert ingest.returncode == 2, err[-3000:]
    assert f"{ARTICLES} articles ({ARTICLES} new" in out  # the summary, before the error
    sentence = one_sentence(err)
    assert "Neo4j refused the projection" in sentence and "`kg sync`" in sentence
    assert record(faulted) == record(clean), "the record holds every article, whole"

    _start(own_neo4j)  # the same data folder: Neo4j recovers what it committed
    kg(env, "sync")
    driver = connect(_uri(own_neo4j), "neo4j", TEST_PASSWORD)
    try:
        synced = neo4j_dump(driver)
        kg(env, "sync", "--rebuild")
        assert synced == neo4j_dump(driver), "kg sync gives what a fresh projection gives"
    finally:
        driver.close()
    assert any('"Event"' in line for line in synced)


def test_neo4j_unreachable_at_start_writes_nothing(stores: tuple[Path, Path]) -> None:
    """Nothing listens at the URI: one sentence, exit code 2, the record untouched."""
    reference, corpus = stores
    store = _copy(reference, "unreachable")
    before = record(store)
    env = kg_env(store, KG_NEO4J_URI=f"bolt://127.0.0.1:{free_port()}", KG_NEO4J_PASSWORD="x")
    done = kg(env, "ingest", "--jobs", "1", str(corpus), code=2)
    assert "Cannot reach Neo4j" in one_sentence(done.stderr)
    assert record(store) == before
