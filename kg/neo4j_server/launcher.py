"""Build (Maven, cached) and run the embedded Neo4j 5.26 launcher as a background server.

The launcher (`neo4j-launcher/`) is the real Neo4j engine from Maven Central, so a machine with
Java 17 and Maven needs no Docker and no Neo4j install to have Bolt, HTTP and Neo4j Browser.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kg.neo4j_server.maven import (
    DEFAULT_LAUNCHER_DIR,
    LAUNCHER_JARS,
    LauncherError,
    build,
    plugin_dir,
)
from kg.neo4j_server.processes import (
    HOST,
    MAIN_CLASS,
    free_port,
    is_alive,
    is_launcher,
    pid_file,
    port_open,
    read_pid,
    read_ports,
    write_pid,
)
from kg.settings import Settings

# Named here too by kg.neo4j_server, the Fuseki launcher and the tests.
__all__ = ["free_port", "is_alive", "is_launcher", "pid_file", "port_open", "read_ports"]

READY_MARKER = "geokg-neo4j-launcher READY"
PASSWORD_ENV = "NEO4J_LAUNCHER_PASSWORD"
LOG_FILE = "launcher.log"

# The flags Neo4j 5.26 requires of its JVM: neo4j-admin's config migrator
# (org.neo4j.commandline.dbms.ConfigFileMigrator) adds exactly these to `server.jvm.additional`.
NEO4J_REQUIRED_JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)
# From the default neo4j.conf, less -XX:+AlwaysPreTouch (it commits the whole heap at start).
NEO4J_CONF_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dfile.encoding=UTF-8",
)
# C1 JIT only: measured ~40% faster start on 2 busy cores, at the price of slower long, heavy
# query loads; right for tests and short-lived servers, not the default.
FAST_START_JVM_FLAGS = ("-XX:TieredStopAtLevel=1",)


@dataclass(frozen=True)
class ServerStatus:
    """What `status` sees: whether our java process runs, and where to reach it."""

    running: bool
    pid: int | None
    home: Path
    bolt_uri: str
    http_uri: str

    @property
    def log_file(self) -> Path:
        return self.home / LOG_FILE


# --- command line -----------------------------------------------------------------------------


def java_binary() -> str:
    """JAVA_HOME's java when set, else the one on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise LauncherError("Java is not installed; the Neo4j launcher needs Java 17")
    return found


def java_command(
    settings: Settings,
    launcher_dir: Path = DEFAULT_LAUNCHER_DIR,
    java: str = "java",
    java_opts: tuple[str, ...] = (),
) -> list[str]:
    """The full java command line (java_opts last, so they win); the password is not in it."""
    # The procedure is not on this classpath: Neo4j loads it from the plugin folder, as a
    # server (Docker Compose) does, so the launcher tests the plugin jar itself.
    classpath = os.pathsep.join(
        str(launcher_dir / part / "*") for part in (LAUNCHER_JARS, Path("target") / "lib")
    )
    options = {
        "--home": str(settings.neo4j_home.resolve()),
        "--bolt-port": str(settings.neo4j_bolt_port),
        "--http-port": str(settings.neo4j_http_port),
        "--pagecache": settings.neo4j_pagecache,
        "--plugins": str(plugin_dir(launcher_dir)),
    }
    heap = (f"-Xms{settings.neo4j_heap}", f"-Xmx{settings.neo4j_heap}")
    jvm = (*heap, *NEO4J_REQUIRED_JVM_FLAGS, *NEO4J_CONF_JVM_FLAGS, *java_opts)
    return [java, *jvm, "-cp", classpath, MAIN_CLASS, *(x for kv in options.items() for x in kv)]


# --- start / stop / status --------------------------------------------------------------------


def status(settings: Settings) -> ServerStatus:
    """Whether the launcher of settings.neo4j_home runs, from its pid file and /proc; where
    it listens is where it was started (the pid file), not the current settings' ports."""
    home = settings.neo4j_home.resolve()
    pid = read_pid(home)
    running = pid is not None and is_launcher(pid)
    ports = (read_ports(home) if running else None) or (
        settings.neo4j_bolt_port,
        settings.neo4j_http_port,
    )
    return ServerStatus(
        running=running,
        pid=pid if running else None,
        home=home,
        bolt_uri=f"bolt://{HOST}:{ports[0]}",
        http_uri=f"http://{HOST}:{ports[1]}/browser/",
    )


