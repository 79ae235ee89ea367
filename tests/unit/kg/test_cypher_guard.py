"""Which plans the Cypher guard lets run. The plans are those Neo4j 5.26 gives for EXPLAIN
(operator names with their "@database" suffix, details as Neo4j prints them);
tests/e2e/test_cypher.py sends the same queries to a real Neo4j through the API."""

from __future__ import annotations

from typing import Any

import pytest

from kg.stores.cypher_guard import judge, operators, procedure_name


def plan(*ops: tuple[str, str | None]) -> dict[str, Any]:
    """A chain of operators, the first on top, as the driver's summary.plan holds them."""
    node: dict[str, Any] | None = None
    for name, details in reversed(ops):
        args = {"Details": details} if details is not None else {}
        node = {"operatorType": f"{name}@neo4j", "args": args, "children": [node] if node else []}
    assert node is not None
    return node


READS = {
    "MATCH (n) RETURN n LIMIT 3": plan(
        ("ProduceResults", "n"), ("Limit", "3"), ("AllNodesScan", "n")
    ),
    "CALL db.labels()": plan(
        ("ProduceResults", "label"), ("ProcedureCall", "db.labels() :: (label :: STRING)")
    ),
    "MATCH p=(a)-[*]-(b) RETURN count(p)": plan(
        ("ProduceResults", "`count(p)`"),
        ("EagerAggregation", "count((a)-[anon_0*]-(b)) AS `count(p)`"),
        ("VarLengthExpand(All)", "(a)-[anon_0*]-(b)"),
        ("AllNodesScan", "a"),
    ),
}

REFUSED = {
    "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r": (
        "r",
        plan(("ProduceResults", "r"), ("LoadCSV", "r")),
        "LOAD CSV",
    ),
    "CALL dbms.listConfig()": (
        "s",
        plan(
            ("ProduceResults", "name"), ("ProcedureCall", "dbms.listConfig() :: (name :: STRING)")
        ),
        "dbms.listConfig",
    ),
    "CALL dbms.killConnections(['x'])": (
        "s",
        plan(("ProcedureCall", "dbms.killConnections($autolist_0) :: (connectionId :: STRING)")),
        "dbms.killConnections",
    ),
    "SHOW USERS": ("s", {"operatorType": "AdministrationCommand@system"}, "administration"),
    "SHOW SETTINGS": ("r", plan(("ProduceResults", "name"), ("ShowSettings", "all")), "SHOW"),
    "TERMINATE TRANSACTIONS 'x'": (
        "r",
        plan(("TerminateTransactions", "transactions(x)")),
        "TERMINATE",
    ),
    "CREATE (n:X)": ("rw", plan(("ProduceResults", "n"), ("Create", "(n:X)")), "read-only"),
    "MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS": (
        "rw",
        plan(("TransactionForeach", "IN TRANSACTIONS"), ("SetProperty", "n.x = 1")),
        "IN TRANSACTIONS",
    ),
}


@pytest.mark.parametrize("query", READS)
def test_reads_run(query: str) -> None:
    assert judge("r", READS[query]) is None


@pytest.mark.parametrize("query", REFUSED)
def test_refused_plans_name_what_is_refused(query: str) -> None:
    query_type, tree, named = REFUSED[query]
    refusal = judge(query_type, tree)
    assert refusal is not None and refusal.status == 403
    assert named in refusal.message


def test_a_schema_or_write_query_type_is_refused_even_with_harmless_operators() -> None:
    refusal = judge("s", plan(("ProduceResults", "x"), ("Projection", "1 AS x")))
    assert refusal is not None and "read queries" in refusal.message


def test_no_plan_is_refused() -> None:
    assert judge("r", None) is not None


def test_a_refused_operator_deep_in_the_tree_is_found() -> None:
    tree = plan(("ProduceResults", "r"), ("Apply", None), ("Argument", "x"))
    tree["children"][0]["children"].append({"operatorType": "LoadCSV@neo4j", "args": {}})
    assert [name for name, _ in operators(tree)][-1] == "LoadCSV"
    refusal = judge("r", tree)
    assert refusal is not None and "LOAD CSV" in refusal.message


@pytest.mark.parametrize(
    ("details", "name"),
    [
        ("db.labels() :: (label :: STRING)", "db.labels"),
        ("db.index.fulltext.queryNodes($a, $b) :: (node :: NODE)", "db.index.fulltext.queryNodes"),
        ("`dbms`.`listConfig`() :: (name :: STRING)", "dbms.listConfig"),
    ],
)
def test_procedure_names_from_plan_details(details: str, name: str) -> None:
    assert procedure_name(details) == name
