"""Event candidates and what the event rules share while they read one article."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from loaders.extraction import dates as dt
from loaders.extraction.mention_model import Mentions
from loaders.extraction.sentences import Sentence


@dataclass
class EventCandidate:
    type: str
    participants: list[str]
    date: str | None
    date_source: str  # own | report | offset | lead | narrative | merged
    sentence: Sentence
    start: int  # trigger offsets in the article text
    end: int
    confidence: float
    past: bool = False  # the trigger is a simple-past verb or sits in a past-tense sentence
    invasion: bool = False  # an invasion-like intervention (gives an at_war relation)
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class EventContext:
    text: str
    sentences: list[Sentence]
    mentions: Mentions
    date_mentions: list[dt.DateMention]
    anchor: date | None
    published: date | None
    lead_date: str | None
    # chronology list lines: sentence index -> the date of their line or heading
    chronology: dict[int, str | None] = field(default_factory=dict)
    dated_events: list[EventCandidate] = field(default_factory=list)
    by_sentence: dict[int, list[dt.DateMention]] = field(default_factory=dict)
    # event_dating.narrative_date's tables, for the dated_events list they were built from
    narrative: tuple[object, list[str | None], list[str | None]] | None = None
    story: tuple[str, str] | None = None  # the pair the article is about (story_pair)

    def dates_in(self, sent: Sentence) -> list[dt.DateMention]:
        """The date mentions that start inside a sentence, in order."""
        if not self.by_sentence and self.date_mentions:
            starts = [s.start for s in self.sentences]
            for d in self.date_mentions:
                i = bisect.bisect_right(starts, d.start) - 1
                if i >= 0 and d.start < self.sentences[i].end:
                    self.by_sentence.setdefault(i, []).append(d)
        return self.by_sentence.get(sent.index, [])
