"""The launcher's pid file (its pid and ports, kept in NEO4J_HOME) and the process and port
checks `kg neo4j start/stop/status` make; the Fuseki launcher uses the same checks."""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path

MAIN_CLASS = "org.geokg.launcher.Main"
HOST = "127.0.0.1"
PID_FILE = "launcher.pid"


def pid_file(home: Path) -> Path:
    return home.resolve() / PID_FILE


def _pid_fields(home: Path) -> list[int]:
    try:
        return [int(field) for field in pid_file(home).read_text().split()]
    except (FileNotFoundError, ValueError):
        return []


def read_pid(home: Path) -> int | None:
    """The pid recorded by `start`, or None when there is no readable pid file."""
    fields = _pid_fields(home)
    return fields[0] if fields else None


def read_ports(home: Path) -> tuple[int, int] | None:
    """The Bolt and HTTP ports the recorded launcher was started on (older pid files: None)."""
    fields = _pid_fields(home)
    return (fields[1], fields[2]) if len(fields) == 3 else None


def write_pid(home: Path, pid: int, ports: tuple[int, int] | None = None) -> None:
    """`pid`, then the Bolt and HTTP ports it listens on, so `status` can tell where a server
    started with other settings is."""
    pid_file(home).write_text(" ".join(map(str, (pid, *(ports or ())))) + "\n")


def is_alive(pid: int) -> bool:
    """True while the process runs; a zombie (exited, not yet reaped) counts as gone."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaps it when it is our own child that exited
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def is_launcher(pid: int) -> bool:
    """True when pid is alive and is our launcher (not a recycled pid of another program)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return MAIN_CLASS.encode() in cmdline and is_alive(pid)


def port_open(port: int, host: str = HOST, timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now (for tests and benchmarks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])
