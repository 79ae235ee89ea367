"""The three endpoints of a SPARQL 1.1 server (query, update and the Graph Store Protocol)
over httpx, every failure one sentence: RecordUnavailable when the server cannot be reached
or does not answer in time, StoreFormatError when it refuses a request as malformed (400),
StoreError for anything else it answers with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.stores.base import RecordUnavailable, StoreError, StoreFormatError

if TYPE_CHECKING:
    import httpx

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
CONNECT_SECONDS = 10.0
DETAIL_CHARS = 300


@dataclass(frozen=True)
class Endpoints:
    """Where a dataset answers: its URL, and its query, update and GSP endpoints."""

    dataset: str
    query: str
    update: str
    gsp: str


def endpoints_for(
    dataset: str, query: str | None = None, update: str | None = None, gsp: str | None = None
) -> Endpoints:
    """The endpoints of `dataset` as Fuseki names them (/query, /update, /data), each
    replaced by the one given."""
    base = dataset.rstrip("/")
    return Endpoints(
        base, query or f"{base}/query", update or f"{base}/update", gsp or f"{base}/data"
    )


def problem_text(body: str, fallback: str) -> str:
    """A server's error body as one short sentence part (no final period)."""
    text = " ".join(body.split())[:DETAIL_CHARS].rstrip(" .")
    return text or fallback


def refusal(url: str, status: int, body: str, reason: str) -> StoreError:
    """The StoreError for an answer other than success."""
    detail = problem_text(body, reason)
    if status == 400:
        return StoreFormatError(f"The SPARQL server at {url} refused the request: {detail}.")
    if status in (401, 403):
        return StoreError(
            f"The SPARQL server at {url} refused access ({status}); set KG_RECORD_USER and "
            "KG_RECORD_PASSWORD."
        )
    if status == 404:
        return StoreError(
            f"The SPARQL server has no endpoint at {url} (404); set KG_RECORD_URL to the "
            "dataset's URL (for Fuseki http://HOST:3030/DATASET) or the endpoint settings."
        )
    return StoreError(f"The SPARQL server at {url} answered {status}: {detail}.")


class SparqlHttp:
    """One keep-alive HTTP client for the three endpoints; safe to share between threads."""

    def __init__(
        self, endpoints: Endpoints, timeout: float, auth: tuple[str, str] | None = None
    ) -> None:
        import httpx  # here, so that the CLI, which names this module, starts fast

        self.endpoints = endpoints
        self._http = httpx
        self._timeout = timeout
        self._client: httpx.Client | None = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_SECONDS)), auth=auth
        )

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        if self._client is None:
            raise StoreError(f"The connection to the SPARQL server at {url} is closed.")
        try:
            return self._client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except self._http.TimeoutException:
            raise RecordUnavailable(
                f"The SPARQL server at {url} did not answer within {self._timeout:g} s."
            ) from None
        except self._http.HTTPError as exc:
            reason = str(exc).rstrip(".") or type(exc).__name__
            raise RecordUnavailable(f"Cannot reach the SPARQL server at {url}: {reason}.") from None

    def _checked(self, answer: httpx.Response, url: str) -> httpx.Response:
        if answer.status_code >= 300:
            raise refusal(url, answer.status_code, answer.text, answer.reason_phrase)
        return answer

    def query(self, sparql: str, accept: str) -> httpx.Response:
        """POST a query (SPARQL 1.1 Protocol, direct body) asking for `accept`."""
        url = self.endpoints.query
        headers = {"Content-Type": QUERY_TYPE, "Accept": accept}
        return self._checked(self._send("POST", url, content=sparql.encode(), headers=headers), url)

    def update(self, sparql: str) -> None:
        """POST one update request: the server applies it as one transaction."""
        url = self.endpoints.update
        headers = {"Content-Type": UPDATE_TYPE}
        self._checked(self._send("POST", url, content=sparql.encode(), headers=headers), url)

    def get_graph(self, name: str, accept: str) -> bytes | None:
        """One named graph through the Graph Store Protocol (?graph=); None when absent."""
        url = self.endpoints.gsp
        answer = self._send("GET", url, params={"graph": name}, headers={"Accept": accept})
        if answer.status_code == 404:
            return None
        return self._checked(answer, url).content

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
