"""One event per actor where the text lists several: "Saudi Arabia, the UAE, Bahrain and
Egypt cut ties with Qatar" is four severances; "Israel signed agreements with the UAE and
Bahrain" is two treaties. Acts a state does on its own (cutting ties, protesting, sanctions,
arms deliveries) split by subject; ties and plural agreements split by partner."""

from __future__ import annotations

import re

from loaders.extraction.clauses import codes
from loaders.extraction.mention_model import Mention

_I = re.IGNORECASE
ACTS = frozenset(
    {"diplomatic_relations_severed", "diplomatic_protest", "sanctions", "arms_transfer"}
)
_BILATERAL = frozenset({"diplomatic_relations_established", "diplomatic_relations_severed"})
_PLURAL_DEALS = re.compile(r"\b(?:agreements|treaties|accords|deals|pacts)\b", _I)
_COORDINATION = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?", _I)
_GOVERNED = re.compile(r"\b(?:to|on|against|into|with|from|in|of|by)\s+(?:the\s+)?$", _I)


def _runs(text: str, before: list[Mention], base: int) -> list[list[Mention]]:
    """Mentions joined by commas and 'and' ("Saudi Arabia, the UAE, Bahrain and Egypt")."""
    runs: list[list[Mention]] = []
    for m in before:
        if runs and _COORDINATION.fullmatch(text[runs[-1][-1].end - base : m.start - base]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def subjects(text: str, before: list[Mention], base: int = 0) -> list[str]:
    """The states listed as the subject before a trigger: the last run of coordinated
    mentions not governed by a preposition. `text` starts at offset `base` of the article."""
    for run in reversed(_runs(text, before, base)):
        start = run[0].start - base
        if not _GOVERNED.search(text[max(0, start - 12) : start]):
            return codes(run)
    return []


def split_parties(
    text: str,
    etype: str,
    chosen: list[Mention],
    t_start: int,
    match_text: str,
    found: list[str],
    anaphoric: bool = False,
) -> list[list[str]]:
    """The participant lists of the events one trigger stands for (usually just `found`).
    `anaphoric`: the subject is "both countries", "the two governments" (the states that
    no mention of the sentence gives)."""
    subject = subjects(text, [m for m in chosen if m.end <= t_start])
    if anaphoric and not subject:
        subject = [c for c in found if c not in codes(chosen)]
    others = [c for c in found if c not in subject]
    if etype in ACTS and len(subject) >= 2 and others:
        return [[s, *others] for s in subject]
    bilateral = etype in _BILATERAL or (
        etype == "treaty_signed" and bool(_PLURAL_DEALS.search(match_text))
    )
    if bilateral and len(subject) == 1 and len(others) >= 2 and found[0] == subject[0]:
        return [[subject[0], other] for other in others]
    return [found]
