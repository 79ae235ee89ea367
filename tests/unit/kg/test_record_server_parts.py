"""The record server's parts that need no server: endpoint names, error sentences, the
local folder (lock, dataset stamp), the cache-mark query, the wiring of KG_RECORD_URL, and
the Fuseki launcher's configuration, command line and fetch check."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kg import wiring
from kg.fuseki_server import config, launcher, maven
from kg.neo4j_server import free_port
from kg.settings import Settings
from kg.stores.base import RecordUnavailable, StoreError, StoreFormatError, StoreLockedError
from kg.stores.graph_hashes import FILE_NAME as HASHES
from kg.stores.record_caches import dyad_codes_query
from kg.stores.record_folder import claim, default_folder
from kg.stores.sparql_http import endpoints_for, refusal
from kg.stores.sparql_record_store import SparqlRecordStore


def test_endpoints_are_named_as_fuseki_names_them_unless_given() -> None:
    found = endpoints_for("http://127.0.0.1:3030/geokg/")
    assert (found.dataset, found.query, found.update, found.gsp) == (
        "http://127.0.0.1:3030/geokg",
        "http://127.0.0.1:3030/geokg/query",
        "http://127.0.0.1:3030/geokg/update",
        "http://127.0.0.1:3030/geokg/data",
    )
    repo = "http://db:7200/repositories/geokg"
    graphdb = endpoints_for(repo, repo, f"{repo}/statements", f"{repo}/rdf-graphs/service")
    assert graphdb.query == repo and graphdb.gsp.endswith("/rdf-graphs/service")


def test_each_refusal_is_one_sentence() -> None:
    url = "http://x/q"
    parse = refusal(url, 400, "Parse error:\n  line 1, column 6\n", "Bad Request")
    assert isinstance(parse, StoreFormatError)
    assert (
        str(parse)
        == "The SPARQL server at http://x/q refused the request: Parse error: line 1, column 6."
    )
    assert "KG_RECORD_USER" in str(refusal(url, 401, "", "Unauthorized"))
    assert "no endpoint at http://x/q (404)" in str(refusal(url, 404, "", "Not Found"))
    crash = refusal(url, 500, "", "Server Error")
    assert type(crash) is StoreError and str(crash).endswith("answered 500: Server Error.")


def test_a_server_that_is_not_there_is_record_unavailable(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/geokg"
    with pytest.raises(RecordUnavailable, match=r"^Cannot reach the SPARQL server at "):
        SparqlRecordStore(endpoints_for(url), tmp_path)
    settings = Settings(record_url=url, record_cache_path=tmp_path / "r")
    with pytest.raises(RecordUnavailable):
        wiring.open_store(settings)
    with pytest.raises(RecordUnavailable):
        wiring.open_queries(settings, "sparql")


def test_the_record_folder_is_the_store_or_one_per_dataset(tmp_path: Path) -> None:
    embedded = Settings(store_path=tmp_path / "store")
    assert wiring.record_folder(embedded) == tmp_path / "store"
    assert wiring.record_name(embedded) == str(tmp_path / "store")
    remote = Settings(record_url="http://127.0.0.1:3030/geokg")
    assert wiring.record_folder(remote) == Path(".geokg/record/127.0.0.1-3030-geokg")
    assert wiring.record_name(remote) == "http://127.0.0.1:3030/geokg"
    given = remote.model_copy(update={"record_cache_path": tmp_path / "mine"})
    assert wiring.record_folder(given) == tmp_path / "mine"
    assert default_folder("https://db.example/a b/c?x") == Path(".geokg/record/db.example--a_b_c")


def test_one_handle_holds_the_folder_and_another_dataset_empties_its_caches(
    tmp_path: Path,
) -> None:
    first = claim(tmp_path, "http://a/ds")
    with pytest.raises(StoreLockedError, match="in use by another process"):
        claim(tmp_path, "http://a/ds")
    (tmp_path / HASHES).write_text("kept")
    first.close()
    claim(tmp_path, "http://a/ds").close()
    assert (tmp_path / HASHES).exists()  # the same dataset: its caches stay
    claim(tmp_path, "http://b/ds").close()
    assert not (tmp_path / HASHES).exists()


def test_the_dyad_codes_of_subjects_are_one_query() -> None:
    query = dyad_codes_query(["https://e/1", "https://e/2"])
    assert "VALUES ?s { <https://e/1> <https://e/2> }" in query
    assert query.startswith("SELECT DISTINCT ?code WHERE")


def test_fuseki_config_serves_one_tdb2_dataset_with_the_union_as_default_graph(
    tmp_path: Path,
) -> None:
    text = config.config_text(tmp_path / 'd"b')
    assert 'fuseki:name "geokg"' in text and "tdb2:unionDefaultGraph true" in text
    assert f'tdb2:location "{tmp_path.resolve()}/d\\"b"' in text
    for name in ("query", "update", "data"):
        assert f'fuseki:name "{name}"' in text


def test_fuseki_command_line(tmp_path: Path) -> None:
    settings = Settings(fuseki_home=tmp_path, fuseki_port=3456, fuseki_heap="300m")
    cmd = launcher.java_command(settings, Path("/opt/f"), java="/usr/bin/java", java_opts=("-X1",))
    assert cmd[:3] == ["/usr/bin/java", "-Xmx300m", "-X1"]
    assert cmd[cmd.index("-cp") + 1] == "/opt/f/target/lib/*"
    assert cmd[cmd.index(launcher.MAIN_CLASS) + 1 :] == [
        "--localhost",
        "--port",
        "3456",
        "--ping",
        f"--config={tmp_path.resolve() / config.CONFIG_FILE}",
    ]
    state = launcher.status(settings)
    assert not state.running and state.dataset_url == "http://127.0.0.1:3456/geokg"


def test_fuseki_is_fetched_again_only_after_the_pom_changes(tmp_path: Path) -> None:
    (tmp_path / "pom.xml").write_text("<project/>")
    assert not maven.is_built(tmp_path)
    (tmp_path / "target" / "lib").mkdir(parents=True)
    (tmp_path / "target" / "lib" / "jena-fuseki-main-5.6.0.jar").write_bytes(b"")
    (tmp_path / maven.BUILT_STAMP).touch()
    assert maven.is_built(tmp_path)
    later = time.time() + 10
    os.utime(tmp_path / "pom.xml", (later, later))
    assert not maven.is_built(tmp_path)
    assert maven.maven_command("mvn") == ["mvn", "-B", "-q", "dependency:copy-dependencies"]
