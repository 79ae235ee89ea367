"""The graph explorer in a real headless Chromium (tests/e2e/browser.py): a state at a date
drawn by Cytoscape.js as GET /neighbourhood answers it, the date slider changing the edges,
an edge click listing its events with their evidence, a node click re-centring, messages for
bad input, and a narrow screen. Counts come from the API at test time: the session's server
is shared with tests that post articles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.browser import Browser
from tests.e2e.conftest import Server
from tests.e2e.test_web_ui import CHROMIUM_FLAGS, _chromium

EX = "window.geokgExplorer"
READY = f"{EX} && {EX}.cy && {EX}.data"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    flags = tuple(f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time"))
    running = Browser(_chromium(), flags, tmp_path_factory.mktemp("chromium-explorer"))
    yield running
    running.close()


def _open(browser: Browser, url: str, centre: str, at: str) -> None:
    """Open the page at `url` and wait for the neighbourhood of `centre` at `at`, the graph
    scrolled into view (clicks land only on what is on screen)."""
    browser.open(url, READY)
    browser.wait_for(f"{EX}.data.centre === '{centre}' && {EX}.data.at === '{at}'")
    browser.js("document.getElementById('explorer-graph').scrollIntoView()")


def _drawn(browser: Browser) -> dict[str, Any]:
    """What Cytoscape holds and draws: node ids with their place on screen, edge ids with
    their colour and width, and the graph's box."""
    found: dict[str, Any] = browser.js(
        "(() => { const cy = window.geokgExplorer.cy; const box = cy.container().getBoundingClientRect();"
        " return {box: [box.width, box.height],"
        " nodes: cy.nodes().map(n => ({id: n.id(), ...n.renderedPosition()})),"
        " edges: cy.edges().map(e => ({id: e.id(), type: e.data('type'), colour: e.style('line-color'),"
        " width: parseFloat(e.style('width')), target: e.target().id()}))}; })()"
    )
    return found


def _neighbourhood(api: httpx.Client, code: str, at: str) -> dict[str, Any]:
    answer = api.get(f"/neighbourhood/{code}", params={"at": at})
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def test_the_explorer_draws_the_neighbourhood(
    browser: Browser, server: Server, api: httpx.Client
) -> None:
    expected = _neighbourhood(api, "CHN", "1961")
    _open(browser, f"{server.url}/?explore=CHN&at=1961", "CHN", "1961")
    drawn = _drawn(browser)
    assert sorted(n["id"] for n in drawn["nodes"]) == sorted(n["id"] for n in expected["nodes"])
    assert sorted(e["id"] for e in drawn["edges"]) == sorted(e["id"] for e in expected["edges"])
    width, height = drawn["box"]
    for node in drawn["nodes"]:  # every node on screen, inside the graph's box
        assert 0 <= node["x"] <= width and 0 <= node["y"] <= height, node
    colours = {e["type"]: e["colour"] for e in drawn["edges"]}
    assert len(set(colours.values())) == len(colours) >= 2  # a colour a relation type
    events = {e["id"]: e["events"] for e in expected["edges"]}
    by_events = sorted(drawn["edges"], key=lambda e: events[e["id"]])
    assert by_events[0]["width"] < by_events[-1]["width"]  # weighted by event counts
    listed = browser.js("document.querySelectorAll('#explorer-list button[data-edge]').length")
    assert listed == len(expected["edges"])
    legend = browser.js("document.getElementById('explorer-legend').innerText")
    assert "ally" in legend and "alliance member" in legend


def test_moving_the_date_changes_the_edges(
    browser: Browser, server: Server, api: httpx.Client
) -> None:
    """The Sino-Soviet alliance (1950-1980) is an edge in 1961 and none in 1990."""
    then, later = _neighbourhood(api, "CHN", "1961"), _neighbourhood(api, "CHN", "1990")
    soviet = next(n["id"] for n in then["nodes"] if n["name"].startswith("Sino-Soviet"))
    assert soviet in {e["target"] for e in then["edges"]}
    assert soviet not in {e["target"] for e in later["edges"]}
    _open(browser, f"{server.url}/?explore=CHN&at=1961", "CHN", "1961")
    browser.js(
        "(() => { const s = document.getElementById('explorer-year'); s.value = '1990';"
        " s.dispatchEvent(new Event('change')); })()"
    )
    browser.wait_for(f"{EX}.data.at === '1990'")
    drawn = _drawn(browser)
    assert sorted(e["id"] for e in drawn["edges"]) == sorted(e["id"] for e in later["edges"])
    assert soviet not in {e["target"] for e in drawn["edges"]}
    assert "at=1990" in browser.js("location.search")
    # the keyboard: the slider focused, one arrow key is one year on
    browser.js("document.getElementById('explorer-year').focus()")
    for kind in ("keyDown", "keyUp"):
        browser.page(
            "Input.dispatchKeyEvent",
            type=kind,
            key="ArrowRight",
            code="ArrowRight",
            windowsVirtualKeyCode=39,
        )
    browser.wait_for(f"{EX}.data.at === '1991'")


