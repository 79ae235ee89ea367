"""Relation words: the patterns that state a relation between two states, with their
prefilter keywords, and the words that negate one ("former adversaries", "no longer
allies", "cut ties") or make a plural generic ("our allies")."""

from __future__ import annotations

import re

from loaders.extraction.event_triggers import keyword_automaton
from loaders.extraction.lexicon_data import words

_I = re.IGNORECASE

# (type, keywords, pattern); the named group "t" is the relation word.
SPECS: list[tuple[str, tuple[str, ...], str]] = [
    (
        "ally",
        ("alliance", "allies", "ally", "allied"),
        r"\b(?P<t>alliance|allies|ally|allied\s+with|treaty\s+allies)\b",
    ),
    (
        "ally",
        ("mutual", "defen"),
        r"\b(?P<t>mutual[\s-]+defen[cs]e|defen[cs]e\s+(?:pact|treaty))\b",
    ),
    (
        "partner",
        ("partner", "closeness"),
        r"\b(?P<t>partnership|partners|partner|closeness)\b",
    ),
    (
        "partner",
        ("cooperation", "co-operation", "ties"),
        r"\b(?P<t>(?:strengthened|deepened|expanded|boosted|stepped\s+up|bolstered)\s+"
        r"(?:their\s+|bilateral\s+)?(?:\w+\s+){0,3}(?:cooperation|co-operation|ties))\b",
    ),
    (
        "rival",
        (
            "rival",
            "odds",
            "aggression",
            "tension",
            "dispute",
            "feud",
            "loggerheads",
            "row",
            "spat",
            "quarrel",
            "standoff",
            "stand-off",
            "competitor",
            "antagonist",
            "strained",
            "soured",
            "testy",
            "tense",
            "fraught",
            "frosty",
            "precarious",
        ),
        r"\b(?P<t>rivals|rivalry|rival|at\s+odds|at\s+loggerheads|acts?\s+of\s+aggression|"
        r"tensions?\s+between|territorial\s+disputes?|border\s+disputes?|disputed\s+border|feud|"
        r"(?:locked|embroiled|mired|entangled)\s+in\s+(?:an?\s+)?(?:\w+\s+){0,2}(?:disputes?|"
        r"conflicts?|standoffs?|rows?|feuds?)|(?:disputes?|rows?|spats?|quarrels?|feuds?|"
        r"standoffs?|stand-offs?)\s+(?:between|with)|strategic\s+competitors?|antagonists|"
        r"(?:strained|testy|tense|fraught|frosty|soured)\s+(?:relations|ties|relationship)|"
        r"(?:relations|ties|relationship)\s+(?:[\w-]+\s+){0,7}?(?:strained|soured|tense|"
        r"fraught|frosty|precarious|testy)|tensions?\s+(?:over|with))\b",
    ),
    (
        "adversary",
        ("adversar", "enem", "foes", "hostile"),
        r"\b(?P<t>adversaries|adversary|enemies|enemy|foes|archenemies|"
        r"hostile\s+(?:states|nations|neighbou?rs))\b",
    ),
    (
        "at_war",
        ("at war", "state of war"),
        r"\b(?P<t>at\s+war\s+with|at\s+war|state\s+of\s+war\s+(?:with|between))\b",
    ),
    ("diplomatic_relations", ("diplomatic",), r"\b(?P<t>diplomatic\s+(?:relations|ties))\b"),
]
COMPILED = [(rtype, re.compile(p, _I)) for rtype, _keys, p in SPECS]
KEYWORD_AUTOMATON = keyword_automaton([keys for _rtype, keys, _p in SPECS])

