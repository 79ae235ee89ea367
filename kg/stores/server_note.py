"""The note a running `kg serve` leaves in the store folder it serves, so the CLI's read
commands can ask that server instead of failing on the folder's lock.

The note (`geokg-server.json`) names the server's base URL and process. It is a hint, never
trusted alone: a reader uses it only while that process is alive and the URL answers
`/health`, so a note left by a killed server is ignored (and removed).
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from types import FrameType

NOTE_NAME = "geokg-server.json"
HEALTH_TIMEOUT = 2.0


@dataclass(frozen=True)
class ServerNote:
    """A server serving a store: its base URL (no trailing slash), process id and mode, and
    the query backend its /health reported (None: not asked; the note file does not keep it)."""

    url: str
    pid: int
    read_only: bool
    backend: str | None = None


def base_url(host: str, port: int) -> str:
    """The URL a local client reaches a server listening on host:port by."""
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


@contextmanager
def announced(store_path: Path, url: str, read_only: bool) -> Iterator[ServerNote]:
    """Leave a note for the server at `url` (this process) while the block runs."""
    note = ServerNote(url, os.getpid(), read_only)
    path = store_path / NOTE_NAME
    store_path.mkdir(parents=True, exist_ok=True)
    fields = {k: v for k, v in asdict(note).items() if k != "backend"}
    path.write_text(json.dumps(fields), encoding="utf-8")
    # uvicorn shuts down on SIGTERM, then raises it again for the handler it found: with the
    # default one the process would die before the note is taken away.
    previous = signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        yield note
    finally:
        signal.signal(signal.SIGTERM, previous)
        if read_note(store_path) == note:  # a later server may have replaced it
            path.unlink(missing_ok=True)


def _exit_on_term(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def read_note(store_path: Path) -> ServerNote | None:
    """The note in the folder as written, or None when there is none or it does not parse."""
    try:
        data = json.loads((store_path / NOTE_NAME).read_text(encoding="utf-8"))
        return ServerNote(str(data["url"]), int(data["pid"]), bool(data["read_only"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def running_server(store_path: Path) -> ServerNote | None:
    """The server serving this folder now: its note, when its process lives and answers."""
    note = read_note(store_path)
    if note is None:
        return None
    if not _alive(note.pid):
        (store_path / NOTE_NAME).unlink(missing_ok=True)
        return None
    import httpx  # only when a note is there: the CLI starts faster without it

    try:
        answer = httpx.get(f"{note.url}/health", timeout=HEALTH_TIMEOUT)
    except httpx.HTTPError:
        return None
    if answer.status_code != 200:
        return None
    try:
        backend = answer.json().get("backend")
    except (ValueError, AttributeError):
        backend = None
    return replace(note, backend=str(backend) if backend else None)
