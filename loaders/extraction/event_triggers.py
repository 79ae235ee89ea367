"""Event triggers: for each event type, the verb and noun patterns that announce it
(`triggers_diplomacy`, `triggers_force`), with the keywords one of which a sentence must
contain before a pattern is tried (a cheap prefilter: most patterns cannot match most
sentences)."""

from __future__ import annotations

import re

import ahocorasick

from loaders.extraction.triggers_broad import DIPLOMACY_BROAD, TIES_BROAD
from loaders.extraction.triggers_broad_force import FORCE_BROAD
from loaders.extraction.triggers_diplomacy import DIPLOMACY, TIES
from loaders.extraction.triggers_force import FORCE

# (type, keywords, pattern), in the order they are tried.
# The core lexicons first; the broadened ones (`triggers_broad`) after them.
SPECS: list[tuple[str, tuple[str, ...], str]] = (
    DIPLOMACY + FORCE + TIES + DIPLOMACY_BROAD + FORCE_BROAD + TIES_BROAD
)
# Patterns with a capital letter in them (and war names) are case-sensitive.
COMPILED: list[tuple[str, re.Pattern[str]]] = [
    (etype, re.compile(p, 0 if etype == "war" or "[A-Z]" in p else re.IGNORECASE))
    for etype, _keys, p in SPECS
]


def keyword_automaton(keywords: list[tuple[str, ...]]) -> ahocorasick.Automaton:
    """One automaton over every keyword: which pattern indexes a lower-cased text can match."""
    owners: dict[str, set[int]] = {}
    for index, keys in enumerate(keywords):
        for k in keys:
            owners.setdefault(k, set()).add(index)
    auto = ahocorasick.Automaton()
    for k, idx in owners.items():
        auto.add_word(k, frozenset(idx))
    auto.make_automaton()
    return auto


KEYWORD_AUTOMATON = keyword_automaton([keys for _etype, keys, _p in SPECS])


def candidate_patterns(auto: ahocorasick.Automaton, lower: str) -> set[int]:
    found: set[int] = set()
    for _, idx in auto.iter(lower):
        found |= idx
    return found
