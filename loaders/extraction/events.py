"""Dated events between states: trigger lexicons per event type, participants from the
sentence's state and leader mentions, dates from the sentence (or a neighbour).

Rules (docs/extraction.md and the annotation rules of the development set):
- an event is kept only when the text places it in time, to a year at least;
- planned, hypothetical or negated events ("will visit", "plans to", "readied", "not") and
  domestic events (one state only) are left out;
- participants are states (an organization only where it acts as one: joining NATO);
  for directed types the initiator comes first (the visitor, the attacker, the protester);
- where the sentence's subject is a pronoun or "the two nations", participants come from the
  previous sentence;
- one event mentioned twice in an article is one event (same type, two shared participants,
  overlapping dates).

Triggers: `event_triggers`; checks: `event_checks`; guards: `guards`; participants:
`event_participants`; dates: `event_dating`; merging: `event_merge`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import partial

from loaders.extraction import dates as dt
from loaders.extraction.clauses import (
    PAIR_ANAPHOR,
    actors,
    clause_bounds,
    refers_back,
)
from loaders.extraction.event_adjust import (
    FIGHTING,
    JOINING,
    between_pair,
    fighting_alongside,
    implied_target,
    joiner,
    meeting_type,
    past_year_named,
    summoned_last,
    without_allies,
)
from loaders.extraction.event_candidates import Trigger, build_candidate, with_parties
from loaders.extraction.event_checks import TRIP_TO_MEET, context_ok, plural_skip
from loaders.extraction.event_dating import lead_date
from loaders.extraction.event_extras import anniversaries, followed_suit
from loaders.extraction.event_merge import merge_events
from loaders.extraction.event_model import EventCandidate, EventContext
from loaders.extraction.event_participants import participants
from loaders.extraction.event_splits import split_parties
from loaders.extraction.event_triggers import (
    CHRONOLOGY_AUTOMATON,
    COMPILED,
    FAMILY,
    KEYWORD_AUTOMATON,
    NEEDS_YEAR,
    candidate_patterns,
)
from loaders.extraction.guards import guard_in, scheduled
from loaders.extraction.mention_model import Mention, Mentions
from loaders.extraction.named_events import named_events
from loaders.extraction.sentences import Sentence
from loaders.extraction.story_pair import fill_from_story, names_unplaced, story_pair
from loaders.extraction.venues import with_destination

__all__ = ["Backoff", "EventCandidate", "find_events"]

# Events found another way where the rules found none (the parser backoff, `parsed_events`).
Backoff = Callable[[EventContext, list[EventCandidate]], list[EventCandidate]]

_I = re.IGNORECASE
_CONTAINER_BEFORE = re.compile(
    r"\b(?:during|amid|at|on\s+the\s+sidelines\s+of|in\s+the\s+course\s+of|"
    r"on\s+(?:a|an|his|her|their|its))\s+(?:\S+\s+){0,4}$",
    _I,
)
# "did not restore relations until 1990": it happened in 1990.
_NEGATION = re.compile(r"\b(?:not|never)\b|n['’]t\b", _I)
_UNTIL_AFTER = re.compile(r"[^,;.]*?\buntil\s+(?:the\s+)?(?:\d|[A-Z])")
_DIGIT = re.compile(r"\d")
_SCHEDULED_TYPES = frozenset(
    {"state_visit", "meeting", "summit_meeting", "talks", "treaty_signed", "message_exchange"}
)
_ENVOY_ACT = re.compile(r"summon|expel|ordered|threw|kicked", _I)
_ANNIVERSARY_OF = re.compile(r"\banniversary\s+of\s+(?:the\s+|their\s+)?$", _I)


def find_events(
    text: str,
    sentences: list[Sentence],
    mentions: Mentions,
    date_mentions: list[dt.DateMention],
    anchor: date | None,
    published: date | None,
    chronology: dict[int, str | None] | None = None,
    backoff: Backoff | None = None,
) -> list[EventCandidate]:
    lead = lead_date(sentences, date_mentions, anchor)
    ctx = EventContext(text, sentences, mentions, date_mentions, anchor, published, lead)
    ctx.chronology = chronology or {}
    ctx.story = story_pair(mentions)
    found: list[EventCandidate] = []
    for sent in filter(partial(_may_tell, ctx), sentences):
        triggers = _triggers(ctx, sent)
        for trig in triggers:
            cand = build_candidate(ctx, sent, trig, triggers)
            found.extend(with_parties(cand, parties) for parties in trig.splits)
        found.extend(followed_suit(ctx, sent, found))
    found.extend(anniversaries(ctx))
    found.extend(named_events(ctx))
    found.extend(backoff(ctx, found) if backoff is not None else [])
    return merge_events(ctx, found)


def _may_tell(ctx: EventContext, sent: Sentence) -> bool:
    """A sentence that names an actor, points back at some, or is a chronology's line (which
    may take the chronology's pair)."""
    return bool(
        actors(ctx.mentions.in_sentence(sent.index))
        or refers_back(sent.text)
        or sent.index in ctx.chronology
    )


