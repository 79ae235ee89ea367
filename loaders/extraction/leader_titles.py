"""Titles before a leader's name: which are heads of state or government ("President",
"Prime Minister", "Emir") and which are not ("Foreign Minister", "Party General
Secretary"); and leaders the reference data does not know, taken from the text when a title
and a state introduce them ("Prime Minister X of Y", "Y's President X")."""

from __future__ import annotations

import re

from loaders.extraction import lexicon as lx
from loaders.extraction.lexicon_data import FUNCTION, words

HEAD_TITLES = (
    r"President|Prime\s+Minister|PM|Premier|Chancellor|King|Queen|Emperor|Emir|Amir|Sultan|"
    r"Supreme\s+Leader|leader|Leader|Taoiseach|Shah|Tsar|Czar|Crown\s+Prince|Monarch|dictator|"
    r"strongman|President-elect|Prime\s+Minister-designate|chief\s+executive"
)
NON_HEAD_TITLES = (
    r"General\s+Secretary|Secretary[- ]General|Party\s+(?:chief|leader|Secretary)|Chairman|"
    r"Chairwoman|Chair|Speaker|Foreign\s+Minister|Foreign\s+Secretary|Defen[cs]e\s+Minister|"
    r"Minister|Secretary\s+of\s+State|Secretary|Ambassador|Amb\.|Envoy|envoy|spokes(?:person|man|woman)|"
    r"Vice\s+President|Vice-President|Vice\s+Premier|Deputy|Governor|Senator|Sen\.|Mayor|"
    r"diplomat|adviser|advisor|opposition\s+leader|First\s+Lady|Gen\.|General|Admiral|Marshal|"
    r"Field\s+Marshal|Commander|Chief\s+of\s+Staff"
)
ANY_TITLE = re.compile(rf"(?:{HEAD_TITLES}|{NON_HEAD_TITLES})")
_HEAD_BEFORE = re.compile(
    rf"(?:\b(?:former|late|then|then-|ex-)\s*)?\b(?P<title>{HEAD_TITLES})\s+$"
)
_NON_HEAD_BEFORE = re.compile(
    rf"\b(?P<title>{NON_HEAD_TITLES})(?:\s+of\s+the\s+[A-Z][\w ]{{2,40}}?)?\s+$"
)
ANY_TITLE_BEFORE = re.compile(
    rf"\b(?:{HEAD_TITLES}|{NON_HEAD_TITLES}|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+$"
)
ROLE_OF_TITLE = {
    "president": "president", "prime minister": "prime minister", "pm": "prime minister",
    "premier": "premier", "chancellor": "chancellor", "king": "king", "queen": "queen",
    "emperor": "emperor", "emir": "emir", "amir": "emir", "sultan": "sultan",
    "supreme leader": "supreme leader", "leader": "leader", "taoiseach": "prime minister",
    "shah": "shah", "tsar": "tsar", "czar": "tsar", "crown prince": "crown prince",
    "monarch": "king", "dictator": "leader", "strongman": "leader",
    "president-elect": "president", "chief executive": "president",
}  # fmt: skip
# Capitalised words after a surname that do not make it a different person's name.
NOT_NAMES_AFTER = words(
    "Administration Government Cabinet Doctrine Jr Sr Foundation Library Presidency Era Says "
    "Said Warns Visits Meets Calls"
)
_NAME = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Za-zà-ÿ]+)?|bin|al-[A-Z][a-z]+|el-[A-Z][a-z]+|de|da|van|von)"
_UNKNOWN_LEADER = re.compile(
    rf"\b(?P<title>President|Prime\s+Minister|Premier|Chancellor|King|Queen|Emir|Sultan|"
    rf"Supreme\s+Leader|leader)\s+(?P<name>[A-Z][a-zà-ÿ'’-]+(?:\s+{_NAME}){{1,3}}"
    rf"(?:\s+(?:Jr\.|Sr\.|II|III))?)"
)
_OF_STATE_AFTER = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
_STATE_BEFORE = re.compile(r"(?<![\w.])([A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)(?:['’]s)?[ \t]+$")
LEADING_TITLE = re.compile(
    r"^(?:(?:Crown\s+Prince|King|Queen|President|Prime\s+Minister|Sheikh|Sheik|Emir|Amir|Sultan|"
    r"Prince|Premier|Chancellor|Supreme\s+Leader|Ayatollah|Field\s+Marshal|General|Gen\.)\s+)+"
)
NAMED_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:International[ \t]+)?(?:Airport|Center|Centre|Street|Avenue|Boulevard|"
    r"Foundation|Library|Institute|University|School|College|Bridge|Stadium|Square|Museum|Prize|"
    r"Award|Park|Hall|Memorial|Hospital|Highway|Road|Station|Dam|Trust|Fund|Prize)\b"
)


def role_of(title: str) -> str:
    title = re.sub(r"\s+", " ", title.lower())
    return ROLE_OF_TITLE.get(title, title)


def title_before(text: str, start: int) -> tuple[str | None, bool | None]:
    """(role, is head title) of a title written just before a name, else (None, None)."""
    before = text[max(0, start - 70) : start]
    non_head = _NON_HEAD_BEFORE.search(before)
    head = _HEAD_BEFORE.search(before)
    if non_head and (head is None or non_head.start("title") < head.start("title")):
        return non_head.group("title").lower(), False
    if head:
        return role_of(head.group("title")), True
    return None, None


def _name_tokens(raw: str, lex: lx.Lexicon) -> list[str]:
    """The name of a title phrase: it ends at the first known word of another kind."""
    name = re.sub(r"['’]s$", "", raw.rstrip(".,"))
    kept: list[str] = []
    for t in (re.sub(r"['’]s$", "", t) for t in name.split()):
        if t in lex.state_names or t in lex.demonym_of or t in FUNCTION:
            break
        kept.append(t)
    return kept


def _known_person(lex: lx.Lexicon, key: str) -> bool:
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


def unknown_leaders(text: str, lex: lx.Lexicon) -> dict[str, tuple[str, str, int]]:
    """Leaders the text introduces with a title and a state, missing from the reference data:
    name -> (state, role, offset of the name)."""
    found: dict[str, tuple[str, str, int]] = {}
    for m in _UNKNOWN_LEADER.finditer(text):
        kept = _name_tokens(m.group("name"), lex)
        if len(kept) < 2:
            continue
        name = " ".join(kept)
        if _known_person(lex, name) or _known_person(lex, kept[-1]):
            continue
        state = _state_named_before(text, m.start(), lex) or _state_named_after(
            text, m.start("name") + len(name), lex
        )
        if state is not None:
            found.setdefault(name, (state, role_of(m.group("title")), m.start("name")))
    return found
