"""When an event happened: the nearest date of its sentence (a date nearer another trigger
belongs to that one), an offset phrase ("16 months after", "a day after X"), a report date
("officials said Tuesday", at month precision), the story's date (`narrative_date`) and the
news peg of the lead (`lead_date`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from loaders.extraction import dates as dt
from loaders.extraction.date_resolve import number
from loaders.extraction.event_model import EventContext
from loaders.extraction.sentences import Sentence


@dataclass
class _SentenceDates:
    best: tuple[int, dt.DateMention] | None = None  # (score, mention): smaller is nearer
    report: dt.DateMention | None = None
    offset: dt.DateMention | None = None


_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.IGNORECASE)
_WORD_AFTER = re.compile(
    r"\s+(?:[a-z]|[A-Z]{2,}\s+[a-z])"
)  # "the 1960 embargo", "the 1960 US embargo"
_LATER = re.compile(r"^(?:\d{1,3}|[A-Za-z]+)\s+\w+?s?\s+later$", re.IGNORECASE)
_WHEN_AFTER = re.compile(r"\s*,\s*when\b", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had)\b")


def _after_comma(text: str, d: dt.DateMention) -> bool:
    """', three days later' closing a sentence, not 'ending a month later'."""
    return text[max(0, d.start - 3) : d.start].rstrip().endswith(",")


def _attributive(text: str, d: dt.DateMention) -> bool:
    """A bare year that modifies a noun: 'the 2015 nuclear agreement'."""
    if len(d.value) != 4 or d.kind != dt.ABSOLUTE:
        return False
    before = text[max(0, d.start - 8) : d.start]
    return bool(_ARTICLE_BEFORE.search(before) and _WORD_AFTER.match(text, d.end))


def _other_noun_year(text: str, d: dt.DateMention, t_start: int) -> bool:
    """'the 2015 nuclear agreement': the agreement's year, not this event's; 'The 1960
    embargo is expanded': not the year of the expansion either."""
    if not _attributive(text, d):
        return False
    return not (d.start <= t_start < d.end + 40 and not _FINITE.search(text, d.end, t_start))


def distance(d: dt.DateMention, t_start: int, t_end: int, sent: Sentence) -> int:
    """Characters between a date and a trigger. A date after its trigger binds closer than
    one before it ("the visit in May 1989 normalised ..."), except a date that opens the
    sentence ("On Monday night, a fight broke out")."""
    if d.end <= t_start:
        opening = d.start - sent.start <= 4
        return t_start - d.end + (0 if opening else 20)
    return d.start - t_end


def _owned_by_other(
    d: dt.DateMention, dist: int, sent: Sentence, others: list[tuple[int, int]]
) -> bool:
    """A date belongs to the trigger nearest to it: 'a fight broke out on Monday ...
    fought a war in 1962' gives each its own date."""
    for o_s, o_e in others:
        other = distance(d, sent.start + o_s, sent.start + o_e, sent)
        if 0 <= other < dist:
            return True
    return False


def _sentence_dates(
    ctx: EventContext,
    sent: Sentence,
    t_start: int,
    t_end: int,
    clause: tuple[int, int],
    others: list[tuple[int, int]] | None,
    noun: bool = False,
) -> _SentenceDates:
    found = _SentenceDates()
    for d in ctx.dates_in(sent):
        if d.kind in (dt.SINCE, dt.UNTIL):
            if _since_when(ctx, sent, d, t_start, clause):
                found.best = (-1, d)  # "closed since Sunday, when guards exchanged fire"
        elif d.kind == dt.OFFSET:
            if d.end <= t_start and clause[0] <= d.start - sent.start:
                found.offset = d
        elif d.kind == dt.REPORT:
            found.report = d
        else:
            score = _score(ctx, sent, d, (t_start, t_end), clause, others, noun)
            if score is not None and (found.best is None or score < found.best[0]):
                found.best = (score, d)
    return found


def _since_when(
    ctx: EventContext, sent: Sentence, d: dt.DateMention, t_start: int, clause: tuple[int, int]
) -> bool:
    """'since Sunday, when <trigger>': the trigger's clause opens with that 'when'."""
    when = _WHEN_AFTER.match(ctx.text, d.end)
    return bool(d.value and when and clause[0] <= when.end() - sent.start <= t_start - sent.start)


