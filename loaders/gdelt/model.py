"""What the GDELT loader gives: one mapped event per row it keeps, the options that choose
the rows, and a summary counting every row read as mapped, skipped or malformed, by reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class GdeltEvent:
    """One GDELT row as an ontology event: its type, its participants' codes (the initiator
    first, as directed event types want), its day, and the row's own figures and provenance."""

    event_id: str  # GLOBALEVENTID
    line: int  # the row's line in the file
    type: str  # an event type code of ontology/reference/event_types.json
    participants: tuple[str, ...]  # state (ISO alpha-3) or organization codes
    date: str  # ISO day, from SQLDATE
    cameo: str  # EventCode
    root: bool  # IsRootEvent
    quad_class: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal, 4 material conflict
    goldstein: float
    mentions: int  # NumMentions
    sources: int  # NumSources
    articles: int  # NumArticles
    tone: float  # AvgTone
    url: str  # SOURCEURL (may be empty)
    added: str  # DATEADDED, YYYYMMDDHHMMSS


@dataclass(frozen=True)
class Options:
    """Which rows to keep: only root events, only events between two states, at least
    `min_sources` sources, and only the QuadClasses given (None: all four)."""

    root_only: bool = False
    state_pairs: bool = False
    min_sources: int = 0
    quad_classes: frozenset[int] | None = None


@dataclass
class Summary:
    """Rows read, mapped, skipped (kept out by an option or the mapping) and malformed (a row
    the codebook does not allow), each by reason; `left_out_codes` counts the CAMEO codes
    that have no event type, so the mapping can be judged from real files."""

    read: int = 0
    mapped: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    malformed: Counter[str] = field(default_factory=Counter)
    left_out_codes: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        """The summary as plain JSON values (`kg ingest --json`, the benchmark)."""
        return {
            "read": self.read,
            "mapped": self.mapped,
            "skipped": dict(self.skipped.most_common()),
            "malformed": dict(self.malformed.most_common()),
            "left_out_codes": dict(self.left_out_codes.most_common()),
        }
