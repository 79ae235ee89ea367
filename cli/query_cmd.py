"""Domain query commands: `kg leaders`, `kg alliances`, `kg allies`, `kg timeline`,
`kg relations`, `kg events` and `kg lookup`, on either backend, as a table or as the API's JSON."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import typer
from pydantic import BaseModel

from cli.common import (
    Backend,
    CliError,
    OutputFormat,
    err_console,
    print_json,
    print_table,
    settings_of,
)
from cli.store_cmd import cli_errors
from kg.queries.base import GraphQueries
from kg.queries.models import AlliancePublic, EventPublic, RelationSummary
from kg.queries.suggest import PAIR_KINDS, no_entity_text, resolve_state_key
from kg.wiring import open_queries, server_asked
from ontology.dates import DateError, PartialDate, parse_partial
from ontology.namespace import EVENT_TYPES, OBLIGATIONS

BACKEND = typer.Option(Backend.sparql, "--backend", help="Query backend.")
FORMAT = typer.Option(OutputFormat.table, "--format", help="table or json.")
AT = typer.Option(None, "--at", help="A date at any precision: 2024, 2024-10, 2024-10-06.")
# The form the API holds query dates to (api/deps.py): ASCII digits, no spaces around, so
# that `kg` and the API take the same dates ('٢٠٢٤' and '2024 ' are refused by both).
# Beyond a 64-bit integer, the timeline cache (SQLite) failed with "datatype mismatch".
MOST = 1_000_000_000
_DATE_TEXT = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


@contextmanager
def opened_queries(ctx: typer.Context, backend: Backend) -> Iterator[GraphQueries]:
    """The chosen backend, closed afterwards; failures become one-sentence CliErrors."""
    with cli_errors():
        queries = open_queries(settings_of(ctx), backend.value)
        if (server := server_asked(queries)) is not None:
            err_console.print(f"Asking {server}: a running `kg serve` holds the store.")
        try:
            yield queries
        except ValueError as exc:  # a query argument the backend rejects
            raise CliError(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", code=2) from None
        finally:
            close = getattr(queries, "close", None)
            if callable(close):
                close()


def parse_date(value: str | None, option: str) -> PartialDate | None:
    """A CLI date at any precision, or a one-sentence error (exit 2)."""
    if value is None:
        return None
    if not _DATE_TEXT.fullmatch(value):
        shown = value if len(value) <= 40 else value[:40] + "..."
        raise CliError(
            f"{option}: {shown!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.", code=2
        )
    try:
        return parse_partial(value)
    except DateError as exc:
        raise CliError(f"{option}: {exc}.", code=2) from None


def resolve_state(queries: GraphQueries, key: str, organizations: bool = False) -> str:
    """A state code (or a state's name or alias; when `organizations` allows, also an
    organization or a non-state actor by code, name or alias), or an error that suggests
    close matches among the known codes."""
    upper = key.strip().upper()
    if queries.state(upper) is not None:
        return upper
    states = queries.states()
    if not states:
        raise CliError(f"Unknown state {key!r}: the store has no states; run `kg load-reference`.")
    kinds = PAIR_KINDS if organizations else frozenset({"State"})
    found, close = resolve_state_key(queries, states, key, kinds)
    if found is not None:
        return found
    hint = f"; did you mean {', '.join(close)}?" if close else "."
    raise CliError(f"Unknown state code {key!r}{hint}", code=2)


def check_choice(value: str | None, choices: Sequence[str], what: str) -> str | None:
    """A value from a fixed vocabulary, or an error naming the closest choices."""
    if value is None or value in choices:
        return value
    close = difflib.get_close_matches(value, list(choices), n=3)
    hint = f"did you mean {', '.join(close)}?" if close else f"use one of {', '.join(choices)}."
    raise CliError(f"Unknown {what} {value!r}; {hint}", code=2)


def emit(fmt: OutputFormat, items: Sequence[BaseModel] | BaseModel) -> bool:
    """Print JSON when asked and say so; the caller prints its table otherwise."""
    if fmt is not OutputFormat.json:
        return False
    if isinstance(items, BaseModel):
        print_json(items.model_dump(mode="json"))
    else:
        print_json([item.model_dump(mode="json") for item in items])
    return True


def leaders(
    ctx: typer.Context,
    state: str = typer.Argument(..., help="State code (CHN) or name."),
    at: str | None = AT,
    backend: Backend = BACKEND,
    fmt: OutputFormat = FORMAT,
) -> None:
    """Heads of state and government of a state (at a date; without one, every term)."""
    when = parse_date(at, "--at")
    with opened_queries(ctx, backend) as q:
        code = resolve_state(q, state)
        terms = q.leaders(code, when)
    if not emit(fmt, terms):
        rows = [[t.name, t.role, ", ".join(t.offices), t.start, t.end] for t in terms]
        title = f"Leaders of {code}" + (f" at {when.text}" if when else "")
        print_table(title, ["name", "role", "offices", "start", "end"], rows)


def _membership(a: AlliancePublic) -> list[str | None]:
    """A membership's dates for a table: a member with no dates of its own (a founder) is
    one from the alliance's start to its end."""
    return [a.member_since or a.start, a.member_until or a.end]


