"""`extract(article) -> Extraction`: the rule-based extractor. Pure and deterministic: the
same article always gives the same extraction, and nothing outside the article and the
reference data is read."""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import partial

from loaders.article import Article
from loaders.extraction import dates as dt
from loaders.extraction.actor_events import actor_attacks
from loaders.extraction.chronology import chronology
from loaders.extraction.confidence import confidence, signals
from loaders.extraction.event_model import EventCandidate
from loaders.extraction.events import find_events
from loaders.extraction.historical_states import as_of_their_time
from loaders.extraction.lexicon import ORG_PARENT, Lexicon, get_lexicon
from loaders.extraction.mentions import (
    ORGANIZATION,
    PERSON,
    STATE,
    LeaderInfo,
    Mentions,
    find_mentions,
)
from loaders.extraction.model import (
    ActorMention,
    EventRecord,
    Extraction,
    LeaderMention,
    RelationRecord,
)
from loaders.extraction.parse_model import SentenceParser, parser_named
from loaders.extraction.parsed_events import parsed_events
from loaders.extraction.relations import RelationCandidate, find_relations
from loaders.extraction.sentences import Sentence, split_sentences
from loaders.extraction.text_officials import text_officials
from ontology.identifiers import slug
from ontology.reference_data import ReferenceData

# Beyond this many characters the rest of a text is not read (a guard against huge inputs).
MAX_CHARS = 400_000


def extract(
    article: Article,
    reference: ReferenceData | None = None,
    parser: SentenceParser | None = None,
) -> Extraction:
    """Everything the rules find in one article (see docs/extraction.md); with a `parser`,
    also the events its backoff reads from the sentences the rules leave (`parsed_events`)."""
    lex = get_lexicon(reference)
    return extract_with(article, lex, parser)


def extract_at_least(confidence: float, article: Article) -> Extraction:
    """`extract` without the events and relations below `confidence` (KG_MIN_CONFIDENCE); a
    module-level function, so a partial of it goes to ingest's worker processes."""
    return extract(article).at_least(confidence)


def extract_configured(min_confidence: float, parser: str, article: Article) -> Extraction:
    """`extract` with the parser named (KG_PARSER: "none" or "spacy", loaded once per
    process) and without what is below `min_confidence`: a module-level function, so a
    partial of it goes to ingest's worker processes."""
    return extract(article, parser=parser_named(parser)).at_least(min_confidence)


def extract_with(
    article: Article, lex: Lexicon, parser: SentenceParser | None = None
) -> Extraction:
    text, warnings = _bounded_text(article.text)
    anchor = _anchor(text, article.published, warnings)
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences, anchor, lex)
    date_mentions = dt.find_dates(text, anchor, [(s.start, s.end) for s in sentences], warnings)
    listed, date_mentions = chronology(text, sentences, date_mentions)
    backoff = partial(parsed_events, parser) if parser is not None else None
    events = find_events(
        text, sentences, mentions, date_mentions, anchor, article.published, listed, backoff
    )
    _adjust_events(events, text, lex)
    gone = _gone_states(lex, anchor)
    relations = find_relations(text, sentences, mentions, events, article.published, anchor, gone)
    states, organizations = _states_and_organizations(mentions)
    leaders = _leaders(mentions, states, lex, sentences)
    return Extraction(
        article=article,
        states=states,
        organizations=organizations,
        leaders=leaders,
        officials=_officials(text, lex, sentences, leaders),
        actors=_actors(mentions, lex),
        events=_event_records(events, states, lex),
        relations=[_relation_record(r) for r in relations],
        warnings=warnings,
    )


def _anchor(text: str, published: date | None, warnings: list[str]) -> date | None:
    """The day relative dates resolve against; without a publication date, a warning."""
    anchor = dt.anchor_date(text, published)
    if published is None:
        anchor = anniversary_anchor(text, anchor)
        resolved = anchor.isoformat() if anchor else "nothing (left out)"
        warnings.append(f"no publication date: relative dates resolved against {resolved}")
    return anchor


def _adjust_events(events: list[EventCandidate], text: str, lex: Lexicon) -> None:
    """Actors' one-sided fire is an attack; states keep the name of their time."""
    actor_attacks(events, text, lex.actor_kind)
    as_of_their_time(events, lex.state_period)


_NTH_ANNIVERSARY = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\b")


def anniversary_anchor(text: str, anchor: date | None) -> date | None:
    """Without a publication date, an anniversary piece ('marked the 50th anniversary of ...
    on Thursday') is written N years after the only full date it gives (that of the event
    it remembers), not on that date."""
    m = _NTH_ANNIVERSARY.search(text[:2000])
    if anchor is None or m is None or int(m.group(1)) < 1:
        return anchor
    try:
        return anchor.replace(year=anchor.year + int(m.group(1)))
    except ValueError:
        return anchor.replace(year=anchor.year + int(m.group(1)), day=28)


def _bounded_text(text: str) -> tuple[str, list[str]]:
    if len(text) > MAX_CHARS:
        return text[:MAX_CHARS], [f"text cut to its first {MAX_CHARS} characters"]
    return text, []


def _gone_states(lex: Lexicon, anchor: date | None) -> frozenset[str]:
    """States that no longer existed at the article's date (all former states without one)."""
    return frozenset(
        code
        for code, (_, end) in lex.state_period.items()
        if end is not None and (anchor is None or end <= anchor.isoformat())
    )


