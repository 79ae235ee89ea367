"""Run Apache Jena Fuseki 5.6 (fetched by kg.fuseki_server.maven) as a background server on
127.0.0.1, one TDB2 dataset in its home folder, as the Neo4j launcher runs Neo4j: a pid
file, a log, a wait until it answers, SIGTERM to stop. No Docker, no install."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kg.fuseki_server.config import CONFIG_FILE, DATASET, config_text
from kg.fuseki_server.maven import DEFAULT_FUSEKI_DIR, LIB_DIR, FusekiError, build
from kg.neo4j_server.launcher import is_alive, log_tail, port_open
from kg.settings import Settings

MAIN_CLASS = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd"
HOST = "127.0.0.1"
PID_FILE = "fuseki.pid"
LOG_FILE = "fuseki.log"
DATABASE_DIR = "tdb2"
FAST_START_JVM_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


@dataclass(frozen=True)
class FusekiStatus:
    """Whether our Fuseki runs, and where to reach its dataset."""

    running: bool
    pid: int | None
    home: Path
    port: int

    @property
    def dataset_url(self) -> str:
        return f"http://{HOST}:{self.port}/{DATASET}"

    @property
    def log_file(self) -> Path:
        return self.home / LOG_FILE


def java_binary() -> str:
    """JAVA_HOME's java when set, else the one on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise FusekiError("Java is not installed; Fuseki 5.6 needs Java 17")
    return found


def java_command(
    settings: Settings,
    fuseki_dir: Path = DEFAULT_FUSEKI_DIR,
    java: str = "java",
    java_opts: tuple[str, ...] = (),
) -> list[str]:
    """The whole java command line (java_opts last among the JVM's, so they win)."""
    home = settings.fuseki_home.resolve()
    return [
        java,
        f"-Xmx{settings.fuseki_heap}",
        *java_opts,
        "-cp",
        str(fuseki_dir / LIB_DIR / "*"),
        MAIN_CLASS,
        "--localhost",
        "--port",
        str(settings.fuseki_port),
        "--ping",
        f"--config={home / CONFIG_FILE}",
    ]


def _pid_fields(home: Path) -> list[int]:
    try:
        return [int(field) for field in (home / PID_FILE).read_text().split()]
    except (FileNotFoundError, ValueError):
        return []


def is_fuseki(pid: int) -> bool:
    """True when pid is alive and is a Fuseki we started (not a recycled pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return MAIN_CLASS.encode() in cmdline and is_alive(pid)


def status(settings: Settings) -> FusekiStatus:
    """Whether the Fuseki of settings.fuseki_home runs, from its pid file and /proc; its port
    is the one it was started on."""
    home = settings.fuseki_home.resolve()
    fields = _pid_fields(home)
    running = bool(fields) and is_fuseki(fields[0])
    port = fields[1] if running and len(fields) == 2 else settings.fuseki_port
    return FusekiStatus(running, fields[0] if running else None, home, port)


def answers(port: int, timeout: float = 1.0) -> bool:
    """True when Fuseki's /$/ping answers 200 on 127.0.0.1:port."""
    import httpx

    try:
        return httpx.get(f"http://{HOST}:{port}/$/ping", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def _wait_ready(
    proc: subprocess.Popen[bytes], port: int, log: Path, offset: int, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = proc.poll()
        if code is not None:
            raise FusekiError(
                f"Fuseki exited with code {code} before it was ready; log {log}:\n{log_tail(log, offset)}"
            )
        if port_open(port) and answers(port):
            return
        time.sleep(0.1)
    raise FusekiError(
        f"Fuseki did not answer on port {port} within {timeout:.0f}s; log {log}:\n{log_tail(log, offset)}"
    )


def _spawn(
    settings: Settings, log: Path, fuseki_dir: Path, java_opts: tuple[str, ...]
) -> subprocess.Popen[bytes]:
    """Java in its own session (Ctrl-C of the caller does not reach it), output to the log."""
    with log.open("ab") as out:
        return subprocess.Popen(
            java_command(settings, fuseki_dir, java_binary(), java_opts),
            cwd=log.parent,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _prepare(home: Path, port: int) -> None:
    """The database folder and the configuration, once the port is known to be free."""
    (home / DATABASE_DIR).mkdir(parents=True, exist_ok=True)
    if port_open(port):
        raise FusekiError(
            f"Port {port} is already in use; stop what listens there or choose another port "
            "(KG_FUSEKI_PORT)"
        )
    (home / CONFIG_FILE).write_text(config_text(home / DATABASE_DIR), encoding="utf-8")


def start(
    settings: Settings,
    timeout: float = 120.0,
    fuseki_dir: Path = DEFAULT_FUSEKI_DIR,
    java_opts: tuple[str, ...] = (),
) -> FusekiStatus:
    """Start Fuseki in the background (fetching it first if needed) and wait until it
    answers; no-op when it runs."""
    current = status(settings)
    if current.running:
        return current
    build(fuseki_dir)
    home = current.home
    _prepare(home, settings.fuseki_port)
    log = home / LOG_FILE
    offset = log.stat().st_size if log.exists() else 0
    proc = _spawn(settings, log, fuseki_dir, java_opts)
    (home / PID_FILE).write_text(f"{proc.pid} {settings.fuseki_port}\n")
    try:
        _wait_ready(proc, settings.fuseki_port, log, offset, timeout)
    except FusekiError:
        _terminate(proc.pid, grace=10.0)
        (home / PID_FILE).unlink(missing_ok=True)
        raise
    return status(settings)


def _terminate(pid: int, grace: float) -> None:
    """SIGTERM (Fuseki closes its database in its shutdown hook), then SIGKILL."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while is_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if is_alive(pid):
            os.kill(pid, signal.SIGKILL)


def stop(settings: Settings, timeout: float = 30.0) -> bool:
    """Stop exactly the pid in the pid file (if it is our Fuseki); False when none ran."""
    home = settings.fuseki_home.resolve()
    fields = _pid_fields(home)
    if not fields:
        return False
    was_running = is_fuseki(fields[0])
    if was_running:
        _terminate(fields[0], grace=timeout)
    (home / PID_FILE).unlink(missing_ok=True)
    return was_running
