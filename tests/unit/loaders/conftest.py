"""A real local HTTP server (http.server in a thread) for the URL loader tests: no mocks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "articles"
BIG = 6 * 1024 * 1024  # above the 5 MB default limit
_release = threading.Event()  # set at teardown so slow handlers stop waiting


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _slow(handler: BaseHTTPRequestHandler) -> None:
    """Answers only after 5 s (or at teardown): longer than the tests' read timeout."""
    _release.wait(5)
    _send(handler, 200, "text/plain", b"Too late.")


def _trickle(handler: BaseHTTPRequestHandler) -> None:
    """Headers at once, then a little text every 0.1 s for a second: a slow drip."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    for _ in range(10):
        handler.wfile.write(b"Some words of a very slow article. ")
        handler.wfile.flush()
        time.sleep(0.1)


def _big_streamed(handler: BaseHTTPRequestHandler) -> None:
    """A body past the limit with no Content-Length, so the client must count as it reads."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    chunk = b"word " * 13_000
    for _ in range(BIG // len(chunk) + 1):
        handler.wfile.write(chunk)


def _redirect(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(302)
    handler.send_header("Location", "/article.html")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


STATIC: dict[str, tuple[int, str, bytes]] = {
    "/article.html": (200, "text/html; charset=utf-8", _fixture("nato_finland_2023.html")),
    "/nav.html": (200, "text/html", b"<html><body><nav>Home | News</nav></body></html>"),
    "/feed.rss": (200, "application/rss+xml", _fixture("world_news.rss")),
    "/feed.atom": (200, "text/xml", _fixture("diplomacy.atom")),  # generic XML: sniffed
    "/articles.jsonl": (200, "application/x-ndjson", _fixture("articles.jsonl")),
    "/plain.txt": (200, "text/plain", b"published: 2024-10-07\ntitle: T\n\nLeaders met."),
    "/untyped": (200, "", b"<!DOCTYPE html>" + _fixture("nato_finland_2023.html")),
    "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
    "/empty.txt": (200, "text/plain", b""),
    "/big-declared": (200, "text/plain", b"x" * BIG),
}
DYNAMIC: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {
    "/slow": _slow,
    "/trickle": _trickle,
    "/big-streamed": _big_streamed,
    "/redirect": _redirect,
}


def _send(handler: BaseHTTPRequestHandler, status: int, content_type: str, body: bytes) -> None:
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        try:
            if self.path in DYNAMIC:
                DYNAMIC[self.path](self)
            elif self.path in STATIC:
                _send(self, *STATIC[self.path])
            else:
                _send(self, 404, "text/plain", b"Not found.")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first, as the limit and timeout tests intend

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="session")
def http_base() -> Iterator[str]:
    """Base URL of a threaded HTTP server on a free local port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _release.set()
    server.shutdown()
    server.server_close()
