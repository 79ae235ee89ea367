"""The events each dyad (or lone participant) links, read from the record once per ingest
run and then kept current by the run's own writes, so the events of an article's groups
(kg.refinement_delta) cost one index read per dyad per run rather than per article: that
read grows with how many articles report the pair, and a batch or a run meets the same
pairs again and again (issue 31).

It is valid only while its run holds the record's writer (IngestService's lock): every write
of the run goes through it (`added` for new article graphs; `forget` for what a replaced
article may take away), and nothing else writes meanwhile."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kg.article_facts import ArticleFacts, Key, Link
from kg.queries.sparql_builders import iri_ref
from kg.refinement import EventIri
from kg.stores.base import RecordStore

_BRANCH = "{{ ?e {via} {anchor} . BIND({via} AS ?via) BIND({anchor} AS ?anchor) }}"
_LINKED_QUERY = "SELECT DISTINCT ?via ?anchor ?e WHERE {{ {branches} }}"
_CHUNK = 200  # links per query


def group_prefix(event: str) -> str | None:
    """The IRI prefix every event of this event's group has (type and participants)."""
    parsed = EventIri.parse(event)
    return None if parsed is None else f"{parsed.base}event/{parsed.group}/"


class GroupIndex:
    """(geo:dyad or geo:participant, object) -> every event the record links so, by group
    prefix (so an article's groups cost what they hold, not what the dyad holds)."""

    def __init__(self, store: RecordStore) -> None:
        self.store = store
        self._linked: dict[Link, dict[str | None, set[str]]] = {}

    def events(self, keys: Mapping[str, Key]) -> set[str]:
        """Every event of these events' groups the record holds (kg.refinement_delta's
        `others` for articles not stored yet)."""
        wanted: dict[Link, set[str]] = {}
        for event, (via, anchor, _code) in keys.items():
            prefix = group_prefix(event)
            if prefix is not None:
                wanted.setdefault((via, anchor), set()).add(prefix)
        self._read([link for link in wanted if link not in self._linked])
        found: set[str] = set()
        for link, prefixes in wanted.items():
            groups = self._linked[link]
            for prefix in prefixes:
                found.update(groups.get(prefix, ()))
            # an IRI of another shape that merely starts so (never minted by geokg)
            found.update(e for e in groups.get(None, ()) if e.startswith(tuple(prefixes)))
        return found

    def _add(self, link: Link, event: str) -> None:
        self._linked[link].setdefault(group_prefix(event), set()).add(event)

    def _read(self, links: list[Link]) -> None:
        for i in range(0, len(links), _CHUNK):
            chunk = links[i : i + _CHUNK]
            for link in chunk:
                self._linked[link] = {}
            branches = " UNION ".join(
                _BRANCH.format(via=iri_ref(via), anchor=iri_ref(anchor)) for via, anchor in chunk
            )
            for row in self.store.select(_LINKED_QUERY.format(branches=branches)):
                self._add((row["via"], row["anchor"]), row["e"])

    def added(self, written: Iterable[ArticleFacts]) -> None:
        """New article graphs written: their events join the links already read."""
        for facts in written:
            for event, found in facts.events.items():
                for link in found.links:
                    if link in self._linked:
                        self._add(link, event)

    def forget(self, facts: Iterable[ArticleFacts]) -> None:
        """Links whose events a write may have taken away (a replaced article's old graph):
        read again when next asked."""
        for one in facts:
            for found in one.events.values():
                for link in found.links:
                    self._linked.pop(link, None)
