"""Run the API under uvicorn: one process, or a supervisor and N worker processes that each
build the app with `api.main:app_from_env` (uvicorn needs an import string for workers)."""

from __future__ import annotations

import json
import socket

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.supervisors import Multiprocess

BAD_REQUEST = json.dumps(
    {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": "The request is not valid HTTP/1.1 (its request line, a header or its "
        "length), so the server did not read it.",
    }
).encode()


class ProblemH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, whose own 400 for a request it cannot parse (a negative
    Content-Length, a malformed header), sent before the app sees it, is problem+json like
    every other error instead of plain text."""

    def send_400_response(self, msg: str) -> None:
        headers = [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(BAD_REQUEST)).encode()),
            (b"connection", b"close"),
        ]
        for event in (
            h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
            h11.Data(data=BAD_REQUEST),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()


class TcpConfig(uvicorn.Config):
    """uvicorn's Config, with a listening socket that says it is TCP.

    With several workers uvicorn binds the socket itself with `proto` 0; accepted sockets
    inherit it and asyncio then leaves Nagle on (it sets TCP_NODELAY only for IPPROTO_TCP),
    so every keep-alive response waits ~40 ms for a delayed ACK (uvicorn issue #3149)."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, sock.detach())
            sock.set_inheritable(True)
        return sock


def run(host: str, port: int, workers: int, access_log: bool, log_level: str = "info") -> None:
    """Serve until interrupted; the settings come from the environment (see kg serve)."""
    config = TcpConfig(
        "api.main:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level=log_level,
        http=ProblemH11Protocol,
    )
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    server = uvicorn.Server(config)
    server.run()
    if not server.started:  # start-up failed (uvicorn has logged why), as uvicorn.run does
        raise SystemExit(3)
