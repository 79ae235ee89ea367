"""KG_MIN_CONFIDENCE and KG_PARSER: ingest stores only the events and relations at or above it, through the
extractor kg.wiring gives the ingest service; 0 (the default) keeps the default extractor."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from kg.settings import get_settings
from kg.wiring import extractor
from loaders.article import Article
from tests.conftest import in_ci

TEXT = (
    "China and North Korea signed a treaty of friendship on July 11, 1961. "
    "North Korea and China are close allies."
)
ARTICLE = Article(url=None, title=None, published=date(2024, 6, 1), text=TEXT)


def test_no_floor_keeps_the_default_extractor() -> None:
    assert extractor(get_settings()) is None


def test_a_floor_drops_what_is_below_it_and_survives_pickling_for_workers() -> None:
    run = extractor(get_settings(min_confidence=1.0))
    assert run is not None
    out = pickle.loads(pickle.dumps(run))(ARTICLE)
    assert out.events == [] and out.relations == [] and {"CHN", "PRK"} <= set(out.states)
    low = extractor(get_settings(min_confidence=0.01))
    assert low is not None and low(ARTICLE).events


def test_kg_parser_gives_ingest_the_backoffs_events_in_worker_processes_too() -> None:
    """KG_PARSER=spacy: the extractor ingest runs (and pickles to its --jobs workers) adds
    the events of the parser backoff."""
    if not in_ci():
        pytest.importorskip("spacy")
    article = Article(
        url=None,
        title=None,
        published=date(2024, 10, 9),
        text="Moscow hit back on Tuesday, ordering 23 British diplomats out of the country.",
    )
    run = extractor(get_settings(parser="spacy"))
    assert run is not None
    found = {(e.type, tuple(e.participants)) for e in pickle.loads(pickle.dumps(run))(article).events}  # fmt: skip
    assert ("diplomatic_relations_severed", ("RUS", "GBR")) in found
