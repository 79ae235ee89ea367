"""A local Apache Jena Fuseki 5.6 without Docker, to hold the record on a SPARQL server
(KG_RECORD_URL): fetch (Maven, cached), start, stop and inspect it. Pure Python."""

from kg.fuseki_server.launcher import (
    FAST_START_JVM_FLAGS,
    FusekiStatus,
    start,
    status,
    stop,
)
from kg.fuseki_server.maven import FusekiError, build, is_built

__all__ = [
    "FAST_START_JVM_FLAGS",
    "FusekiError",
    "FusekiStatus",
    "build",
    "is_built",
    "start",
    "status",
    "stop",
]
