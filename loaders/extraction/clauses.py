"""Clauses and anaphors: where a sentence's clause around a trigger starts and ends (cut at
commas before subordinators, semicolons, dashes, brackets), which mentions are actors, and
the pronouns and "the two countries" phrases that point back to earlier sentences."""

from __future__ import annotations

import re

from loaders.extraction.mention_model import ACTOR, MODIFIER, ORGANIZATION, PERSON, STATE, Mention

_I = re.IGNORECASE
_CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|:\s|\(|\)|,\s+(?=(?:which|who|while|as|after|before|when|where|although|though|"
    r"but|including|saying|leading|raising|adding|prompting|commemorating|marking|amid|despite|"
    r"whereas|even|further|since|and\s+(?:the|a)\b|[a-z]+ing\s+that|[a-z]{3,}ing\s+(?=[A-Z][a-z])|(?:\w+\s+)?(?:days|weeks|months|years)\s+(?:after|before)|"
    r"[a-z]+ing\s+(?:the|a|an|his|her|its|their|up|out|off|in|on|to)\b)\b)|"
    # "after Iran's media said", "before Russia invaded": its own subject, possessive or with
    # a past verb right after it (not "after Sadat had traveled", whose trigger is inside)
    r"\s(?=(?:after|before)\s+[A-Z][\w.-]*(?:['’]s\b|\s+[a-z]+ed\b))|"
    # "since Russia invaded it": a subordinate clause with its own subject (not "since May")
    r"\s(?=(?:since|because|whereas)\s+(?:it|they|he|she|we|(?!(?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b)[A-Z])\w*\b)"
)
_SUBORDINATE_START = re.compile(
    r"^\s*(?:While|Although|Though|Whereas|Because|If|Unless|As|When|Since|Even\s+as|Even\s+though)\b[^,]*,"
)
PRONOUN_START = re.compile(r"^\s*[\"“]?(?:He|She)\b")
THEY_START = re.compile(r"^\s*[\"“]?(?:They|Both|The\s+two|The\s+pair)\b")
PAIR_ANAPHOR = re.compile(
    r"\b(?:the\s+two\s+(?:[\w-]+\s+){0,2}(?:countries|nations|states|neighbou?rs|sides|governments|"
    r"leaders|adversaries|rivals|allies|powers|capitals|republics)|both\s+(?:countries|nations|sides|leaders|"
    r"governments)|each\s+other|between\s+them|with\s+each\s+other)\b",
    _I,
)
GROUP_ANAPHOR = re.compile(
    r"\bthe\s+(?P<n>three|four|five|six|seven|eight|nine|ten|[3-9])\s+(?:[\w-]+\s+){0,2}"
    r"(?:countries|nations|states|governments|leaders|powers|capitals|sides)\b",
    _I,
)
_NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def group_size(m: re.Match[str]) -> int:
    """How many actors 'the four countries' stands for."""
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _NUMBER_WORDS.get(n, 10)


THEY_INSIDE = re.compile(r"\b(?:they|them)\b")
LEADERS_ANAPHOR = re.compile(
    r"\b(?:the\s+two\s+leaders|both\s+leaders|their\s+(?:[\w-]+\s+){0,2}summit)\b", _I
)


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause of `text` (a sentence) containing `pos`."""
    start, end = 0, len(text)
    sub = _SUBORDINATE_START.match(text)
    if sub:
        if pos < sub.end():
            end = sub.end() - 1
        else:
            start = sub.end()
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            continue
        if m.start() >= end:
            break
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def actors(mentions: list[Mention], with_orgs: bool = False) -> list[Mention]:
    """States, non-state actors, leaders standing for a state, and (when asked)
    organizations; not a name used as a modifier ("Iran-backed")."""
    return [
        m
        for m in mentions
        if (m.kind in (STATE, ACTOR) and m.via != MODIFIER)
        or (m.kind == PERSON and m.code)
        or (with_orgs and m.kind == ORGANIZATION)
    ]


def codes(mentions: list[Mention]) -> list[str]:
    """The distinct codes of some mentions, in order."""
    out: list[str] = []
    for m in mentions:
        if m.code and m.code not in out:
            out.append(m.code)
    return out


def refers_back(sentence: str) -> bool:
    """The sentence points back at earlier actors: "the two nations", "the four countries",
    "They", "He"."""
    return bool(
        PAIR_ANAPHOR.search(sentence)
        or GROUP_ANAPHOR.search(sentence)
        or PRONOUN_START.match(sentence)
        or THEY_START.match(sentence)
    )
