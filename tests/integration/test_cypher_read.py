"""CypherQueries reads on a real Neo4j: auto-commit queries in READ sessions, so a domain query
can never write, and a write made through execute_query is seen by the next read."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j.exceptions import ClientError

from kg.queries.cypher_queries import CypherQueries


def test_a_read_cannot_write(neo4j_clean: Any) -> None:
    queries = CypherQueries(neo4j_clean)
    with pytest.raises(ClientError, match=r"(?i)write"):
        queries._read("CREATE (:ReadProbe {n: 1})")
    assert queries._read("MATCH (p:ReadProbe) RETURN count(p) AS n") == [{"n": 0}]


def test_a_read_sees_the_write_before_it(neo4j_clean: Any) -> None:
    queries = CypherQueries(neo4j_clean)
    for n in range(20):
        neo4j_clean.execute_query("CREATE (:ReadProbe {n: $n})", n=n)
        assert queries._read("MATCH (p:ReadProbe) RETURN max(p.n) AS n") == [{"n": n}]
    neo4j_clean.execute_query("MATCH (p:ReadProbe) DELETE p")
