"""Who takes part in an event: the states (and leaders' states) of the trigger's clause, else
of the sentence; pronouns and "the two nations" take the actors of the previous sentences.
Directed types put the initiator first (the visitor, the attacker, the protester)."""

from __future__ import annotations

import re
from collections import Counter

from loaders.extraction.clauses import (
    GROUP_ANAPHOR,
    LEADERS_ANAPHOR,
    PAIR_ANAPHOR,
    PRONOUN_START,
    THEY_INSIDE,
    THEY_START,
    actors,
    codes,
    group_size,
)
from loaders.extraction.event_model import EventContext
from loaders.extraction.mention_model import ORGANIZATION, PERSON, Mention
from loaders.extraction.sentences import Sentence
from ontology.namespace import DIRECTED_EVENT_TYPES

_I = re.IGNORECASE
_WITNESS_BEFORE = re.compile(r"\bwitnessed\s+by\s+(?:\w+\s+){0,3}$")
_BY_AFTER = re.compile(r"\s*by\s+(?:the\s+)?$", _I)
_OF_AFTER = re.compile(r"\bof\s+\W?$")
_FROM_AFTER = re.compile(r"\bfrom\s+(?:the\s+)?$")
_TARGET_PREP = re.compile(
    r"\b(?:to|on|against|into|with|from|in)\s+(?:the\s+)?"
    r"(?:(?!(?:since|because|while|when|after|before)\b)[\w'’-]+\s+){0,2}$",
    _I,
)
# Types an organization takes part in as an actor: joining an alliance, a veto, sanctions
# ("The European Union imposed sanctions on the Wagner Group").
_WITH_ORGS = ("alliance_formed", "veto", "sanctions")
_RELATIVE_START = re.compile(r"\s*(?:which|who)\s+(?:\w+\s+){0,2}$", _I)
# "..., setting off a war": a participle clause whose subject is the sentence's
_PARTICIPLE_START = re.compile(
    r"\s*(?:setting|set|sparking|triggering|touching)\s+off\b|\s*(?:sparking|triggering)\b"
)
_RECEIVING_TRANSFER = re.compile(r"acquired|bought|purchased|received|obtained", _I)
_RECEIVING_VISIT = re.compile(r"hosted|welcomed|received", _I)


def previous_actors(
    ctx: EventContext,
    index: int,
    leaders_only: bool = False,
    first_person: bool = False,
    at_least: int = 2,
) -> list[str]:
    """States of the nearest earlier sentence (of the last three) that has two actors; with
    `first_person`, the state of the first leader of the nearest sentence that has one;
    `at_least` 3 ("the three countries"): of the last eight, the nearest that has three."""
    back = 4 if at_least <= 2 else 9
    for i in range(index - 1, max(-1, index - back), -1):
        ms = actors(ctx.mentions.in_sentence(i))
        persons = [m for m in ms if m.kind == PERSON]
        if first_person:
            if persons:
                return [persons[0].code]
            continue
        found = codes(persons if leaders_only else ms)
        if len(found) >= at_least:
            return found
    return []


def participants(
    ctx: EventContext,
    etype: str,
    sent: Sentence,
    t_start: int,
    t_end: int,
    clause: tuple[int, int],
    passive: bool = False,
) -> tuple[list[str], list[Mention]]:
    """Participant codes (initiator first for directed types) and the mentions they came from.
    `passive`: the subject is the target ("the ambassador was summoned")."""
    chosen = _chosen(ctx, etype, sent, t_start, clause)
    found = _with_anaphors(ctx, etype, sent, chosen, codes(chosen), clause)
    if etype in DIRECTED_EVENT_TYPES and len(found) >= 2:
        found = direct(ctx, etype, sent, t_start, t_end, chosen, found)
        if passive:
            found = _passive(ctx.text, chosen, t_start, t_end, found)
    orgs = {m.code for m in chosen if m.kind == ORGANIZATION}
    if orgs and etype not in ("alliance_formed", "sanctions"):
        found = [c for c in found if c not in orgs] + [c for c in found if c in orgs]
    return found, chosen


