"""Plain-text articles: an optional `key: value` header block (docs/loaders.md), then the body."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from loaders._files import DEFAULT_MAX_BYTES, read_text
from loaders.article import Article, url_problem
from loaders.errors import LoadError

HEADER_KEYS = ("url", "published", "title", "source")
_HEADER_LINE = re.compile(r"^(url|published|title|source)[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE)
_UNKNOWN = re.compile(r"^unknown\b", re.IGNORECASE)


def parse_text_article(raw: str, source: str | None = None) -> Article:
    """An Article from plain text, reading the header block when there is one.

    A header is one or more lines `url|published|title|source: value` at the very top,
    ended by a blank line. Any other first line (say "Note: ...") means there is no header
    and the whole text is the body. Values reading `unknown` (or `unknown (...)`) and
    dates that do not parse become None. The header's `source` wins over the `source`
    argument, which names where the text was read from. Raises LoadError when the body
    is empty, since an article with no text has nothing to extract.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    header, body = split_header(text)
    body = body.lstrip("\n").rstrip()
    name = source or "text"
    if not body:
        raise LoadError(f"{name} has no article text.", name)
    url = known_value(header.get("url"))
    problem = url_problem(url) if url else None
    if problem:
        raise LoadError(f"{name}: {problem}.", name)
    return Article(
        text=body,
        url=url,
        title=known_value(header.get("title")),
        published=parse_published(header.get("published")),
        source=known_value(header.get("source")) or source,
    )


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Load a plain-text article from disk; bad files raise LoadError (see loaders._files)."""
    return parse_text_article(read_text(path, max_bytes), source=str(path))


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split `text` into (header fields, body); no header gives ({}, text).

    Only recognised keys count, and the block must end with a blank line (or the end of
    the text), so a body whose first lines merely look like `Word: words` stays whole.
    The first occurrence of a repeated key wins.
    """
    lines = text.split("\n")
    fields: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            return (fields, "\n".join(lines[index + 1 :])) if fields else ({}, text)
        match = _HEADER_LINE.match(line)
        if match is None:
            return {}, text
        fields.setdefault(match.group(1).lower(), match.group(2))
    return fields, ""  # header lines only: no body


def parse_published(value: str | None) -> date | None:
    """A publication date from an ISO date or date-time; anything else (`unknown`) is None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def known_value(value: str | None) -> str | None:
    """None for empty values and for `unknown` / `unknown (reason)`; else the value."""
    if value is None or not value.strip() or _UNKNOWN.match(value.strip()):
        return None
    return value.strip()
