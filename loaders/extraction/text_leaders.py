"""Leaders the reference data does not know, taken from the text when a title and a state
introduce them: "Prime Minister X of Y", "Y's President X", "<demonym> President X", "the
<demonym> emir, Sheikh X", "Y's ruler, Emir X"; or a title alone in a datelined story whose
sentence names no other state ("HELSINKI — ... President X said")."""

from __future__ import annotations

import bisect
import re

from loaders.extraction import lexicon as lx
from loaders.extraction.leader_titles import role_of
from loaders.extraction.lexicon_data import FUNCTION
from loaders.extraction.sentences import Sentence

_NAME = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Za-zà-ÿ]+)?|bin|al-[A-Z][a-z]+|el-[A-Z][a-z]+|de|da|van|von)"
_UNKNOWN_LEADER = re.compile(
    rf"\b(?P<title>President|Prime\s+Minister|Premier|Chancellor|King|Queen|Emir|Sultan|"
    rf"Supreme\s+Leader|leader)\s+(?P<name>[A-Z][a-zà-ÿ'’-]+(?:\s+{_NAME}){{1,4}}"
    rf"(?:\s+(?:Jr\.|Sr\.|II|III))?)"
)
_OF_STATE_AFTER = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
# "the Kuwaiti emir, Sheikh X", "Qatar's ruler, Emir X", "the then-Kuwaiti emir, X". The state
# word starts at the first capital of its word, which is read once from the word's start
# (possessive), and it is bounded (no state or demonym is longer): before, every capital of a
# long word restarted a scan to its end, and a 20,000-character word took seconds (issue 32).
_APPOSITIVE = re.compile(
    r"(?<![\w.-])(?:[^\WA-Z]|[.-])*+(?P<state>[A-Z][\w.-]{0,40})(?:['’]s)?[ \t]+"
    r"(?P<title>emir|king|queen|president|"
    r"prime\s+minister|premier|chancellor|ruler|leader|monarch|sultan)[ \t]*,[ \t]+"
    r"(?:(?P<honor>Sheikh|Sheik|King|Queen|Emir|Amir|Sultan|President|Prime\s+Minister|Prince)"
    rf"[ \t]+)?(?P<name>[A-Z][a-zà-ÿ'’-]+(?:\s+{_NAME}){{1,4}})"
)
_HEAD_HONORIFICS = frozenset(
    {"king", "queen", "emir", "amir", "sultan", "president", "prime minister"}
)
# "HELSINKI —", "MANILA, Philippines —". Place and region are bounded and the spaces after them
# possessive: with "\s*" after a lazy place that may hold spaces, "A" and 800 spaces took
# 2.5 s (cubic).
_DATELINE = re.compile(
    r"^\s*+(?P<place>[A-Z][A-Z .'-]{1,40}?)\s*+(?:,\s*+[A-Z][\w .]{1,60})?\s*+(?:—|–|:)\s"
)
_STATE_KINDS = frozenset({lx.STATE_NAME, lx.STATE_ALIAS, lx.STATE_DEMONYM, lx.STATE_CAPITAL})
_STATE_BEFORE = re.compile(r"(?<![\w.])([A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)(?:['’]s)?[ \t]+$")


# A word longer than this is no part of a name (hostile text: "Prime Minister Aaa...a Bbb").
MAX_NAME_WORD = 60


def name_tokens(raw: str, lex: lx.Lexicon) -> list[str]:
    """The name of a title phrase: it ends at the first known word of another kind. None
    when a word of it is longer than MAX_NAME_WORD."""
    name = re.sub(r"['’]s$", "", raw.rstrip(".,"))
    kept: list[str] = []
    for t in (re.sub(r"['’]s$", "", t) for t in name.split()):
        if len(t) > MAX_NAME_WORD:
            return []
        if t in lex.state_names or t in lex.demonym_of or t in FUNCTION:
            break
        kept.append(t)
    return kept


