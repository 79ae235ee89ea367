"""Response envelopes of the API; the domain shapes come from kg.queries.models."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

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


class HealthPublic(BaseModel):
    status: str = "ok"
    backend: str
    version: str
