"""Checks a trigger match must pass before it counts as an event: an "incident" needs a
military context, "the Cold War" is not a war, "X hosted Y" is a visit only when a leader is
received, counted plurals ("four wars") are not one event; a war the named-events table knows is
left to it (`named_events`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from loaders.extraction.event_model import EventContext
from loaders.extraction.mention_model import PERSON
from loaders.extraction.named_events import compiled
from loaders.extraction.sentences import Sentence
from loaders.extraction.triggers_force import MIL_OBJECT_RE

_I = re.IGNORECASE
_MIL_CONTEXT = re.compile(
    r"\b(?:troops|soldiers|army|armies|military|militar\w+|navy|naval|coast\s+guard|warships?|"
    r"vessels?|ships?|border|forces|fighter|jets?|laser|water\s+cannon|artillery|missiles?|"
    r"drones?|gunfire|fire|shots?|frontier|patrol\w*)\b",
    _I,
)
_ARMED_SUBJECT = re.compile(r"\b(?:troops|soldiers|forces|guards|navies|armies)\b", _I)
_NOT_WAR = re.compile(
    r"\b(?:Cold|Trade|Civil|Post|Culture|Price|Tariff|Tech|Chip|Currency|Proxy|Information|Drug|Shadow)\s+War\b|"
    r"\bwar\s+(?:crimes?|of\s+words|games|chest|room|zone|footing|criminals?|memorial|dead|veterans?|"
    r"on\s+(?:terror|drugs|poverty))\b|\b(?:trade|civil|cold|price|tariff|proxy|information|culture|"
    r"tech|chip|currency|shadow)[\s-]war\b",
    _I,
)
_CAPITALISED_WAR = re.compile(r"(?:[A-Z][\w'’-]+\s+){1,2}War")
_DATED_AFTER = re.compile(
    r"\s+(?:of|in)\s+(?:1[0-9]{3}|20[0-9]{2})\b|\s*\(\s*(?:1[0-9]{3}|20[0-9]{2})"
)
_TALKS_NOT = re.compile(
    r"\b(?:meeting|talks|discussions)\s+with\s+(?:the\s+)?(?:press|media|reporters|journalists)\b",
    _I,
)
# Who arrives on a visit: a titled person ("Qatar's ruler", "the emir") or a name; troops and
# delegations arriving are no visit (triggers_diplomacy)
_ARRIVING_SUBJECT = re.compile(
    r"\b(?:(?i:president|minister|premier|chancellor|king|queen|prince|speaker|secretary|"
    r"emir|amir|sultan|ruler|monarch|leader|envoy)|[A-Z][a-z]+\s+[A-Z][a-z]+)\b"
)
_PLURAL_COUNT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|series\s+of|"
    r"dozens\s+of|\d{1,2})\s+(?:[\w-]+\s+)?$",
    _I,
)
# A chronology line's trip and its purpose: "flies to Washington to meet Bill Clinton".
TRIP_TO_MEET = re.compile(
    r"\b(?:flies|flew|travels|travell?ed|goes|went|visits|visited|stopover|trip)\b[^.;]*\bto\s+$",
    _I,
)
INVASION_WORDS = re.compile(
    r"\b(?:invaded|invasion|full-scale|wide-ranging|large-scale|all-out|offensive|"
    r"(?:crossed|poured|rolled|swept)\s+into)\b",
    _I,
)

Check = Callable[[re.Match[str], Sentence, EventContext], bool]


def _clash_ok(m: re.Match[str], sent: Sentence, ctx: EventContext) -> bool:
    """'incident', 'clash', 'fought' only with troops, a navy, a border ... in the sentence."""
    s, tl = sent.text, m.group("t").lower()
    vague = tl in ("incident", "confrontation", "standoff") or tl.startswith(("clash", "skirmish"))
    if (vague or "fought" in tl) and not _MIL_CONTEXT.search(s):
        return False
    return not ("fought" in tl and not _ARMED_SUBJECT.search(s[: m.start("t")]))


def _war_ok(m: re.Match[str], sent: Sentence, ctx: EventContext) -> bool:
    """Not a cold/trade/civil war; an unknown "X War" only when X names states."""
    s, t = sent.text, m.group("t")
    if _NOT_WAR.search(s[max(0, m.start("t") - 12) : m.end("t") + 25]):
        return False
    if not _CAPITALISED_WAR.fullmatch(t):
        return True
    if _in_named(m, sent):
        return False  # the named-events table gives it, with its sides and dates
    if "-" in t:
        return True
    # "the Continuation War of 1941-1944": a named war the text dates
    return "World" not in t and bool(_DATED_AFTER.match(s, m.end("t")))


def _in_named(m: re.Match[str], sent: Sentence) -> bool:
    """The trigger is part of a name the named-events table knows ("the Korean War")."""
    pattern, _rows = compiled()
    lo, hi = m.start("t"), m.end("t")
    return any(
        n.start() <= lo and hi <= n.end()
        for n in pattern.finditer(sent.text, max(0, lo - 60), hi + 5)
    )


def _transfer_ok(m: re.Match[str], sent: Sentence, ctx: EventContext) -> bool:
    """'... submarine technology with Australia, which Britain acquired': a weapon before."""
    s = sent.text
    if s[m.start() : m.start() + 5] != "which":
        return True
    return bool(MIL_OBJECT_RE.search(s[max(0, m.start() - 90) : m.start()]))


def _visit_ok(m: re.Match[str], sent: Sentence, ctx: EventContext) -> bool:
    s, tl = sent.text, m.group("t").lower()
    if tl in ("hosted", "welcomed", "received"):
        # "Biden hosted Modi": a visit when a leader is the one received.
        t_abs = sent.start + m.end("t")
        if not any(
            x.kind == PERSON and 0 <= x.start - t_abs <= 45 and x.person in ctx.mentions.leaders
            for x in ctx.mentions.in_sentence(sent.index)
        ):
            return False
    if tl in ("arrived", "landed") and not _arriving_person(m, sent, ctx):
        return False  # "arrived in X": a visit only when a person or a delegation arrives
    before = s[: m.start("t")]
    return not re.search(r"\b(?:exchanged|exchange|reciprocal)\b", before[-40:], _I)


def _arriving_person(m: re.Match[str], sent: Sentence, ctx: EventContext) -> bool:
    if _ARRIVING_SUBJECT.search(sent.text[max(0, m.start() - 80) : m.start()]):
        return True
    t_abs = sent.start + m.start("t")
    return any(
        x.kind == PERSON and 0 <= t_abs - x.end <= 80 for x in ctx.mentions.in_sentence(sent.index)
    )


def _meeting_ok(m: re.Match[str], sent: Sentence, ctx: EventContext) -> bool:
    """Not a 'meeting with the press'; not an infinitive 'to meet' (except a chronology
    line's purpose: "flies to Washington to meet Bill Clinton")."""
    before = sent.text[: m.start("t")]
    if sent.index in ctx.chronology and TRIP_TO_MEET.search(before[-120:]):
        return True
    return not re.search(r"\bto\s+$", before[-4:])


def _talks_ok(m: re.Match[str], sent: Sentence, ctx: EventContext) -> bool:
    return not _TALKS_NOT.search(sent.text[m.start("t") :]) and _meeting_ok(m, sent, ctx)


_CHECKS: dict[str, Check] = {
    "armed_clash": _clash_ok, "war": _war_ok, "arms_transfer": _transfer_ok,
    "state_visit": _visit_ok, "meeting": _talks_ok, "summit_meeting": _meeting_ok,
}  # fmt: skip


def context_ok(etype: str, m: re.Match[str], sent: Sentence, ctx: EventContext) -> bool:
    check = _CHECKS.get(etype)
    return check is None or check(m, sent, ctx)


def plural_skip(etype: str, m: re.Match[str], sent: Sentence) -> bool:
    """'four wars', 'several visits', 'eight notes verbale': counts are not one event."""
    if etype not in ("war", "state_visit", "diplomatic_protest", "armed_clash", "summit_meeting"):
        return False
    word = m.group("t").lower()
    if not (word.endswith("s") or word.endswith("verbale")):
        return False
    return bool(_PLURAL_COUNT.search(sent.text[: m.start("t")][-30:]))
