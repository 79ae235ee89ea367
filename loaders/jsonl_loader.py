"""JSON Lines: one article per line ({"url", "title", "published", "text"}), streamed, so
one bad line is reported with its number and the other lines still load."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from loaders._files import DEFAULT_MAX_BYTES, decode_lenient
from loaders.article import Article, url_problem
from loaders.errors import LoadError
from loaders.input_limits import MAX_JSON_DEPTH, json_too_deep
from loaders.text_loader import known_value, parse_published

_CHUNK = 64 * 1024


def parse_jsonl(raw: str, source: str = "JSON Lines") -> list[Article | LoadError]:
    """Articles (or per-line LoadErrors) from JSON Lines text already in memory."""
    results: list[Article | LoadError] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if line.strip():
            results.append(parse_jsonl_line(line, source, number))
    if not results:
        raise LoadError(f"{source} is empty.", source)
    return results


def read_jsonl_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | LoadError]:
    """All results of iter_jsonl_file as a list."""
    return list(iter_jsonl_file(path, max_bytes))


def iter_jsonl_file(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | LoadError]:
    """Stream a JSON Lines file: one Article or LoadError per non-blank line.

    The file may be of any size; `max_bytes` bounds each line (one article), and a longer
    line is skipped with an error. A file that cannot be opened, is empty or binary raises
    LoadError before anything is yielded.
    """
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise LoadError(f"{source} could not be read: {exc.strerror or exc}.", source) from exc
    with handle:
        _refuse_binary(handle.read(_CHUNK), source)
        handle.seek(0)
        yielded = False
        for number, data in enumerate(_lines(handle, max_bytes), start=1):
            if data is None:
                message = f"{source} line {number} is longer than the {max_bytes}-byte limit."
                yield LoadError(message, source, line=number)
                yielded = True
            elif data.strip():
                text = decode_lenient(data, f"{source} line {number}")
                yield parse_jsonl_line(text, source, number)
                yielded = True
    if not yielded:
        raise LoadError(f"{source} is empty.", source)


def parse_jsonl_line(line: str, source: str, number: int) -> Article | LoadError:
    """One line to an Article, or a LoadError saying which line and why."""
    too_deep = f"{source} line {number} is nested more than {MAX_JSON_DEPTH} levels deep."
    if json_too_deep(line):
        return LoadError(too_deep, source, number)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return LoadError(f"{source} line {number} is not valid JSON: {exc.msg}.", source, number)
    except RecursionError:  # not reached past the depth check; kept as a guard
        return LoadError(too_deep, source, number)
    if not isinstance(record, dict):
        return LoadError(f"{source} line {number} is not a JSON object.", source, number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return LoadError(f'{source} line {number} has no "text".', source, number)
    url = known_value(_string(record, "url"))
    problem = url_problem(url) if url else None
    if problem:
        return LoadError(f"{source} line {number}: {problem}.", source, number)
    return Article(
        text=text.strip(),
        url=url,
        title=known_value(_string(record, "title")),
        published=parse_published(_string(record, "published")),
        source=known_value(_string(record, "source")) or f"{source}:{number}",
    )


def _refuse_binary(head: bytes, source: str) -> None:
    """JSON Lines is UTF-8 text: NUL bytes mean a binary (or UTF-16) file."""
    if b"\x00" in head:
        message = f"{source} looks like a binary file (it contains NUL bytes), not JSON Lines."
        raise LoadError(message, source)


def _string(record: dict[str, Any], key: str) -> str | None:
    """A field's value when it is a string; other JSON types count as absent."""
    value = record.get(key)
    return value if isinstance(value, str) else None


def _lines(handle: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Lines as bytes, or None for a line over `max_bytes` (read through, never kept)."""
    while True:
        data = handle.readline(max_bytes + 1)
        if not data:
            return
        if len(data) <= max_bytes or data.endswith(b"\n"):
            yield data
            continue
        while data and not data.endswith(b"\n"):
            data = handle.readline(_CHUNK)
        yield None
