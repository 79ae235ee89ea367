"""The drawn pair timeline (vis-timeline) in a real headless Chromium, driven over the DevTools
protocol (tests/e2e/browser.py): one item per event in its type's colour, periods as ranges and
dates at their precision, the view in the URL, filters, zoom and pan, the evidence on pointing,
clicking and the keyboard, type-ahead, a narrow screen, and a message for a state that does not
exist. One browser for the module; the session's server is shared (counts come from the API)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.browser import Browser
from tests.e2e.conftest import Server
from tests.e2e.test_web_ui import CHROMIUM_FLAGS, _chromium

ITEMS = "#plot .vis-item[data-iri]"
# drawn, at the scale the page reports (vis-timeline measures its panels on a second pass)
DRAWN = (
    f"document.querySelector('{ITEMS}') && !document.querySelector('{ITEMS}:not([tabindex])') "
    "&& Number(document.getElementById('plot').dataset.px) "
    "=== document.querySelector('#plot .vis-panel.vis-center').offsetWidth"
)
WINDOW = "(() => { const s = document.getElementById('plot').dataset; return [Number(s.t0), Number(s.t1)]; })()"  # fmt: skip
DETAIL = "document.getElementById('event-detail').innerText"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    flags = tuple(f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time"))
    running = Browser(_chromium(), flags, tmp_path_factory.mktemp("chromium"))
    yield running
    running.close()


def _items(browser: Browser) -> list[dict[str, Any]]:
    """Each event item drawn: its classes, type, IRI, left edge in the plot and width (px), and
    its colour (a range's fill, a point's dot)."""
    return list(
        browser.js(
            f"[...document.querySelectorAll('{ITEMS}')].map(n => {{ const r = n.getBoundingClientRect(), "
            "c = document.querySelector('#plot .vis-itemset').getBoundingClientRect(), "
            "dot = n.querySelector('.vis-dot'); return {cls: n.className, type: n.dataset.type, "
            "iri: n.dataset.iri, left: r.left - c.left, width: r.width, colour: dot ? "
            "getComputedStyle(dot).borderTopColor : getComputedStyle(n).backgroundColor}; })"
        )
    )


def _x(browser: Browser, day: str) -> float:
    """Where the plot draws the start of `day` (px from the left of its time area), now."""
    return float(
        browser.js(
            "(() => { const s = document.getElementById('plot').dataset; "
            f"return (Date.parse('{day}') - s.t0) / (s.t1 - s.t0) * s.px; }})()"
        )
    )


def _at(browser: Browser, selector: str) -> tuple[float, float]:
    """The middle of `selector` on screen, scrolled into the window first."""
    x, y = browser.js(
        f"(() => {{ const n = document.querySelector('{selector}'); n.scrollIntoView({{block: 'center'}}); "
        "const r = n.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    return float(x), float(y)


def _key(browser: Browser, key: str, code: str, keycode: int) -> None:
    for kind in ("rawKeyDown", "keyUp"):
        browser.page(
            "Input.dispatchKeyEvent", type=kind, key=key, code=code, windowsVirtualKeyCode=keycode
        )


def test_one_item_per_event_in_its_colour(
    browser: Browser, server: Server, api: httpx.Client
) -> None:
    events = api.get("/timeline/CHN/PRK", params={"limit": 1000}).json()["items"]
    browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
    browser.wait_for(f"document.querySelectorAll('{ITEMS}').length === {len(events)}")
    items = _items(browser)
    assert sorted(i["iri"] for i in items) == sorted(e["iri"] for e in events)
    for item in items:
        assert f"type-{item['type']}" in item["cls"].split()
    # one colour a type (the session's other tests may add events: counts come from the API)
    assert len({i["colour"] for i in items}) == len({e["type"] for e in events}) >= 3
    legend = browser.js("[...document.querySelectorAll('#legend input')].map(i => i.value)")
    assert sorted(legend) == sorted({e["type"] for e in events})
    bands = browser.js(
        "[...document.querySelectorAll('#plot .vis-item.band')].map(n => n.className)"
    )
    assert any("band-alliance" in b for b in bands)
    assert any("band-diplomatic_relations" in b for b in bands)
    areas = browser.js("document.querySelectorAll('#plot .vis-background .band-area').length")
    assert areas == len(bands)  # each band also shades the events behind it


def test_the_korean_war_is_a_span_and_a_day_is_a_point(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
    items = _items(browser)
    war = next(i for i in items if i["type"] == "war")
    day = next(i for i in items if i["iri"].endswith("/message_exchange/CHN-PRK/2024-10-06"))
    assert "vis-range" in war["cls"].split() and "vis-point" in day["cls"].split()
    assert war["left"] == pytest.approx(_x(browser, "1950-06-25"), abs=1)
    assert war["left"] + war["width"] == pytest.approx(_x(browser, "1953-07-28"), abs=1)
    assert war["width"] > 3 * 13  # far wider than a point
    # zoomed in to days, the exchange is all of its day
    browser.js("plot.setWindow(Date.UTC(2024, 9, 1), Date.UTC(2024, 9, 11))")
    browser.wait_for(
        "document.querySelector('#plot .vis-item.vis-range.type-message_exchange[tabindex]')"
    )
    day = next(i for i in _items(browser) if i["type"] == "message_exchange")
    assert day["left"] == pytest.approx(_x(browser, "2024-10-06"), abs=1)
    assert day["width"] == pytest.approx(_x(browser, "2024-10-07") - day["left"], abs=1)


def test_a_year_and_a_month_are_as_long_as_they_are(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=CHN&b=IND", DRAWN)  # the 1962 war, dated by its year only
    war = next(i for i in _items(browser) if i["type"] == "war")
    assert "vis-range" in war["cls"].split() and war["width"] > 8
    assert war["left"] == pytest.approx(_x(browser, "1962-01-01"), abs=1)
    assert war["width"] == pytest.approx(_x(browser, "1963-01-01") - war["left"], abs=1)
    # the 1961 treaty, dated by its month: a point over decades, all of July over 1961
    browser.open(f"{server.url}/?a=CHN&b=PRK&from=1961&to=1961", DRAWN)
    treaty = next(i for i in _items(browser) if i["iri"].endswith("/CHN-PRK/1961-07"))
    assert "vis-range" in treaty["cls"].split()
    assert treaty["left"] == pytest.approx(_x(browser, "1961-07-01"), abs=1)
    assert treaty["width"] == pytest.approx(_x(browser, "1961-08-01") - treaty["left"], abs=1)


def test_the_url_restores_the_view(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=CHN&b=PRK&from=1945&to=2025&type=war", DRAWN)
    assert [i["type"] for i in _items(browser)] == ["war"]
    assert browser.js("document.querySelector('input[name=from]').value") == "1945"
    checked = browser.js(
        "[...document.querySelectorAll('#legend input:checked')].map(i => i.value)"
    )
    assert checked == ["war"]
    assert browser.js(WINDOW) == [
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
    browser.wait_for(f"document.querySelectorAll('{ITEMS}').length === {len(events)}")
    browser.js("document.querySelector('#legend input[value=war]').click()")
    browser.wait_for(f"document.querySelectorAll('{ITEMS}').length === {len(others)}")
    assert "war" not in [i["type"] for i in _items(browser)]
    assert "Korean War" not in browser.js("document.getElementById('timeline').innerText")
    assert "war" not in browser.js("new URLSearchParams(location.search).get('type')").split(",")
    browser.js("document.querySelector('input[name=from]').value = '2000'")
    browser.js("document.querySelector('#timeline-form button').click()")
    recent = len([e for e in others if e["latest"] >= "2000-01-01"])
    assert recent >= 1
    browser.wait_for(f"document.querySelectorAll('{ITEMS}').length === {recent}")
    assert browser.js("location.search").count("from=2000") == 1
    assert browser.js(WINDOW)[0] == browser.js("Date.UTC(2000, 0, 1)")


def test_pointing_clicking_and_the_keyboard_show_the_evidence(
    browser: Browser, server: Server
) -> None:
    browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
    browser.mouse("mouseMoved", 1, 1)
    browser.mouse("mouseMoved", *_at(browser, "#plot .vis-item.vis-range.type-war"))
    browser.wait_for("document.querySelector('#event-detail mark.evidence')")
    assert "Korean War" in browser.js(
        "document.querySelector('#event-detail mark.evidence').innerText"
    )
    detail = browser.js(DETAIL)
    assert "1950-06-25/1953-07-27" in detail and "CHN, KOR, PRK, USA" in detail
    assert "1 source" in detail
    links = browser.js("[...document.querySelectorAll('#event-detail .src a')].map(a => a.href)")
    assert links and all(link.startswith(("http://", "https://")) for link in links)
    # a click on the October 2024 point keeps its detail open while the pointer moves on
    day = "#plot .vis-item.vis-point.type-message_exchange"
    x, y = _at(browser, day)
    browser.mouse("mousePressed", x, y, button="left", clickCount=1)
    browser.mouse("mouseReleased", x, y, button="left", clickCount=1)
    browser.wait_for(f"document.querySelector('{day}.vis-selected')")
    assert browser.js(f"document.querySelector('{day}').getAttribute('aria-pressed')") == "true"
    browser.mouse("mouseMoved", *_at(browser, "#plot .vis-item.type-war"))
    assert "exchanged messages" in browser.js(DETAIL)
    # the keyboard: Escape lets go; Tab from the plot reaches an event and shows it; Enter pins
    browser.js("document.getElementById('plot').focus()")
    _key(browser, "Escape", "Escape", 27)
    browser.wait_for("!document.querySelector('#plot .vis-item.vis-selected')")
    _key(browser, "Tab", "Tab", 9)
    focused = browser.js("document.activeElement.dataset.iri")
    assert focused and browser.js("document.activeElement.getAttribute('role')") == "button"
    label = browser.js("document.activeElement.getAttribute('aria-label')")
    assert browser.js(DETAIL).split(",")[0].lower() == label.split(",")[0].lower()
    _key(browser, "Enter", "Enter", 13)
    browser.wait_for(f"document.querySelector('{ITEMS}.vis-selected[data-iri=\"{focused}\"]')")
    # + zooms around the focused event, which keeps the focus
    t0, t1 = browser.js(WINDOW)
    _key(browser, "+", "Equal", 187)
    z0, z1 = browser.js(WINDOW)
    assert z1 - z0 == pytest.approx((t1 - t0) / 2)
    browser.wait_for(f"document.activeElement.dataset.iri === '{focused}'")


def test_zoom_and_pan(browser: Browser, server: Server) -> None:
    browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
    t0, t1 = browser.js(WINDOW)
    browser.js("document.getElementById('zoom-in').click()")
    z0, z1 = browser.js(WINDOW)
    assert z1 - z0 == pytest.approx((t1 - t0) / 2)
    browser.js("document.getElementById('plot').focus()")
    _key(browser, "ArrowRight", "ArrowRight", 39)  # the keys pan too
    assert browser.js(WINDOW)[0] == pytest.approx(z0 + (z1 - z0) / 10)
    x, y = _at(browser, "#plot .vis-panel.vis-center")
    for _ in range(3):  # the wheel zooms around the pointer, 1.2 times a notch
        browser.mouse("mouseWheel", x, y, deltaX=0, deltaY=-120)
    w0, w1 = browser.js(WINDOW)
    assert w1 - w0 == pytest.approx((z1 - z0) / 1.2**3, rel=0.01)
    # from decades down to days: five of them at the closest
    browser.js("for (let i = 0; i < 14; i++) document.getElementById('zoom-in').click()")
    w0, w1 = browser.js(WINDOW)
    assert w1 - w0 == 5 * 86400000
    browser.mouse("mousePressed", x, y, button="left", clickCount=1)
    for step in range(1, 11):
        browser.mouse("mouseMoved", x - 20 * step, y, button="left")
    browser.mouse("mouseReleased", x - 200, y, button="left", clickCount=1)
    p0, _ = browser.js(WINDOW)
    assert p0 > w0  # dragged left: later times come into view


def test_a_narrow_screen_holds_the_timeline(browser: Browser, server: Server) -> None:
    browser.page(
        "Emulation.setDeviceMetricsOverride",
        width=400,
        height=800,
        deviceScaleFactor=1,
        mobile=True,
    )
    try:
        browser.open(f"{server.url}/?a=CHN&b=PRK", DRAWN)
        assert browser.js("document.documentElement.scrollWidth") <= 400
        assert browser.js("document.getElementById('plot').getBoundingClientRect().right") <= 400
        war = next(i for i in _items(browser) if i["type"] == "war")
        assert "vis-range" in war["cls"].split() and war["width"] >= 8
        browser.js("document.querySelector('#plot .vis-item.type-war').focus()")
        assert "Korean War" in browser.js(DETAIL)
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")


def test_only_http_links_come_from_the_data(browser: Browser, server: Server) -> None:
    """A source url that is not http(s) (a stored javascript: or data: one) is never an href:
    the link goes to the article's own page instead."""
    browser.open(f"{server.url}/", "typeof sourceLink === 'function' && baseIri")
    hrefs = browser.js(
        "['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', "
        "'https://news.example.org/a'].map(url => sourceLink({url, title: 't', "
        "article: baseIri + 'article/x'}).getAttribute('href'))"
    )
    assert hrefs == ["/id/article/x"] * 3 + ["https://news.example.org/a"]


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
    for name in ("timeline.js", "timeline-plot.js", "timeline-pair.js"):
        assert api.get(f"/static/{name}").headers["content-type"].startswith("text/javascript")
    library = api.get("/static/vendor/vis-timeline-graph2d.min.js")
    assert library.headers["content-type"].startswith("text/javascript")
    assert "vis-timeline" in library.text[:400] and "sourceMappingURL" not in library.text
    style = api.get("/static/vendor/vis-timeline-graph2d.min.css")
    assert style.headers["content-type"].startswith("text/css")
    assert api.get("/static/app.py").status_code == 404
    page = api.get("/").text
    assert "http" not in page.replace('href="/', "").split("<body>")[0]  # no CDN in the head
    assert 'src="http' not in page and "<script>" not in page  # none from elsewhere, none inline


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
    pinned = f'#plot .vis-item.vis-selected[data-iri="{event["iri"]}"]'
    browser.wait_for(f"document.querySelector('{pinned}')")
    assert "armistice" in browser.js(DETAIL)
    params = browser.js("Object.fromEntries(new URLSearchParams(location.search))")
    assert params["q"] == "armistice" and params["a"] and params["b"]
