"""The note `kg serve` leaves in the store folder: written while it serves, taken away when it
stops (SIGTERM included), and ignored when the process it names is gone or does not answer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.settings import get_settings
from kg.stores.server_note import (
    NOTE_NAME,
    ServerNote,
    announced,
    base_url,
    read_note,
    running_server,
)
from kg.stores.server_timelines import ServerTimelines
from kg.stores.sparql_endpoint_store import SparqlEndpointStore
from kg.wiring import open_queries, open_reader


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000"),
        ("0.0.0.0", "http://127.0.0.1:8000"),
        ("::", "http://[::1]:8000"),
        ("::1", "http://[::1]:8000"),
        ("localhost", "http://localhost:8000"),
    ],
)
def test_the_url_is_one_a_local_client_can_reach(host: str, url: str) -> None:
    assert base_url(host, 8000) == url


def test_the_note_is_there_while_the_server_runs_and_gone_after(tmp_path: Path) -> None:
    with announced(tmp_path, "http://127.0.0.1:9", read_only=True) as note:
        assert read_note(tmp_path) == note == ServerNote("http://127.0.0.1:9", os.getpid(), True)
    assert not (tmp_path / NOTE_NAME).exists()


def test_a_note_another_server_wrote_since_is_left_alone(tmp_path: Path) -> None:
    other = {"url": "http://127.0.0.1:10", "pid": 1, "read_only": False}
    with announced(tmp_path, "http://127.0.0.1:9", read_only=False):
        (tmp_path / NOTE_NAME).write_text(json.dumps(other))
    assert read_note(tmp_path) == ServerNote("http://127.0.0.1:10", 1, False)


@pytest.mark.parametrize("text", ["", "{", "[]", '{"url": "x"}', '{"url": "x", "pid": "a"}'])
def test_a_damaged_note_is_no_note(tmp_path: Path, text: str) -> None:
    (tmp_path / NOTE_NAME).write_text(text)
    assert read_note(tmp_path) is None
    assert running_server(tmp_path) is None


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_note_of_a_killed_server_is_ignored_and_removed(tmp_path: Path) -> None:
    note = {"url": "http://127.0.0.1:9", "pid": _dead_pid(), "read_only": False}
    (tmp_path / NOTE_NAME).write_text(json.dumps(note))
    assert running_server(tmp_path) is None
    assert not (tmp_path / NOTE_NAME).exists()


def test_a_live_process_that_does_not_answer_is_not_a_server(tmp_path: Path) -> None:
    # Port 9 (discard) has no HTTP server here: the process lives, the URL does not answer.
    with announced(tmp_path, "http://127.0.0.1:9", read_only=False):
        assert running_server(tmp_path) is None
        assert (tmp_path / NOTE_NAME).exists()  # the process may still be starting


def test_sigterm_takes_the_note_away(tmp_path: Path) -> None:
    script = (
        "import sys, time; from pathlib import Path; "
        "from kg.stores.server_note import announced\n"
        "with announced(Path(sys.argv[1]), 'http://127.0.0.1:9', False):\n"
        "    print('ready', flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "ready\n"
    assert (tmp_path / NOTE_NAME).exists()
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=30) == 128 + signal.SIGTERM
    deadline = time.monotonic() + 5
    while (tmp_path / NOTE_NAME).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not (tmp_path / NOTE_NAME).exists()


class _Health(BaseHTTPRequestHandler):
    """A /health that reports the backend in the class attribute."""

    backend = "sparql"

    def do_GET(self) -> None:
        body = json.dumps({"backend": self.backend}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize(("backend", "timelines"), [("sparql", True), ("neo4j", False)])
def test_timelines_are_asked_of_a_server_only_when_it_answers_from_the_record(
    tmp_path: Path, backend: str, timelines: bool
) -> None:
    handler = type("Health", (_Health,), {"backend": backend})
    http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{http.server_address[1]}"
    try:
        with announced(tmp_path, url, read_only=False):
            note = running_server(tmp_path)
            assert note is not None and note.backend == backend
            reader = open_reader(get_settings(store_path=tmp_path))
            assert isinstance(reader, SparqlEndpointStore)
            reader.close()
            queries = open_queries(get_settings(store_path=tmp_path), "sparql")
            cache = getattr(queries, "cache", None)
            asked = cache.url if isinstance(cache, ServerTimelines) else None
            assert asked == (f"{url}/timeline" if timelines else None)
            queries.close()
    finally:
        http.shutdown()
