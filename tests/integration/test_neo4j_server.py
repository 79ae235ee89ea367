"""A real Neo4j 5.26: the session server, and the `kg neo4j` CLI driving its own launcher."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg import neo4j_server
from kg.neo4j_server import launcher
from kg.settings import Settings
from kg.stores.neo4j_connection import connect, server_version
from tests.conftest import TEST_PASSWORD, launcher_settings, unavailable

pytestmark = pytest.mark.neo4j

KG = str(Path(sys.executable).parent / "kg")


def test_session_server_is_neo4j_5_26(neo4j_driver: Any) -> None:
    assert server_version(neo4j_driver).startswith("5.26")


def test_the_server_keeps_only_the_transaction_logs_recovery_needs(neo4j_driver: Any) -> None:
    """A projection is rebuilt from the record: two days of logs (the default) would keep
    every write of a rebuild on disk, several times the store's size."""
    rows, _, _ = neo4j_driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name = 'db.tx_log.rotation.retention_policy' "
        "RETURN value"
    )
    assert [r["value"] for r in rows] == ["2 files"]


def test_write_then_read_a_node(neo4j_clean: Any) -> None:
    neo4j_clean.execute_query("CREATE (:Probe {name: $name})", name="geokg")
    records, _, _ = neo4j_clean.execute_query("MATCH (p:Probe) RETURN p.name AS name")
    assert [r["name"] for r in records] == ["geokg"]


def test_clean_database_drops_data_constraints_and_indexes(neo4j_clean: Any) -> None:
    from tests.conftest import clean_database

    neo4j_clean.execute_query(
        "CREATE CONSTRAINT probe_id IF NOT EXISTS FOR (p:P) REQUIRE p.id IS UNIQUE"
    )
    neo4j_clean.execute_query("CREATE INDEX probe_name IF NOT EXISTS FOR (p:P) ON (p.name)")
    neo4j_clean.execute_query("CREATE (:P {id: 1, name: 'x'})")
    clean_database(neo4j_clean)
    nodes, _, _ = neo4j_clean.execute_query("MATCH (n) RETURN count(n) AS n")
    constraints, _, _ = neo4j_clean.execute_query("SHOW CONSTRAINTS YIELD name")
    indexes, _, _ = neo4j_clean.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'"
    )
    assert nodes[0]["n"] == 0 and constraints == [] and indexes == []


def kg_env(settings: Settings) -> dict[str, str]:
    """The environment of a `kg` subprocess that drives the launcher of `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update(
        KG_NEO4J_HOME=str(settings.neo4j_home),
        KG_NEO4J_BOLT_PORT=str(settings.neo4j_bolt_port),
        KG_NEO4J_HTTP_PORT=str(settings.neo4j_http_port),
        KG_NEO4J_PASSWORD=settings.neo4j_password,
    )
    return env


def kg(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KG, "neo4j", *args],
        env=kg_env(settings),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def launchers_running(home: Path) -> list[int]:
    """Pids of live launcher processes (any pid, not just the pid file's) serving `home`."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(home.resolve()).encode() in cmdline and launcher.is_launcher(int(proc.name)):
            found.append(int(proc.name))
    return found


@pytest.fixture
def cli_settings(tmp_path: Path) -> Iterator[Settings]:
    """A private launcher home on free ports; whatever the test leaves running is stopped."""
    settings = launcher_settings(tmp_path / "home")
    try:
        neo4j_server.build()
    except neo4j_server.LauncherError as exc:
        unavailable(str(exc))
    yield settings
    neo4j_server.stop(settings)


def test_cli_start_status_query_stop(cli_settings: Settings) -> None:
    started = kg(cli_settings, "start", "--fast-start")
    assert started.returncode == 0, started.stdout + started.stderr
    assert "Neo4j 5.26" in started.stdout
    assert f"bolt://127.0.0.1:{cli_settings.neo4j_bolt_port}" in started.stdout
    pid = launcher.read_pid(cli_settings.neo4j_home)
    assert pid is not None and launcher.is_launcher(pid)
    assert launchers_running(cli_settings.neo4j_home) == [pid]

    status = kg(cli_settings, "status")
    assert status.returncode == 0 and f"pid {pid}" in status.stdout

    uri = f"bolt://127.0.0.1:{cli_settings.neo4j_bolt_port}"
    driver = connect(uri, "neo4j", TEST_PASSWORD)
    try:
        records, _, _ = driver.execute_query("CALL dbms.components()")
        assert records[0]["name"] == "Neo4j Kernel"
        assert records[0]["versions"][0].startswith("5.26")
        driver.execute_query("CREATE (:Probe {n: 42})")
        rows, _, _ = driver.execute_query("MATCH (p:Probe) RETURN p.n AS n")
        assert [r["n"] for r in rows] == [42]
    finally:
        driver.close()

    # asked with other ports, start and status still point at where the server listens
    moved = cli_settings.model_copy(
        update={"neo4j_bolt_port": launcher.free_port(), "neo4j_http_port": launcher.free_port()}
    )
    again = kg(moved, "start")
    assert again.returncode == 0 and "already running" in again.stdout, again.stderr
    assert uri in again.stdout and uri in kg(moved, "status").stdout

    stopped = kg(cli_settings, "stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert not launcher.is_alive(pid), "the java process must be gone"
    assert launchers_running(cli_settings.neo4j_home) == []
    assert launcher.read_pid(cli_settings.neo4j_home) is None
    assert kg(cli_settings, "status").returncode == 1
    assert "not running" in kg(cli_settings, "stop").stdout


def test_cli_start_on_a_busy_port_is_one_sentence(cli_settings: Settings) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", cli_settings.neo4j_bolt_port))
        busy.listen()
        done = kg(cli_settings, "start")
    assert done.returncode == 2
    assert f"Bolt port {cli_settings.neo4j_bolt_port} is already in use" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_launcher_that_dies_shows_its_log(cli_settings: Settings) -> None:
    broken = cli_settings.model_copy(update={"neo4j_pagecache": "lots"})
    with pytest.raises(neo4j_server.LauncherError, match="exited with code") as err:
        neo4j_server.start(broken, timeout=120)
    assert "lots" in str(err.value), "the tail of the log names the bad setting"
    assert launcher.read_pid(broken.neo4j_home) is None
