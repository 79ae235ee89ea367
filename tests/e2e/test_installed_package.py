"""What the Docker image runs: the files the Dockerfile copies, installed with `pip install .`
(not editable) into a fresh virtual environment, work from outside the checkout.

The development environment is editable and older, so a dependency a fresh install resolves
differently (lxml 6.2 dropped the `html_clean` extra trafilatura's jusText asks for) or a data
file missing from the wheel would pass every other test and fail only in the image."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def dockerfile_copies() -> list[str]:
    """The sources of the Dockerfile's COPY instructions (paths in the checkout)."""
    sources: list[str] = []
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if match := re.match(r"COPY\s+(.+)\s+\S+$", line.strip()):
            sources += match.group(1).split()
    return sources


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh venv holding the package built from the image's files."""
    base = tmp_path_factory.mktemp("image")
    app = base / "app"
    app.mkdir()
    for source in dockerfile_copies():
        path = ROOT / source
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
        if path.is_dir():
            shutil.copytree(path, app / source, ignore=ignore)
        else:
            shutil.copy2(path, app / source)
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True)
    bin_dir = base / "venv" / "bin"
    pip = [str(bin_dir / "pip"), "install", "--quiet", "--disable-pip-version-check"]
    done = subprocess.run([*pip, str(app)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return bin_dir


def kg(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed `kg`, run outside the checkout with only an embedded store configured."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["KG_STORE_PATH"] = str(cwd / "store")
    done = subprocess.run(
        [str(bin_dir / "kg"), *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


def test_the_dockerfile_copies_every_package_and_the_project_files() -> None:
    copied = set(dockerfile_copies())
    assert {"pyproject.toml", "README.md", "kg", "ontology", "loaders", "api"} <= copied


def test_the_installed_package_loads_ingests_and_answers(installed: Path, tmp_path: Path) -> None:
    """Reference data, the demo articles and the timeline, all from the installed wheel."""
    python = str(installed / "python")
    demo = subprocess.run(
        [python, "-c", "import importlib.resources as r; print(r.files('kg') / 'demo')"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert "site-packages" in demo, "the demo articles must come from the wheel"
    kg(installed, tmp_path, "load-reference")
    kg(installed, tmp_path, "ingest", demo)
    events = json.loads(
        kg(installed, tmp_path, "timeline", "CHN", "PRK", "--format", "json").stdout
    )
    dated = {(e["date"], e["type"]) for e in events}
    assert (
        "1950-06-25/1953-07-27",
        "war",
    ) in dated  # the named-events table ships with the package
    assert ("2024-10-06", "message_exchange") in dated


@pytest.fixture
def served(installed: Path, tmp_path: Path) -> Iterator[str]:
    """`kg serve` from the installed package on a free port, as the image's CMD runs it."""
    kg(installed, tmp_path, "load-reference")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["KG_STORE_PATH"] = str(tmp_path / "store")
    server = subprocess.Popen(
        [str(installed / "kg"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(f"{url}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_installed_api_serves_its_page_and_answers(served: str) -> None:
    health = httpx.get(f"{served}/health", timeout=10).json()
    assert health["status"] == "ok" and health["backend"] == "sparql"
    page = httpx.get(served, timeout=10)
    assert page.status_code == 200 and "<title>geokg</title>" in page.text
    for asset in ("explorer.js", "vendor/cytoscape.min.js"):  # package data, subfolder too
        assert httpx.get(f"{served}/static/{asset}", timeout=10).status_code == 200, asset
    leaders = httpx.get(f"{served}/states/PRK/leaders", params={"at": "2024-10-06"}, timeout=10)
    assert leaders.status_code == 200, leaders.text
    assert "Kim Jong Un" in leaders.text
