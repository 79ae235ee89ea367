"""Non-state actors in the queries: `kg lookup` finds them by code, name, alias or
transliteration; a timeline, a relation summary and an event search take an actor's code or
name (HAMAS ISR, "Ansar Allah" USA) on the CLI, in the API's code resolution and in SPARQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.errors import ApiError
from api.state_codes import StateIndex
from cli import main
from kg.queries.sparql_queries import SparqlQueries
from kg.queries.suggest import PAIR_KINDS, resolve_state_key
from kg.stores.oxigraph_store import OxigraphStore
from tests.unit.kg.actor_graphs import actor_article
from tests.unit.kg.conftest import BASE


@pytest.fixture(scope="module")
def store(reference: bytes) -> Iterator[OxigraphStore]:
    with OxigraphStore(None) as s:
        s.import_data(reference, "nq")
        graph = actor_article(BASE)
        s.replace_graphs({str(graph.identifier): graph})
        yield s


@pytest.fixture(scope="module")
def queries(store: OxigraphStore) -> SparqlQueries:
    return SparqlQueries(store)


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("HAMAS", "HAMAS"),
        ("hamas", "HAMAS"),
        ("Ansar Allah", "HOUTHIS"),
        ("houthis", "HOUTHIS"),
        ("Daesh", "ISIS"),
        ("ISIL", "ISIS"),
        ("Islamic State", "ISIS"),
        ("Wagner Group", "WAGNER"),
        ("Pakistani Taliban", "TTP"),
        ("Transnistria", "TRANSNISTRIA"),
        (f"{BASE}actor/PKK", "PKK"),
    ],
)
def test_lookup_finds_an_actor_by_code_name_alias_or_iri(
    queries: SparqlQueries, key: str, code: str
) -> None:
    found = queries.entity(key)
    assert found is not None and found.code == code
    assert found.types == ["NonStateActor"]
    assert found.iri == f"{BASE}actor/{code}"


def test_an_actor_code_is_no_state_and_a_state_code_no_actor(queries: SparqlQueries) -> None:
    assert queries.state("HAMAS") is None
    found = queries.entity("ISR")
    assert found is not None and found.types == ["State"]


def test_the_pair_kinds_take_an_actor_where_a_state_alone_does_not(
    queries: SparqlQueries,
) -> None:
    states = queries.states()
    assert resolve_state_key(queries, states, "Ansar Allah", PAIR_KINDS) == ("HOUTHIS", [])
    assert resolve_state_key(queries, states, "hamas", PAIR_KINDS) == ("HAMAS", [])
    found, _ = resolve_state_key(queries, states, "Ansar Allah")
    assert found is None


def test_the_api_takes_an_actor_in_a_pair_but_not_as_a_state(queries: SparqlQueries) -> None:
    index = StateIndex(queries.states(), queries)
    assert index.known("Ansar Allah", PAIR_KINDS) == "HOUTHIS"
    assert index.known("isr", PAIR_KINDS) == "ISR"
    with pytest.raises(ApiError):
        index.known("Hamas")  # /states/Hamas/leaders: a state only


def test_the_timeline_of_an_actor_and_a_state(queries: SparqlQueries) -> None:
    events = queries.timeline("HAMAS", "ISR")
    assert [(e.type, e.date, e.participants) for e in events] == [
        ("military_intervention", "2023-10-07", ["HAMAS", "ISR"])
    ]
    assert events[0].initiator == "HAMAS"
    assert queries.timeline("ISR", "hamas") == events
    assert [e.date for e in queries.events("HOUTHIS")] == ["2024-01"]


def test_the_relation_summary_of_an_actor_and_a_state(queries: SparqlQueries) -> None:
    summary = queries.relation_summary("HAMAS", "ISR")
    assert [(r.type, r.a, r.b) for r in summary.relations] == [("at_war", "HAMAS", "ISR")]
    assert summary.event_counts == {"military_intervention": 1}
    assert summary.alliances == []


runner = CliRunner()
main._register()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory, store: OxigraphStore) -> Path:
    dump = tmp_path_factory.mktemp("actors") / "actors.nq"
    dump.write_bytes(store.export("nq"))
    folder = dump.parent / "store"
    result = runner.invoke(
        main.app, ["--store", str(folder), "--base-iri", BASE, "import", str(dump)]
    )
    assert result.exit_code == 0, result.output
    return folder


def kg(store: Path, *args: str):
    return runner.invoke(main.app, ["--store", str(store), "--base-iri", BASE, *args])


def test_kg_lookup_and_kg_timeline_take_actors(store_dir: Path) -> None:
    found = json.loads(kg(store_dir, "lookup", "Ansar Allah", "--format", "json").stdout)
    assert found["code"] == "HOUTHIS" and found["types"] == ["NonStateActor"]
    assert "Hamas" in kg(store_dir, "lookup", "Hamas").stdout
    events = json.loads(kg(store_dir, "timeline", "HAMAS", "ISR", "--format", "json").stdout)
    assert [e["date"] for e in events] == ["2023-10-07"]
    by_name = kg(store_dir, "timeline", "Ansar Allah", "United States", "--format", "json")
    assert [e["participants"] for e in json.loads(by_name.stdout)] == [["HOUTHIS", "USA"]]
    summary = json.loads(kg(store_dir, "relations", "ISR", "Hamas", "--format", "json").stdout)
    assert summary["relations"][0]["type"] == "at_war"