def _triggers(ctx: EventContext, sent: Sentence) -> list[Trigger]:
    """Every trigger of a sentence that passes the checks and has two participants."""
    triggers: list[Trigger] = []
    seen: list[tuple[int, int, str]] = []
    lower = sent.text.lower()
    wanted = candidate_patterns(KEYWORD_AUTOMATON, lower)
    if sent.index in ctx.chronology:
        wanted |= candidate_patterns(CHRONOLOGY_AUTOMATON, lower)
    if not _DIGIT.search(sent.text):
        wanted -= NEEDS_YEAR
    for index in sorted(wanted):
        etype, pattern = COMPILED[index]
        for m in pattern.finditer(sent.text):
            t_s, t_e = m.start("t"), m.end("t")
            if any(a < t_e and t_s < b and et == etype for a, b, et in seen):
                continue
            trig = _trigger(ctx, sent, etype, m)
            if trig is not None:
                trig.family = FAMILY[index]
                triggers.append(trig)
                seen.append((t_s, t_e, etype))
    return triggers


def _trigger(ctx: EventContext, sent: Sentence, etype: str, m: re.Match[str]) -> Trigger | None:
    s, t_s = sent.text, m.start("t")
    clause = clause_bounds(s, t_s)
    before = s[clause[0] : t_s][-60:]
    if (
        guard_in(before)
        and not (_NEGATION.search(before) and _UNTIL_AFTER.match(s, m.end("t")))
        and not past_year_named(ctx, m)
        and not (sent.index in ctx.chronology and TRIP_TO_MEET.search(before))
    ):
        return None
    if not context_ok(etype, m, sent, ctx) or plural_skip(etype, m, sent):
        return None
    if _not_now(ctx, sent, etype, m):
        return None
    a_start, a_end = sent.start + t_s, sent.start + m.end("t")
    passive = bool(m.groupdict().get("p"))
    found, chosen = participants(ctx, etype, sent, a_start, a_end, clause, passive)
    if etype == "alliance_formed" and JOINING.match(m.group("t")):
        found = joiner(chosen, a_start, a_end)
    real = meeting_type(ctx, sent, clause, t_s, chosen) if etype == "meeting" else etype
    found, implied = _adjusted(ctx, sent, m, real, chosen, found)
    if len(found) < 2:
        found, implied = _from_story(ctx, sent, m, real, found) or ([], [])
    if len(found) < 2:
        return None
    container = real == "war" or bool(_CONTAINER_BEFORE.search(s[max(0, t_s - 40) : t_s]))
    anaphoric = bool(PAIR_ANAPHOR.search(s, clause[0], t_s))
    splits = split_parties(ctx.text, real, chosen, a_start, m.group(0), found, anaphoric)
    return Trigger(real, m, clause, found, chosen, container, splits, implied)


def _from_story(
    ctx: EventContext, sent: Sentence, m: re.Match[str], etype: str, found: list[str]
) -> tuple[list[str], list[str]] | None:
    """A one-sided trigger completed by the article's pair (`story_pair`), unless its other
    side is someone fought alongside or a name the text does not place."""
    t_end, named = sent.start + m.end("t"), ctx.mentions.in_sentence(sent.index)
    if etype in FIGHTING and fighting_alongside(sent, t_end):
        return None
    if names_unplaced(ctx.text, t_end, named):
        return None
    return fill_from_story(ctx.story, etype, found, named)


def _not_now(ctx: EventContext, sent: Sentence, etype: str, m: re.Match[str]) -> bool:
    """A schedule ("flies to Egypt on Saturday": visits, meetings, signings are planned; an
    attack "on Sunday" in the present is a headline's report) or the event an anniversary marks ("marked
    the 50th anniversary of the normalization": not its date)."""
    s, t_s = sent.text, m.start("t")
    ahead, behind = s[m.end("t") :], s[max(0, t_s - 120) : t_s]
    if (
        etype in _SCHEDULED_TYPES
        and sent.index not in ctx.chronology
        and scheduled(m.groupdict().get("v"), behind, ahead)
    ):
        return True
    return bool(_ANNIVERSARY_OF.search(s, max(0, t_s - 40), t_s))


def _adjusted(
    ctx: EventContext,
    sent: Sentence,
    m: re.Match[str],
    real: str,
    chosen: list[Mention],
    found: list[str],
) -> tuple[list[str], list[str]]:
    """Participants after the per-type adjustments (`event_adjust`, `venues`), and the
    states added that the text does not name."""
    a_start, a_end = sent.start + m.start("t"), sent.start + m.end("t")
    if real == "diplomatic_relations_severed":
        found = implied_target(ctx, sent, m, chosen, found)
    if real.startswith("diplomatic_relations") and len(found) > 2:
        found = between_pair(sent, chosen, a_start, found)
    if real in ("diplomatic_protest", "diplomatic_relations_severed") and _ENVOY_ACT.search(
        m.group("t")
    ):
        found = summoned_last(found, chosen, a_start, a_end)
    if real in FIGHTING:
        found = without_allies(sent, chosen, a_end, found)
    if real == "state_visit":
        return with_destination(sent.text, m.end("t"), found)
    return found, []