def alliances(
    ctx: typer.Context,
    state: str = typer.Argument(..., help="State code (FIN) or name."),
    at: str | None = AT,
    obligation: str | None = typer.Option(None, "--obligation", help=", ".join(OBLIGATIONS)),
    backend: Backend = BACKEND,
    fmt: OutputFormat = FORMAT,
) -> None:
    """Alliances a state belongs to (at a date; without one, every membership)."""
    when = parse_date(at, "--at")
    check_choice(obligation, OBLIGATIONS, "obligation")
    with opened_queries(ctx, backend) as q:
        code = resolve_state(q, state)
        found = q.alliances(code, when, obligation)
    if not emit(fmt, found):
        rows = [[a.name, a.organization, ", ".join(a.obligations), *_membership(a)] for a in found]
        title = f"Alliances of {code}" + (f" at {when.text}" if when else "")
        print_table(title, ["alliance", "organization", "obligations", "since", "until"], rows)


def allies(
    ctx: typer.Context,
    state: str = typer.Argument(..., help="State code or name."),
    at: str | None = AT,
    backend: Backend = BACKEND,
    fmt: OutputFormat = FORMAT,
) -> None:
    """States that share an alliance with a state (at a date)."""
    when = parse_date(at, "--at")
    with opened_queries(ctx, backend) as q:
        code = resolve_state(q, state)
        found = q.allies(code, when)
    if not emit(fmt, found):
        rows = [[a.state, a.name, "; ".join(a.via)] for a in found]
        title = f"Allies of {code}" + (f" at {when.text}" if when else "")
        print_table(title, ["state", "name", "via"], rows)


def event_rows(events: Sequence[EventPublic]) -> list[list[object]]:
    rows: list[list[object]] = []
    for e in events:
        evidence = next((s.evidence for s in e.sources if s.evidence), "")
        short = evidence if len(evidence) <= 80 else evidence[:77] + "..."
        rows.append([e.date, e.type, ", ".join(e.participants), len(e.sources), short])
    return rows


EVENT_COLUMNS = ["date", "type", "participants", "sources", "evidence"]


def timeline(
    ctx: typer.Context,
    a: str = typer.Argument(
        ..., help="First state, organization or non-state actor: a code, name or alias."
    ),
    b: str = typer.Argument(
        ..., help="Second state, organization or non-state actor: a code, name or alias."
    ),
    start: str | None = typer.Option(None, "--from", help="Earliest date, any precision."),
    end: str | None = typer.Option(None, "--to", help="Latest date, any precision."),
    event_type: str | None = typer.Option(None, "--type", help="An event type."),
    limit: int | None = typer.Option(
        None, "--limit", min=0, max=MOST, help="Most events (default: all)."
    ),
    offset: int = typer.Option(0, "--offset", min=0, max=MOST, help="Events to skip."),
    backend: Backend = BACKEND,
    fmt: OutputFormat = FORMAT,
) -> None:
    """Events between two states (or a state and a non-state actor: HAMAS ISR), in date
    order, with their sources (all, or a page)."""
    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    check_choice(event_type, list(EVENT_TYPES), "event type")
    with opened_queries(ctx, backend) as q:
        ca, cb = resolve_state(q, a, True), resolve_state(q, b, True)
        events = q.timeline(ca, cb, first, last, event_type, limit, offset)
    if not emit(fmt, events):
        print_table(f"Timeline {ca}-{cb}", EVENT_COLUMNS, event_rows(events))


