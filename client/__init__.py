"""geokg's notebook client: a running geokg server's answers as pandas DataFrames and a
networkx graph, over HTTP only (`pip install 'geokg[client]'`; docs/client.md).

    from client import Client
    kg = Client("http://127.0.0.1:8000")
    kg.timeline("CHN", "PRK", start="1950", end="1953")
"""

from __future__ import annotations

from client.errors import GeokgError, MissingExtra
from client.neighbourhood import Neighbourhood
from client.remote import Client

__all__ = ["Client", "GeokgError", "MissingExtra", "Neighbourhood"]
