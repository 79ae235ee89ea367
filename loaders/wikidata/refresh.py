"""The one call the CLI makes: read a downloaded Wikidata file, map it, merge it into the
reference data, and say what changed and what was skipped and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from loaders.wikidata.mapping import WikidataReference, map_harvest
from loaders.wikidata.merge import Change, merge_wikidata
from loaders.wikidata.reader import read_wikidata
from ontology.reference_data import ReferenceData

SHOWN_ERRORS = 20


@dataclass(frozen=True)
class Refresh:
    """The merged reference data, the changes to the bundled data, and the counts."""

    data: ReferenceData
    changes: list[Change]
    wiki: WikidataReference
    path: Path

    def summary(self) -> dict[str, Any]:
        harvest = self.wiki.harvest
        return {
            "file": str(self.path),
            "format": harvest.kind,
            "read": harvest.read,
            "mapped": dict(self.wiki.mapped),
            "skipped": dict(sorted(harvest.skipped.items())),
            "errors": harvest.errors[:SHOWN_ERRORS],
            "changes": dict(Counter(c.change for c in self.changes)),
        }

    def as_json(self) -> dict[str, Any]:
        """The diff as `kg reference-diff --format json` prints it."""
        relations = [
            {"states": [a, b], "start": start, "end": end}
            for a, b, start, end in sorted(
                self.wiki.relations, key=lambda r: tuple(x or "" for x in r)
            )
        ]
        return {
            "summary": self.summary(),
            "changes": [asdict(c) for c in self.changes],
            "diplomatic_relations": relations,
        }


def refresh_reference(path: Path, data: ReferenceData) -> Refresh:
    """`data` refreshed from the Wikidata file at `path` (raises WikidataFormatError)."""
    harvest = read_wikidata(path)
    wiki = map_harvest(harvest, data)
    merged, changes = merge_wikidata(data, wiki)
    return Refresh(merged, changes, wiki, path)
