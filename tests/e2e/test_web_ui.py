"""The web UI in a real headless Chromium: the page's own JavaScript fetches the timeline
and renders each event with its evidence sentence."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import Server

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=8000",
)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is not installed; .ci/run installs the Debian package chromium")
    pytest.skip("Chromium is not installed (Debian package chromium)")


def _rendered(url: str, tmp_path: Path) -> str:
    """The DOM after the page's scripts ran."""
    done = subprocess.run(
        [
            _chromium(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_timeline_page_shows_events_with_evidence(server: Server, tmp_path: Path) -> None:
    dom = _rendered(f"{server.url}/?a=CHN&b=PRK", tmp_path)
    text = re.sub(r"<[^>]+>", " ", dom)
    assert "message_exchange" in text
    assert "2024-10-06" in text
    assert "exchanged messages" in text  # the evidence sentence, not just the type
    # the Korean War, dated by the named-events table (loaders/extraction/data)
    assert "1950-06-25/1953-07-27" in text


def test_states_may_be_given_by_name(server: Server, tmp_path: Path) -> None:
    dom = _rendered(f"{server.url}/?a=china&b=North%20Korea", tmp_path)
    text = re.sub(r"<[^>]+>", " ", dom)
    assert "2024-10-06" in text and "exchanged messages" in text


def test_unknown_state_shows_the_suggestion(server: Server, tmp_path: Path) -> None:
    dom = _rendered(f"{server.url}/?a=NKR&b=CHN", tmp_path)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom))
    assert re.search(r"NKR.*did you mean PRK", text), text[-1500:]
