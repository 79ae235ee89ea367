"""Fetch Apache Jena Fuseki from Maven Central once (fuseki-server/, a pom with no code: its
jars copied to target/lib), and know when that is current; as the Neo4j launcher is built."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from pathlib import Path

DEFAULT_FUSEKI_DIR = Path(__file__).resolve().parents[2] / "fuseki-server"
MAVEN_GOALS = ("dependency:copy-dependencies",)
BUILT_STAMP = Path("target") / ".geokg-built"
LIB_DIR = Path("target") / "lib"


class FusekiError(Exception):
    """Fuseki could not be fetched, started or stopped; the message says why in a sentence."""


def is_built(fuseki_dir: Path = DEFAULT_FUSEKI_DIR) -> bool:
    """True when the jars were fetched after the last change of pom.xml."""
    stamp, lib = fuseki_dir / BUILT_STAMP, fuseki_dir / LIB_DIR
    if not stamp.is_file() or not any(lib.glob("jena-fuseki-main-*.jar")):
        return False
    return stamp.stat().st_mtime >= (fuseki_dir / "pom.xml").stat().st_mtime


def maven_command(maven: str = "mvn") -> list[str]:
    return [maven, "-B", "-q", *MAVEN_GOALS]


def _run_maven(fuseki_dir: Path) -> None:
    maven = shutil.which("mvn")
    if maven is None:
        raise FusekiError("Maven (mvn) is not installed; install Maven 3.8+ and Java 17")
    done = subprocess.run(
        maven_command(maven),
        cwd=fuseki_dir,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        raise FusekiError(
            f"Maven could not fetch Fuseki in {fuseki_dir} (exit {done.returncode}):\n{tail}"
        )


def build(fuseki_dir: Path = DEFAULT_FUSEKI_DIR) -> Path:
    """Fetch the jars once; later calls return at once. A lock in target/ makes concurrent
    callers (two test runs) wait for one fetch."""
    if is_built(fuseki_dir):
        return fuseki_dir
    if not (fuseki_dir / "pom.xml").is_file():
        raise FusekiError(f"no Fuseki project at {fuseki_dir} (pom.xml missing)")
    (fuseki_dir / "target").mkdir(exist_ok=True)
    with (fuseki_dir / "target" / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_built(fuseki_dir):
            _run_maven(fuseki_dir)
            (fuseki_dir / BUILT_STAMP).touch()
    return fuseki_dir
