"""Name lexicon: one pyahocorasick automaton over every state, organization and leader name
of the reference data, built once per ReferenceData and cached.

Matching is case-sensitive on the names as the reference spells them (so "US" is not "us"
and "Turkey" is not "turkey"), plus a few generated variants: plural demonyms ("Koreans"),
names without a leading "the", capitalised forms of acronyms ("Nato"), and leaders' short
forms (a surname, or a family name first for East Asian names), which the mention finder
only accepts once the person is introduced or after a title. Word lists: `lexicon_data`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import ahocorasick

from loaders.extraction.lexicon_data import (
    BLOCKED,
    DEPENDENT_TERRITORIES,
    FAMILY_FIRST,
    METONYMS,
    NAME_SUFFIXES,
    NAME_VARIANTS,
    NATIONALITY_NOUNS,
    ORG_PARENT,
    WEAK_SHORT,
)
from ontology.reference_data import PersonRef, ReferenceData, Term, load_reference

__all__ = [
    "ACTOR", "BLOCK", "ORG", "ORG_PARENT", "PERSON_FULL", "PERSON_SHORT", "STATE_ALIAS",
    "STATE_CAPITAL", "STATE_DEMONYM", "STATE_METONYM", "STATE_NAME", "Entry", "Lexicon",
    "build_lexicon", "get_lexicon", "given_names_match", "in_office", "short_forms",
    "term_at", "weak_short_form",
]  # fmt: skip

# Kinds of lexicon entry.
STATE_NAME = "name"
STATE_ALIAS = "alias"
STATE_DEMONYM = "demonym"
STATE_CAPITAL = "capital"
STATE_METONYM = "metonym"  # "the White House", "the Kremlin"
ORG = "org"
ACTOR = "actor"  # a non-state actor: name or alias from ontology/reference/actors.json
PERSON_FULL = "person"
PERSON_SHORT = "short"
BLOCK = "block"  # a longer name that contains a state name but is not one ("New Mexico")


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    code: str  # state code, org code or person id
    text: str  # the key as matched


@dataclass
class Lexicon:
    automaton: ahocorasick.Automaton
    reference: ReferenceData
    persons: dict[str, PersonRef] = field(default_factory=dict)
    org_kind: dict[str, str] = field(default_factory=dict)
    demonym_of: dict[str, str] = field(default_factory=dict)  # "Chinese" -> "CHN"
    state_names: dict[str, str] = field(default_factory=dict)  # any state key -> code
    state_period: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    capital_states: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actor_kind: dict[str, str] = field(default_factory=dict)  # "HAMAS" -> "armed_group"
    actor_name: dict[str, str] = field(default_factory=dict)  # "HAMAS" -> "Hamas"

    def matches(self, text: str) -> list[tuple[int, int, tuple[Entry, ...]]]:
        """Leftmost-longest matches of any key: (start, end, entries for that key)."""
        out: list[tuple[int, int, tuple[Entry, ...]]] = []
        for end_index, (key_len, entries) in self.automaton.iter_long(text):
            end = end_index + 1
            out.append((end - key_len, end, entries))
        return out

    def entries(self, key: str) -> tuple[Entry, ...]:
        value = self.automaton.get(key, None)
        return value[1] if value else ()


def _variants(name: str) -> list[str]:
    out = [name]
    if name.startswith("the "):
        out.append(name[4:])
        out.append("The " + name[4:])
    if "'" in name:
        out.append(name.replace("'", "’"))
    return out


def _forms_of(full: str, states: set[str]) -> set[str]:
    tokens = full.split()
    if len(tokens) < 2:
        return set()
    suffix = tokens[-1] if tokens[-1] in NAME_SUFFIXES else None
    core = tokens[:-1] if suffix else tokens
    if len(core) < 2:
        return set()
    last = core[-1]
    out = {f"{last} {suffix}"} if suffix else set()
    if states & FAMILY_FIRST:
        return out | {core[0]}
    out.add(last)
    if "-" in last and last.split("-", 1)[0].lower() in ("el", "al", "ul"):
        out.add(last.split("-", 1)[1])
    if "VNM" in states:
        out.add(core[0])
    return out


def short_forms(person: PersonRef) -> set[str]:
    """Forms a person is called by once introduced: 'Biden', 'Xi', 'Marcos Jr.'."""
    states = {t.state for t in person.terms}
    out: set[str] = set()
    for full in (person.name, *person.aliases):
        out |= _forms_of(full, states)
    out |= {name[:-1] for name in out if name.endswith(".")}
    return {s for s in out if len(s) > 1 and s[0].isupper()}


class _Keys(dict[str, list[Entry]]):
    """Lexicon keys while building: each key with its entries, without duplicates."""

    def add(self, key: str, entry: Entry) -> None:
        if not key or not key.strip():
            return
        bucket = self.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)


def _add_states(lex: Lexicon, keys: _Keys) -> None:
    for state in lex.reference.states:
        if state.code in DEPENDENT_TERRITORIES:
            continue
        lex.state_period[state.code] = (state.start, state.end)
        for name in (state.name, *state.aliases):
            kind = STATE_NAME if name == state.name else STATE_ALIAS
            for v in _variants(name):
                keys.add(v, Entry(kind, state.code, v))
                lex.state_names[v] = state.code
        if state.formal_name:
            keys.add(state.formal_name, Entry(STATE_ALIAS, state.code, state.formal_name))
        for dem in state.demonyms:
            keys.add(dem, Entry(STATE_DEMONYM, state.code, dem))
            lex.demonym_of[dem] = state.code
            if not dem.endswith(("s", "sh", "ch", "ese")):
                keys.add(dem + "s", Entry(STATE_DEMONYM, state.code, dem + "s"))
        for cap in state.capitals:
            keys.add(cap, Entry(STATE_CAPITAL, state.code, cap))
    for key, entries in keys.items():
        capitals = tuple(x.code for x in entries if x.kind == STATE_CAPITAL)
        if capitals:
            lex.capital_states[key] = capitals


def _add_orgs(lex: Lexicon, keys: _Keys) -> None:
    for org in lex.reference.organizations:
        lex.org_kind[org.code] = org.kind
        for name in {org.name, *org.aliases, org.code}:
            for v in _variants(name):
                keys.add(v, Entry(ORG, org.code, v))
            if name.isupper() and len(name) >= 4 and name.isalpha():
                keys.add(name.capitalize(), Entry(ORG, org.code, name.capitalize()))


_ARTICLE = re.compile(r"(?:(?<=\s)|^)([Aa]l|[Ee]l|[Uu]l)[- ](?=[A-Z])")


def _article_as(joint: str, upper: bool) -> Callable[[re.Match[str]], str]:
    """A replacement writing the Arabic article in one case, joined by a space or hyphen."""

    def write(m: re.Match[str]) -> str:
        article = m.group(1)
        return (article.capitalize() if upper else article.lower()) + joint

    return write


def actor_variants(name: str) -> list[str]:
    """The ways the press writes one actor's name: the Arabic article with either case and
    a hyphen or a space ("Jaish al-Adl", "Jaish Al Adl", "Al-Shabaab"), and initials with
    full stops ("PLO", "P.L.O.")."""
    out = _variants(name)
    if _ARTICLE.search(name):
        for joint in (" ", "-"):
            for upper in (False, True):
                form = _ARTICLE.sub(_article_as(joint, upper), name)
                out.append(form)
                if form[0].islower():
                    out.append(form[0].upper() + form[1:])
    if name.isupper() and name.isalpha() and 2 <= len(name) <= 5:
        out.append(".".join(name) + ".")
    return list(dict.fromkeys(out))


def _add_actors(lex: Lexicon, keys: _Keys) -> None:
    """Non-state actors by name and alias ("Hamas", "Ansar Allah", "ISIL"); a key some state,
    organization or person already holds stays theirs."""
    for actor in lex.reference.actors:
        lex.actor_kind[actor.code] = actor.kind
        lex.actor_name[actor.code] = actor.name
        for name in (actor.name, *actor.aliases):
            for v in actor_variants(name):
                if v not in keys:
                    keys.add(v, Entry(ACTOR, actor.code, v))


def _add_persons(lex: Lexicon, keys: _Keys) -> None:
    for person in lex.reference.leaders:
        lex.persons[person.id] = person
        for name in {person.name, *person.aliases}:
            keys.add(name, Entry(PERSON_FULL, person.id, name))
            if name.endswith("."):
                keys.add(name[:-1], Entry(PERSON_FULL, person.id, name[:-1]))
        for short in short_forms(person):
            if short not in keys or all(e.kind in (PERSON_SHORT, PERSON_FULL) for e in keys[short]):
                keys.add(short, Entry(PERSON_SHORT, person.id, short))


def build_lexicon(reference: ReferenceData) -> Lexicon:
    """Build the automaton (a few milliseconds for the full reference data)."""
    keys = _Keys()
    lex = Lexicon(ahocorasick.Automaton(), reference)
    _add_states(lex, keys)
    for name, code in METONYMS.items():
        keys.add(name, Entry(STATE_METONYM, code, name))
    for name, code in NATIONALITY_NOUNS.items():
        if code in lex.state_period:
            keys.add(name, Entry(STATE_DEMONYM, code, name))
            lex.demonym_of.setdefault(name, code)
    for blocked in BLOCKED:
        keys[blocked] = [Entry(BLOCK, "", blocked)]
    _add_orgs(lex, keys)
    _add_actors(lex, keys)
    _add_persons(lex, keys)
    for key, entries in keys.items():
        lex.automaton.add_word(key, (len(key), tuple(entries)))
    lex.automaton.make_automaton()
    return lex


@lru_cache(maxsize=4)
def _cached(reference_id: int) -> Lexicon:
    return build_lexicon(_REFS[reference_id])


_REFS: dict[int, ReferenceData] = {}


def get_lexicon(reference: ReferenceData | None = None) -> Lexicon:
    """The lexicon of `reference` (default: the bundled reference data), built once."""
    ref = reference if reference is not None else load_reference()
    _REFS[id(ref)] = ref
    return _cached(id(ref))


def weak_short_form(short: str) -> bool:
    return short in WEAK_SHORT


def given_names_match(text_given: str, ref_given: str) -> bool:
    """'Joseph' ~ 'Joe', 'Vladimir' ~ 'Vladimir'; initials compare by their letter."""
    a, b = text_given.lower().rstrip("."), ref_given.lower().rstrip(".")
    if a == b:
        return True
    if NAME_VARIANTS.get(a, a) == NAME_VARIANTS.get(b, b):
        return True
    return len(a) == 1 and b.startswith(a)


def term_at(person: PersonRef, when: date | None) -> Term | None:
    """The person's term in office on `when`; else their latest term before it; else any."""
    if not person.terms:
        return None
    if when is None:
        return person.terms[-1]
    iso = when.isoformat()
    current = [t for t in person.terms if t.start <= iso and (t.end is None or t.end >= iso)]
    if current:
        return current[0]
    before = [t for t in person.terms if t.start <= iso]
    if before:
        return max(before, key=lambda t: t.start)
    return min(person.terms, key=lambda t: t.start)


def in_office(person: PersonRef, when: date | None) -> bool:
    if when is None:
        return False
    iso = when.isoformat()
    return any(t.start <= iso and (t.end is None or t.end >= iso) for t in person.terms)
