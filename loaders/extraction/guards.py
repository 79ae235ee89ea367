"""Words that make what follows them planned, hypothetical, negated or stopped: "will visit",
"plans to sign", "readied sanctions", "not attack", "frozen talks". A trigger within four
words after one of them (nine after will/would, or right after an infinitive "to") is not
an event that happened."""

from __future__ import annotations

import re

from loaders.extraction.lexicon_data import words

GUARD_WORDS = words(
    "will would could may might shall should can cannot can't won't plan plans planned "
    "planning intend intends intended intention intentions expected set ready seeking seek "
    "seeks want wants wanted hope hopes hoping threaten threatened threatens threatening "
    "vow vowed vows vowing pledge pledged pledges pledging not never no readied readies "
    "readying preparing prepared prepares considering consider proposed propose proposal "
    "upcoming next future possible potential likely avoid prevent preventing risk risks "
    "prospect threat fear fears if whether without denying denied deny aim aims eyeing mull "
    "mulling mulled mulls any frozen froze freeze freezes suspend suspended suspends halt "
    "halted halts postpone postponed postpones cancel canceled cancelled cancels stalled "
    "collapsed ahead scheduled due blames blamed blaming accuses accused accusing poised"
)
# "ordered (military) strikes": the order, not the strikes; but "ordered its air space
# closed" is the closure, so only right before the trigger
_ORDERS = frozenset({"ordered", "orders", "authorized", "authorised", "authorizes", "authorises"})
_GUARD_PAIRS = frozenset(
    {("called", "for"), ("calls", "for"), ("call", "for"), ("need", "for"), ("push", "for"),
     ("aimed", "at"), ("called", "off"),
     ("condition", "that"), ("provided", "that")}
)  # fmt: skip
_MODALS = frozenset({"will", "would", "won't", "shall", "'ll", "’ll"})
_PAST_AGREE = frozenset({"agreed", "decided", "voted", "moved", "began", "started", "sought"})
_AGREEMENT = frozenset({"agreement", "deal", "accord"})
_STRIP = "\"'“”‘’(),;:"


def _words_before(before: str) -> list[str]:
    # "May" with a capital is the month ("in May 1989"), not the modal.
    out = [w.strip(_STRIP).lower() for w in before[-120:].split() if w.strip(_STRIP) != "May"]
    return [w for w in out if w]


def _infinitive(words: list[str]) -> bool | None:
    """True after an infinitive "to" ("to visit", "to officially recognise"); False after
    "agreed to" (the agreement happened); None when no "to" is near."""
    if "to" not in words[-3:]:
        return None
    k = len(words) - 1 - words[::-1].index("to")
    if k > 0 and words[k - 1] in _PAST_AGREE:
        return False
    if k == len(words) - 1 or (k == len(words) - 2 and words[-1].endswith("ly")):
        return True
    return None


def guard_in(before: str) -> bool:
    """True when the words just before a trigger make it planned, hypothetical or negated."""
    all_words = _words_before(before)
    if not all_words:
        return False
    if any(w in _MODALS for w in all_words[-9:]):
        return True  # "will on Monday begin a state visit"
    recent = all_words[-5:]
    if "to" in recent[-2:] and any(w in _AGREEMENT for w in all_words[-9:-1]):
        return False  # "an agreement between them on Friday to restore ties": it happened
    infinitive = _infinitive(recent)
    if infinitive is not None:
        return infinitive
    if any(w in GUARD_WORDS for w in recent[-4:]) or any(w in _ORDERS for w in recent[-2:]):
        return True
    return any((a, b) in _GUARD_PAIRS for a, b in zip(recent[-5:], recent[-4:], strict=False))


# "Modi flies to Egypt on Saturday", "Xi visits Moscow next week": a present-tense verb with
# a weekday or a coming period is a schedule, not a report (a chronology line's present is
# history, and is not asked).
_SCHEDULED_WHEN = re.compile(
    r"\b(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\bnext\s+(?:week|month)\b|"
    r"\blater\s+this\s+(?:week|month)\b"
)
_PRESENT_THIRD = re.compile(r"^[a-z]+[^s]s$|^[a-z]+sses$", re.IGNORECASE)


_TRAVELS = re.compile(r"\b(?:flies|travels|heads|leaves|departs|goes|arrives)\b")


def scheduled(verb: str | None, before: str, after: str) -> bool:
    """A verb in the present (third person) dated by a weekday or a coming period; a noun
    after such a trip ("flies to Egypt on Saturday for a two-day visit")."""
    if not _SCHEDULED_WHEN.search(after[:80]) and not (
        verb is None and _SCHEDULED_WHEN.search(before[-80:])
    ):
        return False
    if verb is not None:
        return bool(_PRESENT_THIRD.match(verb))
    return bool(_TRAVELS.search(before[-80:]))
