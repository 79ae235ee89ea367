"""GDELT rows to ontology events: the options choose rows, the mapping (data) gives types and
participants, and every row read is counted in the Summary as mapped, skipped or malformed.
A malformed row is yielded as a RowError naming the file and line; the rest go on."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

from loaders.gdelt import columns as c
from loaders.gdelt.mapping import Mapping, Rule, load_mapping
from loaders.gdelt.model import GdeltEvent, Options, Summary
from loaders.gdelt.reader import RowError, iter_rows

NOT_ROOT = "not a root event"
FEW_SOURCES = "fewer sources than asked"
QUAD_CLASS = "QuadClass not asked for"
NO_ACTOR = "the acting actor is no state or organization"
ONE_ACTOR = "both actors are the same state or organization"
NOT_STATE_PAIR = "not two states"


class BadField(ValueError):
    """A field the codebook says is a number or a date, and is not: the reason and column."""

    def __init__(self, reason: str, column: str, value: str) -> None:
        super().__init__(f"{column} {value!r} is not {reason}" if value else f"{column} is empty")
        self.reason = f"bad {column}" if value else f"no {column}"


def iter_events(
    path: Path, options: Options = Options(), summary: Summary | None = None, source: str = ""
) -> Iterator[GdeltEvent | RowError]:
    """The file's rows as events, in file order, or a RowError per malformed row (or for
    the file, when it cannot be read); `summary`, when given, counts every row as it goes."""
    summary = Summary() if summary is None else summary
    mapping, name = load_mapping(), source or str(path)
    for row in iter_rows(path, name):
        if isinstance(row, RowError):
            if row.line is not None:
                summary.read += 1
            summary.malformed[row.reason] += 1
            yield row
            continue
        summary.read += 1
        found = _one(row[0], row[1], options, mapping, summary, name)
        if found is not None:
            yield found


def _one(
    line: int, fields: list[str], options: Options, mapping: Mapping, summary: Summary, name: str
) -> GdeltEvent | RowError | None:
    """One row's event, its RowError, or None when an option or the mapping skips it."""
    try:
        outcome = map_row(line, fields, options, mapping)
    except BadField as exc:
        summary.malformed[exc.reason] += 1
        return RowError(f"{name} line {line}: {exc}.", name, line, exc.reason)
    if isinstance(outcome, str):
        summary.skipped[outcome] += 1
        if mapping.is_type_reason(outcome):
            summary.left_out_codes[fields[c.EVENT_CODE]] += 1
        return None
    summary.mapped += 1
    return outcome


def map_row(line: int, fields: list[str], options: Options, mapping: Mapping) -> GdeltEvent | str:
    """The row's event, or the reason it is skipped; BadField for a malformed field. The
    cheap filters come first: most rows of a real file are skipped."""
    if options.root_only and fields[c.IS_ROOT] != "1":
        return NOT_ROOT
    quad = _int(fields, c.QUAD_CLASS, "QuadClass")
    if options.quad_classes is not None and quad not in options.quad_classes:
        return QUAD_CLASS
    sources = _int(fields, c.NUM_SOURCES, "NumSources")
    if sources < options.min_sources:
        return FEW_SOURCES
    rule = mapping.event_type(fields[c.EVENT_CODE])
    if isinstance(rule, str):
        return rule
    participants = _participants(fields, mapping, rule, options.state_pairs)
    if isinstance(participants, str):
        return participants
    return _event(line, fields, rule, participants, quad, sources)


def _participants(
    fields: list[str], mapping: Mapping, rule: Rule, state_pairs: bool
) -> tuple[str, ...] | str:
    """The participants' codes, initiator first; or why the row has none worth keeping."""
    one = mapping.actor(fields[c.ACTOR1_COUNTRY], fields[c.ACTOR1_GROUP])
    two = mapping.actor(fields[c.ACTOR2_COUNTRY], fields[c.ACTOR2_GROUP])
    if one is not None and one == two:
        return ONE_ACTOR
    if state_pairs and not (
        mapping.state(fields[c.ACTOR1_COUNTRY]) and mapping.state(fields[c.ACTOR2_COUNTRY])
    ):
        return NOT_STATE_PAIR
    acting, other = (two, one) if rule.actor2_first else (one, two)
    if acting is None:  # the other alone would be read as the one who acted
        return NO_ACTOR
    return (acting,) if other is None else (acting, other)


def _event(
    line: int, fields: list[str], rule: Rule, participants: tuple[str, ...], quad: int, sources: int
) -> GdeltEvent:
    event_id = fields[c.EVENT_ID]
    if not event_id.isdigit():
        raise BadField("a number", "GLOBALEVENTID", event_id)
    return GdeltEvent(
        event_id=event_id,
        line=line,
        type=rule.type,
        participants=participants,
        date=_day(fields[c.SQLDATE]),
        cameo=fields[c.EVENT_CODE],
        root=fields[c.IS_ROOT] == "1",
        quad_class=quad,
        goldstein=_float(fields, c.GOLDSTEIN, "GoldsteinScale"),
        mentions=_int(fields, c.NUM_MENTIONS, "NumMentions"),
        sources=sources,
        articles=_int(fields, c.NUM_ARTICLES, "NumArticles"),
        tone=_float(fields, c.AVG_TONE, "AvgTone"),
        url=fields[c.SOURCE_URL].strip(),
        added=fields[c.DATE_ADDED],
    )


def _day(value: str) -> str:
    """SQLDATE (YYYYMMDD) as an ISO day; BadField for an empty or impossible date."""
    day = _parse_day(value)
    if day is None:
        raise BadField("a date (YYYYMMDD)", "SQLDATE", value)
    return day


@lru_cache(maxsize=4096)  # a file holds a few days, each on many rows
def _parse_day(value: str) -> str | None:
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    except ValueError:
        return None


def _int(fields: list[str], index: int, column: str) -> int:
    try:
        return int(fields[index])
    except ValueError:
        raise BadField("a whole number", column, fields[index]) from None


def _float(fields: list[str], index: int, column: str) -> float:
    try:
        value = float(fields[index])
    except ValueError:
        raise BadField("a number", column, fields[index]) from None
    if not math.isfinite(value):
        raise BadField("a finite number", column, fields[index])
    return value