def _chosen(
    ctx: EventContext, etype: str, sent: Sentence, t_start: int, clause: tuple[int, int]
) -> list[Mention]:
    """The actor mentions of the trigger's clause (else of the sentence), leaving out those
    after "witnessed by"."""
    all_ms = actors(ctx.mentions.in_sentence(sent.index), with_orgs=etype in _WITH_ORGS)
    in_clause = [m for m in all_ms if clause[0] <= m.start - sent.start < clause[1]]
    if etype == "alliance_formed":
        in_clause = [m for m in in_clause if m.kind != ORGANIZATION or m.start > t_start]
    bounds = (clause[0], max(clause[0], t_start - sent.start))
    subject_anaphor = PAIR_ANAPHOR.search(sent.text, *bounds) or GROUP_ANAPHOR.search(
        sent.text, *bounds
    )
    chosen = in_clause if len(codes(in_clause)) >= 2 or subject_anaphor else all_ms
    antecedent = _antecedent(sent, all_ms, clause, t_start)
    if antecedent is None and etype == "war" and _PARTICIPLE_START.match(sent.text, clause[0]):
        antecedent = next((m for m in all_ms if m.end - sent.start <= clause[0]), None)
    if antecedent is not None and antecedent not in chosen:
        chosen = [antecedent, *chosen]
    return [
        m for m in chosen if not _WITNESS_BEFORE.search(ctx.text[max(0, m.start - 40) : m.start])
    ]


def _antecedent(
    sent: Sentence, all_ms: list[Mention], clause: tuple[int, int], t_start: int
) -> Mention | None:
    """'Washington, which has imposed tariffs on ...': the subject of a relative clause is
    the actor just before it."""
    head = sent.text[clause[0] : max(clause[0], t_start - sent.start)]
    if not _RELATIVE_START.match(head) or clause[0] == 0:
        return None
    before = [m for m in all_ms if m.end - sent.start <= clause[0]]
    if not before or clause[0] - (before[-1].end - sent.start) > 4:
        return None
    return before[-1]


def _with_anaphors(
    ctx: EventContext,
    etype: str,
    sent: Sentence,
    chosen: list[Mention],
    found: list[str],
    clause: tuple[int, int],
) -> list[str]:
    """'The two leaders', 'He', 'They', 'the two nations': actors of the previous sentences."""
    s_text = sent.text
    if (
        etype in ("summit_meeting", "meeting")
        and LEADERS_ANAPHOR.search(s_text)
        and len([m for m in chosen if m.kind == PERSON]) < 2
    ):
        prev = previous_actors(ctx, sent.index, leaders_only=True)
        found = list(dict.fromkeys([*prev[:2], *found]))
    if len(found) < 2 and PRONOUN_START.match(s_text):
        first = previous_actors(ctx, sent.index, first_person=True)
        found = list(dict.fromkeys([*first, *found]))
    if len(found) >= 2:
        return found
    pair = _chronology_pair(ctx) if sent.index in ctx.chronology else []
    if pair and set(found) <= set(pair):  # "A second war begins over Kashmir"
        return list(dict.fromkeys([*found, *pair]))
    return _earlier_pair(ctx, sent, chosen, found, clause)


def _chronology_pair(ctx: EventContext) -> list[str]:
    """The two states a chronology is about ("India and Pakistan have had testy relations
    ... Some key dates:"): those its introduction names, when it names exactly two."""
    first = min(ctx.chronology)
    named = codes([m for i in range(first) for m in actors(ctx.mentions.in_sentence(i))])
    return named if len(named) == 2 else []


