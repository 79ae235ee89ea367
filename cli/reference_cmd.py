"""The reference data commands: `kg load-reference` (the bundled data, or refreshed from a
downloaded Wikidata file with `--from wikidata FILE`) and `kg reference-diff --from wikidata
FILE` (what that refresh would change in the bundled data; docs/wikidata.md)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from cli.common import (
    CliError,
    OutputFormat,
    console,
    err_console,
    print_json,
    print_table,
    settings_of,
)
from cli.store_cmd import opened_store
from kg.wiring import record_name
from loaders.wikidata import Refresh, WikidataFormatError, refresh_reference
from ontology.reference_data import ReferenceData, load_reference

CHANGE_COLUMNS = [
    "state",
    "change",
    "person or organization",
    "role",
    "start",
    "end",
    "was",
    "source",
]


class Source(StrEnum):
    wikidata = "wikidata"


def _refresh(source: Source | None, path: Path | None) -> Refresh | None:
    """The bundled data refreshed from `path`, or None without --from; errors exit 2."""
    if source is None and path is None:
        return None
    if source is None or path is None:
        raise CliError("Give both --from wikidata and the FILE you downloaded (docs/wikidata.md).")
    if not path.is_file():
        raise CliError(f"No such file: {path}.")
    try:
        return refresh_reference(path, load_reference())
    except WikidataFormatError as exc:
        raise CliError(" ".join(str(exc).split()), code=2) from None


def _say(text: str) -> None:
    console.print(text, highlight=False, soft_wrap=True, markup=False)


def _print_summary(refresh: Refresh) -> None:
    """Counts read, mapped and skipped by reason, and the malformed lines, on stderr."""
    s = refresh.summary()
    mapped = ", ".join(f"{n} {what}" for what, n in s["mapped"].items() if n) or "nothing"
    err_console.print(
        f"Read {s['read']} {'rows' if s['format'] == 'sparql' else 'entities'} from {s['file']} "
        f"({s['format']}): mapped {mapped}.",
        highlight=False,
        markup=False,
    )
    for reason, n in s["skipped"].items():
        err_console.print(f"  skipped {n}: {reason}", highlight=False, markup=False)
    for error in s["errors"]:
        err_console.print(f"  {error} (skipped)", highlight=False, markup=False)


def load_reference_cmd(
    ctx: typer.Context,
    source: Source | None = typer.Option(
        None, "--from", help="Refresh leaders and memberships from a downloaded file."
    ),
    path: Path | None = typer.Argument(
        None, metavar="[FILE]", help="The Wikidata file (docs/wikidata.md)."
    ),
) -> None:
    """Load states, organizations, leaders and known alliances (replacing the previous load);
    with --from wikidata FILE, leaders and memberships refreshed from that file first."""
    refresh = _refresh(source, path)
    if refresh:
        _print_summary(refresh)
        counts = refresh.summary()["changes"]
        listed = ", ".join(f"{n} {c}" for c, n in counts.items()) or "none"
        _say(f"Changes to the bundled data: {listed}.")
    _load(ctx, refresh.data if refresh else None)


def _load(ctx: typer.Context, data: ReferenceData | None) -> None:
    """The reference graphs (of `data`, else the bundled data) into the store, and a report."""
    from kg.reference import load_reference as load_into

    settings = settings_of(ctx)
    with opened_store(ctx) as store:
        done = load_into(store, settings, data)
        total = store.count()
        caches = store.caches()
        timelines = caches.timelines if caches is not None else None
        forgotten = timelines is not None and not timelines.is_complete()
    _say(
        f"Loaded {len(done.graphs)} reference graphs ({done.triples} triples) in "
        f"{done.seconds:.2f} s; the store at {record_name(settings)} holds {total} quads."
    )
    if forgotten:  # reference data (names, leaders) is part of every pair's timeline
        _say(
            "The timeline cache was emptied (the reference data is part of every pair's "
            "timeline): each pair is read from the record when first asked, or run "
            "`kg warm` to read them all now."
        )


def reference_diff_cmd(
    source: Source = typer.Option(..., "--from", help="Where the file comes from."),
    path: Path = typer.Argument(..., metavar="FILE", help="The Wikidata file (docs/wikidata.md)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
) -> None:
    """What `kg load-reference --from wikidata FILE` would change in the bundled data: people
    added, terms added, changed or ended, memberships, by state. Writes nothing."""
    refresh = _refresh(source, path)
    assert refresh is not None
    if fmt == OutputFormat.json:
        print_json(refresh.as_json())
        return
    _print_summary(refresh)
    rows = [
        [c.state, c.change, c.subject, c.role, c.start, c.end, c.was, c.source]
        for c in refresh.changes
    ]
    print_table(f"Changes to the bundled reference data from {path.name}", CHANGE_COLUMNS, rows)
    relations = len(refresh.wiki.relations)
    if relations:
        _say(
            f"{relations} diplomatic relations (P530) read: the reference data has no place for them yet."
        )


def register(app: typer.Typer) -> None:
    app.command("load-reference")(load_reference_cmd)
    app.command("reference-diff")(reference_diff_cmd)
