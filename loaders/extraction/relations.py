"""Relations between two states as the article presents them at its time of writing.

- ally: "alliance" / "ally" / "allies" with a pair ("their security alliance", "X's key
  ally Y"), and every pair of a newly formed alliance;
- partner: "partnership", "partners", "strengthened ... cooperation", "closeness";
- rival: "rivals", "rivalry", "at odds", "acts of aggression", "tensions between",
  "dispute";
- adversary: "adversaries", "enemies", "foes" (not "former adversaries");
- at_war: an invasion the article reports as current, or "at war with";
- diplomatic_relations: "diplomatic ties between X and Y", "N years of diplomatic
  relations", relations established or restored (unless cut again later in the text).

One entry per type per unordered pair; a weaker type is not implied by a stronger one.
`since` is the year the text gives for the start of the relationship or its framework.
Relation words: `relation_patterns`; relations that follow from events: `relation_events`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from loaders.extraction import relation_patterns as rp
from loaders.extraction.clauses import actors, clause_bounds, codes
from loaders.extraction.event_extras import N_YEARS_OF_TIES, years_number
from loaders.extraction.event_model import EventCandidate
from loaders.extraction.event_splits import subjects
from loaders.extraction.event_triggers import candidate_patterns
from loaders.extraction.guards import guard_in
from loaders.extraction.mention_model import Mention, Mentions
from loaders.extraction.relation_events import from_events
from loaders.extraction.relation_model import RelationCandidate
from loaders.extraction.sentences import Sentence

__all__ = ["RelationCandidate", "find_relations"]


@dataclass
class _Word:
    """A relation word in a sentence: offsets in the article and its clause in the sentence."""

    sent: Sentence
    start: int
    end: int
    clause: tuple[int, int]

    def distance(self, m: Mention) -> int:
        return self.start - m.end if m.end <= self.start else m.start - self.end

    def in_clause(self, ms: list[Mention]) -> list[Mention]:
        return [m for m in ms if self.clause[0] <= m.start - self.sent.start < self.clause[1]]


def _nearest_two(ms: list[Mention], word: _Word) -> list[str]:
    """The two states nearest the word, in sentence order."""
    found = codes(sorted(ms, key=word.distance))
    if len(found) < 2:
        return found
    two = set(found[:2])
    return [c for c in codes(ms) if c in two]


def _modified(ms: list[Mention], word: _Word, in_clause: list[Mention]) -> list[str] | None:
    """'Japan, a close U.S. ally': the ally of the modifier is the state before it."""
    s, base = word.sent.text, word.sent.start
    modifier = [
        m
        for m in in_clause
        if m.end <= word.start and rp.MODIFIER_GAP.fullmatch(s[m.end - base : word.start - base])
    ]
    if not modifier:
        return None
    mod = modifier[-1]
    before_mod = [m for m in ms if m.end <= mod.start and m.code != mod.code]
    return [before_mod[-1].code, mod.code] if before_mod else None


def _pair(ms: list[Mention], word: _Word, prev: list[str]) -> list[str]:
    """Two states for a relation word: those of its clause, else the sentence, nearest first."""
    s, rel_start = word.sent.text, word.start - word.sent.start
    in_clause = word.in_clause(ms)
    modified = _modified(ms, word, in_clause)
    if modified:
        return modified
    if rp.THEIR_BEFORE.search(s[max(0, rel_start - 40) : rel_start]):
        # "their alliance": the subject pair, the first two states of the clause.
        subject = codes([m for m in in_clause if m.end <= word.start])
        if len(subject) >= 2 or not rp.STATES_ANAPHOR.search(s):
            return subject[:2]
    found = _nearest_two(in_clause, word)
    if len(found) >= 2:
        return found
    if rp.STATES_ANAPHOR.search(s) and prev:
        return list(dict.fromkeys([*found, *prev]))[:2]
    return _nearest_two(ms, word)


def _since(sent: Sentence, t_end_rel: int) -> str | None:
    m = rp.RANGE_AFTER.match(sent.text[t_end_rel:]) or rp.SINCE_YEAR.search(sent.text)
    return next((g for g in m.groups() if g), None) if m else None


def find_relations(
    text: str,
    sentences: list[Sentence],
    mentions: Mentions,
    events: list[EventCandidate],
    published: date | None,
    anchor: date | None,
    gone: frozenset[str] = frozenset(),
) -> list[RelationCandidate]:
    """Relations at the article's time of writing; `gone` are states that no longer existed
    then (the Soviet Union in a 2020 article): no relation involves them."""
    found: list[RelationCandidate] = []
    prev_codes: list[str] = []
    for sent in sentences:
        ms = actors(mentions.in_sentence(sent.index))
        codes_here = codes(ms)
        if len(codes_here) >= 1 or rp.STATES_ANAPHOR.search(sent.text):
            found.extend(_sentence_relations(sent, ms, prev_codes, anchor))
        if len(codes_here) >= 2:
            prev_codes = codes_here[:2]
    found.extend(from_events(events, anchor, _states_at_war(sentences, mentions)))
    return _merge([r for r in found if r.a not in gone and r.b not in gone])


def _states_at_war(sentences: list[Sentence], mentions: Mentions) -> frozenset[str]:
    """States of the sentences that speak of a war going on ("the war in Ukraine")."""
    return frozenset(
        c
        for sent in sentences
        if rp.ONGOING_WAR.search(sent.text)
        for c in codes(actors(mentions.in_sentence(sent.index)))
    )


# "describe the two countries as strategic partners", "call each other strategic partners":
# a pair named as such, not a generic plural.
_NAMED_AS = re.compile(r"\b(?:as|each\s+other)\s+(?:[\w-]+\s+){0,4}$", re.I)


def _skip_word(
    rtype: str, m: re.Match[str], s: str, before: str, anchor: date | None = None
) -> bool:
    """Negated or planned words, an organization ("the alliance's border"), a generic plural
    ("our allies"), ties that are events rather than standing relations, and a row told
    about a past year ("severed ties in 2016 in an escalating row between them")."""
    if guard_in(before[-50:]) or rp.negated(before[-40:]):
        return True
    word, after = m.group("t").lower(), s[m.end("t") :]
    if rp.EPISODE.match(word) and anchor and _past_year(s, anchor.year):
        return True
    if word == "alliance" and (
        re.match(r"['’]s\b", after)
        or (
            re.search(r"\bthe\s+$", before[-5:], re.I)
            and not re.match(r"\s+(?:between|with|of)\b", after)
        )
    ):
        return True
    if (
        word in ("allies", "alliances", "partners")
        and rp.GENERIC_PLURAL.search(before[-25:])
        and not _NAMED_AS.search(before[-60:])
    ):
        return True
    return rtype == "diplomatic_relations" and bool(rp.TIES_EVENT_BEFORE.search(before[-40:]))


def _past_year(s: str, year: int) -> bool:
    return any(int(y) < year for y in re.findall(r"\b(?:1[0-9]|20)[0-9]{2}\b", s))


def _relation_since(rtype: str, sent: Sentence, t_e: int, anchor: date | None) -> str | None:
    if rtype in ("ally", "partner"):
        return _since(sent, t_e)
    if rtype != "diplomatic_relations":
        return None
    n = N_YEARS_OF_TIES.search(sent.text)
    if n is None or anchor is None or n.group("approx"):
        return None
    years = years_number(n.group("n"))
    return f"{anchor.year - years:04d}" if years else None


def _sentence_relations(
    sent: Sentence, ms: list[Mention], prev: list[str], anchor: date | None
) -> list[RelationCandidate]:
    out: list[RelationCandidate] = []
    s = sent.text
    wanted = candidate_patterns(rp.KEYWORD_AUTOMATON, s.lower())
    for index, (rtype, pattern) in enumerate(rp.COMPILED):
        if index not in wanted:
            continue
        for m in pattern.finditer(s):
            t_s, t_e = m.start("t"), m.end("t")
            clause = clause_bounds(s, t_s)
            if _skip_word(rtype, m, s, s[clause[0] : t_s], anchor):
                continue
            word = _Word(sent, sent.start + t_s, sent.start + t_e, clause)
            pair = _pair(ms, word, prev)
            held = _held_by_third(ms, word, prev)
            if held:
                pair = [held[0][0], held[0][1]]
            if len(pair) >= 2 and pair[0] != pair[1]:
                since = _relation_since(rtype, sent, t_e, anchor)
                for a, b in held or _with_listed(ms, word, pair):
                    out.append(RelationCandidate(rtype, a, b, since, sent, 0.7))
    return out


def _held_by_third(ms: list[Mention], word: _Word, prev: list[str]) -> list[tuple[str, str]]:
    """'The United States, which counts both countries as partners': the one state named
    before, with each of the pair the sentences before were about."""
    s, rel = word.sent.text, word.start - word.sent.start
    if len(prev) < 2 or not rp.COUNTS_PAIR_AS.search(s[max(0, rel - 80) : rel]):
        return []
    before = {m.code for m in ms if m.end <= word.start}
    if len(before) != 1 or before & set(prev):
        return []
    third = before.pop()
    return [(third, prev[0]), (third, prev[1])]


def _with_listed(ms: list[Mention], word: _Word, pair: list[str]) -> list[tuple[str, str]]:
    """'Both Japan and South Korea are allies of the United States': each listed subject
    with the state after the word."""
    before = [m for m in word.in_clause(ms) if m.end <= word.start]
    listed = subjects(word.sent.text, before, word.sent.start)
    after = {m.code for m in ms if m.start >= word.end}
    if len(listed) >= 2 and pair[0] in listed and pair[1] in after:
        return [(a, pair[1]) for a in listed if a != pair[1]]
    return [(pair[0], pair[1])]


def _merge(found: list[RelationCandidate]) -> list[RelationCandidate]:
    """One entry per type per unordered pair; a stated `since` wins over none."""
    by_key: dict[tuple[str, frozenset[str]], RelationCandidate] = {}
    for r in found:
        key = (r.type, frozenset((r.a, r.b)))
        have = by_key.get(key)
        if have is None:
            by_key[key] = r
        elif have.since is None and r.since is not None:
            have.since = r.since
    return list(by_key.values())
