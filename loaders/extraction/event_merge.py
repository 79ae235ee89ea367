"""From candidates to events: an undated mention takes the story's date (or joins the same
event dated elsewhere in the article), and one event mentioned twice is one event (same
type, two shared participants, overlapping dates; the best-dated mention wins)."""

from __future__ import annotations

import re

from loaders.extraction import dates as dt
from loaders.extraction.event_dating import narrative_date
from loaders.extraction.event_index import EventIndex
from loaders.extraction.event_model import EventCandidate, EventContext
from loaders.extraction.sentences import Sentence

_SOURCE_RANK = {"own": 0, "offset": 1, "lead": 2, "narrative": 3, "report": 4, "merged": 5, "": 9}
_DURATION = re.compile(
    r"\b(?:over\s+the\s+(?:decades|years|past\s+\w+)|for\s+(?:years|decades|months|generations)|"
    r"(?:has|have)\s+long|repeatedly|continued\s+to|continues\s+to|traditionally|historically|"
    r"often|frequently|regularly|routinely|usually)\b",
    re.IGNORECASE,
)


def same_event(a: EventCandidate, b: EventCandidate) -> bool:
    if a.type != b.type:
        return False
    shared = set(a.participants) & set(b.participants)
    if len(shared) < min(2, len(a.participants), len(b.participants)):
        return False
    if _reversed(a, b):
        return False  # a tit-for-tat: India expels a Canadian, Canada an Indian
    if a.date is None or b.date is None:
        return True
    return dt.overlap(a.date, b.date)


_SUBORDINATE = re.compile(r"\b(?:after|before|when|while|as|because|since|following|whereas)\b")


# Acts that are answered in kind: expulsions, recalled envoys, summons, sanctions.
_TIT_FOR_TAT = frozenset({"diplomatic_relations_severed", "diplomatic_protest", "sanctions"})


def _reversed(a: EventCandidate, b: EventCandidate) -> bool:
    """Directed events with initiator and target swapped."""
    if a.type not in _TIT_FOR_TAT or len(a.participants) < 2 or len(b.participants) < 2:
        return False
    if a.participants[:2] != b.participants[1::-1]:
        return False
    if a.sentence.index != b.sentence.index:
        return True
    # In one sentence, only a second act in its own clause: "... hours after Ottawa threw out"
    lo, hi = sorted((a, b), key=lambda c: c.start)
    between = a.sentence.text[lo.end - a.sentence.start : hi.start - a.sentence.start]
    return bool(_SUBORDINATE.search(between))


def near(a: str, b: str, days: int = 7) -> bool:
    """Two dates that overlap or lie within `days` of each other."""
    ba, bb = dt.bounds(a), dt.bounds(b)
    if ba is None or bb is None:
        return False
    return (ba[0] - bb[1]).days <= days and (bb[0] - ba[1]).days <= days


def _recent_or_near(ctx: EventContext, value: str, sent: Sentence) -> bool:
    """A narrative date carries over when it is the news peg (within a month of the anchor)
    or was given in this paragraph or the one before."""
    b = dt.bounds(value)
    if b and ctx.anchor and abs((ctx.anchor - b[1]).days) <= 31:
        return True
    for index in range(sent.index - 1, -1, -1):
        owner = ctx.sentences[index]
        if sent.paragraph - owner.paragraph > 1:
            break
        if any(d.value == value for d in ctx.dates_in(owner)):
            return True
    return False


def _fallback(ctx: EventContext, c: EventCandidate) -> tuple[str, str, float] | None:
    """The story's date for an undated mention: the date of the event just told (past tense),
    else in the lead the news peg. Wars and durations never borrow a date."""
    if ctx.anchor is None or c.type == "war" or _DURATION.search(c.sentence.text):
        return None
    nd = narrative_date(ctx, c.sentence) if c.past else None
    if nd and _recent_or_near(ctx, nd, c.sentence):
        return nd, "narrative", 0.5
    if c.sentence.index <= 1 and (c.past or c.extra.get("perfect")) and ctx.lead_date:
        return ctx.lead_date, "lead", 0.55
    return None


def _date_undated(
    ctx: EventContext, dated: list[EventCandidate], undated: list[EventCandidate]
) -> None:
    """Give undated mentions the story's date, unless they are an event dated elsewhere."""
    index = EventIndex(dated)  # looked up, not scanned: a scan per mention was quadratic
    for c in undated:
        fallback = _fallback(ctx, c)
        if any(same_event(c, d) for d in index.candidates(c)) and (
            fallback is None
            or any(
                same_event(c, d) and near(fallback[0], d.date or "")
                for d in index.candidates(c, around=fallback[0])
            )
        ):
            continue  # the same event, dated elsewhere in the article
        if fallback is not None:
            c.date, c.date_source, c.confidence = fallback
            dated.append(c)


def merge_events(ctx: EventContext, found: list[EventCandidate]) -> list[EventCandidate]:
    dated = [c for c in found if c.date]
    undated = [c for c in found if not c.date]
    ctx.dated_events = sorted(dated, key=lambda c: c.start)
    _date_undated(ctx, dated, undated)
    # One event mentioned twice is one event: keep the best-dated mention.
    dated.sort(key=lambda c: (_SOURCE_RANK.get(c.date_source, 9), dt.width(c.date or ""), c.start))
    index = EventIndex()  # the first kept event that is the same, found by lookup (event_index)
    for c in dated:
        twin = next((k for k in index.candidates(c) if same_event(k, c)), None)
        if twin is None:
            index.add(c)
        elif (
            c.type == "war"
            and len(c.participants) > len(twin.participants)
            and set(twin.participants) <= set(c.participants)
        ):
            twin.participants = c.participants
            index.file(twin, c.participants)
    return sorted(index.kept, key=lambda c: c.start)
