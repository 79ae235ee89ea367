"""Load the reference data (states, organizations, leaders, alliances, non-state actors and the
ontology) into the store: each reference named graph is replaced whole, all in one
transaction, so running it again changes nothing."""

from __future__ import annotations

import time
from dataclasses import dataclass

from kg.settings import Settings
from kg.stores.base import RecordStore
from loaders.rdf.reference_graph import reference_graphs
from ontology.reference_data import ReferenceData
from ontology.reference_data import load_reference as load_reference_data


@dataclass(frozen=True)
class ReferenceLoad:
    """What a load wrote: the graph names, how many triples, and how long it took."""

    graphs: list[str]
    triples: int
    seconds: float


def load_reference(
    store: RecordStore, settings: Settings, data: ReferenceData | None = None
) -> ReferenceLoad:
    """Build the reference graphs under settings.base_iri and replace them in the store."""
    started = time.perf_counter()
    graphs = reference_graphs(data or load_reference_data(), settings.base_iri)
    named = {str(name): graph for name, graph in graphs.items()}
    triples = store.replace_graphs(named)
    return ReferenceLoad(sorted(named), triples, time.perf_counter() - started)
