"""`kg extract FILE`: run the extractor on one input and print the result; stores nothing."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from cli.common import err_console, print_json, settings_of
from loaders.article import Article
from loaders.errors import LoadError
from loaders.extraction.parse_model import ParserUnavailable, SentenceParser, parser_named


class ExtractFormat(StrEnum):
    json = "json"
    turtle = "turtle"
    jsonld = "jsonld"


EMPTY: dict[str, Any] = {
    "states": [],
    "organizations": [],
    "leaders": [],
    "actors": [],
    "events": [],
    "relations": [],
}
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "said",
        "at",
        "from",
        "has",
        "have",
        "it",
        "its",
        "be",
        "are",
        "were",
        "an",
        "which",
        "this",
        "his",
        "their",
        "not",
        "but",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str) -> bool:
    """Rough check: common English function words make up a fair share of the words."""
    words = _WORD.findall(text[:20_000])
    if len(words) < 20:
        return bool(words)
    common = sum(1 for w in words if w.lower() in _ENGLISH)
    return common / len(words) >= 0.12


def _load(path: str) -> tuple[list[Article], list[str]]:
    """Articles from FILE (any format the loaders read) and one-sentence problems."""
    from loaders.sources import iter_articles

    articles: list[Article] = []
    problems: list[str] = []
    if not Path(path).exists() and not path.startswith(("http://", "https://")):
        return [], [f"{path} does not exist."]
    for item in iter_articles([path]):
        if isinstance(item, LoadError):
            problems.append(str(item))
        else:
            articles.append(item)
    return articles, problems


def _extract_all(articles: list[Article], file: str, parser: SentenceParser | None) -> list[Any]:
    """Each article's extraction; one that fails is one sentence, not a traceback."""
    from loaders.extraction.extractor import extract as run_extractor

    results = []
    for article in articles:
        if not looks_english(article.text):
            _fail(
                f"{article.source or file} does not look like English text; results may be empty."
            )
        try:
            results.append(run_extractor(article, parser=parser))
        except Exception as exc:  # the extractor must never leave the user with a traceback
            _fail(f"extraction failed on {article.source or file}: {type(exc).__name__}: {exc}.")
    return results


class ParserChoice(StrEnum):
    none = "none"
    spacy = "spacy"


def _parser(name: str) -> SentenceParser | None:
    """The parser named, or one sentence and exit code 2 when it is not installed."""
    try:
        return parser_named(name)
    except ParserUnavailable as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None


def _fail(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}", highlight=False, markup=True)


def extract(
    ctx: typer.Context,
    file: str = typer.Argument(..., help="An article: text, HTML, JSON Lines, RSS/Atom, or a URL."),
    output_format: ExtractFormat = typer.Option(
        ExtractFormat.json, "--format", "-f", help="json (extraction JSON), turtle or jsonld."
    ),
    parser: ParserChoice | None = typer.Option(
        None, "--parser", help="Add the events the parser backoff finds: none or spacy (KG_PARSER)."
    ),
) -> None:
    """Extract states, leaders, events and relations from one article; stores nothing."""
    loaded = _parser(parser.value if parser else settings_of(ctx).parser)
    articles, problems = _load(file)
    for problem in problems:
        _fail(problem)
    results = _extract_all(articles, file, loaded)
    if output_format == ExtractFormat.json:
        payload: Any = [r.to_json() for r in results]
        if len(payload) == 1:
            payload = payload[0]
        elif not payload:
            payload = EMPTY
        print_json(payload)
    else:
        _print_graphs(ctx, results, output_format)
    if problems or not results:
        raise typer.Exit(1)


def _print_graphs(ctx: typer.Context, results: list[Any], output_format: ExtractFormat) -> None:
    try:
        from loaders.rdf.article_graph import article_graph
    except ImportError:
        _fail("RDF output is not available in this build; use --format json.")
        raise typer.Exit(1) from None
    from rdflib import Dataset

    base_iri = settings_of(ctx).base_iri
    dataset = Dataset()
    for extraction in results:
        try:
            graph = article_graph(extraction, base_iri)
        except Exception as exc:  # SHACL violations name themselves
            _fail(f"the article graph is not valid: {exc}")
            raise typer.Exit(1) from None
        if output_format == ExtractFormat.turtle and len(results) == 1:
            typer.echo(graph.serialize(format="turtle"))
            return
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
        for prefix, ns in graph.namespaces():
            dataset.bind(prefix, ns, override=False)
    if output_format == ExtractFormat.turtle:
        typer.echo(dataset.serialize(format="trig"))
    else:
        typer.echo(json.dumps(json.loads(dataset.serialize(format="json-ld")), indent=2))


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