def _score(
    ctx: EventContext,
    sent: Sentence,
    d: dt.DateMention,
    trigger: tuple[int, int],
    clause: tuple[int, int],
    others: list[tuple[int, int]] | None,
    noun: bool,
) -> int | None:
    """How near a date is to the trigger (smaller is nearer); None: not its date."""
    t_start, t_end = trigger
    dist = distance(d, t_start, t_end, sent)
    if (others and _owned_by_other(d, dist, sent, others)) or _other_noun_year(
        ctx.text, d, t_start
    ):
        return None
    in_clause = clause[0] <= d.start - sent.start < clause[1]
    if noun and not in_clause and d.end <= t_start:
        return None  # "X on Wednesday ..., including ... over its invasion": not that date
    if _LATER.search(d.text) and d.start >= t_end and d.value and _after_comma(ctx.text, d):
        return -1  # "X did Y on Nov 18 ..., three days later": counted from the date before
    return dist + (0 if in_clause else 150)


def _from_offset(
    ctx: EventContext, sent: Sentence, found: _SentenceDates, t_start: int
) -> str | None:
    """'A day after X [date], Y': Y is X's date moved forward. 'The accord came 16 months
    after X': X is the accord's date (or the story's) moved back."""
    offset = found.offset
    if offset is None or offset.offset is None:
        return None
    amount, unit, sign = offset.offset
    comma = sent.text.find(",", offset.end - sent.start)
    if offset.start - sent.start < 3 and 0 <= comma < t_start - sent.start:
        inner = [
            d
            for d in ctx.dates_in(sent)
            if offset.end <= d.start < sent.start + comma and d.kind in (dt.ABSOLUTE, dt.RELATIVE)
        ]
        return dt.shift(inner[0].value, amount, unit, -sign) if inner else None
    base = (
        found.best[1].value
        if found.best
        else _sentence_base(ctx, sent, offset.start)
        or narrative_date(ctx, sent)
        or (ctx.anchor.isoformat() if ctx.anchor else None)
    )
    return dt.shift(base, amount, unit, sign) if base else None


def _sentence_base(ctx: EventContext, sent: Sentence, before: int) -> str | None:
    """'Y on Saturday, four days after X': the sentence's own date before the offset, even
    when another trigger of the sentence holds it."""
    dates = [
        d
        for d in ctx.dates_in(sent)
        if d.end <= before and d.kind in (dt.ABSOLUTE, dt.RELATIVE) and d.value
    ]
    return dates[-1].value if dates else None


def _own_after(d: dt.DateMention, t_end: int, sent: Sentence, clause: tuple[int, int]) -> bool:
    return t_end <= d.start and d.start - sent.start < clause[1] and d.kind == dt.ABSOLUTE


def date_for(
    ctx: EventContext,
    sent: Sentence,
    t_start: int,
    t_end: int,
    clause: tuple[int, int],
    others: list[tuple[int, int]] | None = None,
    noun: bool = False,
) -> tuple[str | None, str]:
    """The date of a trigger and where it came from (own, offset, report; '' for none).
    A noun trigger takes no date from an earlier clause."""
    found = _sentence_dates(ctx, sent, t_start, t_end, clause, others, noun)
    if found.best is not None and _own_after(found.best[1], t_end, sent, clause):
        # "twenty years after the US invaded Afghanistan in October 2001": the date the
        # trigger's own clause gives is its date; the offset dates the other event.
        return found.best[1].value, "own"
    shifted = _from_offset(ctx, sent, found, t_start)
    if shifted:
        return shifted, "offset"
    if found.best is not None:
        return found.best[1].value, "own"
    if found.report is not None:
        return dt.to_month(found.report.value), "report"
    return None, ""


def narrative_date(ctx: EventContext, sent: Sentence) -> str | None:
    """What the story is talking about: the date of the latest event dated before this
    sentence, else the latest date mentioned before it."""
    if ctx.narrative is None or ctx.narrative[0] is not ctx.dated_events:
        ctx.narrative = (ctx.dated_events, *_narrative_tables(ctx))
    _, by_events, by_mentions = ctx.narrative
    return by_events[sent.index] or by_mentions[sent.index]


