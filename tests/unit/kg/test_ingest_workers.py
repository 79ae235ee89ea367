"""Items loaded and prepared in worker processes (kg.ingest_workers) come back in input order
and write the record one process writes; a worker that dies ends the run with one sentence,
with whole articles only in the record."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.ingest_workers
from cli import main
from cli.common import CliError
from kg.ingest import ArticleReport, Outcome, WorkerDied, ingest_all
from kg.ingest_workers import DIED
from kg.stores.oxigraph_store import OxigraphStore
from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.extraction.model import Extraction
from loaders.sources import FileInput, iter_inputs
from tests.unit.kg.conftest import BASE

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
INPUTS = [str(FIXTURES / "heldout"), str(FIXTURES / "articles"), str(FIXTURES / "heldout2")]


@pytest.fixture
def store() -> Iterator[OxigraphStore]:
    with OxigraphStore(None) as s:
        yield s


def _run(store: OxigraphStore, jobs: int) -> list[Outcome]:
    seen: list[Outcome] = []
    ingest_all(iter_inputs(INPUTS), store, BASE, seen.append, jobs=jobs)
    return seen


def test_two_workers_write_what_one_process_writes(store: OxigraphStore) -> None:
    assert any(isinstance(i, FileInput) for i in iter_inputs(INPUTS))  # read in the workers
    with OxigraphStore(None) as alone:
        one = _run(alone, 1)
        expected = sorted(alone.export("nq").splitlines())
    two = _run(store, 2)
    assert [o.article_iri if isinstance(o, ArticleReport) else o for o in two] == [
        o.article_iri if isinstance(o, ArticleReport) else o for o in one
    ]
    assert [o.extraction for o in two if isinstance(o, ArticleReport)] == [
        o.extraction for o in one if isinstance(o, ArticleReport)
    ]
    assert sorted(store.export("nq").splitlines()) == expected
    assert len(one) > 30


def _dies_on(url: str):  # type: ignore[no-untyped-def]
    def extractor(article: Article) -> Extraction:
        if article.url == url:
            os._exit(3)  # as the kernel's OOM killer would end it: no answer, no exception
        return extract(article)

    return extractor


def test_a_worker_that_dies_ends_the_run_with_whole_articles_only(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.ingest_workers, "CHUNK", 2)
    items = [i for i in iter_inputs(INPUTS[:1]) for i in (i.load() if isinstance(i, FileInput) else [i])]  # fmt: skip
    articles = [i for i in items if isinstance(i, Article)]
    seen: list[Outcome] = []
    with pytest.raises(WorkerDied) as died:
        ingest_all(articles, store, BASE, seen.append, _dies_on(articles[7].url), jobs=2)
    assert str(died.value) == DIED and DIED.count(". ") == 0
    assert len(seen) <= 7  # what came back before it (maybe nothing), written, in order
    assert [o.article_iri for o in seen if isinstance(o, ArticleReport)] == [
        f"{BASE}article/{a.id}" for a in articles[: len(seen)]
    ]
    with OxigraphStore(None) as clean:
        ingest_all(articles[: len(seen)], clean, BASE)
        assert sorted(store.export("nq").splitlines()) == sorted(clean.export("nq").splitlines())


def test_kg_ingest_says_a_worker_died_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = next(i for i in iter_inputs(INPUTS[:1]) if isinstance(i, FileInput)).load()[0]
    assert isinstance(first, Article)
    monkeypatch.setattr("loaders.extraction.extractor.extract", _dies_on(first.url))
    main._register()
    result = CliRunner().invoke(
        main.app, ["--store", str(tmp_path / "s"), "ingest", "--jobs", "2", INPUTS[0]]
    )
    assert isinstance(result.exception, CliError) and result.exception.code == 2
    assert str(result.exception) == DIED
