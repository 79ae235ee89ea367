"""Events that no single trigger gives: "X followed suit" (the previous sentence's act by a
new subject) and anniversaries ("75 years of diplomatic ties": relations established 75
years before the article's date)."""

from __future__ import annotations

import re

from loaders.extraction import dates as dt
from loaders.extraction.clauses import actors
from loaders.extraction.event_dating import date_for
from loaders.extraction.event_model import EventCandidate, EventContext
from loaders.extraction.event_participants import participants
from loaders.extraction.sentences import Sentence

_I = re.IGNORECASE
_FOLLOWED_SUIT = re.compile(r"\b(?P<t>followed\s+suit|did\s+the\s+same|did\s+likewise)\b", _I)
_SUITS = frozenset(
    {"diplomatic_relations_established", "diplomatic_relations_severed", "diplomatic_protest",
     "sanctions", "alliance_formed", "arms_transfer", "military_intervention"}
)  # fmt: skip
_Act = tuple[str, list[str], str | None]
_RECOGNIZE = re.compile(r"\b(?:recogni[sz]e[ds]?|recognition\s+of)\s+(?P<obj>[A-Z][\w'’ -]{2,30})")
N_YEARS_OF_TIES = re.compile(
    r"\b(?P<approx>(?:nearly|almost|about|around|over|more\s+than|some|roughly|close\s+to)\s+)?"
    r"(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)(?:th)?\s+(?:years?\s+of|anniversary\s+of(?:\s+the)?(?:\s+(?:establishment|normali[sz]ation|restoration)\s+of)?)\s+"
    r"(?:the\s+)?(?:their\s+)?(?:bilateral\s+|formal\s+)?diplomatic\s+(?:relations|ties)\b",
    _I,
)
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip


def years_number(token: str) -> int | None:
    """'75', 'seventy-five', 'thirty' as a number."""
    token = token.lower()
    if token.isdigit():
        return int(token)
    if "-" in token:
        a, b = token.split("-", 1)
        if a in _TENS and b in dt.NUMBERS and dt.NUMBERS[b] < 10:
            return _TENS[a] + dt.NUMBERS[b]
        return None
    return _TENS.get(token) or dt.NUMBERS.get(token)


def followed_suit(
    ctx: EventContext, sent: Sentence, earlier: list[EventCandidate]
) -> list[EventCandidate]:
    """'Jordan followed suit': the previous sentence's act (recognising Israel, cutting ties
    with Qatar, ...) by a new subject, dated by its own sentence or else like the act."""
    m = _FOLLOWED_SUIT.search(sent.text)
    if not m or sent.index == 0:
        return []
    here = actors(ctx.mentions.in_sentence(sent.index))
    subject = [x.code for x in here if x.start - sent.start < m.start()]
    if not subject:
        return []
    a_start, a_end = sent.start + m.start("t"), sent.start + m.end("t")
    value, source = date_for(ctx, sent, a_start, a_end, (0, len(sent.text)))
    act = _recognition(ctx, sent, subject[-1]) or _previous_act(earlier, sent, subject[-1])
    if act is None:
        return []
    etype, parties, act_date = act
    if value is None and act_date is not None:
        value, source = act_date, "narrative"
    return [EventCandidate(etype, parties, value, source, sent, a_start, a_end, 0.6, True)]


def _recognition(ctx: EventContext, sent: Sentence, subject: str) -> _Act | None:
    """The previous sentence recognised a state: the subject establishes relations with it."""
    prev = ctx.sentences[sent.index - 1]
    rm = _RECOGNIZE.search(prev.text)
    if not rm:
        return None
    there = actors(ctx.mentions.in_sentence(prev.index))
    obj = [x for x in there if x.start - prev.start >= rm.start("obj")]
    if not obj or obj[0].code == subject:
        return None
    return "diplomatic_relations_established", [subject, obj[0].code], None


def _previous_act(earlier: list[EventCandidate], sent: Sentence, subject: str) -> _Act | None:
    """The last act of the two previous sentences that one state does to another."""
    for e in reversed(earlier):
        if sent.index - e.sentence.index > 2:
            break
        if e.type in _SUITS and len(e.participants) >= 2 and subject not in e.participants[1:]:
            return e.type, [subject, *e.participants[1:]], e.date
    return None


def anniversaries(ctx: EventContext) -> list[EventCandidate]:
    """'75 years of diplomatic ties' (exact) -> relations established in published year - 75."""
    if ctx.anchor is None:
        return []
    out: list[EventCandidate] = []
    for sent in ctx.sentences:
        if "diplomatic" not in sent.text:
            continue
        for m in N_YEARS_OF_TIES.finditer(sent.text):
            cand = None if m.group("approx") else _anniversary(ctx, sent, ctx.anchor.year, m)
            if cand is not None:
                out.append(cand)
    return out


def _anniversary(
    ctx: EventContext, sent: Sentence, year: int, m: re.Match[str]
) -> EventCandidate | None:
    n = years_number(m.group("n"))
    if n is None or n <= 0:
        return None
    a_start, a_end = sent.start + m.start(), sent.start + m.end()
    etype = "diplomatic_relations_established"
    found, _ = participants(ctx, etype, sent, a_start, a_end, (0, len(sent.text)))
    if len(found) < 2:
        return None
    value = f"{year - n:04d}"
    return EventCandidate(etype, found[:2], value, "own", sent, a_start, a_end, 0.7, True)
