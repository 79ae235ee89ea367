"""Loading the reference data: every reference graph is written, and loading again replaces
like with like (same triple count, same answers)."""

from __future__ import annotations

from pathlib import Path

from kg.queries.sparql_queries import SparqlQueries
from kg.reference import load_reference
from kg.settings import get_settings
from kg.stores.oxigraph_store import OxigraphStore
from ontology.dates import parse_partial
from ontology.identifiers import REFERENCE_GRAPHS, reference_graph_iri
from ontology.reference_data import ReferenceData, StateRef


def test_load_is_idempotent_and_keeps_other_graphs(tmp_path: Path) -> None:
    settings = get_settings(store_path=tmp_path / "store")
    with OxigraphStore(settings.store_path) as store:
        other = "https://geokg.example.org/article/0000000000000000"
        store.import_data(f"<{other}> <{other}> <{other}> <{other}> .\n".encode(), "nq")
        first = load_reference(store, settings)
        count = store.count()
        again = load_reference(store, settings)
        assert store.count() == count and again.triples == first.triples
        expected = {str(reference_graph_iri(settings.base_iri, n)) for n in REFERENCE_GRAPHS}
        assert set(first.graphs) == expected
        assert set(store.graphs()) == expected | {other}


def test_bundled_reference_answers_the_acceptance_questions() -> None:
    store = OxigraphStore()
    load_reference(store, get_settings())
    q = SparqlQueries(store)
    assert "Kim Il-sung" in [t.name for t in q.leaders("PRK", parse_partial("1950-06-25"))]
    assert "Xi Jinping" in [t.name for t in q.leaders("CHN", parse_partial("2024-10-06"))]
    assert "NATO" in [a.organization for a in q.alliances("FIN", parse_partial("2024-01-01"))]
    assert "NATO" not in [a.organization for a in q.alliances("SWE", parse_partial("2024-01-01"))]
    assert "NATO" in [a.organization for a in q.alliances("SWE", parse_partial("2024-06"))]
    # Founding members listed without dates are allies only while their treaty is in force.
    assert q.allies("PRK", parse_partial("1955")) == []
    assert [a.state for a in q.allies("PRK", parse_partial("2023-01-01"))] == ["CHN"]
    assert [a.state for a in q.allies("PRK", parse_partial("2025"))] == ["CHN", "RUS"]
    store.close()


def test_small_reference_data_under_another_base_iri() -> None:
    settings = get_settings(base_iri="https://example.org/kg/")
    data = ReferenceData(states=(StateRef(code="ATL", name="Atlantis", start="1990"),))
    store = OxigraphStore()
    load_reference(store, settings, data)
    q = SparqlQueries(store)
    atl = q.state("ATL")
    assert atl is not None and atl.iri == "https://example.org/kg/state/ATL"
    assert q.leaders("ATL", parse_partial("1980")) == []
    store.close()


def test_the_non_state_actors_are_loaded_in_their_own_graph() -> None:
    settings = get_settings()
    store = OxigraphStore()
    load_reference(store, settings)
    graph = reference_graph_iri(settings.base_iri, "actors")
    rows = store.select(
        "PREFIX geo: <https://geokg.example.org/ontology#> SELECT ?a ?kind ?base WHERE { "
        f"GRAPH <{graph}> {{ ?a a geo:NonStateActor ; geo:code 'HOUTHIS' ; geo:kind ?kind ; "
        "geo:basedIn ?base } }"
    )
    assert rows == [
        {
            "a": f"{settings.base_iri}actor/HOUTHIS",
            "kind": "armed_group",
            "base": f"{settings.base_iri}state/YEM",
        }
    ]
    store.close()