def _narrative_tables(ctx: EventContext) -> tuple[list[str | None], list[str | None]]:
    """Per sentence index i: the date of the last dated event (own or lead, in the order of
    ctx.dated_events) in a sentence before i, and the last date mentioned before i. Built
    once: scanning back from each sentence was quadratic on hostile text (issue 32)."""
    n = len(ctx.sentences)
    last_at: list[tuple[int, str] | None] = [None] * (n + 1)  # (position, date) by index
    for position, ev in enumerate(ctx.dated_events):
        if ev.date and ev.date_source in ("own", "lead") and 0 <= ev.sentence.index < n:
            last_at[ev.sentence.index] = (position, ev.date)
    by_events: list[str | None] = [None] * (n + 1)
    by_mentions: list[str | None] = [None] * (n + 1)
    best: tuple[int, str] | None = None
    mentioned: str | None = None
    for i in range(n):
        by_events[i], by_mentions[i] = best[1] if best else None, mentioned
        here = last_at[i]
        if here is not None and (best is None or here > best):
            best = here
        for d in ctx.dates_in(ctx.sentences[i]):
            if d.kind in (dt.ABSOLUTE, dt.RELATIVE, dt.REPORT):
                mentioned = d.value
    by_events[n], by_mentions[n] = best[1] if best else None, mentioned
    return by_events, by_mentions


def lead_date(
    sentences: list[Sentence], date_mentions: list[dt.DateMention], anchor: date | None
) -> str | None:
    """The news peg: a relative day in the first sentences (e.g. 'Wednesday'), else the anchor."""
    if anchor is None:
        return None
    limit = sentences[min(1, len(sentences) - 1)].end if sentences else 0
    for d in date_mentions:
        if d.start >= limit:
            break
        if d.kind in (dt.RELATIVE, dt.REPORT) and "/" not in d.value and len(d.value) == 10:
            return d.value
    return anchor.isoformat()


_PERIOD_START = re.compile(r"\bsince\b", re.IGNORECASE)


def written_date(ctx: EventContext, sent: Sentence, m: re.Match[str], perfect: bool) -> str | None:
    """A date the trigger itself carries: 'the 1971 war' (even after 'since'), 'six weeks of
    war' (up to the sentence's date or the anchor), 'have held talks since May 2020' (from
    then to the anchor)."""
    groups = m.groupdict()
    if groups.get("y"):
        start = sent.start + m.start("y")
        return next((d.value for d in ctx.dates_in(sent) if d.start == start and d.value), None)
    if groups.get("n") and groups.get("unit"):
        return _duration(ctx, sent, groups["n"], groups["unit"])
    if perfect and ctx.anchor is not None:
        return _since_then(ctx, sent, m.end("t"))
    return None


def _duration(ctx: EventContext, sent: Sentence, n: str, unit: str) -> str | None:
    amount = number(n)
    own = [d for d in ctx.dates_in(sent) if d.kind in (dt.ABSOLUTE, dt.RELATIVE) and d.value]
    end = own[-1].value if own else (ctx.anchor.isoformat() if ctx.anchor else None)
    if amount is None or end is None:
        return None
    start = dt.shift(end.split("/")[-1], amount, unit, -1)
    return f"{start}/{end.split('/')[-1]}" if start else None


def _since_then(ctx: EventContext, sent: Sentence, t_end: int) -> str | None:
    """'... have sent weapons since Russia invaded it last February': from the first date
    after 'since' (in the trigger's clause or right after it) to the anchor."""
    since = _PERIOD_START.search(sent.text, t_end)
    if since is None or ctx.anchor is None:
        return None
    start = sent.start + since.end()
    value = next(
        (
            d.value
            for d in ctx.dates_in(sent)
            if d.start >= start and d.value and d.kind != dt.OFFSET
        ),
        None,
    )
    if value is None:
        return None
    first = value.split("/")[0]
    last = ctx.anchor.isoformat()[: len(first)]
    return first if first >= last else f"{first}/{last}"
