"""The held-out set (tests/fixtures/heldout): the gold files are well formed and their
evidence is verbatim."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
import pytest

HELDOUT = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "heldout"
ARTICLES = sorted(HELDOUT.glob("[0-9][0-9]_*.txt"))
EVENT_TYPES = {
    "diplomatic_relations_established", "diplomatic_relations_severed", "state_visit",
    "summit_meeting", "talks", "message_exchange", "statement", "diplomatic_protest",
    "treaty_signed", "alliance_formed", "sanctions", "arms_transfer", "military_exercise",
    "armed_clash", "military_intervention", "war", "veto", "other",
}  # fmt: skip
RELATION_TYPES = {"ally", "partner", "rival", "adversary", "at_war", "diplomatic_relations"}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?")
ISO3 = {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries}


def split(path: Path) -> tuple[list[str], str]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return head.split("\n"), body


def gold(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))


def test_twelve_articles_with_gold() -> None:
    assert len(ARTICLES) == 12
    assert all(a.with_name(a.stem + ".gold.json").exists() for a in ARTICLES)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_header(article: Path) -> None:
    lines, body = split(article)
    assert len(lines) == 3
    assert lines[0].startswith("url: ")
    assert re.fullmatch(r"published: \d{4}-\d{2}-\d{2}", lines[1])
    assert lines[2].startswith("title: ")
    assert 250 <= len(body.split()) <= 350


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_is_well_formed(article: Path) -> None:
    g = gold(article)
    _, body = split(article)
    assert set(g) == {"states", "organizations", "leaders", "events", "relations"}
    states = set(g["states"])
    assert len(states) == len(g["states"]) and states <= ISO3
    actors = states | set(g["organizations"])
    for leader in g["leaders"]:
        assert set(leader) == {"name", "state", "role"} and leader["state"] in states
        assert all(tok in body.replace(".", "") for tok in leader["name"].replace(".", "").split())
    for event in g["events"]:
        assert event["type"] in EVENT_TYPES
        assert event["participants"] and set(event["participants"]) <= actors
        assert DATE.fullmatch(event["date"]), event
        assert event["evidence"] in body
    for rel in g["relations"]:
        assert rel["type"] in RELATION_TYPES
        assert {rel["a"], rel["b"]} <= actors and rel["a"] != rel["b"]
        assert rel["since"] is None or re.fullmatch(r"\d{4}", rel["since"])
        assert rel["evidence"] in body