_NEGATING = words(
    "former ex- ex erstwhile once longer not never cut cuts cutting severed sever severs "
    "severing suspended suspends suspend suspending breaks broken breaking downgraded "
    "downgrades downgrading ruptured"
)
GENERIC_PLURAL = re.compile(
    r"\b(?:its|their|our|his|her|strategic|other|regional|new|Western|western|eastern|northern|"
    r"southern|European|Asian|African|Arab|Gulf|Nato|NATO|Pacific|democratic|like-minded)\s+"
    r"(?:[\w-]+\s+)?$",
    _I,
)
TIES_EVENT_BEFORE = re.compile(
    r"\b(?:cut|severed|sever|suspended|broke\s+off|broken|resume|restore|restored|resumed|"
    r"resuming|restoring|established|establish|establishing|establishment|normali[sz]\w+|"
    r"downgraded)\s+(?:\w+\s+){0,2}$",
    _I,
)
SINCE_YEAR = re.compile(
    r"\b(?:since|dates?\s+back\s+to|dating\s+back\s+to|established\s+in|signed\s+in|forged\s+in|"
    r"began\s+in|from)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:(?:early|mid|late)[\s-]+)?"
    r"((?:1[0-9]|20)[0-9]{2})s?\b|"
    # "allies since they signed a security treaty in 1951"
    r"\bsince\s+(?:\w+\s+){1,2}(?:signed|concluded|formed|forged|established|founded|created)\s+"
    r"(?:\w+\s+){0,4}?in\s+((?:1[0-9]|20)[0-9]{2})\b",
    _I,
)
# Possessive spaces: "\s*\(?\s*" backtracking over a long run of spaces was quadratic.
RANGE_AFTER = re.compile(
    r"^\s*+\(?\s*+((?:1[0-9]|20)[0-9]{2})\s*[-–]\s*(?:(?:1[0-9]|20)[0-9]{2}|present|now)\s*\)?"
)
MODIFIER_GAP = re.compile(
    r"(?:['’]s)?\s+(?:(?:most|closest|close|key|main|important|major|staunch|staunchest|"
    r"strategic|significant|biggest|traditional|historical|oldest|long-standing|longtime|treaty|"
    r"top|chief|leading|reliable|security|defen[cs]e|military|trading|trade|economic|energy|"
    r"regional|Western|western|Asian|European|African|Arab|Gulf|Pacific|Atlantic)\s+){0,3}"
)
# A dispute word that names an episode (a row, a spat), not necessarily a standing rivalry.
EPISODE = re.compile(r"(?:rows?|spats?|quarrels?|disputes?|feuds?|stand-?offs?)\s+(?:between|with)")
THEIR_BEFORE = re.compile(r"\btheir\s+(?:[\w-]+\s+){0,3}$", _I)
STATES_ANAPHOR = re.compile(
    r"\b(?:the\s+two\s+(?:[\w-]+\s+){0,2}(?:countries|nations|states|neighbou?rs|sides|governments|"
    r"adversaries|rivals|allies|powers|capitals|democracies|economies|giants|republics|"
    r"kingdoms|monarchies)|both\s+(?:countries|nations|sides|governments)|"
    r"between\s+them|the\s+(?:[\w-]+\s+){1,2}(?:rivals|adversaries|foes|neighbou?rs))\b",
    _I,
)
# The article speaks of a war as going on: "the war in Ukraine", "Putin had gone to war".
ONGOING_WAR = re.compile(
    r"\bthe\s+(?:ongoing\s+)?war\s+(?:in|on|against)\s+|\b(?:has|have|had)\s+gone\s+to\s+war\b|"
    r"\b(?:is|are|remains?)\s+at\s+war\b",
    _I,
)


def negated(before: str) -> bool:
    """'former adversaries', 'no longer allies', 'cut ties'."""
    last = [w.strip("\"'“”‘’(),;:").lower() for w in before.split()][-3:]
    return any(w in _NEGATING or w.startswith("ex-") for w in last) or (
        "off" in last and any(w.startswith(("broke", "break")) for w in last)
    )


# "The United States, which counts both countries as close partners": a third state that
# holds each of the pair as a partner (or an ally), not the pair each other's.
COUNTS_PAIR_AS = re.compile(
    r"\b(?:counts?|considers?|regards?|sees?|views?|calls?)\s+(?:both|the\s+two)\s+"
    r"(?:countries|nations|states|governments)\s+(?:as\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
