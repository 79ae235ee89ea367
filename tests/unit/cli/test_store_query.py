"""The store and query commands on a temporary store: files in and out, SPARQL, the domain
queries as tables and JSON, and one-sentence errors with their exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import main
from cli.common import CliError
from kg.stores.oxigraph_store import OxigraphStore
from tests.unit.kg.sample_graphs import all_graphs

runner = CliRunner()
main._register()


@pytest.fixture(scope="module")
def sample_nq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data") / "sample.nq"
    store = OxigraphStore()
    store.replace_graphs(all_graphs())
    path.write_bytes(store.export("nq"))
    store.close()
    return path


@pytest.fixture
def store_dir(tmp_path: Path, sample_nq: Path) -> Path:
    folder = tmp_path / "store"
    result = kg(folder, "import", str(sample_nq))
    assert result.exit_code == 0 and "Imported 5 graphs" in result.stdout
    return folder


def kg(store: Path, *args: str):
    return runner.invoke(main.app, ["--store", str(store), *args])


def fails(result, code: int, text: str) -> str:
    """The command raised CliError (main.run prints it and exits with its code); its text."""
    assert isinstance(result.exception, CliError), result.output
    assert result.exception.code == code and text in str(result.exception)
    return str(result.exception)


def test_leaders_json(store_dir: Path) -> None:
    result = kg(store_dir, "leaders", "PRK", "--at", "1950-06-25", "--format", "json")
    [kim] = json.loads(result.stdout)
    assert kim["name"] == "Kim Il-sung" and kim["offices"] == ["head_of_government"]


def test_leaders_table_and_names(store_dir: Path) -> None:
    result = kg(store_dir, "leaders", "china", "--at", "2024-10-06")
    assert result.exit_code == 0 and "Xi Jinping" in result.stdout


def test_alliances_fin_not_swe(store_dir: Path) -> None:
    fin = json.loads(
        kg(store_dir, "alliances", "FIN", "--at", "2024-01-01", "--format", "json").stdout
    )
    assert [a["organization"] for a in fin] == ["NATO"]
    swe = kg(store_dir, "alliances", "SWE", "--at", "2024-01-01")
    assert "nothing found" in swe.stdout


def test_timeline_relations_events_allies(store_dir: Path) -> None:
    events = json.loads(kg(store_dir, "timeline", "CHN", "PRK", "--format", "json").stdout)
    assert [e["date"] for e in events][:3] == ["1949-10-06", "1950", "1950/1953"]
    paged = kg(store_dir, "timeline", "PRK", "CHN", "--limit", "2", "--offset", "1", "--format", "json")  # fmt: skip
    assert json.loads(paged.stdout) == events[1:3]
    assert kg(store_dir, "timeline", "CHN", "PRK", "--limit", "-1").exit_code == 2  # usage
    summary = json.loads(kg(store_dir, "relations", "PRK", "CHN", "--format", "json").stdout)
    assert summary["diplomatic_relations_since"] == "1949-10-06"
    page = json.loads(
        kg(store_dir, "events", "--limit", "2", "--offset", "1", "--format", "json").stdout
    )
    assert [e["date"] for e in page] == ["1950", "1950/1953"]
    allies = json.loads(
        kg(store_dir, "allies", "FIN", "--at", "2024-06", "--format", "json").stdout
    )
    assert [a["state"] for a in allies] == ["SWE", "USA"]
    assert "Latest events" in kg(store_dir, "relations", "PRK", "CHN").stdout


def test_unknown_code_suggests_close_matches(store_dir: Path) -> None:
    fails(kg(store_dir, "leaders", "CHM"), 2, "did you mean CHN")
    fails(kg(store_dir, "timeline", "CHN", "PKR"), 2, "Unknown state code 'PKR'")
    fails(kg(store_dir, "timeline", "CHN", "Korea"), 2, "did you mean KOR, PRK")


def test_bad_date_type_and_backend(store_dir: Path) -> None:
    fails(kg(store_dir, "leaders", "CHN", "--at", "2024-13"), 2, "--at")
    fails(kg(store_dir, "events", "--from", "last week"), 2, "--from")
    fails(kg(store_dir, "timeline", "CHN", "PRK", "--type", "wars"), 2, "did you mean war")
    fails(kg(store_dir, "alliances", "FIN", "--obligation", "defence"), 2, "defense")
    fails(kg(store_dir, "leaders", "CHN", "--backend", "neo4j"), 1, "neo4j")


def test_one_state_twice_or_an_empty_period_is_refused(store_dir: Path) -> None:
    fails(kg(store_dir, "timeline", "CHN", "chn"), 2, "needs two different states, not CHN")
    fails(kg(store_dir, "relations", "PRK", "PRK"), 2, "A relation summary needs two")
    empty = kg(store_dir, "timeline", "CHN", "PRK", "--from", "2024", "--to", "2000")
    fails(empty, 2, "The period from 2024 to 2000 is empty")
    fails(kg(store_dir, "events", "--from", "2024-07", "--to", "2024-06"), 2, "is empty")


def test_sparql_formats(store_dir: Path, tmp_path: Path) -> None:
    geo = "https://geokg.example.org/ontology#"
    q = f"SELECT ?code WHERE {{ ?s a <{geo}State> ; <{geo}code> ?code }} ORDER BY ?code LIMIT 2"
    data = json.loads(kg(store_dir, "sparql", q).stdout)
    assert data["head"]["vars"] == ["code"] and len(data["results"]["bindings"]) == 2
    assert kg(store_dir, "sparql", q, "--format", "csv").stdout.split() == ["code", "CHN", "FIN"]
    assert "2 rows" in kg(store_dir, "sparql", q, "--format", "table").stdout
    query_file = tmp_path / "q.rq"
    query_file.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
    assert "<https://" in kg(store_dir, "sparql", f"@{query_file}", "--format", "turtle").stdout
    fails(kg(store_dir, "sparql", q, "--format", "turtle"), 2, "cannot be written")
    fails(kg(store_dir, "sparql", "SELEKT"), 2, "does not parse")
    update = "PREFIX x: <urn:x:> INSERT DATA { x:a x:b x:c }"
    fails(kg(store_dir, "sparql", update), 2, "SPARQL updates are refused")
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    fails(kg(store_dir, "sparql", federated), 1, "Federated queries (SERVICE) are refused")
    ask = kg(store_dir, "sparql", "ASK { <urn:x:a> ?p ?o }", "--format", "json")
    assert json.loads(ask.stdout)["boolean"] is False  # nothing was written
    fails(kg(store_dir, "sparql", "@/nonexistent.rq"), 2, "not a readable")


def test_export_import_round_trip(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "dump.trig"
    assert kg(store_dir, "export", "--format", "trig", "--output", str(out)).exit_code == 0
    other = tmp_path / "other"
    assert "Imported 5 graphs" in kg(other, "import", str(out)).stdout
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    n = [
        json.loads(kg(d, "sparql", count).stdout)["results"]["bindings"][0]["n"]["value"]
        for d in (store_dir, other)
    ]
    assert n[0] == n[1]
    nq = kg(store_dir, "export").stdout
    assert nq.count("\n") == int(n[0])
    fails(kg(other, "import", str(tmp_path / "missing.nq")), 2, "not a readable file")


def test_commands_exit_codes_from_the_real_entry_point(store_dir: Path) -> None:
    kg_bin = Path(sys.executable).parent / "kg"
    bad = subprocess.run(
        [kg_bin, "--store", store_dir, "leaders", "CHM"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "did you mean CHN" in bad.stderr
    good = subprocess.run(
        [kg_bin, "--store", store_dir, "leaders", "CHN"], capture_output=True, text=True
    )
    assert good.returncode == 0 and "Mao Zedong" in good.stdout


def test_locked_store_is_one_sentence(store_dir: Path) -> None:
    holder = OxigraphStore(store_dir)
    try:
        kg_bin = Path(sys.executable).parent / "kg"
        run = subprocess.run(
            [kg_bin, "--store", store_dir, "leaders", "CHN"], capture_output=True, text=True
        )
        assert run.returncode == 1
        message = " ".join(run.stderr.split())  # rich wraps long lines on stderr
        assert "in use by another process" in message and "Traceback" not in message
    finally:
        holder.close()


def test_a_founding_member_is_shown_from_the_alliance_start() -> None:
    """A membership without dates of its own (the reference data lists founders so) is shown
    with the alliance's dates, not as blank columns."""
    from cli.query_cmd import _membership
    from kg.queries.models import AlliancePublic

    founder = AlliancePublic(iri="x", name="Treaty", start="2024-12-04", end=None)
    assert _membership(founder) == ["2024-12-04", None]
    joined = founder.model_copy(update={"member_since": "2025-01", "member_until": "2026"})
    assert _membership(joined) == ["2025-01", "2026"]


