"""People the text presents as an actor's officials: "Yasir Arafat, the chairman of the
P.L.O.", "Hamas leader Ismail Haniyeh", "Mahmoud Abbas, the foreign policy spokesman for the
Palestine Liberation Organization". Such a person stands for the actor in this article, not
for the state the reference data gives them an office in (Haniyeh was Palestine's prime
minister once), and is no head of state or government here."""

from __future__ import annotations

import re

from loaders.extraction.mention_model import ACTOR, PERSON, Mention, Mentions

_OFFICES = (
    r"(?:chairman|chairwoman|chair|chief|leader|head|founder|co-founder|spokesman|"
    r"spokeswoman|spokesperson|commander|negotiator|representative|envoy|official|"
    r"deputy|emir|secretary-general|politburo\s+chief|political\s+chief)"
)
# "<person>, the (foreign policy) spokesman for the" -> an actor mention right after
_AFTER = re.compile(
    rf",[ \t]+(?:the[ \t]+|a[ \t]+|its[ \t]+)?(?:[\w-]+[ \t]+){{0,3}}?{_OFFICES}"
    r"[ \t]+(?:of|for|in)[ \t]+(?:the[ \t]+)?$"
)
# "<actor> (political) leader <person>"
_BEFORE = re.compile(rf"^(?:['’]s)?[ \t]+(?:[\w-]+[ \t]+){{0,2}}?{_OFFICES}[ \t]+$")


def actor_officials(text: str, out: Mentions) -> None:
    """Recode, in place, every mention of a person the text ties to an actor."""
    found: dict[str, str] = {}  # person id -> actor code
    mentions = sorted(out.mentions, key=lambda m: m.start)
    for i, m in enumerate(mentions):
        if m.kind != PERSON or not m.person:
            continue
        code = _tied_actor(text, mentions, i)
        if code:
            found.setdefault(m.person, code)
    for m in out.mentions:
        if m.kind == PERSON and m.person in found:
            m.kind, m.code, m.person, m.head = ACTOR, found[m.person], None, False


def _tied_actor(text: str, mentions: list[Mention], i: int) -> str | None:
    m = mentions[i]
    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
    after = nxt is not None and nxt.kind == ACTOR and nxt.start - m.end <= 80
    if after and nxt is not None and _AFTER.search(text[m.end : nxt.start]):
        return nxt.code
    prev = mentions[i - 1] if i > 0 else None
    before = prev is not None and prev.kind == ACTOR and m.start - prev.end <= 40
    if before and prev is not None and _BEFORE.match(text[prev.end : m.start]):
        return prev.code
    return None
