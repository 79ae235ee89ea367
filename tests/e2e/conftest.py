"""End-to-end fixtures: a store loaded by the real CLI (`kg load-reference`, `kg ingest`),
and real servers (`kg serve`, uvicorn in a subprocess on a free port) to talk to over HTTP."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
KG = str(Path(sys.executable).parent / "kg")
API_KEY = "e2e-secret-key"
MAX_BODY = 200_000
ARTICLES = [ROOT / "kg" / "demo", ROOT / "tests" / "fixtures" / "articles" / "articles.jsonl"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without the developer's KG_* settings, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update(extra)
    return env


def kg(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [KG, *args], cwd=cwd, env=env or clean_env(), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"kg {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@dataclass
class Server:
    """A `kg serve` subprocess; `url` is its base URL."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    store: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_server(
    store: Path,
    workdir: Path,
    *serve_args: str,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> Server:
    """Start `kg --store STORE serve --port P ...` and wait until /health answers;
    `preexec` runs in the child before it starts (a resource limit, say)."""
    port = free_port()
    log = workdir / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [KG, "--store", str(store), "serve", "--port", str(port), *serve_args],
            cwd=workdir,
            env=env or clean_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=preexec,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log, store)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(server.url + "/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"kg serve did not answer in 60 s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def loaded_store(workdir: Path) -> Path:
    """Reference data and a dozen articles, loaded by the real CLI; servers use copies."""
    store = workdir / "loaded-store"
    kg("--store", str(store), "load-reference", cwd=workdir)
    kg("--store", str(store), "ingest", *map(str, ARTICLES), cwd=workdir)
    return store


def copy_store(loaded_store: Path, name: str) -> Path:
    target = loaded_store.parent / name
    shutil.copytree(loaded_store, target)
    (target / "LOCK").unlink(missing_ok=True)
    return target


@pytest.fixture(scope="session")
def server(loaded_store: Path, workdir: Path) -> Iterator[Server]:
    """One read-write worker with an API key and a small body limit."""
    env = clean_env(KG_API_KEY=API_KEY, KG_MAX_BODY_BYTES=str(MAX_BODY))
    running = start_server(copy_store(loaded_store, "rw-store"), workdir, env=env)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def api(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def ro_server(loaded_store: Path, workdir: Path) -> Iterator[Server]:
    """Two workers sharing one store opened read-only (an API key is set, but unusable)."""
    store = copy_store(loaded_store, "ro-store")
    env = clean_env(KG_API_KEY=API_KEY)
    running = start_server(store, workdir, "--workers", "2", "--no-access-log", env=env)
    yield running
    running.stop()