def _print_summary(s: RelationSummary) -> None:
    since = s.diplomatic_relations_since or "unknown"
    typer.echo(f"{s.a}-{s.b}: diplomatic relations since {since}")
    print_table(
        "Relations",
        ["type", "a", "b", "since", "until", "sources"],
        [[r.type, r.a, r.b, r.since, r.until, len(r.sources)] for r in s.relations],
    )
    print_table(
        "Shared alliances",
        ["alliance", "both members since", "until"],
        [[a.name, *_membership(a)] for a in s.alliances],
    )
    print_table("Events by type", ["type", "count"], [[t, n] for t, n in s.event_counts.items()])
    print_table("Latest events", EVENT_COLUMNS, event_rows(s.latest_events))


def relations(
    ctx: typer.Context,
    a: str = typer.Argument(..., help="First state or actor: a code, name or alias."),
    b: str = typer.Argument(..., help="Second state or actor: a code, name or alias."),
    backend: Backend = BACKEND,
    fmt: OutputFormat = FORMAT,
) -> None:
    """What links two states: relations, shared alliances, event counts, latest events."""
    with opened_queries(ctx, backend) as q:
        summary = q.relation_summary(resolve_state(q, a, True), resolve_state(q, b, True))
    if not emit(fmt, summary):
        _print_summary(summary)


def events(
    ctx: typer.Context,
    state: str | None = typer.Option(
        None, "--state", help="Only events with this state (or organization or actor)."
    ),
    event_type: str | None = typer.Option(None, "--type", help="An event type."),
    start: str | None = typer.Option(None, "--from", help="Earliest date, any precision."),
    end: str | None = typer.Option(None, "--to", help="Latest date, any precision."),
    limit: int = typer.Option(50, "--limit", min=1, max=10000, help="Most events to show."),
    offset: int = typer.Option(0, "--offset", min=0, max=MOST, help="Events to skip."),
    backend: Backend = BACKEND,
    fmt: OutputFormat = FORMAT,
) -> None:
    """Events in date order, filtered by state, type and dates, a page at a time."""
    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    check_choice(event_type, list(EVENT_TYPES), "event type")
    with opened_queries(ctx, backend) as q:
        code = resolve_state(q, state, True) if state else None
        found = q.events(code, event_type, first, last, limit, offset)
    if not emit(fmt, found):
        print_table("Events", EVENT_COLUMNS, event_rows(found))


def lookup(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="A code, an IRI, a name or alias, or part of a name."),
    backend: Backend = BACKEND,
    fmt: OutputFormat = FORMAT,
) -> None:
    """One entity by code, IRI or name ('PRK', 'DPRK', 'Putin'); exit 1 when none matches."""
    with opened_queries(ctx, backend) as q:
        found = q.entity(key)
        if found is None:
            text = no_entity_text(key, *q.entity_matches(key))
            raise CliError(text[0].upper() + text[1:] + ".", code=1)
    if not emit(fmt, found):
        rows: list[list[str | None]] = [["iri", found.iri], ["types", ", ".join(found.types)]]
        rows += [["code", found.code]]
        rows += [["name", found.name], ["aliases", ", ".join(found.aliases)]]
        if found.from_text:
            rows += [["known from", "articles only (not in the reference data)"]]
        for role in found.reported_roles:
            rows += [
                ["reported", f"{role.role} of {role.state}, {role.as_of or '?'}: {role.article}"]
            ]
        print_table(found.name or found.iri, ["", ""], rows)


def register(app: typer.Typer) -> None:
    for command in (leaders, alliances, allies, timeline, relations, events, lookup):
        app.command(command.__name__)(command)