def log_tail(log: Path, offset: int = 0, lines: int = 25) -> str:
    """The last lines the launcher wrote since offset, to explain a failure."""
    try:
        with log.open("rb") as fh:
            fh.seek(offset)
            text = fh.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return "(no log written)"
    return "\n".join(text.splitlines()[-lines:]) or "(log empty)"


def _check_ports_free(settings: Settings) -> None:
    for name, port in (("Bolt", settings.neo4j_bolt_port), ("HTTP", settings.neo4j_http_port)):
        if port_open(port):
            raise LauncherError(
                f"{name} port {port} is already in use; stop what listens there or choose another "
                f"port (KG_NEO4J_{name.upper()}_PORT)"
            )


def _spawn(
    settings: Settings, log: Path, launcher_dir: Path, java_opts: tuple[str, ...]
) -> subprocess.Popen[bytes]:
    """Java in its own session (so Ctrl-C of the caller does not reach it), output to the log."""
    env = {**os.environ, PASSWORD_ENV: settings.neo4j_password}
    with log.open("ab") as out:
        return subprocess.Popen(
            java_command(settings, launcher_dir, java_binary(), java_opts),
            cwd=log.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait_ready(
    proc: subprocess.Popen[bytes], port: int, log: Path, offset: int, timeout: float
) -> None:
    """Wait for the ready line (password set, databases up) and for Bolt to accept connections."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = proc.poll()
        if code is not None:
            raise LauncherError(
                f"Neo4j exited with code {code} before it was ready; log {log}:\n{log_tail(log, offset)}"
            )
        if READY_MARKER in log_tail(log, offset, lines=200) and port_open(port):
            return
        time.sleep(0.2)
    raise LauncherError(
        f"Neo4j did not answer on Bolt port {port} within {timeout:.0f}s; log {log}:\n"
        f"{log_tail(log, offset)}"
    )


def start(
    settings: Settings,
    timeout: float = 180.0,
    launcher_dir: Path = DEFAULT_LAUNCHER_DIR,
    java_opts: tuple[str, ...] = (),
) -> ServerStatus:
    """Start the launcher in the background and wait until Bolt answers; no-op when it runs.

    java_opts are extra JVM options, e.g. FAST_START_JVM_FLAGS for tests and benchmarks.
    """
    current = status(settings)
    if current.running:
        return current
    build(launcher_dir)
    home = current.home
    home.mkdir(parents=True, exist_ok=True)
    _check_ports_free(settings)
    log = home / LOG_FILE
    offset = log.stat().st_size if log.exists() else 0
    proc = _spawn(settings, log, launcher_dir, java_opts)
    write_pid(home, proc.pid, (settings.neo4j_bolt_port, settings.neo4j_http_port))
    try:
        _wait_ready(proc, settings.neo4j_bolt_port, log, offset, timeout)
    except LauncherError:
        _terminate(proc.pid, grace=20.0)
        pid_file(home).unlink(missing_ok=True)
        raise
    return status(settings)


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_alive(pid):
            return True
        time.sleep(0.1)
    return not is_alive(pid)


def _terminate(pid: int, grace: float) -> None:
    """SIGTERM (Neo4j shuts down cleanly in its hook), then SIGKILL as the last resort."""
    try:
        os.kill(pid, signal.SIGTERM)
        if not _wait_gone(pid, grace):
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, 10.0)
    except ProcessLookupError:
        pass


def stop(settings: Settings, timeout: float = 60.0) -> bool:
    """Stop exactly the pid in the pid file (if it is our launcher); False when none ran."""
    home = settings.neo4j_home.resolve()
    pid = read_pid(home)
    if pid is None:
        return False
    was_running = is_launcher(pid)
    if was_running:
        _terminate(pid, grace=timeout)
    pid_file(home).unlink(missing_ok=True)
    return was_running
