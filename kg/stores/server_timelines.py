"""A running geokg server's pair timelines, asked over HTTP (its GET /timeline, which answers
from its own timeline cache), as a TimelineCache that only reads: the CLI beside `kg serve`
pages through the route instead of reading each event over SPARQL. Nothing is kept here (the
server keeps what it reads) and nothing written here marks it (the server's own writes do)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kg.stores.timeline_cache import CachedEvent, CachedPage, PageFilter, TimelineCache

if TYPE_CHECKING:
    import httpx

TIMEOUT = 60.0
TIMELINE_PAGE = 1000  # the most events GET /timeline answers at once
UNKNOWN = CachedPage(None, None)  # read it over SPARQL, and keep nothing


class ServerTimelines(TimelineCache):
    """The pair timelines of the server whose GET /timeline is `url`."""

    def __init__(self, url: str, api_key: str | None = None) -> None:
        import httpx  # here, so that the CLI, which names this class, starts fast

        self.url = url
        self._http = httpx
        self._key = {"X-API-Key": api_key} if api_key else {}  # a server's KG_READ_API_KEY
        self._client: httpx.Client | None = httpx.Client(timeout=TIMEOUT)

    def page(self, dyad: str, keep: PageFilter) -> CachedPage:
        """The events the server answers for the pair, paged through; UNKNOWN when it
        cannot or will not answer (the pair is then read over SPARQL)."""
        if self._client is None:
            return UNKNOWN
        if keep.limit == 0:
            return CachedPage([], None)
        a, b = dyad.split("|")
        asked = {"from": keep.start, "to": keep.end, "type": keep.event_type}
        params: dict[str, str | int] = {k: v for k, v in asked.items() if v is not None}
        events: list[str] = []
        offset: int | None = keep.offset
        while offset is not None and (keep.limit is None or len(events) < keep.limit):
            size = TIMELINE_PAGE if keep.limit is None else keep.limit - len(events)
            found = self._get(f"{self.url}/{a}/{b}", {**params, "limit": min(size, TIMELINE_PAGE), "offset": offset})  # fmt: skip
            if found is None:
                return UNKNOWN
            events.extend(json.dumps(item) for item in found["items"])
            offset = found.get("next_offset")
        return CachedPage(events, None)

    def _get(self, url: str, params: dict[str, str | int]) -> dict[str, Any] | None:
        """One page of a GET, or None when the server cannot or will not answer it."""
        assert self._client is not None
        try:
            answer = self._client.get(url, params=params, headers=self._key)
            found = answer.json() if answer.status_code == 200 else None
        except (self._http.HTTPError, ValueError):
            return None
        return found if isinstance(found, dict) and isinstance(found.get("items"), list) else None

    def keep(self, dyad: str, events: Sequence[CachedEvent], ticket: int) -> bool:
        return False  # the server keeps what it reads

    @contextmanager
    def writing(self, graphs: Sequence[str] | None) -> Iterator[None]:
        yield  # writes go to the server, whose own writes mark its cache

    def stale(self) -> list[str]:
        return []

    def forget(self) -> None:
        return None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
