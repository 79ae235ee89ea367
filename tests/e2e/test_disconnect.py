"""A client that goes away in the middle of its body is not a server error: the server
logs no traceback and answers the next request."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlparse

import httpx

from tests.e2e.conftest import API_KEY, Server


def test_a_client_that_disconnects_mid_body_leaves_no_traceback(server: Server) -> None:
    url = urlparse(server.url)
    logged = server.log.read_text(errors="replace")
    for _ in range(3):
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 80)) as sock:
            head = (
                "POST /articles HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                f"X-API-Key: {API_KEY}\r\nContent-Length: 100000\r\n\r\n"
            )
            sock.sendall(head.encode() + b"China and North Korea signed a treaty in 1961.")
            time.sleep(0.2)
    time.sleep(0.5)
    assert httpx.get(server.url + "/health").status_code == 200
    added = server.log.read_text(errors="replace")[len(logged) :]
    assert "Traceback" not in added and "unhandled error" not in added, added[-2000:]
