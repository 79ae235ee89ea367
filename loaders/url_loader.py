"""Articles from http(s) URLs: bounded fetch (timeouts, size limit, overall deadline), then
the loader the content type or the first bytes call for (HTML, RSS/Atom, text, JSON Lines)."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from loaders._files import DEFAULT_MAX_BYTES
from loaders.article import Article
from loaders.errors import LoadError
from loaders.formats import kind_from_content_type, parse_bytes

DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)  # connect 5 s; read, write, pool 20 s
DEFAULT_DEADLINE = 60.0  # seconds for the whole download: a trickling server cannot hang us
USER_AGENT = "geokg/0.1 (+https://github.com/geokg; article loader)"


@dataclass(frozen=True)
class Fetched:
    """A downloaded body with what is needed to choose its loader."""

    url: str  # after redirects
    content_type: str
    body: bytes


def load_url(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
    client: httpx.Client | None = None,
) -> list[Article | LoadError]:
    """Fetch `url` and load what it serves: one article for a page, one per feed entry.

    Raises LoadError with a sentence for an invalid URL, a network failure, an HTTP
    error status, a body over `max_bytes`, a download past `deadline`, or content that
    is not an article (an image, a PDF).
    """
    fetched = fetch(url, max_bytes=max_bytes, timeout=timeout, deadline=deadline, client=client)
    kind = kind_from_content_type(fetched.content_type, fetched.body)
    if kind is None:
        shown = fetched.content_type or "unknown"
        raise LoadError(f"{url} is not an article (content type {shown}).", url)
    return parse_bytes(kind, fetched.body, source=url, url=fetched.url)


def fetch(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
    client: httpx.Client | None = None,
) -> Fetched:
    """GET `url` by streaming, stopping as soon as the body passes `max_bytes`."""
    _check_url(url)
    session = client or httpx.Client(
        timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
    )
    owner = contextlib.closing(session) if client is None else contextlib.nullcontext(session)
    try:
        with owner, session.stream("GET", url, timeout=timeout) as response:
            return _read(response, url, max_bytes, time.monotonic() + deadline)
    except httpx.HTTPError as exc:
        raise LoadError(_network_message(url, exc, timeout), url) from exc
    except (httpx.InvalidURL, UnicodeError) as exc:  # not HTTPErrors: a malformed host or port
        raise LoadError(f"{url} is not a valid URL ({exc}).", url) from exc


def _check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL before any connection is tried."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise LoadError(f"{url} is not a valid URL ({exc}).", url) from exc
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LoadError(f"{url} is not an http(s) URL.", url)


def _read(response: httpx.Response, url: str, max_bytes: int, stop_at: float) -> Fetched:
    """The body of a successful response, within the size limit and the deadline."""
    if response.status_code >= 400:
        reason = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise LoadError(f"{url} answered HTTP {response.status_code}{reason}.", url)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise LoadError(f"{url} is {declared} bytes, above the {max_bytes}-byte limit.", url)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise LoadError(f"{url} sent more than the {max_bytes}-byte limit.", url)
        if time.monotonic() > stop_at:
            raise LoadError(f"{url} took too long to download; gave up.", url)
        chunks.append(chunk)
    return Fetched(str(response.url), response.headers.get("Content-Type", ""), b"".join(chunks))


def _network_message(url: str, exc: httpx.HTTPError, timeout: httpx.Timeout) -> str:
    """One sentence for a failed request, saying what went wrong in the user's terms."""
    host = urlsplit(url).hostname or url
    if isinstance(exc, httpx.ConnectTimeout):
        return f"{url} could not be fetched: {host} did not accept a connection within {timeout.connect} s."
    if isinstance(exc, httpx.TimeoutException):
        return f"{url} could not be fetched: {host} sent nothing for {timeout.read} s."
    if isinstance(exc, httpx.ConnectError):
        return f"{url} could not be fetched: could not connect to {host} ({exc})."
    if isinstance(exc, httpx.TooManyRedirects):
        return f"{url} could not be fetched: too many redirects."
    return f"{url} could not be fetched: {exc or type(exc).__name__}."