def known_person(lex: lx.Lexicon, key: str) -> bool:
    return any(e.kind in (lx.PERSON_FULL, lx.PERSON_SHORT) for e in lex.entries(key))


def _state_named_before(text: str, start: int, lex: lx.Lexicon) -> str | None:
    """'Chinese President X', 'Russia's President X'."""
    bm = _STATE_BEFORE.search(text[max(0, start - 40) : start])
    if not bm:
        return None
    word = bm.group(1)
    state = lex.demonym_of.get(word) or lex.state_names.get(word)
    if state is None and " " in word:
        last = word.split()[-1]
        state = lex.demonym_of.get(last) or lex.state_names.get(last)
    return state


def _state_named_after(text: str, end: int, lex: lx.Lexicon) -> str | None:
    """'President X of Y'."""
    am = _OF_STATE_AFTER.match(text, end)
    if not am:
        return None
    parts = am.group(1).split()
    for n in range(len(parts), 0, -1):
        state = lex.state_names.get(" ".join(parts[:n]).rstrip(".,"))
        if state:
            return state
    return None


def dateline_state(text: str, lex: lx.Lexicon) -> str | None:
    """The state of a story's dateline ("HELSINKI —", "MANILA, Philippines —"), if any."""
    m = _DATELINE.match(text)
    if not m:
        return None
    place = " ".join(w.capitalize() for w in m.group("place").split())
    codes = lex.capital_states.get(place) or (
        (lex.state_names[place],) if place in lex.state_names else ()
    )
    current = [c for c in codes if lex.state_period.get(c, (None, None))[1] is None]
    choices = current or list(codes)
    return choices[0] if choices else None


def _states_named(sentence: str, lex: lx.Lexicon) -> set[str]:
    return {
        e.code for _, _, entries in lex.matches(sentence) for e in entries if e.kind in _STATE_KINDS
    }


def _sentence_at(sentences: list[Sentence], starts: list[int], offset: int) -> str:
    """The sentence holding `offset` (a binary search: a scan per title was quadratic)."""
    i = bisect.bisect_right(starts, offset) - 1
    return sentences[i].text if i >= 0 and offset < sentences[i].end else ""


def _appositives(text: str, lex: lx.Lexicon) -> dict[str, tuple[str, str, int]]:
    found: dict[str, tuple[str, str, int]] = {}
    for m in _APPOSITIVE.finditer(text):
        word = m.group("state")
        state = lex.demonym_of.get(word) or lex.state_names.get(word)
        kept = name_tokens(m.group("name"), lex)
        if state is None or len(kept) < 2 or known_person(lex, " ".join(kept)):
            continue
        honor = re.sub(r"\s+", " ", (m.group("honor") or "").lower())
        title = honor if honor in _HEAD_HONORIFICS else m.group("title").replace("ruler", "leader")
        found.setdefault(" ".join(kept), (state, role_of(title), m.start("name")))
    return found


def unknown_leaders(
    text: str, lex: lx.Lexicon, sentences: list[Sentence] | None = None
) -> dict[str, tuple[str, str, int]]:
    """Leaders the text introduces with a title and a state, missing from the reference data:
    name -> (state, role, offset of the name)."""
    found = _appositives(text, lex)
    dateline = dateline_state(text, lex)
    starts = [s.start for s in sentences or ()]
    for m in _UNKNOWN_LEADER.finditer(text):
        kept = name_tokens(m.group("name"), lex)
        name = " ".join(kept)
        if len(kept) < 2 or name in found or known_person(lex, name) or known_person(lex, kept[-1]):
            continue
        state = _state_named_before(text, m.start(), lex) or _state_named_after(
            text, m.start("name") + len(name), lex
        )
        if state is None and dateline is not None and sentences:
            named = _states_named(_sentence_at(sentences, starts, m.start()), lex)
            state = dateline if not named or dateline in named else None
        if state is not None:
            found.setdefault(name, (state, role_of(m.group("title")), m.start("name")))
    return found