def test_lookup_by_code_name_or_part_of_a_name(store_dir: Path) -> None:
    xi = json.loads(kg(store_dir, "lookup", "xi", "--format", "json").stdout)
    assert xi["iri"].endswith("/person/xi-jinping") and xi["types"] == ["Person"]
    table = kg(store_dir, "lookup", "DPRK")
    assert table.exit_code == 0 and "North Korea" in table.stdout and "/state/PRK" in table.stdout
    korea = fails(kg(store_dir, "lookup", "Korea"), 1, "the names of 2 entities")
    assert "South Korea (KOR)" in korea and "North Korea (PRK)" in korea
    fails(kg(store_dir, "lookup", "Atlantis"), 1, "Nothing in the graph is called 'Atlantis'")


def test_warm_reads_every_pair_once(store_dir: Path) -> None:
    first = kg(store_dir, "warm")
    assert first.exit_code == 0, first.output
    pairs = int(first.stdout.split(" pairs:")[0].split()[-1])
    assert pairs > 0 and f"{pairs} pairs: {pairs} read from the record" in first.stdout
    assert "Every pair's timeline now answers from the cache" in first.stdout
    again = kg(store_dir, "warm")
    assert f"{pairs} pairs: 0 read from the record" in again.stdout
    off = runner.invoke(
        main.app, ["--store", str(store_dir), "warm"], env={"KG_TIMELINE_CACHE": "false"}
    )
    fails(off, 1, "The timeline cache is off")


def test_reference_data_loaded_again_says_the_timelines_are_to_be_read_again(
    tmp_path: Path, store_dir: Path
) -> None:
    empty = kg(tmp_path / "new-store", "load-reference")
    assert empty.exit_code == 0, empty.output
    assert "timeline cache was emptied" not in empty.stdout  # no events: nothing to read
    assert kg(store_dir, "warm").exit_code == 0
    reloaded = kg(store_dir, "load-reference")
    assert reloaded.exit_code == 0, reloaded.output
    assert "The timeline cache was emptied" in reloaded.stdout and "kg warm" in reloaded.stdout
    assert "0 read from the record" not in kg(store_dir, "warm").stdout  # it was emptied
