"""Mentions of non-state actors (ontology/reference/actors.json): which name matches count,
and the phrases that refer back to them. The word lists are data
(`data/actor_names.json`):

- an alias that is also a common word or another body's initials ("Wagner", "LeT", "ETA",
  "IRA", "KIA", "ADF") counts only right before a cue word ("Wagner fighters", "IRA
  gunmen") or once the actor was named earlier in the article ("the Wagner Group ...
  Wagner");
- a name before a hyphenated modifier ("a Hamas-run ministry", "a Wagner-style force",
  "the Iran-backed movement") is not an actor of its clause (the article still names it);
- "the group", "the militants", "the rebels", "the militia", "the Iran-backed movement"
  refer to the last actor named in the paragraph (else in the paragraph before);
- initials the article defines in brackets after a name ("the Islamic State (IS)") name
  that actor for the rest of the article.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from pathlib import Path

from loaders.extraction import lexicon as lx
from loaders.extraction.mention_model import ACTOR, MODIFIER, STATE, Mention, Mentions
from loaders.extraction.sentences import Sentence

_DATA = json.loads(Path(__file__).with_name("data").joinpath("actor_names.json").read_text())
CONTEXT_ALIASES: frozenset[str] = frozenset(row["alias"] for row in _DATA["context"])
CUE_WORDS: frozenset[str] = frozenset(_DATA["cue_words"])
CUE_WORDS_BEFORE: frozenset[str] = frozenset(_DATA["cue_words_before"])
_CUE_AFTER = re.compile(r"(?:['’]s)?[ \t]+([A-Za-z]+)")
_CUE_BEFORE = re.compile(r"\b([A-Za-z]+)[ \t]+$")
_SUFFIXES = "|".join(_DATA["modifier_suffixes"])
_NOUNS = "|".join(_DATA["anaphors"])
MODIFIER_AFTER = re.compile(rf"-(?:{_SUFFIXES})\b")
ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:(?!(?:and|or|of|in|on|at|by|to|with)\b)[\w’'-]+\s+){0,2}?"
    rf"(?:{_NOUNS})\b(?!\s+of\b)"
)


class ActorScan:
    """The actors named so far in one article (for the context rule)."""

    def __init__(self, text: str, out: Mentions) -> None:
        self.text = text
        self.out = out
        self.named: set[str] = set()


def actor_match(scan: ActorScan, start: int, end: int, entry: lx.Entry, sent: Sentence) -> None:
    """One name match of a non-state actor: a mention, a modifier, or nothing."""
    text, key, code = scan.text, scan.text[start:end], entry.code
    flagged = key in CONTEXT_ALIASES
    if flagged and code not in scan.named and not _cue(text, start, end):
        return
    scan.out.actors.setdefault(code, start)
    if MODIFIER_AFTER.match(text, end):
        return
    scan.named.add(code)
    scan.out.mentions.append(Mention(start, end, key, ACTOR, code, lx.ACTOR, sent.index))


_DEFINED = re.compile(r"[ \t]*\([ \t]*([A-Z]{2,6})[ \t]*\)")


def defined_initials(scan: ActorScan, sentence_of: Callable[[int], Sentence]) -> None:
    """'It rebrands itself the Islamic State (IS)': later 'IS' is that actor. Initials are
    read only after such a definition, never from the reference data (too many are words)."""
    text = scan.text
    for m in [m for m in scan.out.mentions if m.kind == ACTOR]:
        d = _DEFINED.match(text, m.end)
        if d is None:
            continue
        entry = lx.Entry(lx.ACTOR, m.code or "", d.group(1))
        for hit in re.finditer(rf"\b{d.group(1)}\b", text[d.end() :]):
            start, end = d.end() + hit.start(), d.end() + hit.end()
            if not scan.out.overlaps(start, end):
                actor_match(scan, start, end, entry, sentence_of(start))


def _cue(text: str, start: int, end: int) -> bool:
    """A cue word right after the name ("Wagner fighters") or right before it ("the
    mercenary company Wagner")."""
    m = _CUE_AFTER.match(text, end)
    if m and m.group(1) in CUE_WORDS:
        return True
    b = _CUE_BEFORE.search(text, max(0, start - 30), start)
    return bool(b and b.group(1) in CUE_WORDS_BEFORE)


def is_modifier(text: str, end: int) -> bool:
    """A state's name used as a modifier ("Iran-backed", "US-run"): named, not a party."""
    return bool(MODIFIER_AFTER.match(text, end))


def actor_anaphors(
    text: str, out: Mentions, sentences: list[Sentence], of: Callable[[int], Sentence]
) -> None:
    """'The group', 'the militants': the last actor named in the paragraph (or the one
    before). `of(offset)` is the sentence holding an offset. Lookups are by binary search,
    so a text of many names and anaphors stays linear."""
    named = sorted((m for m in out.mentions if m.kind == ACTOR), key=lambda m: m.start)
    if not named:
        return
    named_starts = [m.start for m in named]
    taken = _Spans([m for m in out.mentions if m.kind != STATE])
    states = _Spans([m for m in out.mentions if m.kind == STATE])
    for m in ANAPHOR.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        sent = of(m.start())
        i = bisect.bisect_left(named_starts, m.start()) - 1
        if i < 0 or sent.paragraph - sentences[named[i].sentence].paragraph > 1:
            continue
        for state in states.inside(m.start(), m.end()):
            state.via = MODIFIER  # "the Iran-backed movement": Iran is named, not a party
        out.mentions.append(
            Mention(m.start(), m.end(), m.group(0), ACTOR, named[i].code, "anaphor", sent.index)
        )


class _Spans:
    """Mentions sorted by offset (they do not overlap one another)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.mentions[i].end > start

    def inside(self, start: int, end: int) -> list[Mention]:
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return self.mentions[lo:hi]


def shorter_actor(
    lex: lx.Lexicon, text: str, start: int, end: int
) -> tuple[int, tuple[lx.Entry, ...]]:
    """A match that runs into a longer word ("Janjaweed militia" in "Janjaweed militias"):
    the longest shorter actor key that ends at a word boundary, as (end, entries)."""
    cut = text.rfind(" ", start, end)
    while cut > start:
        entries = lex.entries(text[start:cut])
        if entries and all(e.kind == lx.ACTOR for e in entries):
            return cut, entries
        cut = text.rfind(" ", start, cut)
    return end, ()
