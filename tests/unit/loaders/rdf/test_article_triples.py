"""The triples ingest builds without an rdflib Graph (build_article_triples) are exactly the
triples of the article's Graph (build_article_graph), on every article of the fixture sets
and of the shared development set when it is beside the clone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.rdf.article_graph import build_article_graph, build_article_triples
from loaders.rdf.triples import Triples
from loaders.sources import iter_articles
from tests.conftest import DEVSET

BASE = "https://kg.test/"
FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
ARTICLE_FILES = (".txt", ".html", ".jsonl", ".xml")  # the datasets' folders hold rows, not articles
FOLDERS = sorted(
    p
    for p in FIXTURES.iterdir()
    if p.is_dir() and any(f.suffix in ARTICLE_FILES for f in p.rglob("*"))
) + ([DEVSET] if DEVSET.is_dir() else [])


def _articles(folder: Path) -> list[Article]:
    return [a for a in iter_articles([folder]) if isinstance(a, Article)]


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_the_triples_equal_the_graphs_triples(folder: Path) -> None:
    articles = _articles(folder)
    assert articles, f"{folder.name} holds no article iter_articles loads"
    for article in articles:
        extraction = extract(article)
        triples = build_article_triples(extraction, BASE)
        graph = build_article_graph(extraction, BASE)
        assert set(triples) == set(graph), article.source
        assert len(triples) == len(graph), article.source


def test_the_ingest_time_is_written_the_same() -> None:
    article = _articles(FOLDERS[0])[0]
    at = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    extraction = extract(article)
    assert set(build_article_triples(extraction, BASE, at)) == set(
        build_article_graph(extraction, BASE, at)
    )


def test_set_replaces_every_object_as_a_graph_does() -> None:
    s, p = URIRef("https://kg.test/s"), URIRef("https://kg.test/p")
    triples = Triples().add((s, p, Literal(1))).add((s, p, Literal(2))).add((s, p, Literal(1)))
    assert len(triples) == 2 and triples.value(s, p) == Literal(1)
    triples.set((s, p, Literal(3)))
    assert list(triples) == [(s, p, Literal(3))] and (s, p, Literal(3)) in triples
    assert triples.value(p, s) is None
