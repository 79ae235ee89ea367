"""docker-compose.yml gives its Neo4j the server-side loader: there is no Docker engine here to
run it, so these tests hold the file to what the launcher build (tested for real) does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from kg.neo4j_server import maven

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data["services"]


def test_neo4j_waits_for_the_plugin_build_and_reads_its_volume() -> None:
    services = compose()
    neo4j, plugin = services["neo4j"], services["plugin"]
    assert neo4j["depends_on"]["plugin"]["condition"] == "service_completed_successfully"
    assert "neo4j-plugins:/plugins:ro" in neo4j["volumes"]
    assert "neo4j-plugins:/plugins" in plugin["volumes"]
    assert "./neo4j-launcher:/src:ro" in plugin["volumes"], "the checkout is not written to"


def test_the_plugin_step_runs_the_goals_and_properties_the_pom_defines() -> None:
    script = compose()["plugin"]["command"][-1]
    pom = (maven.DEFAULT_LAUNCHER_DIR / "pom.xml").read_text()
    goal = next(g for g in maven.MAVEN_GOALS if "projection" in g)
    assert goal in script and f"<id>{goal.split('@')[1]}</id>" in pom
    for prop in re.findall(r"-D([\w.]+)=", script):
        assert f"<{prop}>" in pom, f"{prop} is not a property of pom.xml"
    assert "rm -f /plugins/*.jar" in script, (
        "an older plugin jar would register geokg.project twice"
    )


def test_the_maven_image_has_the_java_the_launcher_compiles_for() -> None:
    pom = (maven.DEFAULT_LAUNCHER_DIR / "pom.xml").read_text()
    release = re.search(r"<maven.compiler.release>(\d+)<", pom)
    assert release is not None
    assert compose()["plugin"]["image"].endswith(f"temurin-{release.group(1)}")


def neo4j_setting(name: str) -> str:
    """The environment variable the Neo4j image reads `name` from ('.' -> '_', '_' -> '__')."""
    return "NEO4J_" + name.replace("_", "__").replace(".", "_")


def test_compose_neo4j_is_locked_down_like_the_launcher() -> None:
    """LOAD CSV reads no file and reaches no address, as in the launcher's Main.java."""
    env = compose()["neo4j"]["environment"]
    main = (maven.DEFAULT_LAUNCHER_DIR / "src/main/java/org/geokg/launcher/Main.java").read_text()
    assert env[neo4j_setting("dbms.security.allow_csv_import_from_file_urls")] == "false"
    assert "allow_file_urls, false" in main
    blocked = env[neo4j_setting("internal.dbms.cypher_ip_blocklist")].split(",")
    assert blocked == ["0.0.0.0/0", "::/0"]
    assert all(f'"{net}"' in main for net in blocked)
