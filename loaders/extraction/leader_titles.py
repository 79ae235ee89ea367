"""Titles before a leader's name: which are heads of state or government ("President",
"Prime Minister", "Emir") and which are not ("Foreign Minister", "Party General
Secretary")."""

from __future__ import annotations

import re

from loaders.extraction.lexicon_data import words

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