def _earlier_pair(
    ctx: EventContext,
    sent: Sentence,
    chosen: list[Mention],
    found: list[str],
    clause: tuple[int, int],
) -> list[str]:
    """'The two nations', 'the three governments', 'They', 'them': the actors of the nearest
    earlier sentence that has two (a demonym inside the phrase is not a party)."""
    s_text = sent.text
    group = GROUP_ANAPHOR.search(s_text)
    anaphor = group or PAIR_ANAPHOR.search(s_text)
    if not (anaphor or THEY_START.match(s_text) or THEY_INSIDE.search(s_text, *clause)):
        return found
    if anaphor:  # "the two former Soviet republics"
        inside = {m.code for m in chosen if anaphor.start() <= m.start - sent.start < anaphor.end()}
        found = [c for c in found if c not in inside]
    size = group_size(group) if group else 2
    prev = _by_prominence(ctx, previous_actors(ctx, sent.index, at_least=size))
    return list(dict.fromkeys([*found, *prev[:size]]))


def _by_prominence(ctx: EventContext, found: list[str]) -> list[str]:
    """More than two earlier actors: the ones the article names most come first."""
    if len(found) <= 2:
        return found
    counts = Counter(m.code for m in ctx.mentions.mentions if m.code)
    return sorted(found, key=lambda c: -counts[c])


def _by_initiator(text: str, etype: str, after: list[Mention]) -> str | None:
    """'... by X' after the trigger (and 'the visit of X')."""
    for m in after:
        if _BY_AFTER.search(text[max(0, m.start - 12) : m.start]):
            return m.code
        if etype == "state_visit" and _OF_AFTER.search(text[max(0, m.start - 5) : m.start]):
            return m.code
    return None


def _receiving(text: str, etype: str, t_start: int, t_end: int) -> bool:
    """'X acquired weapons', 'X hosted Y': the subject is the receiver, not the initiator."""
    trigger = text[t_start:t_end]
    if etype == "arms_transfer":
        return bool(_RECEIVING_TRANSFER.search(trigger))
    return etype == "state_visit" and bool(_RECEIVING_VISIT.match(trigger))


def _source(text: str, sent: Sentence, t_end: int, after: list[Mention]) -> str | None:
    """'... from X' after a receiving trigger."""
    if not re.search(r"\bfrom\b", text[t_end : sent.end]):
        return None
    return next(
        (m.code for m in after if _FROM_AFTER.search(text[max(0, m.start - 10) : m.start])), None
    )


def _subject(text: str, before: list[Mention]) -> str | None:
    """The nearest actor before the trigger not governed by a preposition."""
    for m in reversed(before):
        if not _TARGET_PREP.search(text[max(0, m.start - 30) : m.start]) or m is before[0]:
            return m.code
    return None


def _passive(
    text: str, chosen: list[Mention], t_start: int, t_end: int, found: list[str]
) -> list[str]:
    """'The US ambassador was summoned to the Chinese foreign ministry': the subject's state is
    the target; the initiator is the 'by X' or the first other state after the verb."""
    before = [m for m in chosen if m.end <= t_start]
    after = [m for m in chosen if m.start >= t_end]
    target = _subject(text, before) if before else None
    if target is None:
        return found
    initiator = _by_initiator(text, "", after) or next(
        (m.code for m in after if m.code != target), None
    )
    if initiator is None:
        return found
    return [initiator, target] + [c for c in found if c not in (initiator, target)]


def direct(
    ctx: EventContext,
    etype: str,
    sent: Sentence,
    t_start: int,
    t_end: int,
    chosen: list[Mention],
    found: list[str],
) -> list[str]:
    """Order participants: initiator first."""
    text = ctx.text
    before = [m for m in chosen if m.end <= t_start]
    after = [m for m in chosen if m.start >= t_end]
    initiator = _by_initiator(text, etype, after)
    target: str | None = None
    if _receiving(text, etype, t_start, t_end):
        target = before[-1].code if before else None
        initiator = next((c for c in found if c != target), None)
        initiator = _source(text, sent, t_end, after) or initiator
    if initiator is None and before:
        initiator = _subject(text, before)
    if target is None:
        target = next((m.code for m in after if m.code != initiator), None)
    if initiator is None:
        initiator = next((c for c in found if c != target), found[0])
    if target is None:
        target = next((c for c in found if c != initiator), None)
    ordered = [initiator] + ([target] if target and target != initiator else [])
    return ordered + [c for c in found if c not in ordered]