def _click_at(browser: Browser, point: str) -> None:
    """A real mouse click at a point of the drawing (Cytoscape's own hit test): the page is
    first scrolled so that the point is in the middle of the window (a click lands only on
    what is on screen), then the pointer moves there and presses."""
    where = (
        "(() => { const cy = window.geokgExplorer.cy; const box = cy.container().getBoundingClientRect();"
        f" const p = {point}; return [box.left + p.x, box.top + p.y]; }})()"
    )
    _x, y = browser.js(where)
    browser.js(f"window.scrollBy(0, {y} - window.innerHeight / 2)")
    x, y = browser.js(where)
    browser.mouse("mouseMoved", x, y)
    browser.mouse("mousePressed", x, y, button="left", clickCount=1)
    browser.mouse("mouseReleased", x, y, button="left", clickCount=1)


def _click_edge(browser: Browser, edge_id: str) -> None:
    """A real mouse click at the middle of the edge as drawn."""
    _click_at(browser, f"cy.getElementById({edge_id!r}).renderedMidpoint()")


def test_clicking_an_edge_lists_its_events_with_evidence(
    browser: Browser, server: Server, api: httpx.Client
) -> None:
    found = _neighbourhood(api, "CHN", "1961")
    edge = next(e for e in found["edges"] if e["target"] == "PRK" and e["events"])
    window = {"from": found["events_from"], "to": found["events_to"], "limit": 1000}
    events = api.get("/timeline/CHN/PRK", params=window).json()["items"]
    sentences = {s["evidence"] for e in events for s in e["sources"] if s["evidence"]}
    assert len(events) == edge["events"] and sentences
    _open(browser, f"{server.url}/?explore=CHN&at=1961", "CHN", "1961")
    _click_edge(browser, edge["id"])
    browser.wait_for("document.querySelector('#explorer-edge blockquote')")
    shown = browser.js(
        "[...document.querySelectorAll('#explorer-edge blockquote')].map(b => b.innerText)"
    )
    assert set(shown) <= sentences and shown
    assert browser.js("document.querySelectorAll('#explorer-edge .event').length") == len(events)
    links = browser.js("[...document.querySelectorAll('#explorer-edge .src a')].map(a => a.href)")
    assert links and all(link.startswith(("http://", "https://")) for link in links)


def test_clicking_a_node_centres_on_it(browser: Browser, server: Server) -> None:
    _open(browser, f"{server.url}/?explore=CHN&at=1961", "CHN", "1961")
    _click_at(browser, "cy.getElementById('PRK').renderedPosition()")
    browser.wait_for(f"{EX}.data.centre === 'PRK'")
    assert "explore=PRK" in browser.js("location.search")
    # the same from the keyboard: the list's buttons
    browser.js("document.querySelector('#explorer-list button[data-centre=CHN]').click()")
    browser.wait_for(f"{EX}.data.centre === 'CHN'")


def test_bad_input_is_a_message(browser: Browser, server: Server) -> None:
    error = "document.querySelector('#explorer-status .error')"
    browser.open(f"{server.url}/?explore=NKR&at=1961", error)
    assert "did you mean PRK" in browser.js(f"{error}.innerText")
    assert browser.js("document.getElementById('explorer-drawn').hidden") is True
    browser.open(f"{server.url}/?explore=CHN&at=1961x", error)
    assert "not a date" in browser.js(f"{error}.innerText")


def test_a_narrow_screen(browser: Browser, server: Server) -> None:
    browser.page(
        "Emulation.setDeviceMetricsOverride",
        width=375,
        height=740,
        deviceScaleFactor=1,
        mobile=True,
    )
    try:
        _open(browser, f"{server.url}/?explore=CHN&at=1961", "CHN", "1961")
        width = browser.js(
            "document.getElementById('explorer-graph').getBoundingClientRect().width"
        )
        assert 200 < width <= 375
        assert browser.js("document.documentElement.scrollWidth <= window.innerWidth")
        assert len(_drawn(browser)["nodes"]) >= 2
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")
