"""The Article every loader returns: what the extractor needs, nothing about storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from ontology.identifiers import article_id


@dataclass(frozen=True)
class Article:
    """One source document. `published` is None when the source gives no date."""

    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None  # where it was read from: a path, a feed, a site name

    @property
    def id(self) -> str:
        """Deterministic id: hash of the URL, or of the text when there is no URL."""
        return article_id(self.url, self.text)


SOURCE_SCHEMES = ("http", "https")


def url_problem(url: str) -> str | None:
    """None for an absolute http(s) URL, else why it cannot be an article's url: a source
    link is rendered as a link, so javascript:, data: or file: URLs never get in."""
    shown = url if len(url) <= 80 else url[:77] + "..."
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"the url {shown!r} is not a valid URL"
    if parts.scheme.lower() not in SOURCE_SCHEMES or not parts.netloc:
        return f"the url {shown!r} is not an absolute http(s) URL"
    return None
