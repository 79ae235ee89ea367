"""A local Neo4j 5.26 without Docker: build, start, stop and inspect the Maven-built launcher.

Pure Python on purpose: it never imports the `neo4j` driver (only `kg.stores` does).
"""

from kg.neo4j_server.launcher import (
    FAST_START_JVM_FLAGS,
    ServerStatus,
    free_port,
    start,
    status,
    stop,
)
from kg.neo4j_server.maven import LauncherError, build, is_built

__all__ = [
    "FAST_START_JVM_FLAGS",
    "LauncherError",
    "ServerStatus",
    "build",
    "free_port",
    "is_built",
    "start",
    "status",
    "stop",
]
