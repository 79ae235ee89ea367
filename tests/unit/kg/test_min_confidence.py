"""KG_MIN_CONFIDENCE: ingest stores only the events and relations at or above it, through the
extractor kg.wiring gives the ingest service; 0 (the default) keeps the default extractor."""

from __future__ import annotations

import pickle
from datetime import date

from kg.settings import get_settings
from kg.wiring import extractor
from loaders.article import Article

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
