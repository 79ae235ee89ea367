"""`Client`: a running geokg server (`kg serve`) over HTTP, its lists paged through and
returned as DataFrames (client/frames.py), its neighbourhoods as graphs
(client/neighbourhood.py). It speaks only HTTP: no geokg module is imported, so it runs
against a server anywhere with pandas, networkx and httpx beside it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx

from client.errors import GeokgError, problem_error
from client.frames import (
    ALLIANCE_COLUMNS,
    HIT_COLUMNS,
    events_frame,
    frame,
    relations_frame,
)
from client.neighbourhood import Neighbourhood

PAGE = 1000  # the most /timeline and /events give at once
SEARCH_PAGE = 100  # the most /search gives at once


class Client:
    """A geokg server at `base_url` (`http://127.0.0.1:8000`); `api_key` (its KG_API_KEY)
    only for writes. Every refusal is a GeokgError with the server's sentence."""

    def __init__(self, base_url: str, api_key: str | None = None, timeout: float = 30.0):
        headers = {"X-API-Key": api_key} if api_key else {}
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        """One request's JSON answer; a refusal (4xx, 5xx) or no answer is a GeokgError."""
        url = f"{self.base_url}{path}"
        try:
            answer = self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            raise GeokgError(None, "No answer", f"cannot reach the server: {exc}", url) from None
        if answer.is_success:
            return answer.json()
        try:
            body: Any = answer.json()
        except ValueError:
            body = answer.text
        raise problem_error(answer.status_code, body, answer.reason_phrase, url)

    def get(self, path: str, **params: Any) -> Any:
        """GET `path` with the query `params` that are not None: the raw JSON, for any route."""
        found = {k: v for k, v in params.items() if v is not None}
        return self.request("GET", path, params=found)

    def pages(self, path: str, params: dict[str, Any], size: int = PAGE) -> list[dict[str, Any]]:
        """Every item of a paged list (the query `params`), following `next_offset` until it
        is null."""
        items: list[dict[str, Any]] = []
        offset: int | None = 0
        while offset is not None:
            page = self.get(path, **params, limit=size, offset=offset)
            items += page["items"]
            offset = page["next_offset"]
        return items

    def health(self) -> dict[str, Any]:
        found: dict[str, Any] = self.get("/health")
        return found

    def timeline(
        self,
        a: str,
        b: str,
        start: str | None = None,
        end: str | None = None,
        types: str | Iterable[str] | None = None,
    ) -> Any:
        """Every event between `a` and `b` (codes, names or aliases) overlapping
        [start, end] (dates at any precision), in date order, one row each."""
        wanted = [types] if isinstance(types, str) else list(types or [])
        one = wanted[0] if len(wanted) == 1 else None  # several: filtered here, in order
        path = f"/timeline/{_segment(a)}/{_segment(b)}"
        items = self.pages(path, {"from": start, "to": end, "type": one})
        return events_frame([e for e in items if not wanted or e["type"] in wanted])

    def events(
        self,
        state: str | None = None,
        type: str | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> Any:
        """Events of one state or actor, type and period (each optional), one row each."""
        params = {"state": state, "type": type, "from": start, "to": end}
        return events_frame(self.pages("/events", params))

    def alliances(self, code: str, at: str | None = None, obligation: str | None = None) -> Any:
        """The alliances `code` belongs to at `at` (all of them without), one row each."""
        path = f"/states/{_segment(code)}/alliances"
        return frame(self.pages(path, {"at": at, "obligation": obligation}), ALLIANCE_COLUMNS)

    def relation_summary(self, a: str, b: str) -> dict[str, Any]:
        """GET /relations/{a}/{b} as it is: relations, shared alliances, event counts."""
        found: dict[str, Any] = self.get(f"/relations/{_segment(a)}/{_segment(b)}")
        return found

    def relations(self, a: str, b: str) -> Any:
        """The relations between `a` and `b` (ally, diplomatic relations, ...), one row each,
        with their sources' evidence sentences."""
        return relations_frame(self.relation_summary(a, b)["relations"])

    def search(self, q: str, limit: int | None = None) -> Any:
        """The hits of GET /search for `q` (all of them, or the first `limit`), in the
        server's order: entities, then events by date, then articles."""
        size = min(limit or SEARCH_PAGE, SEARCH_PAGE)
        items: list[dict[str, Any]] = []
        offset: int | None = 0
        while offset is not None and (limit is None or len(items) < limit):
            page = self.get("/search", q=q, limit=size, offset=offset)
            items += page["items"]
            offset = page["next_offset"]
        return frame(items[:limit] if limit else items, HIT_COLUMNS)

    def neighbourhood(self, code: str, at: str | None = None, years: int = 10) -> Neighbourhood:
        """`code` at `at` (default: today) as GET /neighbourhood answers it."""
        data = self.get(f"/neighbourhood/{_segment(code)}", at=at, years=years)
        return Neighbourhood(data)

    def to_networkx(self, code: str, at: str | None = None, years: int = 10) -> Any:
        """`neighbourhood(code, at, years).to_networkx()`: a networkx MultiDiGraph."""
        return self.neighbourhood(code, at, years).to_networkx()

    def post_article(self, text: str, **fields: str | None) -> dict[str, Any]:
        """POST /articles (needs `api_key`): `text` with optional url, title, published; the
        server's answer (id, status, counts and the whole extraction)."""
        body = {"text": text, **{k: v for k, v in fields.items() if v is not None}}
        found: dict[str, Any] = self.request("POST", "/articles", json=body)
        return found


def _segment(value: str) -> str:
    """`value` as one path segment (a name may hold spaces or a slash)."""
    from urllib.parse import quote

    return quote(value, safe="")
