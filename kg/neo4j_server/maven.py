"""Build the Neo4j launcher (neo4j-launcher/, Maven) once, and know when the build is current.

The build leaves the launcher's jar in target/launcher, every Neo4j jar in target/lib and the
geokg.project procedure as a Neo4j plugin jar in target/plugins: no shading step, so the build is
quick and the jars are used as Maven fetched them.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from pathlib import Path

DEFAULT_LAUNCHER_DIR = Path(__file__).resolve().parents[2] / "neo4j-launcher"
MAVEN_GOALS = (
    "compile",
    "jar:jar@launcher",
    "jar:jar@projection-plugin",
    "dependency:copy-dependencies",
)
BUILT_STAMP = Path("target") / ".geokg-built"
LAUNCHER_JARS = Path("target") / "launcher"
PLUGIN_DIR = Path("target") / "plugins"  # what `server.directories.plugins` points at


def plugin_dir(launcher_dir: Path = DEFAULT_LAUNCHER_DIR) -> Path:
    """The folder of Neo4j plugin jars the build makes (the server-side loader)."""
    return launcher_dir / PLUGIN_DIR


class LauncherError(Exception):
    """The local Neo4j could not be built, started or stopped; the message says why in a sentence."""


def _newest_source_mtime(launcher_dir: Path) -> float:
    """Newest modification time of pom.xml and every file under src/ (what a build depends on)."""
    files = [
        launcher_dir / "pom.xml",
        *(p for p in (launcher_dir / "src").rglob("*") if p.is_file()),
    ]
    return max(p.stat().st_mtime for p in files)


def is_built(launcher_dir: Path = DEFAULT_LAUNCHER_DIR) -> bool:
    """True when a successful build is newer than pom.xml and every source file."""
    stamp = launcher_dir / BUILT_STAMP
    lib = launcher_dir / "target" / "lib"
    made = [
        (lib, "neo4j-*.jar"),
        (launcher_dir / LAUNCHER_JARS, "*.jar"),
        (plugin_dir(launcher_dir), "*.jar"),
    ]
    if not stamp.is_file() or not all(d.is_dir() and any(d.glob(g)) for d, g in made):
        return False
    return stamp.stat().st_mtime >= _newest_source_mtime(launcher_dir)


def maven_command(maven: str = "mvn", extra_args: tuple[str, ...] = ()) -> list[str]:
    """Non-interactive, quiet Maven: build the launcher and plugin jars, copy Neo4j's to target/lib."""
    return [maven, "-B", "-q", *extra_args, *MAVEN_GOALS]


def _run_maven(launcher_dir: Path, extra_args: tuple[str, ...]) -> None:
    maven = shutil.which("mvn")
    if maven is None:
        raise LauncherError("Maven (mvn) is not installed; install Maven 3.8+ and Java 17")
    done = subprocess.run(
        maven_command(maven, extra_args),
        cwd=launcher_dir,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        raise LauncherError(
            f"Maven build of {launcher_dir} failed (exit {done.returncode}):\n{tail}"
        )


def build(launcher_dir: Path = DEFAULT_LAUNCHER_DIR, extra_args: tuple[str, ...] = ()) -> Path:
    """Run Maven once; later calls return at once while the build is newer than its sources.

    A lock in target/ makes concurrent callers (two test runs) wait for one build.
    """
    if is_built(launcher_dir):
        return launcher_dir
    if not (launcher_dir / "pom.xml").is_file():
        raise LauncherError(f"no Neo4j launcher project at {launcher_dir} (pom.xml missing)")
    (launcher_dir / "target").mkdir(exist_ok=True)
    with (launcher_dir / "target" / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_built(launcher_dir):
            _run_maven(launcher_dir, extra_args)
            (launcher_dir / BUILT_STAMP).touch()
    return launcher_dir
