"""State, organization and leader mentions with character offsets.

Names come from the reference data (see lexicon.py); this module decides which matches are
real mentions of a state, an organization or a leader:

- a country name inside a geographic feature is a place ("South China Sea", "Taiwan Strait",
  "Gulf of Mexico", "Korean Peninsula"), as is a capital used as a location ("a think tank
  in Washington", a dateline);
- "Jordan", "Chad" and "Georgia" followed by a surname (or after a given name or "Mr.") are
  people; "Georgia" with US-state cues (Atlanta, governor, county) is the US state;
- "Moscow" before 1991-12-26 is the Soviet Union: a capital shared by a former and a current
  state goes to the one that existed at the date;
- leaders are found by full name, by title and short form ("President Xi"), and by short
  form alone once introduced; a bare "Kim" is the most recently mentioned Kim. A leader
  stands for the state they led at the article's date (reference terms). A leader missing
  from the reference data is taken from the text: "Prime Minister X of Y", "Y's President
  X", "<demonym> President X".

The traps live in `mention_rules`, titles in `leader_titles`, person resolution in `persons`.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from loaders.extraction import lexicon as lx
from loaders.extraction import mention_rules as rules
from loaders.extraction.actor_mentions import (
    ActorScan,
    actor_anaphors,
    actor_match,
    defined_initials,
    is_modifier,
    shorter_actor,
)
from loaders.extraction.actor_people import actor_officials
from loaders.extraction.leader_titles import title_before
from loaders.extraction.mention_model import (
    ACTOR,
    MODIFIER,
    ORGANIZATION,
    PERSON,
    STATE,
    LeaderInfo,
    Mention,
    Mentions,
)
from loaders.extraction.name_matches import Spans, find_names
from loaders.extraction.official_mentions import add_official_mentions
from loaders.extraction.persons import PersonScan, add_person, person_hit
from loaders.extraction.sentences import Sentence
from loaders.extraction.text_leaders import unknown_leaders

__all__ = [
    "ACTOR",
    "ORGANIZATION",
    "PERSON",
    "STATE",
    "LeaderInfo",
    "Mention",
    "Mentions",
    "find_mentions",
]

_STATE_KINDS = (lx.STATE_NAME, lx.STATE_ALIAS, lx.STATE_DEMONYM, lx.STATE_CAPITAL, lx.STATE_METONYM)
_NOT_PERSON_KINDS = {
    lx.STATE_NAME, lx.STATE_ALIAS, lx.ORG, lx.ACTOR, lx.STATE_DEMONYM, lx.STATE_CAPITAL
}  # fmt: skip
_ROLE_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:(?:US|U\.S\.|Chinese|Russian|[A-Z][a-z]+)\s+)?(chief executive|president|"
    r"President|prime minister|Prime Minister|premier|chancellor)\b"
)
_METONYM_AS_PLACE = re.compile(r"\b(?:at|in|outside|inside)\s+the\s+$")
# "the Vietnam War", "the Iran-Iraq War": the state names a war (the named-event table gives
# its sides), it is no party of the clause ("last clashed during the Vietnam War")
_NAMES_A_WAR = re.compile(r"(?:-[A-Z][\w'’]+)?\s+War\b")


class _Sentences:
    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]

    def of(self, offset: int) -> Sentence:
        return self.sentences[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def find_mentions(
    text: str, sentences: list[Sentence], when: date | None, lex: lx.Lexicon
) -> Mentions:
    """All mentions of `text`; `when` is the article's date (for leaders' terms and capitals)."""
    out = Mentions()
    if not sentences:
        return out
    index = _Sentences(sentences)
    text_leaders = _add_unknown_leaders(text, lex, out, sentences)
    scan, actors = PersonScan(text, when, lex, out), ActorScan(text, out)
    for start, end, entries in lex.matches(text):
        if not rules.boundary_ok(text, start, end):
            end, entries = shorter_actor(lex, text, start, end)
            if not entries or not rules.boundary_ok(text, start, end):
                continue
        actor = next((e for e in entries if e.kind == lx.ACTOR), None)
        if actor is not None and len(entries) == 1:
            actor_match(actors, start, end, actor, index.of(start))
        else:
            _name_match(scan, start, end, entries, index.of(start))
    defined_initials(actors, index.of)
    actor_officials(text, out)
    _text_leader_short_forms(text, text_leaders, out, index)
    add_official_mentions(text, lex, out, index.of)
    _role_anaphors(text, out, index)
    actor_anaphors(text, out, sentences, index.of)
    out.index()
    return out


def _add_unknown_leaders(
    text: str, lex: lx.Lexicon, out: Mentions, sentences: list[Sentence]
) -> dict[str, tuple[str, str, str]]:
    """Leaders the reference data does not know ("<demonym> President X" and the like):
    short form -> (person key, name, state)."""
    text_leaders: dict[str, tuple[str, str, str]] = {}
    for name, (state, role, offset) in unknown_leaders(text, lex, sentences).items():
        key = f"text:{name}"
        for short in {name.split()[-1], name}:
            text_leaders[short] = (key, name, state)
        out.leaders[key] = LeaderInfo(key, name, state, role, offset, head_title=True)
    return text_leaders


def _name_match(
    scan: PersonScan, start: int, end: int, entries: tuple[lx.Entry, ...], sent: Sentence
) -> None:
    text, key = scan.text, scan.text[start:end]
    kinds = {e.kind for e in entries}
    if lx.BLOCK in kinds:
        return
    hit = person_hit(start, end, key, entries, sent)
    if lx.PERSON_FULL in kinds or (lx.PERSON_SHORT in kinds and not kinds & _NOT_PERSON_KINDS):
        add_person(scan, hit)
        return
    state_entries = [e for e in entries if e.kind in _STATE_KINDS]
    if state_entries:
        if lx.PERSON_SHORT in kinds and title_before(text, start)[1]:
            add_person(scan, hit)
            return
        code = _state_code(scan, start, end, state_entries[0], sent)
        if code is not None:
            modifier = is_modifier(text, end) or _NAMES_A_WAR.match(text, end)
            via = MODIFIER if modifier else state_entries[0].kind
            scan.out.mentions.append(Mention(start, end, key, STATE, code, via, sent.index))
        return
    org = next((e for e in entries if e.kind == lx.ORG), None)
    if org is not None:
        scan.out.mentions.append(
            Mention(start, end, key, ORGANIZATION, org.code, lx.ORG, sent.index)
        )


def _state_code(
    scan: PersonScan, start: int, end: int, entry: lx.Entry, sent: Sentence
) -> str | None:
    """The state a name match stands for, or None when it is a place or a person."""
    text, key, lex = scan.text, scan.text[start:end], scan.lex
    if rules.is_place(text, start, end, key, entry):
        return None
    if entry.kind in (lx.STATE_NAME, lx.STATE_ALIAS) and key in rules.PEOPLE_NAMED_STATES:
        if rules.is_person_name(text, start, end, sent.start, lex):
            return None
        if key == "Georgia" and rules.georgia_is_us_state(text, start, end):
            return None
    if entry.kind == lx.STATE_CAPITAL:
        if rules.capital_is_location(text, start, end, sent.start):
            return None
        when = rules.effective_date(sent, scan.when)
        return rules.state_at(lex.capital_states.get(key, (entry.code,)), when, lex)
    if entry.kind == lx.STATE_METONYM and _METONYM_AS_PLACE.search(
        text[max(0, start - 12) : start]
    ):
        return None
    return entry.code


def _text_leader_short_forms(
    text: str, text_leaders: dict[str, tuple[str, str, str]], out: Mentions, index: _Sentences
) -> None:
    """Short forms of leaders known only from the text ("Prime Minister X of Y" ... "X said")."""
    if not text_leaders:
        return
    taken = Spans((m.start, m.end) for m in out.mentions)
    for start, end, short in find_names(text, text_leaders):  # linear in names and text
        if taken.overlaps(start, end):
            continue
        key, _name, state = text_leaders[short]
        if start < out.leaders[key].first:
            continue
        sentence = index.of(start).index
        out.mentions.append(
            Mention(start, end, short, PERSON, state, lx.PERSON_SHORT, sentence, key)
        )


def _role_anaphors(text: str, out: Mentions, index: _Sentences) -> None:
    """'The chief executive', 'the prime minister': the last leader mentioned with that role."""
    persons = sorted(
        (m for m in out.mentions if m.kind == PERSON and m.code), key=lambda m: m.start
    )
    if not persons:
        return
    taken = [(m.start, m.end) for m in out.mentions]
    for m in _ROLE_ANAPHOR.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        after = text[m.end() : m.end() + 2]
        if after[:1] == " " and after[1:2].isupper():
            continue  # "the President Xi ..." is a title, not an anaphor
        pick = _last_with_role(out, persons, m.start(), m.group(1).lower())
        if pick is not None:
            sentence = index.of(m.start()).index
            anaphor = Mention(
                m.start(), m.end(), m.group(0), PERSON, pick.code, "anaphor", sentence
            )
            anaphor.person = pick.person
            out.mentions.append(anaphor)


def _last_with_role(
    out: Mentions, persons: list[Mention], before: int, role: str
) -> Mention | None:
    wanted = "president" if role == "chief executive" else role
    for p in reversed([p for p in persons if p.start < before]):
        if p.person in out.leaders and out.leaders[p.person].role == wanted:
            return p
    return None
