"""A downloaded Wikidata file, its format told by its content: the JSON dump's lines (one entity
per line, a trailing comma, inside '[' and ']' lines; gzip or bzip2 too), Special:EntityData
JSON ({"entities": {...}}), or SPARQL query results JSON. No network access."""

from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from loaders.wikidata.entities import harvest_entity
from loaders.wikidata.model import Harvest, WikidataFormatError
from loaders.wikidata.sparql import harvest_sparql

NOT_WIKIDATA = (
    "{path} is not Wikidata entity JSON (the dump's lines or Special:EntityData) "
    "nor SPARQL results JSON: {why}"
)


def _open(path: Path) -> IO[str]:
    with path.open("rb") as raw:
        magic = raw.read(3)
    if magic[:2] == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    if magic == b"BZh":
        return bz2.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _lines(handle: IO[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(handle, 1):
        text = line.strip()
        if text:
            yield number, text


def _entity_line(harvest: Harvest, number: int, text: str) -> None:
    """One dump line: an entity, or a malformed line reported with its number and skipped."""
    if text in ("[", "]"):
        return
    try:
        entity = json.loads(text.rstrip(","))
    except json.JSONDecodeError as exc:
        harvest.errors.append(f"line {number}: not JSON ({exc.msg})")
        harvest.skip("malformed line")
        return
    if not isinstance(entity, dict):
        harvest.errors.append(f"line {number}: not an entity object")
        harvest.skip("malformed line")
        return
    harvest_entity(harvest, entity)


def _is_entity(data: Any) -> bool:
    return isinstance(data, dict) and "id" in data and ("claims" in data or "type" in data)


def _one_line(text: str) -> Any:
    try:
        return json.loads(text.rstrip(","))
    except json.JSONDecodeError:
        return None


def _document(harvest: Harvest, data: Any, path: Path) -> None:
    """A whole-file JSON document: Special:EntityData or SPARQL results."""
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        harvest.kind = "entitydata"
        for entity in data["entities"].values():
            if isinstance(entity, dict) and "missing" not in entity:
                harvest_entity(harvest, entity)
            else:
                harvest.skip("missing entity")
    elif isinstance(data, dict) and "head" in data and "results" in data:
        harvest.kind = "sparql"
        harvest_sparql(harvest, data)
    else:
        why = "a JSON document with neither 'entities' nor 'head' and 'results'."
        raise WikidataFormatError(NOT_WIKIDATA.format(path=path, why=why))


def _dump(harvest: Harvest, lines: Iterator[tuple[int, str]], first: tuple[int, str]) -> None:
    harvest.kind = "dump"
    _entity_line(harvest, *first)
    for number, text in lines:
        _entity_line(harvest, number, text)


def read_wikidata(path: Path) -> Harvest:
    """Everything relevant in the file at `path` (raises WikidataFormatError, one sentence)."""
    harvest = Harvest()
    try:
        with _open(path) as handle:
            lines = _lines(handle)
            first = next(lines, None)
            if first is None:
                raise WikidataFormatError(NOT_WIKIDATA.format(path=path, why="it is empty."))
            if first[1] == "[" or _is_entity(_one_line(first[1])):
                _dump(harvest, lines, first)
                return harvest
            rest = "\n".join(text for _, text in lines)
            _document(harvest, _json(path, first[1] + "\n" + rest), path)
    except (UnicodeDecodeError, EOFError, OSError) as exc:
        why = f"it cannot be read as UTF-8 text ({exc.__class__.__name__})."
        raise WikidataFormatError(NOT_WIKIDATA.format(path=path, why=why)) from None
    return harvest


def _json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        why = f"it is not JSON (line {exc.lineno}: {exc.msg})."
        raise WikidataFormatError(NOT_WIKIDATA.format(path=path, why=why)) from None
