"""The ingest preview (POST /articles/preview, the web page's review step): what the
extractor reads from an article, with the character offsets of what to highlight in its
text, and nothing written anywhere.

The extraction is the one ingest would store (the same extractor, KG_MIN_CONFIDENCE and
KG_PARSER included). Its events and relations carry their evidence sentence's offsets; the
mentions and dates are found again by the extractor's own finders over the same text (a few
milliseconds), and an event's trigger is the first match, inside its evidence sentence, of a
pattern of its type from the extractor's trigger lexicon: the extractor keeps no trigger
offsets, so a sentence with two triggers of one type shows the first."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from kg.ingest_model import Extractor
from loaders.article import Article
from loaders.extraction import dates as dt
from loaders.extraction.event_triggers import COMPILED
from loaders.extraction.extractor import MAX_CHARS, anniversary_anchor, extract
from loaders.extraction.lexicon import get_lexicon
from loaders.extraction.mention_model import MODIFIER
from loaders.extraction.mentions import find_mentions
from loaders.extraction.model import EventRecord, Extraction
from loaders.extraction.sentences import split_sentences

# Types the extractor may give an event whose pattern has another type of the same group:
# a meeting named by its setting (a visit, a summit, talks), an actor's fire an attack.
_GROUPS = (
    frozenset({"meeting", "state_visit", "summit_meeting", "talks"}),
    frozenset({"armed_clash", "military_intervention", "war"}),
)


class TextSpan(BaseModel):
    """A stretch of the article text, [start, end) in characters, and what it is."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    kind: str = Field(description="state, org, person or actor; date; or the event's type")
    value: str | None = Field(
        default=None, description="a mention's code, a date's ISO value (A/B a period)"
    )


@dataclass
class Preview:
    """An extraction and its spans: `triggers` holds one entry per extracted event, in the
    same order (None where no pattern of its type is found in its sentence)."""

    extraction: Extraction
    text: str
    mentions: list[TextSpan]
    dates: list[TextSpan]
    triggers: list[TextSpan | None]


def preview(article: Article, extractor: Extractor | None = None) -> Preview:
    """Extract `article` as ingest would and find the spans to highlight; stores nothing."""
    extraction = (extractor or extract)(article)
    text = article.text[:MAX_CHARS]
    sentences = split_sentences(text)
    anchor = dt.anchor_date(text, article.published)
    if article.published is None:
        anchor = anniversary_anchor(text, anchor)
    found = find_mentions(text, sentences, anchor, get_lexicon(None))
    mentions = [
        TextSpan(start=m.start, end=m.end, text=m.text, kind=m.kind, value=m.code or None)
        for m in found.mentions
        if m.kind != MODIFIER
    ]
    spans = [(s.start, s.end) for s in sentences]
    dates = [
        TextSpan(start=d.start, end=d.end, text=d.text, kind="date", value=d.value or None)
        for d in dt.find_dates(text, anchor, spans)
    ]
    triggers = [trigger(text, event) for event in extraction.events]
    return Preview(extraction, text, mentions, dates, triggers)


def trigger(text: str, event: EventRecord) -> TextSpan | None:
    """The first word in `event`'s evidence sentence that a pattern of its type matches."""
    sentence = text[event.start : event.end]
    kinds = next((g for g in _GROUPS if event.type in g), frozenset({event.type}))
    best: tuple[int, int] | None = None
    for etype, pattern in COMPILED:
        if etype not in kinds:
            continue
        match = pattern.search(sentence)
        if match and (best is None or match.start("t") < best[0]):
            best = match.start("t"), match.end("t")
    if best is None:
        return None
    start, end = event.start + best[0], event.start + best[1]
    return TextSpan(start=start, end=end, text=text[start:end], kind=event.type)
