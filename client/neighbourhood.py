"""A state or actor at a date as GET /neighbourhood answers it, with its nodes and edges as
DataFrames and as a networkx graph for a notebook's own analysis (centrality, drawing)."""

from __future__ import annotations

from typing import Any

from client.errors import require
from client.frames import frame

NODE_COLUMNS = ["id", "kind", "name", "code", "iri", "centre"]
EDGE_COLUMNS = [
    "id",
    "source",
    "target",
    "kind",
    "type",
    "since",
    "until",
    "reported",
    "events",
    "event_counts",
]


class Neighbourhood:
    """The answer of GET /neighbourhood/{code}: `centre`, `at`, `years`, the event window
    (`events_from`, `events_to`), and the raw JSON as `data`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.centre: str = data["centre"]
        self.at: str = data["at"]
        self.years: int = data["years"]
        self.events_from: str = data["events_from"]
        self.events_to: str = data["events_to"]

    def __repr__(self) -> str:
        return (
            f"<Neighbourhood {self.centre} at {self.at}: {len(self.data['nodes'])} nodes, "
            f"{len(self.data['edges'])} edges>"
        )

    @property
    def nodes(self) -> Any:
        """The nodes as a DataFrame, the centre among them (`centre` true)."""
        return frame(self.data["nodes"], NODE_COLUMNS)

    @property
    def edges(self) -> Any:
        """The edges as a DataFrame: from the centre to each counterpart or alliance."""
        return frame(self.data["edges"], EDGE_COLUMNS)

    def to_networkx(self) -> Any:
        """A networkx MultiDiGraph: one node per API node (its fields as attributes, keyed by
        `id`), one edge per API edge from `source` to `target`, keyed by the edge's `id` (a
        pair can have two: a relation and diplomatic relations, say)."""
        nx = require("networkx")
        graph = nx.MultiDiGraph(centre=self.centre, at=self.at, years=self.years)
        for node in self.data["nodes"]:
            graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
        for edge in self.data["edges"]:
            fields = {k: v for k, v in edge.items() if k not in ("id", "source", "target")}
            graph.add_edge(edge["source"], edge["target"], key=edge["id"], **fields)
        return graph
