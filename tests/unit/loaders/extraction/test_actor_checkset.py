"""The actor check set (tests/fixtures/actors, issue 28): its gold is well formed (the devset
format plus an `actors` key of reference actor codes, which may stand in participants and
relation ends) and the extractor's events F1 on it stays above a floor, scored by the
matching rules of the shared scorer (which compares participant codes as strings, so actor
codes are matched as state codes are)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.extraction.extractor import extract
from loaders.text_loader import read_text_file
from ontology.reference_data import load_reference
from tests.unit.loaders.extraction.test_heldout import (
    DATE,
    EVENT_TYPES,
    ISO3,
    RELATION_TYPES,
    Tally,
    score_events,
    split,
)

CHECKSET = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "actors"
ARTICLES = sorted(CHECKSET.glob("[0-9][0-9]_*.txt"))
FRESH = sorted((CHECKSET / "fresh").glob("[0-9][0-9]_*.txt"))
EVENTS_FLOOR = 0.75  # first score 0.233; reached 0.821 (docs/extraction.md, "Non-state actors")
FRESH_EVENTS_FLOOR = 0.65  # scored once, never tuned on: 0.737
ACTORS_FLOOR = 0.90


def gold(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))


def test_ten_articles_with_gold() -> None:
    assert len(ARTICLES) == 10
    assert all(a.with_name(a.stem + ".gold.json").exists() for a in ARTICLES)


@pytest.mark.parametrize("article", ARTICLES + FRESH, ids=lambda p: p.stem)
def test_gold_is_well_formed(article: Path) -> None:
    g, (lines, body) = gold(article), split(article)
    assert len(lines) == 3 and lines[0].startswith("url: ") and lines[2].startswith("title: ")
    assert set(g) == {"states", "organizations", "actors", "leaders", "events", "relations"}
    known = {a.code for a in load_reference().actors}
    assert set(g["states"]) <= ISO3 and set(g["actors"]) <= known
    parties = set(g["states"]) | set(g["organizations"]) | set(g["actors"])
    for event in g["events"]:
        assert event["type"] in EVENT_TYPES and DATE.fullmatch(event["date"]), event
        assert set(event["participants"]) <= parties and event["evidence"] in body
    for rel in g["relations"]:
        assert rel["type"] in RELATION_TYPES and {rel["a"], rel["b"]} <= parties
        assert rel["evidence"] in body


def _scores(articles: list[Path]) -> tuple[float, float]:
    events, actors = Tally(), Tally()
    for article in articles:
        g, p = gold(article), extract(read_text_file(article)).to_json()
        score_events(g["events"], p["events"], events)
        actors.add(set(g["actors"]), {a["code"] for a in p["actors"]})
    return events.f1(), actors.f1()


def test_events_f1_and_actors_stay_above_the_floor() -> None:
    events, actors = _scores(ARTICLES)
    assert events >= EVENTS_FLOOR, f"actor check set events F1 {events:.3f}"
    assert actors >= ACTORS_FLOOR, f"actor check set actors F1 {actors:.3f}"


def test_fresh_events_f1_stays_above_the_floor() -> None:
    assert len(FRESH) == 5
    events, actors = _scores(FRESH)
    assert events >= FRESH_EVENTS_FLOOR, f"fresh actor texts events F1 {events:.3f}"
    assert actors >= ACTORS_FLOOR, f"fresh actor texts actors F1 {actors:.3f}"
