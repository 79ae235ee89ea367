"""Response envelopes of the API; the domain shapes come from kg.queries.models."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kg.queries.models import EventPublic, RelationPublic
from loaders.article import url_problem
from loaders.extraction.model import EventRecord, LeaderMention, RelationRecord
from loaders.text_loader import known_value

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: `next_offset` is null on the last page."""

    items: list[T]
    limit: int
    offset: int
    total: int | None = Field(description="Items across all pages; null when not counted")
    next_offset: int | None = None


def paginate(items: list[T], limit: int, offset: int) -> Page[T]:
    """Cut a full, deterministically ordered list into one page."""
    window = items[offset : offset + limit]
    more = offset + limit < len(items)
    return Page[T](
        items=window,
        limit=limit,
        offset=offset,
        total=len(items),
        next_offset=offset + limit if more else None,
    )


class Problem(BaseModel):
    """An error (RFC 9457 problem details), sent as application/problem+json."""

    type: str = "about:blank"
    title: str = Field(examples=["Unknown state"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["unknown state code 'NKR'; did you mean PRK?"])
    instance: str | None = Field(None, examples=["/states/NKR"])


class HealthPublic(BaseModel):
    status: Literal["ok", "degraded"] = Field(
        "ok",
        description="degraded: the server answers, but without a part it was configured "
        "with (`problems` says which)",
    )
    problems: list[str] = Field(default_factory=list)
    backend: str = Field(description="The query backend: sparql or neo4j")
    version: str
    read_only: bool = Field(False, description="True when the store is open read-only")
    base_iri: str = Field(description="IRIs under it dereference at /id/...")


class ArticleSubmission(BaseModel):
    """An article posted as JSON; `published` is a date at any precision or a timestamp."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://news.example.org/2024/06/19/putin-pyongyang",
                    "title": "Putin and Kim sign a mutual defense treaty",
                    "published": "2024-06-19",
                    "text": "Russian President Vladimir Putin visited Pyongyang on June 19, "
                    "2024, where he and Kim Jong-un signed a treaty on comprehensive "
                    "strategic partnership.",
                }
            ]
        }
    )

    text: str = Field(pattern=r"\S", description="The article text (not only white space)")
    url: str | None = Field(
        None, description="Canonical http(s) URL; the article id is its hash", max_length=2048
    )
    title: str | None = None
    published: str | None = Field(None, examples=["2024-06-19"])

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        """Only http(s) URLs: a source url is rendered as a link (no javascript: or data:)."""
        known = known_value(url)
        problem = url_problem(known) if known else None
        if problem:
            raise ValueError(problem)
        return url


class ExtractedPublic(BaseModel):
    """What the extractor read from one article, with the sentence behind each fact."""

    states: list[str]
    organizations: list[str]
    leaders: list[LeaderMention]
    events: list[EventRecord]
    relations: list[RelationRecord]
    warnings: list[str]
    extractor: str


class ArticleRetracted(BaseModel):
    """An article taken out of the record (and of Neo4j) by DELETE /articles/{id}."""

    id: str = Field(description="16 hex digits")
    iri: str
    url: str | None = None
    status: Literal["retracted"] = "retracted"
    retracted_at: str = Field(description="When, in UTC (ISO 8601)")
    projected_to_neo4j: bool | None = Field(
        None, description="Neo4j followed (None when Neo4j is not configured)"
    )


class ArticleIngested(BaseModel):
    """The outcome of POST /articles: the same article posted twice has the same id."""

    id: str = Field(examples=["3f2a9c1b7d4e5a60"])
    iri: str
    href: str = Field(description="Where to read it back: GET /articles/{id}")
    status: Literal["new", "replaced", "unchanged"]
    url: str | None = None
    title: str | None = None
    published: str | None = None
    events: int = Field(description="Events the article reports")
    new_events: int = Field(description="Events no other article reported before")
    corroborated_events: int = Field(description="Events another article also reports")
    projected_to_neo4j: bool | None = Field(
        None, description="Whether Neo4j was updated too; null when Neo4j is not configured"
    )
    extraction: ExtractedPublic


class ArticlePublic(BaseModel):
    """One stored article and the facts read from it (its named graph)."""

    id: str
    iri: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    ingested_at: str | None = None
    extractor: str | None = None
    mentions: list[str] = Field(default_factory=list, description="IRIs of what it names")
    events: list[EventPublic] = Field(default_factory=list)
    relations: list[RelationPublic] = Field(default_factory=list)


class CypherQuery(BaseModel):
    """A read-only Cypher query and its parameters."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (s:State {code: $code}) RETURN s.name AS name",
                    "parameters": {"code": "PRK"},
                }
            ]
        }
    )

    query: str = Field(min_length=1, max_length=100_000)
    parameters: dict[str, Any] = Field(default_factory=dict)


class CypherResultPublic(BaseModel):
    """Rows as JSON objects; nodes and relationships become plain dicts."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="True when the row limit cut the result")
    limit: int
