"""An event's confidence comes from its signals through the weights fitted on the tuning sets
(bench/calibrate_confidence.py --write): every signal the extractor can give has a weight,
the value is a probability, and what the extraction JSON reports is that value."""

from __future__ import annotations

import json
from datetime import date

from loaders.article import Article
from loaders.extraction.confidence import DATA, confidence
from loaders.extraction.event_triggers import FAMILY
from loaders.extraction.extractor import extract

SIGNALS = {f"family={f}" for f in {*FAMILY, "named"}} | {"date=own", "date=carried"}
SIGNALS |= {"inferred", "perfect", "implied"}


def test_every_signal_has_a_fitted_weight() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert "calibrate_confidence.py" in data["about"]
    assert SIGNALS | {"bias"} <= set(data["weights"])


def test_the_confidence_is_a_probability_and_the_json_reports_it() -> None:
    text = "China and North Korea signed a treaty of friendship on July 11, 1961."
    article = Article(url=None, title=None, published=date(2024, 6, 1), text=text)
    (event,) = extract(article).events
    assert "family=core" in event.signals and "date=own" in event.signals
    assert 0.0 < confidence(event.signals) < 1.0
    assert event.confidence == round(confidence(event.signals), 2)
    assert "signals" not in event.model_dump()  # internal: not part of the extraction JSON


def test_at_least_drops_the_facts_below_a_confidence_and_keeps_the_rest() -> None:
    text = (
        "China and North Korea signed a treaty of friendship on July 11, 1961. "
        "North Korea and China are close allies."
    )
    out = extract(Article(url=None, title=None, published=date(2024, 6, 1), text=text))
    assert out.events and out.relations
    assert out.at_least(0.0) is out
    top = max(e.confidence for e in out.events)
    kept = out.at_least(top)
    assert [e.confidence for e in kept.events] == [
        c for c in (e.confidence for e in out.events) if c >= top
    ]
    assert out.at_least(1.01).events == [] and out.at_least(1.01).relations == []
    assert out.at_least(1.01).states == out.states  # what the article names stays
