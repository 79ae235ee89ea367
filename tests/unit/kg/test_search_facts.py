"""What the full-text index reads of some graphs (kg.stores.search_facts.facts_query with
their names) is what it reads of them from every graph: each graph read whole by name and
filtered gives the same rows as the read of the whole record."""

from __future__ import annotations

from collections import Counter

from kg.ingest import ingest_article
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.search_facts import facts_query
from loaders.article import Article
from loaders.sources import iter_articles
from tests.unit.kg.conftest import BASE
from tests.unit.kg.test_timeline_cache import DEMO

Row = tuple[str, str, str, str]


def _rows(store: OxigraphStore, graphs: list[str] | None) -> Counter[Row]:
    return Counter((r["g"], r["s"], r["p"], r["o"]) for r in store.select(facts_query(graphs)))


def test_the_facts_of_named_graphs_are_those_of_every_graph_kept_to_them(
    reference: bytes,
) -> None:
    with OxigraphStore(None) as store:
        store.import_data(reference, "nq")
        for item in iter_articles([DEMO]):
            if isinstance(item, Article):
                ingest_article(item, store, BASE)
        every = _rows(store, None)
        names = [g for g in store.graphs() if "/article/" in g or "/refinement/" in g][:7]
        names += [next(g for g in store.graphs() if "/reference" in g)]
        kept = Counter({row: n for row, n in every.items() if row[0] in names})
        assert _rows(store, names) == kept
        assert {row[2] for row in kept} >= {
            "https://www.w3.org/1999/02/22-rdf-syntax-ns#type".replace("https", "http")
        }
        assert len({row[0] for row in kept}) == len(names)
