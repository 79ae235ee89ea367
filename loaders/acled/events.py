"""ACLED rows to ontology events: the options choose rows, the mapping (data) gives types and
participants, and every row read is counted in the Summary as mapped, skipped or malformed.
A malformed row is yielded as a RowError naming the file and line; the rest go on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from loaders.acled.columns import ABSENT, Columns
from loaders.acled.dates import parse_day, widen
from loaders.acled.mapping import Actor, Mapping, Rule, is_type_reason, load_mapping
from loaders.acled.model import AcledEvent, Options, Summary
from loaders.acled.reader import RowError, iter_rows

FEW_FATALITIES = "fewer fatalities than asked"
TYPE_NOT_ASKED = "event type not asked for"
NO_ACTOR = "neither actor is a state, organization or known actor"
ONE_SIDE = "one side only is a state, organization or known actor"
ONE_ACTOR = "both actors are the same state, organization or actor"
NOT_STATE_PAIR = "not two states"
MAX_NAMES = 10_000  # unknown actor names counted one by one (a year of ACLED has fewer)
OTHER_NAMES = "(other names, past the first 10,000)"


class BadField(ValueError):
    """A field the codebook says is a number, a date or an id, and is not."""

    def __init__(self, reason: str, column: str, value: str) -> None:
        super().__init__(f"{column} {value!r} is not {reason}" if value else f"{column} is empty")
        self.reason = f"bad {column}" if value else f"no {column}"


def iter_events(
    path: Path, options: Options = Options(), summary: Summary | None = None, source: str = ""
) -> Iterator[AcledEvent | RowError]:
    """The file's rows as events, in file order, or a RowError per malformed row (or for the
    file, when it cannot be read or is no ACLED export); `summary` counts every row."""
    summary = Summary() if summary is None else summary
    mapping, name = load_mapping(), source or str(path)
    columns: Columns | None = None
    for row in iter_rows(path, name):
        if isinstance(row, Columns):
            columns = row
        elif isinstance(row, RowError):
            summary.read += row.line is not None
            summary.malformed[row.reason] += 1
            yield row
        elif columns is not None:
            summary.read += 1
            found = _one(row, columns, options, mapping, summary, name)
            if found is not None:
                yield found


def _one(
    row: tuple[int, list[str]], at: Columns, options: Options, mapping: Mapping, summary: Summary,
    name: str,
) -> AcledEvent | RowError | None:  # fmt: skip
    """One row's event, its RowError, or None when an option or the mapping skips it."""
    line, fields = row
    try:
        outcome = map_row(line, fields, at, options, mapping)
    except BadField as exc:
        summary.malformed[exc.reason] += 1
        return RowError(f"{name} line {line}: {exc}.", name, line, exc.reason)
    if isinstance(outcome, AcledEvent):
        summary.mapped += 1
        return outcome
    summary.skipped[outcome] += 1
    if is_type_reason(outcome):
        summary.left_out_types[_type_name(fields, at)] += 1
    for index in (at.actor1, at.actor2) if outcome in (NO_ACTOR, ONE_SIDE) else ():
        if fields[index] and mapping.actor(fields[index]) is None:
            _count_name(summary, fields[index])
    return None


def _count_name(summary: Summary, name: str) -> None:
    """An unknown actor's name counted; past MAX_NAMES names, new ones under OTHER_NAMES."""
    known = name in summary.unknown_actors or len(summary.unknown_actors) < MAX_NAMES
    summary.unknown_actors[name if known else OTHER_NAMES] += 1


def map_row(
    line: int, fields: list[str], at: Columns, options: Options, mapping: Mapping
) -> AcledEvent | str:
    """The row's event, or the reason it is skipped; BadField for a malformed field. The
    cheap filters come first: most rows of a real file are protests and are skipped."""
    rule = mapping.rule(fields[at.event_type], _get(fields, at.sub_event_type))
    if isinstance(rule, str):
        return rule
    fatalities = _fatalities(fields[at.fatalities])
    if fatalities < options.min_fatalities:
        return FEW_FATALITIES
    kind, participants = _participants(fields, at, mapping, rule)
    if isinstance(participants, str):
        return participants
    if options.event_types is not None and kind not in options.event_types:
        return TYPE_NOT_ASKED
    if options.state_pairs and not all(p.state for p in participants):
        return NOT_STATE_PAIR
    return _event(line, fields, at, kind, tuple(p.code for p in participants), fatalities)


def _participants(
    fields: list[str], at: Columns, mapping: Mapping, rule: Rule
) -> tuple[str, tuple[Actor, ...] | str]:
    """The event type and its two sides, Actor1 first; or why the row has none worth keeping.
    A state's forces abroad (Actor1) under an 'abroad' rule act against Actor2, or else
    against the state the event happened in."""
    one, two = mapping.actor(fields[at.actor1]), mapping.actor(fields[at.actor2])
    if rule.abroad is not None and one is not None and one.state:
        country = mapping.country(fields[at.country])
        if country is not None and country != one.code:
            two = two or Actor(country, True)
            return rule.abroad, (one, two) if two != one else ONE_ACTOR
    if one is None and two is None:
        return rule.type, NO_ACTOR
    if one is None or two is None:
        return rule.type, ONE_SIDE
    return rule.type, (one, two) if one != two else ONE_ACTOR


def _event(
    line: int, fields: list[str], at: Columns, kind: str, participants: tuple[str, ...],
    fatalities: int,
) -> AcledEvent:  # fmt: skip
    event_id = fields[at.event_id].strip()
    if not event_id or " " in event_id:
        raise BadField("an event id", "event_id_cnty", event_id)
    precision = _precision(_get(fields, at.time_precision) or "1")
    return AcledEvent(
        event_id=event_id, line=line, type=kind, participants=participants,
        date=_date(fields[at.event_date], precision), time_precision=precision,
        event_type=fields[at.event_type], sub_event_type=_get(fields, at.sub_event_type),
        actors=(fields[at.actor1], fields[at.actor2]), country=fields[at.country],
        fatalities=fatalities, source=_get(fields, at.source), notes=_get(fields, at.notes),
    )  # fmt: skip


def _date(value: str, precision: int) -> str:
    day = parse_day(value.strip())
    if day is None:
        raise BadField("a date (16 May 2025 or 2025-05-16)", "event_date", value)
    return widen(day, precision)


def _precision(value: str) -> int:
    if value.strip() not in ("1", "2", "3"):
        raise BadField("1, 2 or 3", "time_precision", value)
    return int(value)


def _fatalities(value: str) -> int:
    if not value.strip().isdigit():
        raise BadField("a whole number", "fatalities", value)
    return int(value)


def _get(fields: list[str], index: int) -> str:
    return "" if index == ABSENT else fields[index]


def _type_name(fields: list[str], at: Columns) -> str:
    sub = _get(fields, at.sub_event_type)
    return f"{fields[at.event_type]}/{sub}" if sub else fields[at.event_type]
