"""The held-out set (tests/fixtures/heldout): the gold files are well formed, their evidence
is verbatim, and the extractor's micro-F1 on them (by the matching rules of the shared
scorer, ../shared/eval/score.py, re-implemented here) stays above a floor.

The second held-out set (tests/fixtures/heldout2) gets the same checks and a floor of its
own. The floors guard against regressions; each is set a little below the score reached
when it was last raised. The set was annotated before the extractor was run on it, but the rules
were improved after reading its misses, so the score is no longer a clean generalisation
figure (see docs/extraction.md).

The real-news set (tests/fixtures/realnews: twelve real articles, gold written before any
extractor run) gets the gold checks only; its floor is set after its first scoring."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pycountry
import pytest

from loaders.extraction.extractor import extract
from loaders.text_loader import read_text_file
from tests.conftest import require_devset

HELDOUT = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "heldout"
HELDOUT_FLOOR = 0.95  # reached 0.972 (docs/extraction.md, third round)
HELDOUT2_FLOOR = 0.84  # reached 0.855 over all sixteen (docs/extraction.md, third round)
DEVSET_FLOOR = 0.95  # reached 1.000; the devset must stay >= 0.90
ARTICLES = sorted(HELDOUT.glob("[0-9][0-9]_*.txt"))
FRESH = sorted((HELDOUT / "fresh").glob("[0-9][0-9]_*.txt"))
HELDOUT2 = HELDOUT.parent / "heldout2"
SECOND = sorted(HELDOUT2.glob("[0-9][0-9]_*.txt"))
REALNEWS = HELDOUT.parent / "realnews"
REAL = sorted(REALNEWS.glob("[0-9][0-9]_*.txt"))
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


@pytest.mark.parametrize("article", ARTICLES + FRESH + SECOND, ids=lambda p: p.stem)
def test_header(article: Path) -> None:
    lines, body = split(article)
    assert len(lines) == 3
    assert lines[0].startswith("url: ")
    assert re.fullmatch(r"published: \d{4}-\d{2}-\d{2}", lines[1])
    assert lines[2].startswith("title: ")
    assert 250 <= len(body.split()) <= 350


@pytest.mark.parametrize("article", REAL, ids=lambda p: p.stem)
def test_realnews_header(article: Path) -> None:
    """Real articles: the date may be unknown and the stored openings run a little longer."""
    lines, body = split(article)
    assert len(lines) == 3
    assert lines[0].startswith("url: http")
    assert re.fullmatch(r"published: (\d{4}-\d{2}-\d{2}|unknown)", lines[1])
    assert lines[2].startswith("title: ")
    assert 250 <= len(body.split()) <= 600


def test_realnews_has_twelve_articles_with_gold() -> None:
    assert len(REAL) == 12
    assert all(a.with_name(a.stem + ".gold.json").exists() for a in REAL)


@pytest.mark.parametrize("article", ARTICLES + FRESH + SECOND + REAL, ids=lambda p: p.stem)
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


# --- a small scorer with the matching rules of score.py -------------------------------------

UNSCORED = {"statement", "other"}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], pred: set[str]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _day_span(point: str) -> tuple[date, date]:
    y, *rest = (int(x) for x in point.split("-"))
    if len(rest) == 2:
        return date(y, rest[0], rest[1]), date(y, rest[0], rest[1])
    if len(rest) == 1:
        return date(y, rest[0], 1), date(y, rest[0], calendar.monthrange(y, rest[0])[1])
    return date(y, 1, 1), date(y, 12, 31)


def overlap(a: str, b: str) -> bool:
    """Dates at any precision or A/B ranges that share a day."""
    (a0, _), (_, a1) = _day_span(a.split("/")[0]), _day_span(a.split("/")[-1])
    (b0, _), (_, b1) = _day_span(b.split("/")[0]), _day_span(b.split("/")[-1])
    return a0 <= b1 and b0 <= a1


def event_match(g: dict, p: dict) -> bool:
    shared = set(g["participants"]) & set(p["participants"])
    return (
        g["type"] == p["type"]
        and len(shared) >= min(2, len(g["participants"]))
        and overlap(g["date"], p["date"])
    )


def score_events(gold: list[dict], pred: list[dict], tally: Tally) -> None:
    """One-to-one, greedy in gold order; statements and 'other' are not scored."""
    unused = [p for p in pred if p["type"] not in UNSCORED]
    for g in (g for g in gold if g["type"] not in UNSCORED):
        hit = next((p for p in unused if event_match(g, p)), None)
        if hit is None:
            tally.fn += 1
        else:
            unused.remove(hit)
            tally.tp += 1
    tally.fp += len(unused)


def _leader_keys(leaders: list[dict]) -> set[str]:
    return {re.sub(r"[^a-z]", "", x["name"].lower()) + "@" + x["state"] for x in leaders}


def _relation_keys(relations: list[dict]) -> set[str]:
    return {r["type"] + ":" + "|".join(sorted((r["a"], r["b"]))) for r in relations}


def micro_f1(folder: Path) -> float:
    """Overall micro-F1 over states, leaders, events and relations, as score.py prints it."""
    tally = Tally()
    for article in sorted(folder.glob("[0-9][0-9]_*.txt")):
        g = gold(article)
        p = extract(read_text_file(article)).to_json()
        tally.add(set(g["states"]), set(p["states"]))
        tally.add(_leader_keys(g["leaders"]), _leader_keys(p["leaders"]))
        tally.add(_relation_keys(g["relations"]), _relation_keys(p["relations"]))
        score_events(g["events"], p["events"], tally)
    return tally.f1()


def test_the_scorer_matches_dates_and_participants_like_score_py() -> None:
    assert overlap("2023-02", "2023-02-14") and overlap("1950/1953", "1952")
    assert not overlap("2023-01", "2023-02-14")
    g = {"type": "war", "participants": ["CHN", "PRK", "KOR"], "date": "1950/1953"}
    assert event_match(g, {"type": "war", "participants": ["PRK", "CHN"], "date": "1951"})
    assert not event_match(g, {"type": "war", "participants": ["PRK"], "date": "1951"})


def test_heldout_micro_f1_stays_above_the_floor() -> None:
    score = micro_f1(HELDOUT)
    assert score >= HELDOUT_FLOOR, f"held-out micro-F1 {score:.3f} < {HELDOUT_FLOOR}"


def test_second_heldout_set_has_sixteen_articles_with_gold() -> None:
    assert len(SECOND) == 16
    assert all(a.with_name(a.stem + ".gold.json").exists() for a in SECOND)


def test_second_heldout_micro_f1_stays_above_the_floor() -> None:
    score = micro_f1(HELDOUT2)
    assert score >= HELDOUT2_FLOOR, f"held-out 2 micro-F1 {score:.3f} < {HELDOUT2_FLOOR}"


def test_devset_micro_f1_stays_above_the_floor() -> None:
    score = micro_f1(require_devset())
    assert score >= DEVSET_FLOOR, f"devset micro-F1 {score:.3f} < {DEVSET_FLOOR}"


REALNEWS_FLOOR = 0.76  # reached 0.791 over all twelve (07-12, the check half, alone: 0.742)


def test_real_news_micro_f1_stays_above_the_floor() -> None:
    """Real articles, gold made before any extractor run (tests/fixtures/realnews/README.md)."""
    score = micro_f1(REALNEWS)
    assert score >= REALNEWS_FLOOR, f"real news micro-F1 {score:.3f} < {REALNEWS_FLOOR}"


REALNEWS3 = HELDOUT.parent / "realnews3"
# reached 0.785 over all fourteen (first scoring, before any rule was written for it: 0.654
# on 01-07 and 0.661 on 08-14; both halves were then read and tuned on)
REALNEWS3_FLOOR = 0.76


def test_third_real_news_set_micro_f1_stays_above_the_floor() -> None:
    """Real articles, gold made before any extractor run (tests/fixtures/realnews3/README.md)."""
    score = micro_f1(REALNEWS3)
    assert score >= REALNEWS3_FLOOR, f"real news 3 micro-F1 {score:.3f} < {REALNEWS3_FLOOR}"


REALNEWS4 = HELDOUT.parent / "realnews4"
# reached 0.798 (docs/extraction.md, fourth round); the set is never read while rules are
# written: this floor only guards against regressions, its misses stay unseen
REALNEWS4_FLOOR = 0.77


def test_fourth_real_news_set_micro_f1_stays_above_the_floor() -> None:
    """Real articles, gold made before any extractor run (tests/fixtures/realnews4/README.md)."""
    score = micro_f1(REALNEWS4)
    assert score >= REALNEWS4_FLOOR, f"real news 4 micro-F1 {score:.3f} < {REALNEWS4_FLOOR}"


REALNEWS5 = HELDOUT.parent / "realnews5"
# reached 0.789 with the rules alone (docs/extraction.md, "The parser backoff"); a check set
# never read while rules are written: the floor only guards against regressions
REALNEWS5_FLOOR = 0.77


def test_fifth_real_news_set_micro_f1_stays_above_the_floor() -> None:
    """Real articles, gold made before any extractor run (tests/fixtures/realnews5/README.md)."""
    score = micro_f1(REALNEWS5)
    assert score >= REALNEWS5_FLOOR, f"real news 5 micro-F1 {score:.3f} < {REALNEWS5_FLOOR}"


REALNEWS6 = HELDOUT.parent / "realnews6"
# reached 0.776 with the rules alone at its first scoring (0.770 with the spaCy backoff); a check
# set never read while rules are written: the floor only guards against regressions
REALNEWS6_FLOOR = 0.75


def test_sixth_real_news_set_micro_f1_stays_above_the_floor() -> None:
    """Real articles, gold made before any extractor run (tests/fixtures/realnews6/README.md)."""
    score = micro_f1(REALNEWS6)
    assert score >= REALNEWS6_FLOOR, f"real news 6 micro-F1 {score:.3f} < {REALNEWS6_FLOOR}"
