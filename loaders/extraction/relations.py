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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from loaders.extraction import dates as dt
from loaders.extraction.events import (
    _N_YEARS_OF_TIES,
    EventCandidate,
    _actors,
    _clause_bounds,
    _codes,
    _keyword_automaton,
    candidate_patterns,
    guard_in,
    years_number,
)
from loaders.extraction.mentions import Mention, Mentions
from loaders.extraction.sentences import Sentence

_I = re.IGNORECASE

_SPECS: list[tuple[str, str]] = [
    ("ally", r"\b(?P<t>alliance|allies|ally|allied\s+with|treaty\s+allies)\b"),
    ("ally", r"\b(?P<t>mutual[\s-]+defen[cs]e|defen[cs]e\s+(?:pact|treaty))\b"),
    ("partner", r"\b(?P<t>partnership|partners|strategic\s+partner|closeness|rapprochement)\b"),
    (
        "partner",
        r"\b(?P<t>(?:strengthened|deepened|expanded|boosted|stepped\s+up|bolstered)\s+(?:their\s+|bilateral\s+)?(?:\w+\s+){0,3}(?:cooperation|co-operation|ties))\b",
    ),
    (
        "rival",
        r"\b(?P<t>rivals|rivalry|rival|at\s+odds|acts?\s+of\s+aggression|tensions?\s+between|territorial\s+disputes?|border\s+disputes?|disputed\s+border|feud)\b",
    ),
    (
        "adversary",
        r"\b(?P<t>adversaries|adversary|enemies|enemy|foes|archenemies|hostile\s+(?:states|nations|neighbou?rs))\b",
    ),
    ("at_war", r"\b(?P<t>at\s+war\s+with|at\s+war)\b"),
    ("diplomatic_relations", r"\b(?P<t>diplomatic\s+(?:relations|ties))\b"),
]
_KEYWORDS: list[tuple[str, ...]] = [
    ("alliance", "allies", "ally", "allied"),
    ("mutual", "defen"),
    ("partner", "closeness", "rapprochement"),
    ("cooperation", "co-operation", "ties"),
    ("rival", "odds", "aggression", "tension", "dispute", "feud"),
    ("adversar", "enem", "foes", "hostile"),
    ("at war",),
    ("diplomatic",),
]
_COMPILED = [(rtype, re.compile(p, _I)) for rtype, p in _SPECS]
_KEYWORD_AUTOMATON = _keyword_automaton(_KEYWORDS)
_NEGATING = frozenset(
    [
        "former",
        "ex-",
        "ex",
        "erstwhile",
        "once",
        "longer",
        "not",
        "never",
        "cut",
        "severed",
        "sever",
        "suspended",
    ]
)


def _negated(before: str) -> bool:
    """'former adversaries', 'no longer allies', 'cut ties'."""
    words = [w.strip("\"'“”‘’(),;:").lower() for w in before.split()][-3:]
    return any(w in _NEGATING or w.startswith("ex-") for w in words) or (
        "broke" in words and "off" in words
    )


_GENERIC_PLURAL = re.compile(
    r"\b(?:its|their|our|his|her|strategic|other|regional|new|Western|western)\s+(?:[\w-]+\s+)?$",
    _I,
)
_SINCE_YEAR = re.compile(
    r"\b(?:since|dates?\s+back\s+to|dating\s+back\s+to|established\s+in|signed\s+in|forged\s+in|began\s+in|from)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:(?:early|mid|late)[\s-]+)?((?:1[0-9]|20)[0-9]{2})s?\b",
    _I,
)
_RANGE_AFTER = re.compile(
    r"^\s*\(?\s*((?:1[0-9]|20)[0-9]{2})\s*[-–]\s*(?:(?:1[0-9]|20)[0-9]{2}|present|now)\s*\)?"
)


_MODIFIER_GAP = re.compile(
    r"(?:['’]s)?\s+(?:(?:most|closest|close|key|main|important|major|staunch|staunchest|strategic|significant|biggest|traditional|historical|oldest|long-standing|longtime|treaty|top|chief|leading|reliable)\s+){0,3}"
)
_THEIR_BEFORE = re.compile(r"\btheir\s+(?:[\w-]+\s+){0,3}$", _I)
_STATES_ANAPHOR = re.compile(
    r"\b(?:the\s+two\s+(?:[\w-]+\s+){0,2}(?:countries|nations|states|neighbou?rs|sides|governments|"
    r"adversaries|rivals|allies|powers|capitals)|both\s+(?:countries|nations|sides|governments)|"
    r"between\s+them)\b",
    _I,
)


@dataclass
class RelationCandidate:
    type: str
    a: str
    b: str
    since: str | None
    sentence: Sentence
    confidence: float


