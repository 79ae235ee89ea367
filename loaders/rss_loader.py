"""RSS and Atom feeds: each entry becomes an Article from its content or summary, title,
link and publication date; one bad entry is reported and the others still load."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser

from loaders._files import DEFAULT_MAX_BYTES, check_bytes, read_limited
from loaders.article import Article, url_problem
from loaders.errors import LoadError
from loaders.html_loader import html_fragment_to_text


def parse_feed(data: bytes, source: str) -> list[Article | LoadError]:
    """Articles (or per-entry LoadErrors) from the bytes of an RSS or Atom document.

    feedparser is always given a stream: handed a str or bytes it would open it as a path
    or fetch it as a URL. Raises LoadError when the input is not a feed or has no entries.
    """
    check_bytes(data, source)
    feed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    if not feed.get("version") and not feed.entries:
        raise LoadError(f"{source} is not an RSS or Atom feed.", source)
    if not feed.entries:
        raise LoadError(f"{source} is a feed with no entries.", source)
    site = _feed_title(feed)
    return [_entry_article(entry, source, site, n) for n, entry in enumerate(feed.entries, 1)]


def read_feed_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | LoadError]:
    """Load a feed file; size and binary checks as for every file (loaders._files)."""
    return parse_feed(read_limited(path, max_bytes), str(path))


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a document are an RSS, RDF/RSS 1.0 or Atom root element."""
    sample = head[:4096].lower()
    return any(tag in sample for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _entry_article(entry: Any, source: str, site: str | None, number: int) -> Article | LoadError:
    """One feed entry to an Article; an entry with no text is a LoadError naming it."""
    title = html_fragment_to_text(entry.get("title", "")) or None
    link = entry.get("link") or None
    text = _entry_text(entry)
    if not text:
        name = title or link or f"number {number}"
        return LoadError(f"{source} entry {name!r} has no text.", source, line=number)
    problem = url_problem(link) if link else None
    if problem:
        return LoadError(f"{source} entry {title or number!r}: {problem}.", source, line=number)
    return Article(
        text=text,
        url=link,
        title=title,
        published=_entry_date(entry),
        source=site or source,
    )


def _entry_text(entry: Any) -> str:
    """The longest of the entry's full content and its summary, as plain text."""
    candidates = [part.get("value", "") for part in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    texts = [html_fragment_to_text(candidate) for candidate in candidates if candidate]
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> date | None:
    """The entry's own calendar date: published, else updated.

    The raw string is read first so that the date is the one the publisher wrote
    (feedparser's parsed form is converted to UTC, which can move it by a day).
    """
    for key in ("published", "updated"):
        parsed = _date_from_string(entry.get(key))
        if parsed is None:
            parsed = _date_from_struct(entry.get(f"{key}_parsed"))
        if parsed is not None:
            return parsed
    return None


def _date_from_string(value: str | None) -> date | None:
    """RFC 822 (RSS) or ISO 8601 (Atom) date string to its date, else None."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def _date_from_struct(value: Sequence[int] | None) -> date | None:
    """feedparser's time tuple (UTC) to a date."""
    if not value:
        return None
    try:
        return date(value[0], value[1], value[2])
    except (ValueError, IndexError):
        return None


def _feed_title(feed: Any) -> str | None:
    """The feed's own title, used as each article's source (the site that published it)."""
    title = feed.get("feed", {}).get("title")
    return html_fragment_to_text(title) or None if title else None
