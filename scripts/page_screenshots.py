"""Take docs/timeline.png and docs/search.png: the web UI's CHN-PRK timeline as vis-timeline
draws it (the October 2024 exchange pinned open) and the results of a search for "armistice",
on the demo data, drawn by a headless Chromium (Debian's `chromium`, `make browser`). Not a
test: run it by hand when the page changes (docs/explorer.png comes from
scripts/explorer_screenshot.py).

    .venv/bin/python scripts/page_screenshots.py

It loads the reference data and the demo articles into a temporary store with the real CLI,
serves it with `kg serve` on a free port, and stops the server and the browser when done."""

from __future__ import annotations

import base64
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import Browser  # noqa: E402
from tests.e2e.conftest import kg, start_server  # noqa: E402
from tests.e2e.test_web_ui import CHROMIUM_FLAGS  # noqa: E402

BOX = "(() => {{ const r = document.querySelector({sel!r}).getBoundingClientRect(); return [r.top + window.scrollY, r.bottom + window.scrollY]; }})()"


def _clip(browser: Browser, first: str, last: str, out: Path) -> None:
    """A screenshot from the top of `first` to the bottom of `last`, 1200 px wide."""
    top = browser.js(BOX.format(sel=first))[0]
    bottom = browser.js(BOX.format(sel=last))[1]
    clip = {"x": 0, "y": top - 8, "width": 1200, "height": min(bottom - top + 24, 1600), "scale": 1}
    shot = browser.page("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)  # fmt: skip
    out.write_bytes(base64.b64decode(shot["data"]))
    print(f"wrote {out}")


def _timeline(browser: Browser, url: str) -> None:
    ready = "document.querySelector('#plot .vis-item[data-type=war]') && !document.querySelector('#plot .vis-loading-screen')"  # fmt: skip
    browser.open(f"{url}/?a=CHN&b=PRK", ready)
    browser.js("plot.pin(document.querySelector('#plot .vis-item[data-type=message_exchange]').dataset.iri)")  # fmt: skip
    browser.wait_for("document.querySelector('#event-detail blockquote')")
    time.sleep(0.5)  # vis-timeline's second pass: the panels measured, the items stacked
    _clip(browser, "#timeline-title", "#event-detail", ROOT / "docs" / "timeline.png")


def _search(browser: Browser, url: str) -> None:
    browser.open(f"{url}/?q=armistice", "document.querySelector('#search-results li')")
    time.sleep(0.3)
    _clip(browser, "#search-title", "#search-results", ROOT / "docs" / "search.png")


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("no chromium: `make browser` installs Debian's package")
    with tempfile.TemporaryDirectory() as tmp:
        work, store = Path(tmp), Path(tmp) / "store"
        kg("--store", str(store), "load-reference", cwd=work)
        kg("--store", str(store), "ingest", str(ROOT / "kg" / "demo"), cwd=work)
        server = start_server(store, work)
        flags = tuple(f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time"))
        browser = Browser(chromium, flags, work / "profile")
        try:
            _timeline(browser, server.url)
            _search(browser, server.url)
        finally:
            browser.close()
            server.stop()


if __name__ == "__main__":
    main()