def _pair(
    ctx_ms: list[Mention], sent: Sentence, t_start: int, t_end: int, prev: list[str]
) -> list[str]:
    """Two states for a relation word: those of its clause, else the sentence, nearest first."""
    s = sent.text
    clause = _clause_bounds(s, t_start - sent.start)
    in_clause = [m for m in ctx_ms if clause[0] <= m.start - sent.start < clause[1]]

    def distance(m: Mention) -> int:
        return t_start - m.end if m.end <= t_start else m.start - t_end

    modifier = [
        m
        for m in in_clause
        if m.end <= t_start
        and _MODIFIER_GAP.fullmatch(s[m.end - sent.start : t_start - sent.start])
    ]
    if modifier:
        # "Japan, a close U.S. ally": the ally of the modifier is the state before it.
        mod = modifier[-1]
        before_mod = [m for m in ctx_ms if m.end <= mod.start and m.code != mod.code]
        if before_mod:
            return [before_mod[-1].code, mod.code]
    if _THEIR_BEFORE.search(s[max(0, t_start - sent.start - 40) : t_start - sent.start]):
        # "their alliance": the subject pair, the first two states of the clause.
        subject = _codes([m for m in in_clause if m.end <= t_start])
        if len(subject) >= 2 or not _STATES_ANAPHOR.search(s):
            return subject[:2]
    codes = _codes(sorted(in_clause, key=distance))
    if len(codes) >= 2:
        # Keep sentence order among the two nearest.
        order = _codes(in_clause)
        two = set(codes[:2])
        return [c for c in order if c in two]
    if _STATES_ANAPHOR.search(s) and prev and len(codes) < 2:
        return list(dict.fromkeys([*codes, *prev]))[:2]
    codes = _codes(sorted(ctx_ms, key=distance))
    if len(codes) >= 2:
        order = _codes(ctx_ms)
        two = set(codes[:2])
        return [c for c in order if c in two]
    return codes


def _since(sent: Sentence, t_end_rel: int, published: date | None) -> str | None:
    s = sent.text
    m = _RANGE_AFTER.match(s[t_end_rel:])
    if m:
        return m.group(1)
    m = _SINCE_YEAR.search(s)
    if m:
        return m.group(1)
    return None


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
        ms = _actors(mentions.in_sentence(sent.index))
        codes_here = _codes(ms)
        if len(codes_here) >= 1 or _STATES_ANAPHOR.search(sent.text):
            found.extend(_sentence_relations(sent, ms, prev_codes, anchor))
        if len(codes_here) >= 2:
            prev_codes = codes_here[:2]
    found.extend(_from_events(events, anchor))
    return _merge([r for r in found if r.a not in gone and r.b not in gone])


def _sentence_relations(
    sent: Sentence, ms: list[Mention], prev: list[str], anchor: date | None
) -> list[RelationCandidate]:
    out: list[RelationCandidate] = []
    s = sent.text
    wanted = candidate_patterns(_KEYWORD_AUTOMATON, s.lower())
    for index, (rtype, pattern) in enumerate(_COMPILED):
        if index not in wanted:
            continue
        for m in pattern.finditer(s):
            t_s, t_e = m.start("t"), m.end("t")
            clause = _clause_bounds(s, t_s)
            before = s[clause[0] : t_s]
            if guard_in(before[-50:]) or _negated(before[-40:]):
                continue
            word = m.group("t").lower()
            if word == "alliance" and (
                re.match(r"['’]s\b", s[t_e:])
                or (
                    re.search(r"\bthe\s+$", before[-5:], _I)
                    and not re.match(r"\s+(?:between|with|of)\b", s[t_e:])
                )
            ):
                continue  # "the alliance's border": an organization, not a pair
            if (
                word in ("allies", "alliances", "partners")
                and _GENERIC_PLURAL.search(before[-25:])
                and not re.search(r"\bas\s+$", before[-4:])
            ):
                continue
            if rtype == "diplomatic_relations":
                if re.search(
                    r"\b(?:cut|severed|sever|suspended|broke\s+off|broken|resume|restore|restored|resumed|established|establish|establishment|normali[sz]\w+|downgraded)\s+(?:\w+\s+){0,2}$",
                    before[-40:],
                    _I,
                ):
                    continue  # events, not standing relations
                since = None
                n = _N_YEARS_OF_TIES.search(s)
                if n and anchor is not None and not n.group("approx"):
                    years = years_number(n.group("n"))
                    since = f"{anchor.year - years:04d}" if years else None
            else:
                since = _since(sent, t_e, None) if rtype in ("ally", "partner") else None
            pair = _pair(ms, sent, sent.start + t_s, sent.start + t_e, prev)
            if len(pair) < 2 or pair[0] == pair[1]:
                continue
            out.append(RelationCandidate(rtype, pair[0], pair[1], since, sent, 0.7))
    return out


def _from_events(events: list[EventCandidate], anchor: date | None) -> list[RelationCandidate]:
    out: list[RelationCandidate] = []
    latest_ties: dict[frozenset[str], EventCandidate] = {}
    for e in events:
        if e.type == "alliance_formed" and e.date:
            states = [p for p in e.participants if len(p) == 3 and p.isupper()]
            for i, a in enumerate(states):
                for b in states[i + 1 :]:
                    out.append(
                        RelationCandidate(
                            "ally", a, b, dt.year_of(e.date), e.sentence, e.confidence
                        )
                    )
        if (
            e.type in ("diplomatic_relations_established", "diplomatic_relations_severed")
            and e.date
            and len(e.participants) >= 2
        ):
            key = frozenset(e.participants[:2])
            if key not in latest_ties or (latest_ties[key].date or "") < e.date:
                latest_ties[key] = e
        if e.type == "military_intervention" and e.invasion and e.date and anchor is not None:
            span = dt.bounds(e.date)
            if span and 0 <= (anchor - span[1]).days <= 92 and len(e.participants) >= 2:
                out.append(
                    RelationCandidate(
                        "at_war",
                        e.participants[0],
                        e.participants[1],
                        dt.year_of(e.date),
                        e.sentence,
                        e.confidence,
                    )
                )
    for e in latest_ties.values():
        if e.type == "diplomatic_relations_established" and e.date:
            out.append(
                RelationCandidate(
                    "diplomatic_relations",
                    e.participants[0],
                    e.participants[1],
                    dt.year_of(e.date),
                    e.sentence,
                    e.confidence,
                )
            )
    return out


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
    # A pair whose ties were cut (and not restored) has no diplomatic_relations entry.
    return list(by_key.values())
