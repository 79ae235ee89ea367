"""The key of an ingest input: everything that decides its article graph before it is
extracted, so re-ingesting an unchanged article costs a hash of its text and a look-up, not an
extraction (issue 31): the article (url, title, date, source, text), the extractor with its
arguments, the base IRI, geokg's code and data, and the installed packages.

The store keeps each key with the graph it made and that graph's hash
(kg.stores.graph_hashes); the writer trusts a key only while the store keeps that same hash
for that graph, which every write of the graph forgets first (kg.ingest_batch)."""

from __future__ import annotations

import hashlib
import json
import sys
from functools import partial
from pathlib import Path

from kg.ingest_model import Extractor
from loaders.article import Article

_VERSION = "geokg-input-1"  # a change in what a key covers changes this
_ENVIRONMENT: list[str] = []  # this process's fingerprint, once computed


def extractor_name(extract: Extractor) -> str | None:
    """A name that stays the same across runs for a module-level function, or a partial of
    one with plain arguments; None for anything else (a lambda, a closure): no key then."""
    fn, args, keywords = extract, (), {}
    if isinstance(extract, partial):
        fn, args, keywords = extract.func, extract.args, extract.keywords
    module, qualname = getattr(fn, "__module__", None), getattr(fn, "__qualname__", "<")
    if module is None or "<" in qualname:
        return None
    shown = repr((args, sorted(keywords.items())))
    return None if " at 0x" in shown else f"{module}.{qualname}{shown}"


def environment() -> str:
    """geokg's code and data and the installed distributions (name and version: rdflib or a
    parser's model changes a graph as much as our code does), hashed once per process."""
    if not _ENVIRONMENT:
        from kg.ingest_dask import code_fingerprint

        installed = sorted(
            p.name
            for entry in sys.path
            if Path(entry or ".").is_dir()
            for p in Path(entry or ".").iterdir()
            if p.suffix in (".dist-info", ".egg-info")
        )
        text = json.dumps([code_fingerprint(), installed])
        _ENVIRONMENT.append(hashlib.sha256(text.encode()).hexdigest())
    return _ENVIRONMENT[0]


def input_key(item: object, base_iri: str, extract: Extractor) -> str | None:
    """The key of an article extracted by `extract` under `base_iri`; None for anything
    else (a ready-made graph is checked by its own hash) or an extractor without a name."""
    name = extractor_name(extract) if isinstance(item, Article) else None
    if name is None:
        return None
    assert isinstance(item, Article)
    day = item.published.isoformat() if item.published else None
    fields = [_VERSION, environment(), base_iri, name, item.url, item.title, day, item.source]
    digest = hashlib.sha256(json.dumps(fields).encode())
    digest.update(item.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
