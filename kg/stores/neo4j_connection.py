"""Open a Neo4j driver and ask the server its version: the one place connection details live."""

from __future__ import annotations

import neo4j

# How long the driver retries a transaction that failed for a transient reason (a deadlock,
# a lost connection, a server restarting) before giving up. Its default, 30 s, made a write
# to a Neo4j that went away mid-ingest wait about a minute (the last back-off overshoots);
# the record is the truth and `kg sync` catches up, so a projection gives up sooner.
RETRY_SECONDS = 10.0


def connect(uri: str, user: str, password: str, timeout: float = 10.0) -> neo4j.Driver:
    """A driver that has already reached the server, so a wrong URI or password fails here."""
    # Server notifications (e.g. "property key does not exist" on a fresh database) are
    # advice for people writing queries, not for our users; the driver would log each one.
    driver = neo4j.GraphDatabase.driver(
        uri,
        auth=(user, password),
        connection_timeout=timeout,
        notifications_min_severity="OFF",
        max_transaction_retry_time=RETRY_SECONDS,
    )
    try:
        driver.verify_connectivity()
    except Exception:
        driver.close()  # driver 6 is not closed by the garbage collector
        raise
    return driver


def server_version(driver: neo4j.Driver) -> str:
    """The Neo4j kernel version, e.g. "5.26.30", from `CALL dbms.components()`."""
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions WHERE name = 'Neo4j Kernel' "
        "RETURN versions[0] AS version"
    )
    if not records:
        raise RuntimeError("dbms.components() reported no Neo4j Kernel component")
    return str(records[0]["version"])
