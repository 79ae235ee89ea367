"""Schemathesis hooks for the run in docs/api.md: a serializer for SPARQL query bodies
(`application/sparql-query` is plain UTF-8 text), which schemathesis does not know."""

from __future__ import annotations

from typing import Any

import schemathesis


@schemathesis.serializer("application/sparql-query")
def sparql_query(ctx: Any, value: Any) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("utf-8")