def _states_and_organizations(mentions: Mentions) -> tuple[list[str], list[str]]:
    states: list[str] = []
    organizations: list[str] = []
    for m in mentions.mentions:
        if m.kind in (STATE, PERSON) and m.code and m.code not in states:
            info = mentions.leaders.get(m.person or "") if m.kind == PERSON else None
            if info is None or _is_leader(info):
                states.append(m.code)
        elif m.kind == ORGANIZATION:
            code = ORG_PARENT.get(m.code, m.code)
            if code not in organizations:
                organizations.append(code)
    return states, organizations


def _leaders(
    mentions: Mentions, states: list[str], lex: Lexicon, sentences: list[Sentence]
) -> list[LeaderMention]:
    """Leaders the article mentions, in order of first mention; their states join `states`."""
    out: list[LeaderMention] = []
    mentioned = {m.person for m in mentions.mentions}
    for info in sorted(mentions.leaders.values(), key=lambda i: i.first):
        if not _is_leader(info) or not info.state or info.person not in mentioned:
            continue
        out.append(_leader_mention(info, lex, sentences))
        if info.state not in states:
            states.append(info.state)
    return out


# A leader taken from the text ("Mongolian President X") is a guess: lower confidence.
TEXT_LEADER_CONFIDENCE = 0.6


def _leader_mention(info: LeaderInfo, lex: Lexicon, sentences: list[Sentence]) -> LeaderMention:
    """A reference person by their id; a person known only from the text by the slug of the
    name it gives, flagged, with a lower confidence and the sentence that introduces them
    (unless that slug is a reference id: "Recep Tayyip Erdogan" is "recep-tayyip-erdogan")."""
    person_id = info.person if not info.person.startswith("text:") else slug(info.name)
    if person_id in lex.persons:
        return LeaderMention(name=info.name, state=info.state, role=info.role, person_id=person_id)
    sentence = _sentence_of(sentences, info.first)
    return LeaderMention(
        name=info.name,
        state=info.state,
        role=info.role,
        person_id=person_id or None,
        from_text=True,
        confidence=TEXT_LEADER_CONFIDENCE,
        evidence=sentence.text if sentence else None,
        start=sentence.start if sentence else None,
        end=sentence.end if sentence else None,
    )


def _officials(
    text: str, lex: Lexicon, sentences: list[Sentence], leaders: list[LeaderMention]
) -> list[LeaderMention]:
    """Ministers and envoys the text introduces ("Iran's Foreign Minister X"), known from
    the text alone: minted like leaders the reference data lacks, kept apart from them."""
    taken = {m.person_id for m in leaders}
    out: list[LeaderMention] = []
    for name, (state, role, offset) in sorted(
        text_officials(text, lex).items(), key=lambda item: item[1][2]
    ):
        if slug(name) in taken:
            continue
        info = LeaderInfo(f"text:{name}", name, state, role, offset)
        out.append(_leader_mention(info, lex, sentences))
        taken.add(slug(name))
    return out


def _sentence_of(sentences: list[Sentence], offset: int) -> Sentence | None:
    i = bisect.bisect_right([s.start for s in sentences], offset) - 1
    return sentences[i] if i >= 0 and offset < sentences[i].end else None


def _actors(mentions: Mentions, lex: Lexicon) -> list[ActorMention]:
    """The non-state actors the article names, in order of first mention."""
    return [
        ActorMention(code=code, name=lex.actor_name[code], kind=lex.actor_kind[code])
        for code, _ in sorted(mentions.actors.items(), key=lambda item: item[1])
    ]


def _add_states(e: EventCandidate, states: list[str], lex: Lexicon) -> None:
    """An event's participant states join `states`, except the sides of a named event or
    the host of a visit to a city that the text does not name itself (`implied`)."""
    implied = e.extra.get("implied", "").split(",")
    for p in e.participants:
        if p in implied or p in states or p in lex.org_kind or p in lex.actor_kind:
            continue
        if len(p) == 3 and p.isupper():
            states.append(p)


def _event_records(
    events: list[EventCandidate], states: list[str], lex: Lexicon
) -> list[EventRecord]:
    """Dated events as records; their participant states join `states`."""
    out: list[EventRecord] = []
    for e in events:
        if not e.date:
            continue
        _add_states(e, states, lex)
        sent = e.sentence
        out.append(
            EventRecord(
                type=e.type,
                participants=e.participants,
                date=e.date,
                evidence=sent.text,
                start=sent.start,
                end=sent.end,
                confidence=round(confidence(signals(e)), 2),
                signals=signals(e),
            )
        )
    return out


def _relation_record(r: RelationCandidate) -> RelationRecord:
    return RelationRecord(
        type=r.type,
        a=r.a,
        b=r.b,
        since=r.since,
        evidence=r.sentence.text,
        start=r.sentence.start,
        end=r.sentence.end,
        confidence=round(r.confidence, 2),
    )


def _is_leader(info: LeaderInfo) -> bool:
    """Heads of state or government as the text presents them: a party chief or minister
    who once held the top office is not listed when the text gives only their other title."""
    return not (info.non_head_title and not info.head_title and not info.in_office)


__all__ = ["extract", "extract_at_least", "extract_configured", "extract_with", "slug"]
