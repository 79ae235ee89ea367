"""The drawn pair timeline in a real headless Chromium, driven over the DevTools protocol
(tests/e2e/browser.py): one mark per event in its type's colour, periods and dates at their
precision, the view in the URL, filters, zoom and pan, the evidence on pointing, type-ahead,
and a message for a state that does not exist. One browser for the module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.browser import Browser
from tests.e2e.conftest import Server
from tests.e2e.test_web_ui import CHROMIUM_FLAGS, _chromium

MARKS = "#timeline-svg g.event"
DRAWN = f"document.querySelector('{MARKS}')"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    flags = tuple(f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time"))
    running = Browser(_chromium(), flags, tmp_path_factory.mktemp("chromium"))
    yield running
    running.close()


def _marks(browser: Browser) -> list[dict[str, Any]]:
    return list(
        browser.js(
            f"[...document.querySelectorAll('{MARKS}')].map(g => ({{cls: g.getAttribute('class'), "
            "type: g.dataset.type, iri: g.dataset.iri, "
            "width: Number(g.querySelector('rect.mark').getAttribute('width'))}))"
        )
    )


def _width_of(browser: Browser, start: str, end: str) -> float:
    """Pixels the plot gives the days from `start` to `end` (exclusive), at its scale now."""
    return float(
        browser.js(
            "(() => { const s = document.getElementById('timeline-svg').dataset; "
            f"return (Date.parse('{end}') - Date.parse('{start}')) / (s.t1 - s.t0) * (s.x1 - s.x0); }})()"
        )
    )


def test_one_mark_per_event_in_its_colour(
    browser: Browser, server: Server, api: httpx.Client
) -> None:
    events = api.get("/timeline/CHN/PRK", params={"limit": 1000}).json()["items"]
    browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
    marks = _marks(browser)
    assert sorted(m["iri"] for m in marks) == sorted(e["iri"] for e in events)
    for mark in marks:
        assert f"type-{mark['type']}" in mark["cls"].split()
    colours = browser.js(
        f"[...document.querySelectorAll('{MARKS} rect.mark')].map(r => getComputedStyle(r).fill)"
    )
    # one colour a type (the session's other tests may add events: counts come from the API)
    assert len(set(colours)) == len({e["type"] for e in events}) >= 3
    legend = browser.js("[...document.querySelectorAll('#legend input')].map(i => i.value)")
    assert sorted(legend) == sorted({e["type"] for e in events})
    bands = browser.js(
        "[...document.querySelectorAll('#timeline-svg g.band')].map(g => g.getAttribute('class'))"
    )
    assert any("band-alliance" in b for b in bands) and any(
        "band-diplomatic_relations" in b for b in bands
    )


def test_the_korean_war_is_a_span_and_a_day_is_a_point(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
    by_type = {m["type"]: m for m in _marks(browser)}
    war, day = by_type["war"], by_type["message_exchange"]
    assert "point" not in war["cls"] and "point" in day["cls"]
    assert war["width"] > 3 * day["width"]
    assert war["width"] == pytest.approx(_width_of(browser, "1950-06-25", "1953-07-28"), abs=0.5)


def test_a_year_is_a_year_long_mark(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=CHN&b=IND", DRAWN)  # the 1962 war, dated by its year only
    war = next(m for m in _marks(browser) if m["type"] == "war")
    assert war["width"] == pytest.approx(_width_of(browser, "1962-01-01", "1963-01-01"), abs=0.5)
    assert war["width"] > 8


def test_the_url_restores_the_view(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=CHN&b=PRK&from=1945&to=2025&type=war", DRAWN)
    assert [m["type"] for m in _marks(browser)] == ["war"]
    assert browser.js("document.querySelector('input[name=from]').value") == "1945"
    checked = browser.js(
        "[...document.querySelectorAll('#legend input:checked')].map(i => i.value)"
    )
    assert checked == ["war"]
    span = browser.js(
        "(() => { const s = document.getElementById('timeline-svg').dataset; return [s.t0, s.t1]; })()"
    )
    assert [float(t) for t in span] == [
        browser.js("Date.UTC(1945, 0, 1)"),
        browser.js("Date.UTC(2026, 0, 1)"),
    ]


def test_a_type_filter_hides_its_events_and_goes_in_the_url(
    browser: Browser, server: Server, api: httpx.Client
) -> None:
    events = api.get("/timeline/CHN/PRK", params={"limit": 1000}).json()["items"]
    others = [e for e in events if e["type"] != "war"]
    assert others and len(others) < len(events)
    browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
    assert len(_marks(browser)) == len(events)
    browser.js("document.querySelector('#legend input[value=war]').click()")
    types = [m["type"] for m in _marks(browser)]
    assert len(types) == len(others) and "war" not in types
    assert "Korean War" not in browser.js("document.getElementById('timeline').innerText")
    assert "war" not in browser.js("new URLSearchParams(location.search).get('type')").split(",")
    browser.js("document.querySelector('input[name=from]').value = '2000'")
    browser.js("document.querySelector('#timeline-form button').click()")
    recent = len([e for e in others if e["latest"] >= "2000-01-01"])
    assert recent >= 1
    browser.wait_for(f"document.querySelectorAll('#timeline-svg g.event').length === {recent}")
    assert browser.js("location.search").count("from=2000") == 1


def test_pointing_at_an_event_shows_its_evidence(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
    x, y = browser.js(
        "(() => { const r = document.querySelector('#timeline-svg g.type-war rect').getBoundingClientRect(); "
        "return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    browser.mouse("mouseMoved", 1, 1)
    browser.mouse("mouseMoved", x, y)
    browser.wait_for("document.querySelector('#event-detail mark.evidence')")
    detail = browser.js("document.getElementById('event-detail').innerText")
    assert "Korean War" in browser.js(
        "document.querySelector('#event-detail mark.evidence').innerText"
    )
    assert "1950-06-25/1953-07-27" in detail and "CHN, KOR, PRK, USA" in detail
    assert "1 source" in detail
    links = browser.js("[...document.querySelectorAll('#event-detail .src a')].map(a => a.href)")
    assert links and all(link.startswith(("http://", "https://")) for link in links)
    # the keyboard: Tab focus on another event shows that one instead
    browser.js("document.querySelector('#timeline-svg g.type-message_exchange').focus()")
    assert "exchanged messages" in browser.js("document.getElementById('event-detail').innerText")


def test_zoom_and_pan(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
    span = "(() => { const s = document.getElementById('timeline-svg').dataset; return [Number(s.t0), Number(s.t1)]; })()"
    t0, t1 = browser.js(span)
    browser.js("document.getElementById('zoom-in').click()")
    z0, z1 = browser.js(span)
    assert z1 - z0 == pytest.approx((t1 - t0) / 2)
    x, y = browser.js(
        "(() => { const r = document.getElementById('plot').getBoundingClientRect(); return [r.x + r.width / 2, r.y + 20]; })()"
    )
    for _ in range(4):  # from decades down to days
        browser.mouse("mouseWheel", x, y, deltaX=0, deltaY=-2000)
    browser.wait_for(f"(() => {{ const s = {span}; return s[1] - s[0] < 20 * 86400000; }})()")
    w0, _ = browser.js(span)
    browser.mouse("mousePressed", x, y, button="left", clickCount=1)
    browser.mouse("mouseMoved", x - 200, y, button="left")
    browser.mouse("mouseReleased", x - 200, y, button="left", clickCount=1)
    p0, _ = browser.js(span)
    assert p0 > w0  # dragged left: later times come into view


def test_type_ahead_suggests_by_name(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/", "document.getElementById('timeline-form')")
    browser.js(
        "(() => { const i = document.querySelector('input[name=a]'); i.value = ''; i.focus(); })()"
    )
    browser.page("Input.insertText", text="north kor")
    browser.wait_for("document.querySelector('#suggest-a option[value=PRK]')")
    assert "North Korea" in browser.js("document.querySelector('#suggest-a option').label")


def test_an_unknown_state_is_a_message(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=NKR&b=CHN", "document.querySelector('#summary .error')")
    assert "did you mean PRK" in browser.js("document.querySelector('#summary .error').innerText")
    assert browser.js("document.getElementById('drawn').hidden") is True
    browser.open(
        f"{server.url}/?a=CHN&b=PRK&from=1990s", "document.querySelector('#summary .error')"
    )
    assert "not a date" in browser.js("document.querySelector('#summary .error').innerText")


def test_suggest_route(api: httpx.Client) -> None:
    found = api.get("/lookup/suggest", params={"q": "korea"}).json()
    assert [s["code"] for s in found[:2]] == ["PRK", "KOR"]
    assert api.get("/lookup/suggest", params={"q": "zzqq"}).json() == []


def test_assets_are_served_and_nothing_else(api: httpx.Client) -> None:
    assert api.get("/static/timeline.js").headers["content-type"].startswith("text/javascript")
    assert api.get("/static/app.py").status_code == 404
    page = api.get("/").text
    assert "http" not in page.replace('href="/', "").split("<body>")[0]  # no CDN in the head


def test_a_search_opens_the_pair_timeline_of_an_event(browser: Browser, server: Server) -> None:
    """Search 'armistice' on the demo data: events and the article, the word marked; an
    event opens its pair's timeline with that event shown, and the URL keeps both."""
    browser.open(f"{server.url}/?q=armistice", "document.querySelector('#search-results li.hit')")
    hits = browser.js(
        "[...document.querySelectorAll('#search-results li.hit')].map(li => ({kind: "
        "li.dataset.kind, iri: li.dataset.iri, marked: [...li.querySelectorAll('mark')]"
        ".map(m => m.innerText.toLowerCase())}))"
    )
    assert {h["kind"] for h in hits} >= {"event", "article"}
    assert all(h["marked"] and set(h["marked"]) == {"armistice"} for h in hits)
    event = next(h for h in hits if h["kind"] == "event")
    browser.js("document.querySelector('#search-results li.hit-event a.open').click()")
    pinned = f'#timeline-svg g.event.pinned[data-iri="{event["iri"]}"]'
    browser.wait_for(f"document.querySelector('{pinned}')")
    assert "armistice" in browser.js("document.getElementById('event-detail').innerText")
    params = browser.js("Object.fromEntries(new URLSearchParams(location.search))")
    assert params["q"] == "armistice" and params["a"] and params["b"]
