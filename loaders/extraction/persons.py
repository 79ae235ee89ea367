"""Leader mentions: a full name, a title and a short form ("President Xi"), or a short form
alone once the person is introduced. A bare "Kim" is the most recently mentioned Kim; a
given name in front of a short form must fit ("Joseph Biden" yes, "Hunter Biden" no)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from loaders.extraction import date_values as dv
from loaders.extraction import lexicon as lx
from loaders.extraction.leader_titles import (
    ANY_TITLE,
    LEADING_TITLE,
    NAMED_AFTER,
    NOT_NAMES_AFTER,
    title_before,
)
from loaders.extraction.lexicon_data import FUNCTION
from loaders.extraction.mention_model import PERSON, LeaderInfo, Mention, Mentions
from loaders.extraction.mention_rules import CAP_WORD_AFTER, CAP_WORD_BEFORE, PEOPLE_NAMED_STATES
from loaders.extraction.sentences import Sentence
from ontology.reference_data import PersonRef

_CALENDAR = frozenset(dv.MONTHS) | frozenset(dv.WEEKDAYS)
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Madam"})
_QUOTED_NICK_BEFORE = re.compile(r"([A-Z][a-z][\w-]*)[ \t]+[\"“‘'][^\"”’']{2,20}[\"”’'][ \t]+$")


@dataclass
class PersonScan:
    """What the person finder remembers while it reads an article left to right."""

    text: str
    when: date | None
    lex: lx.Lexicon
    out: Mentions
    recent_by_short: dict[str, str] = field(default_factory=dict)  # short form -> person id


@dataclass
class _Hit:
    start: int
    end: int
    key: str
    entries: tuple[lx.Entry, ...]
    sent: Sentence


def add_person(scan: PersonScan, hit: _Hit) -> None:
    """Record a person mention for a name match, when it is one."""
    if NAMED_AFTER.match(scan.text, hit.end):
        return  # "John F. Kennedy International Airport", "the Nelson Mandela Foundation"
    role, head = title_before(scan.text, hit.start)
    full = [e.code for e in hit.entries if e.kind == lx.PERSON_FULL]
    if full:
        person_id, name, start = pick(full, scan.when, scan.lex, role), hit.key, hit.start
    else:
        resolved = _short_form(scan, hit, role, head)
        if resolved is None:
            return
        person_id, name, start = resolved
    if person_id is not None:
        _record(scan, hit, person_id, name, start, head, bool(full))


def person_hit(
    start: int, end: int, key: str, entries: tuple[lx.Entry, ...], sent: Sentence
) -> _Hit:
    return _Hit(start, end, key, entries, sent)


def _given_name(scan: PersonScan, hit: _Hit) -> tuple[str | None, re.Match[str] | None]:
    """A given name written before a short form ('Joseph' Biden), skipping a quoted nickname."""
    text, lex = scan.text, scan.lex
    nick = _QUOTED_NICK_BEFORE.search(text, max(0, hit.start - 40), hit.start)
    given_m = nick or CAP_WORD_BEFORE.search(text, max(0, hit.start - 25), hit.start)
    given = given_m.group(1) if given_m and given_m.start() >= hit.sent.start else None
    if given in FUNCTION or (given and (given in lex.demonym_of or given.lower() in _CALENDAR)):
        return None, given_m  # "Chinese Xi", "In April Kim"
    if given in _HONORIFICS:
        return None, given_m  # "Mr Trump"
    if given and given in lex.state_names and given not in PEOPLE_NAMED_STATES:
        return None, given_m
    return given, given_m


def _other_name_after(scan: PersonScan, end: int) -> bool:
    """'Kim Yo Jong': a capitalised word after the short form makes it a different person."""
    after = CAP_WORD_AFTER.match(scan.text, end)
    if not after:
        return False
    word = after.group(1)
    return not (
        word in FUNCTION
        or word in NOT_NAMES_AFTER
        or word in scan.lex.state_names
        or word in scan.lex.demonym_of
    )


def _short_form(
    scan: PersonScan, hit: _Hit, role: str | None, head: bool | None
) -> tuple[str | None, str, int] | None:
    """(person id, name as written, start) for a short form, or None when it is nobody."""
    given, given_m = _given_name(scan, hit)
    if _other_name_after(scan, hit.end):
        return None
    candidates = [e.code for e in hit.entries if e.kind == lx.PERSON_SHORT]
    if given is not None and not ANY_TITLE.fullmatch(given):
        compatible = [c for c in candidates if given_names_of(scan.lex.persons[c], given)]
        if not compatible:
            return None  # "Hunter Biden"
        start = given_m.start(1) if given_m else hit.start
        return pick(compatible, scan.when, scan.lex, role), f"{given} {hit.key}", start
    person_id = _bare_short_form(scan, hit.key, candidates, role, head)
    return None if person_id is None else (person_id, hit.key, hit.start)


def _bare_short_form(
    scan: PersonScan, key: str, candidates: list[str], role: str | None, head: bool | None
) -> str | None:
    """'Biden': the last person so called, else by title, else the one such in office."""
    if key in scan.recent_by_short:
        return scan.recent_by_short[key]
    if role is not None or head is not None:
        return pick(candidates, scan.when, scan.lex, role)
    if not lx.weak_short_form(key):
        in_office = [c for c in candidates if lx.in_office(scan.lex.persons[c], scan.when)]
        return in_office[0] if len(in_office) == 1 else None
    return None


def _record(
    scan: PersonScan,
    hit: _Hit,
    person_id: str,
    name: str,
    start: int,
    head: bool | None,
    full: bool,
) -> None:
    person = scan.lex.persons[person_id]
    for short in all_shorts(person):
        scan.recent_by_short[short] = person_id
    info = _leader_info(scan, person, LEADING_TITLE.sub("", name), start, full)
    if head is not None:
        info.head_title = info.head_title or head
        info.non_head_title = info.non_head_title or not head
    via = lx.PERSON_FULL if full else lx.PERSON_SHORT
    text = scan.text[start : hit.end]
    mention = Mention(start, hit.end, text, PERSON, info.state, via, hit.sent.index, person_id)
    mention.head = head is not False
    scan.out.mentions.append(mention)


def _leader_info(
    scan: PersonScan, person: PersonRef, name: str, start: int, full: bool
) -> LeaderInfo:
    """What the article says about a leader: created at the first mention, and the name
    kept at the fullest form the text uses."""
    is_full = full or " " in name
    info = scan.out.leaders.get(person.id)
    if info is None:
        term = lx.term_at(person, scan.when)
        info = LeaderInfo(
            person.id,
            name if is_full else person.name,
            term.state if term else "",
            term.role if term else "leader",
            start,
            from_text=is_full,
            in_office=lx.in_office(person, scan.when),
        )
        scan.out.leaders[person.id] = info
    elif is_full and (not info.from_text or _fullness(name) > _fullness(info.name)):
        info.name = name
        info.from_text = True
    return info


def _fullness(name: str) -> int:
    return len(re.sub(r"[^A-Za-z]", "", name)) + 100 * len(name.split())


_SHORTS_CACHE: dict[str, tuple[str, ...]] = {}


def all_shorts(person: PersonRef) -> tuple[str, ...]:
    cached = _SHORTS_CACHE.get(person.id)
    if cached is None:
        cached = tuple(lx.short_forms(person))
        _SHORTS_CACHE[person.id] = cached
    return cached


def given_names_of(person: PersonRef, given: str) -> bool:
    for full in (person.name, *person.aliases):
        tokens = full.split()
        if len(tokens) >= 2 and lx.given_names_match(given, tokens[0]):
            return True
    return False


def pick(candidates: list[str], when: date | None, lex: lx.Lexicon, role: str | None) -> str | None:
    """Among persons sharing a name, the one in office at `when` (with the title's role)."""
    unique = list(dict.fromkeys(candidates))
    if len(unique) <= 1:
        return unique[0] if unique else None
    in_office = [c for c in unique if lx.in_office(lex.persons[c], when)]
    titled = [c for c in in_office if any(t.role == role for t in lex.persons[c].terms)]
    if role and titled:
        return titled[0]
    if in_office:
        return in_office[0]
    if when is None:
        return unique[0]
    year = when.year

    def distance(c: str) -> int:
        terms = lex.persons[c].terms
        return min(abs(int(t.start[:4]) - year) for t in terms) if terms else 9999

    return min(unique, key=distance)
