"""The answers of the full-text search (GraphQueries.search), shared by both backends, the API
and the CLI as kg.queries.models are."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SearchHit(BaseModel):
    """One full-text search hit: an event (by a sentence of its evidence), an article (by its
    title) or an entity (by a name or alias)."""

    kind: str = Field(description="event, article or entity")
    iri: str
    label: str = Field(
        description="what the hit is: an event's type, participants and date, "
        "an article's title, an entity's name"
    )
    snippet: str = Field(description="the text that matched (cut to about 240 characters)")
    marks: list[tuple[int, int]] = Field(
        default_factory=list, description="[start, end) of each matched word in `snippet`"
    )
    type: str | None = Field(default=None, description="an event's type; an entity's first type")
    date: str | None = Field(default=None, description="an event's date, an article's publication")
    earliest: str | None = None
    latest: str | None = None
    participants: list[str] = Field(
        default_factory=list,
        description="an event's participants (codes): a pair opens its timeline",
    )
    code: str | None = Field(default=None, description="an entity's code")
    url: str | None = Field(default=None, description="an article's URL")


class SearchResult(BaseModel):
    """A page of search hits, and how many there are in all."""

    words: list[str] = Field(description="the words searched for (each in every hit)")
    total: int
    hits: list[SearchHit]
