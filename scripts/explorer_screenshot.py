"""Take docs/explorer.png: the web UI's graph explorer on the demo data, drawn by a headless
Chromium (Debian's `chromium`, `make browser`), with an edge's events listed below the graph.
Not a test: run it by hand when the page changes.

    .venv/bin/python scripts/explorer_screenshot.py [--code CHN] [--at 1961] [--edge-to PRK]

It loads the reference data and the demo articles into a temporary store with the real CLI,
serves it with `kg serve` on a free port, and stops the server and the browser when done."""

from __future__ import annotations

import argparse
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

CLICK_EDGE = """(() => {{ const cy = window.geokgExplorer.cy;
  const edge = cy.edges().filter(e => e.target().id() === {target!r} && e.data('label'))[0];
  edge.emit('tap'); return edge.id(); }})()"""


def _shoot(browser: Browser, url: str, target: str, out: Path) -> None:
    browser.open(url, "window.geokgExplorer && window.geokgExplorer.data")
    browser.js(CLICK_EDGE.format(target=target))
    browser.wait_for("document.querySelector('#explorer-edge blockquote')")
    time.sleep(0.3)  # Cytoscape draws the selection on its next frame
    top = browser.js(
        "document.getElementById('explorer').getBoundingClientRect().top + window.scrollY"
    )
    bottom = browser.js(
        "document.getElementById('explorer-edge').getBoundingClientRect().bottom + window.scrollY"
    )
    clip = {"x": 0, "y": top - 8, "width": 1200, "height": min(bottom - top + 24, 1600), "scale": 1}
    shot = browser.page(
        "Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True
    )
    out.write_bytes(base64.b64decode(shot["data"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", default="CHN")
    parser.add_argument("--at", default="1961")
    parser.add_argument("--edge-to", default="PRK", help="whose edge to click")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "explorer.png")
    args = parser.parse_args()
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
            url = f"{server.url}/?explore={args.code}&at={args.at}"
            _shoot(browser, url, args.edge_to, args.out)
        finally:
            browser.close()
            server.stop()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
