"""Which user Cypher may run: judged on Neo4j's own plan of the query (EXPLAIN), not on its
text. A READ session alone does not stop `LOAD CSV` reading the server's files or fetching
URLs, `dbms.*` procedures listing the configuration or killing connections, or `SHOW` /
`TERMINATE` commands; this module names what the plan may hold. See docs/api.md#cypher.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# Read-only procedures a Cypher user of the graph needs: the schema, and full-text search.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
    }
)
# Plan operators that read or reach beyond the graph, or act on the server: refused outright.
REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV is refused: it reads the server's files or fetches URLs",
    "AdministrationCommand": "administration commands are refused",
}
WRITE = "writes are refused: Cypher here is read-only"
# Operator name prefixes: SHOW ... and TERMINATE ... commands, and writes of every kind.
REFUSED_PREFIXES = {
    "Show": "SHOW commands are refused",
    "Terminate": "TERMINATE commands are refused",
    "Create": WRITE,
    "Merge": WRITE,
    "Delete": WRITE,
    "DetachDelete": WRITE,
    "Set": WRITE,
    "Remove": WRITE,
    "Foreach": WRITE,
    "Transaction": "CALL ... IN TRANSACTIONS is refused",
}
_PROCEDURE_NAME = re.compile(r"\s*`?([A-Za-z_][\w.`]*?)`?\s*\(")


@dataclass(frozen=True)
class Refusal:
    """Why a query may not run: `status` 403 (refused by policy), `message` one sentence."""

    status: int
    message: str


def operators(plan: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Every (operator, details) in a plan tree, the "@database" suffix taken off."""
    name = str(plan.get("operatorType", "")).split("@", 1)[0]
    details = str((plan.get("args") or {}).get("Details") or "")
    yield name, details
    for child in plan.get("children") or []:
        yield from operators(child)


def procedure_name(details: str) -> str:
    """The procedure a ProcedureCall operator calls, from its details
    ('db.labels() :: (label :: STRING)' -> 'db.labels')."""
    found = _PROCEDURE_NAME.match(details)
    return found.group(1).replace("`", "") if found else details.strip()


def _refuse_operator(name: str, details: str) -> Refusal | None:
    if name in REFUSED_OPERATORS:
        return Refusal(403, REFUSED_OPERATORS[name])
    if name == "ProcedureCall":
        called = procedure_name(details)
        if called not in ALLOWED_PROCEDURES:
            allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
            return Refusal(403, f"the procedure {called} is refused; allowed: {allowed}")
        return None
    for prefix, reason in REFUSED_PREFIXES.items():
        if name.startswith(prefix):
            return Refusal(403, f"{reason} ({name})")
    return None


def judge(query_type: str | None, plan: Mapping[str, Any] | None) -> Refusal | None:
    """None when a query whose EXPLAIN gave `query_type` and `plan` may run, else why not.
    Only read queries ('r') run; every operator of the plan must be one a reader may use."""
    if plan is None:
        return Refusal(403, "the query has no plan to check, so it is refused")
    for name, details in operators(plan):
        refusal = _refuse_operator(name, details)
        if refusal:
            return refusal
    if query_type != "r":
        return Refusal(403, f"only read queries run here (this one is of type {query_type!r})")
    return None
