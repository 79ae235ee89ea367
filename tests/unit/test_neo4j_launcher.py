"""The launcher's pure parts: command lines, pid files, process checks, build caching (no server)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.neo4j_server import launcher, maven
from kg.settings import Settings


def settings(home: Path, bolt_port: int = 17001) -> Settings:
    return Settings(
        neo4j_home=home,
        neo4j_bolt_port=bolt_port,
        neo4j_http_port=17002,
        neo4j_heap="300m",
        neo4j_pagecache="64m",
        neo4j_password="s3cret-pw",
    )


def test_java_command_has_neo4j_flags_heap_ports_and_no_password(tmp_path: Path) -> None:
    cmd = launcher.java_command(settings(tmp_path), Path("/opt/launcher"), java="/usr/bin/java")
    assert cmd[0] == "/usr/bin/java"
    assert "-Xms300m" in cmd and "-Xmx300m" in cmd
    for flag in launcher.NEO4J_REQUIRED_JVM_FLAGS:
        assert flag in cmd
    assert "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED" in cmd
    cp = cmd[cmd.index("-cp") + 1]
    # The loader is not on the classpath: Neo4j must load it from the plugin jar, as in Docker.
    assert cp == "/opt/launcher/target/launcher/*:/opt/launcher/target/lib/*"
    args = cmd[cmd.index(launcher.MAIN_CLASS) + 1 :]
    assert args == [
        "--home",
        str(tmp_path.resolve()),
        "--bolt-port",
        "17001",
        "--http-port",
        "17002",
        "--pagecache",
        "64m",
        "--plugins",
        "/opt/launcher/target/plugins",
    ]
    assert not any("s3cret" in part for part in cmd), "the password must stay out of ps"


def test_jvm_flags_come_before_the_main_class(tmp_path: Path) -> None:
    cmd = launcher.java_command(settings(tmp_path))
    main = cmd.index(launcher.MAIN_CLASS)
    assert all(cmd.index(flag) < main for flag in launcher.NEO4J_REQUIRED_JVM_FLAGS)


def test_extra_java_opts_follow_neo4j_flags_and_precede_the_main_class(tmp_path: Path) -> None:
    cmd = launcher.java_command(settings(tmp_path), java_opts=launcher.FAST_START_JVM_FLAGS)
    opt = cmd.index("-XX:TieredStopAtLevel=1")
    assert cmd.index(launcher.NEO4J_CONF_JVM_FLAGS[-1]) < opt < cmd.index(launcher.MAIN_CLASS)


def test_maven_runs_batch_quiet_builds_both_jars_and_copies_dependencies() -> None:
    cmd = maven.maven_command("mvn", ("-Dmaven.repo.local=/tmp/m2",))
    assert cmd[:3] == ["mvn", "-B", "-q"]
    assert "-Dmaven.repo.local=/tmp/m2" in cmd
    assert cmd[-4:] == [
        "compile",
        "jar:jar@launcher",
        "jar:jar@projection-plugin",
        "dependency:copy-dependencies",
    ]


def test_pid_file_round_trip_and_garbage(tmp_path: Path) -> None:
    assert launcher.read_pid(tmp_path) is None
    launcher.write_pid(tmp_path, 4242)
    assert launcher.pid_file(tmp_path).read_text() == "4242\n"
    assert launcher.read_pid(tmp_path) == 4242
    assert launcher.read_ports(tmp_path) is None, "a pid file of an older version: no ports"
    launcher.write_pid(tmp_path, 4242, (7687, 7474))
    assert launcher.read_pid(tmp_path) == 4242
    assert launcher.read_ports(tmp_path) == (7687, 7474)
    launcher.pid_file(tmp_path).write_text("not a pid")
    assert launcher.read_pid(tmp_path) is None and launcher.read_ports(tmp_path) is None


def test_is_alive_sees_running_and_exited_children() -> None:
    assert launcher.is_alive(os.getpid())
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while launcher.is_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not launcher.is_alive(proc.pid), "an exited (zombie) child counts as gone"


def test_a_foreign_pid_is_never_taken_for_the_launcher(tmp_path: Path) -> None:
    """A stale pid file naming another program: status says not running, stop does not kill it."""
    other = subprocess.Popen(["sleep", "60"])
    try:
        launcher.write_pid(tmp_path, other.pid)
        assert not launcher.is_launcher(other.pid)
        assert not launcher.status(settings(tmp_path)).running
        assert launcher.stop(settings(tmp_path)) is False
        assert other.poll() is None, "stop must only signal our own launcher"
        assert not launcher.pid_file(tmp_path).exists(), "the stale pid file is removed"
    finally:
        other.kill()
        other.wait()


def test_stop_without_pid_file_is_a_no_op(tmp_path: Path) -> None:
    assert launcher.stop(settings(tmp_path)) is False


def test_status_reports_uris_from_settings(tmp_path: Path) -> None:
    state = launcher.status(settings(tmp_path))
    assert not state.running and state.pid is None
    assert state.bolt_uri == "bolt://127.0.0.1:17001"
    assert state.http_uri == "http://127.0.0.1:17002/browser/"
    assert state.log_file == tmp_path.resolve() / "launcher.log"


def test_port_checks_and_free_port(tmp_path: Path) -> None:
    port = launcher.free_port()
    assert not launcher.port_open(port)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))
        sock.listen()
        assert launcher.port_open(port)
        with pytest.raises(maven.LauncherError, match=f"Bolt port {port} is already in use"):
            launcher._check_ports_free(settings(tmp_path, bolt_port=port))


def test_log_tail_reads_from_offset(tmp_path: Path) -> None:
    log = tmp_path / "launcher.log"
    assert launcher.log_tail(log) == "(no log written)"
    log.write_text("old run\n")
    offset = log.stat().st_size
    with log.open("a") as fh:
        fh.write("".join(f"line {i}\n" for i in range(40)))
    tail = launcher.log_tail(log, offset, lines=3)
    assert tail == "line 37\nline 38\nline 39"
    assert "old run" not in launcher.log_tail(log, offset, lines=100)


def fake_project(root: Path) -> Path:
    """A launcher project laid out as a finished build would leave it."""
    (root / "src" / "main" / "java").mkdir(parents=True)
    (root / "pom.xml").write_text("<project/>")
    (root / "src" / "main" / "java" / "Main.java").write_text("class Main {}")
    (root / "target" / "lib").mkdir(parents=True)
    (root / "target" / "lib" / "neo4j-5.26.30.jar").write_bytes(b"")
    for made in (maven.LAUNCHER_JARS, maven.PLUGIN_DIR):
        (root / made).mkdir(parents=True)
        (root / made / "x.jar").write_bytes(b"")
    return root


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_build_is_cached_until_a_source_changes(tmp_path: Path) -> None:
    project = fake_project(tmp_path)
    assert not maven.is_built(project), "no stamp: never built"
    (project / maven.BUILT_STAMP).touch()
    for source in (project / "pom.xml", project / "src" / "main" / "java" / "Main.java"):
        age(source, 60)
    assert maven.is_built(project)
    age(project / maven.BUILT_STAMP, 30)
    (project / "src" / "main" / "java" / "Main.java").write_text("class Main { }")
    assert not maven.is_built(project), "a newer source means rebuild"
    (project / maven.BUILT_STAMP).touch()
    assert maven.is_built(project)
    age(project / maven.BUILT_STAMP, 30)
    (project / "pom.xml").write_text("<project></project>")
    assert not maven.is_built(project), "a newer pom.xml means rebuild"


@pytest.mark.parametrize("jar", ["target/lib/neo4j-5.26.30.jar", "target/launcher/x.jar", "target/plugins/x.jar"])  # fmt: skip
def test_build_needs_the_jars(tmp_path: Path, jar: str) -> None:
    project = fake_project(tmp_path)
    (project / maven.BUILT_STAMP).touch()
    assert maven.is_built(project)
    (project / jar).unlink()
    assert not maven.is_built(project)


def test_cached_build_does_not_run_maven(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = fake_project(tmp_path)
    age(project / "pom.xml", 60)
    age(project / "src" / "main" / "java" / "Main.java", 60)
    (project / maven.BUILT_STAMP).touch()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no mvn to be found
    assert maven.build(project) == project


def test_build_without_project_or_maven_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(maven.LauncherError, match=r"pom\.xml missing"):
        maven.build(tmp_path)
    project = fake_project(tmp_path / "p")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(maven.LauncherError, match="Maven"):
        maven.build(project)


def test_real_project_is_where_the_package_expects_it() -> None:
    assert (maven.DEFAULT_LAUNCHER_DIR / "pom.xml").is_file()
    pom = (maven.DEFAULT_LAUNCHER_DIR / "pom.xml").read_text()
    assert "<neo4j.version>5.26." in pom
