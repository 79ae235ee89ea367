"""`kg retract ARTICLE ...`: take wrong or withdrawn articles out of the record and Neo4j."""

from __future__ import annotations

import typer

from cli.common import CliError, console, print_json, settings_of
from cli.ingest_cmd import opened_service
from kg.services.retract import RetractResult


def _report(result: RetractResult, as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "retracted": [vars(r) for r in result.retracted],
                "refused": [{"reference": r, "reason": why} for r, why in result.refused],
                "warnings": result.warnings,
            }
        )
        return
    for r in result.retracted:
        console.print(f"retracted {r.article_id} {r.url or r.article_iri} at {r.retracted_at}")
    for warning in result.warnings:
        console.print(f"[yellow]warning[/yellow] {warning}")


def retract(
    ctx: typer.Context,
    articles: list[str] = typer.Argument(
        ..., help="Article ids (16 hex digits), article IRIs, or the URLs they were read from."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Remove articles from the record and from Neo4j (when configured): exactly their
    named graphs; a fact another article also reports stays, with one source less."""
    with opened_service(settings_of(ctx)) as service:
        result = service.retract(articles)
        warnings = service.refresh_caches() if result.retracted else []
    result.warnings += warnings
    _report(result, as_json)
    if result.refused:
        reasons = "; ".join(why for _, why in result.refused)
        raise CliError(f"Not retracted: {reasons}.", code=1)


def register(app: typer.Typer) -> None:
    app.command("retract")(retract)
