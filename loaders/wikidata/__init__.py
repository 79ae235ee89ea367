"""Wikidata as a source of the reference data (docs/wikidata.md): entity JSON (the dump's lines,
Special:EntityData) and SPARQL results JSON read into the reference data's dataclasses, every
term with its Wikidata item and revision as its source. Pure functions: no store, no network."""

from loaders.wikidata.model import WikidataFormatError
from loaders.wikidata.refresh import Refresh, refresh_reference

__all__ = ["Refresh", "WikidataFormatError", "refresh_reference"]
