"""The Article every loader returns: what the extractor needs, nothing about storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
