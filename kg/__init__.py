"""geokg: the graph itself (stores, ingest, queries, command line)."""

__version__ = "0.1.0"
