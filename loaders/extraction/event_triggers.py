"""Event triggers: for each event type, the verb and noun patterns that announce it
(`triggers_diplomacy`, `triggers_force`), with the keywords one of which a sentence must
contain before a pattern is tried (a cheap prefilter: most patterns cannot match most
sentences)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ahocorasick

from loaders.extraction.triggers_broad import DIPLOMACY_BROAD, TIES_BROAD
from loaders.extraction.triggers_broad_force import FORCE_BROAD
from loaders.extraction.triggers_diplomacy import DIPLOMACY, TIES
from loaders.extraction.triggers_force import FORCE

_DATA = Path(__file__).with_name("data")
_CHRONOLOGY_FILE = _DATA / "chronology_triggers.json"
_NOMINAL_FILE = _DATA / "nominal_triggers.json"
_ACTOR_FILE = _DATA / "actor_triggers.json"  # wordings of non-state actors' acts (issue 28)
_FORCE_FILE = _DATA / "force_triggers.json"  # strikes by weapon, captured cities, agents


def load_specs(path: Path) -> list[tuple[str, tuple[str, ...], str]]:
    """Trigger specs from a data file: a JSON list of {type, keywords, pattern}."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [(r["type"], tuple(r["keywords"]), r["pattern"]) for r in rows]


# (type, keywords, pattern), in the order they are tried.
# First the events named by nouns with their year ("the 1965 treaty":
# data/nominal_triggers.json), which carry their own date; then the core lexicons and the
# broadened ones (`triggers_broad`); last the
# present-tense forms of chronology lines ("1961: China and North Korea sign a treaty"),
# tried only on those lines (index >= CHRONOLOGY_FROM).
_FAMILIES: list[tuple[str, list[tuple[str, tuple[str, ...], str]]]] = [
    ("nominal", load_specs(_NOMINAL_FILE)),
    ("core", DIPLOMACY + FORCE + TIES),
    ("broad", DIPLOMACY_BROAD + FORCE_BROAD + TIES_BROAD),
    ("actor", load_specs(_ACTOR_FILE)),
    ("force", load_specs(_FORCE_FILE)),
]
_BASE = [spec for _name, specs in _FAMILIES for spec in specs]
CHRONOLOGY_FROM = len(_BASE)
SPECS: list[tuple[str, tuple[str, ...], str]] = _BASE + load_specs(_CHRONOLOGY_FILE)
# Which family each pattern comes from (the same indexes as SPECS): a signal of confidence.
FAMILY: list[str] = [name for name, specs in _FAMILIES for _ in specs]
FAMILY += ["chronology"] * (len(SPECS) - CHRONOLOGY_FROM)
# Patterns that need a year in the sentence ("the 1965 treaty"): skipped without a digit.
NEEDS_YEAR = frozenset(i for i, (_t, _k, p) in enumerate(SPECS) if "(?P<y>" in p)
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


# The patterns every sentence may run, and those only chronology lines run (same indexes).
KEYWORD_AUTOMATON = keyword_automaton([keys for _etype, keys, _p in _BASE])
CHRONOLOGY_AUTOMATON = keyword_automaton(
    [() if i < CHRONOLOGY_FROM else keys for i, (_etype, keys, _p) in enumerate(SPECS)]
)


def candidate_patterns(auto: ahocorasick.Automaton, lower: str) -> set[int]:
    found: set[int] = set()
    for _, idx in auto.iter(lower):
        found |= idx
    return found
