"""The ingest review on the web page (review.js) in a real headless Chromium: an article
pasted with the API key, its event highlighted in the text with its confidence before
anything is stored, then stored with one click and seen in its pair's timeline. On the
session's shared server (the other tests read their counts from the API), with a pair no
other test uses: Mongolia and Kazakhstan."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.browser import Browser
from tests.e2e.conftest import API_KEY, Server
from tests.e2e.test_web_ui import CHROMIUM_FLAGS, _chromium

TEXT = (
    "Mongolia and Kazakhstan signed a treaty on transit and trade on May 12, 2022, "
    "in Astana, the two governments said."
)
URL = "https://review.example.org/2022/05/mongolia-kazakhstan-transit"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    flags = tuple(f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time"))
    running = Browser(_chromium(), flags, tmp_path_factory.mktemp("chromium-review"))
    yield running
    running.close()


def _fill(browser: Browser, fields: dict[str, str]) -> None:
    """Set the review form's fields as pasting would (an input event each)."""
    browser.js(
        f"(() => {{ const f = document.getElementById('review-form'); for (const [k, v] of "
        f"Object.entries({json.dumps(fields)})) {{ f.elements[k].value = v; "
        "f.elements[k].dispatchEvent(new Event('input', {bubbles: true})); } })()"
    )


def test_preview_highlights_then_store_shows_it_in_the_timeline(
    browser: Browser, server: Server, api: httpx.Client
) -> None:
    browser.open(f"{server.url}/", "document.getElementById('review-form')")
    _fill(browser, {"text": TEXT, "url": URL, "published": "2022-05-13", "key": API_KEY})
    browser.js("document.querySelector('#review-form button:not([type])').click()")
    browser.wait_for("document.querySelector('#review-text mark.hl-trigger')")
    assert (
        browser.js("document.querySelector('#review-text mark.hl-trigger').innerText") == "signed"
    )
    evidence = browser.js(
        "[...document.querySelectorAll('#review-text mark.hl-evidence')].map(m => m.innerText).join('')"
    )
    assert evidence == TEXT  # the one sentence is the treaty's evidence
    marked = browser.js("[...document.querySelectorAll('#review-text mark')].map(m => m.className)")
    assert any("hl-mention-state" in c for c in marked) and any("hl-date" in c for c in marked)
    listed = browser.js("document.getElementById('review-events').innerText")
    assert "treaty signed" in listed and "2022-05-12" in listed
    assert "confidence 0." in listed or "confidence 1.00" in listed
    found = api.get("/events", params={"state": "MNG", "from": "2022-05", "to": "2022-05"})
    assert found.json()["items"] == []  # nothing stored by the preview
    # Store: one click; then the stored pair opens in the timeline with the new event
    assert browser.js("document.getElementById('review-store').disabled") is False
    browser.js("document.getElementById('review-store').click()")
    browser.wait_for("document.querySelector('#review-status button.review-open')")
    assert "Stored (new)" in browser.js("document.getElementById('review-status').innerText")
    stored = api.get("/timeline/KAZ/MNG", params={"from": "2022-05-12", "to": "2022-05-12"})
    iri = next(e["iri"] for e in stored.json()["items"] if e["type"] == "treaty_signed")
    browser.js("document.querySelector('#review-status button.review-open').click()")
    browser.wait_for(f"document.querySelector('#plot .vis-item[data-iri=\"{iri}\"]')")
