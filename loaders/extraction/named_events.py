"""Conventionally named events ("the Korean War", "the Camp David Accords", "the Reykjavik
Summit"): a curated table (`data/named_events.json`: name, aliases, type, participants, date,
source) turns a mention of the name into the event, with the table's participants and date.

Precision rules: the article must name at least two of the event's participants itself
(a state or a leader standing for it; a successor state does not count: "the 1991 START
accord" in a text that names Russia is not the Soviet treaty), so an aside ("the war in
Ukraine" with Russia unnamed) gives nothing; a name introduced as the name of what the
sentence tells ("a framework deal known as the Camp David Accords") is not a second event;
"another Gulf War", "a new Yalta" are not the named event. Participants the article does
not name are kept on the event (the graph gets the right sides) but not listed as
states of the article (`implied`)."""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from loaders.extraction.event_model import EventCandidate, EventContext
from loaders.extraction.mention_model import PERSON, STATE
from loaders.extraction.sentences import Sentence

DATA = Path(__file__).with_name("data") / "named_events.json"
# Generic head words whose case varies in news ("the Russo-Georgian war").
_HEADS = frozenset(
    [
        "War",
        "Treaty",
        "Treaties",
        "Accord",
        "Accords",
        "Agreement",
        "Agreements",
        "Summit",
        "Conference",
        "Pact",
        "Declaration",
        "Crisis",
        "Conflict",
        "Invasion",
        "Protocol",
        "Clash",
        "Clashes",
    ]
)
_NOT_THIS = re.compile(
    r"(?:\b(?:another|a\s+new|a\s+second|a\s+third|next|future|possible|potential|any)\s+"
    r"(?:\w+\s+)?|\b(?:known\s+as|called|dubbed|named|so-called|nicknamed)\s+(?:the\s+)?|"
    r"\b(?:post|pre|anti)-)$",
    re.IGNORECASE,
)


# A superlative measured from the event is a time reference, not a report: "the deadliest
# clash between them since the Vietnam War", "the first ... since the Cold War". ("Russia
# and Georgia have not restored ties since the Russo-Georgian war" reports the war.)
_SUPERLATIVE_SINCE = re.compile(
    r"\b(?:first|last|deadliest|worst|biggest|largest|highest|lowest|most\s+\w+)\b"
    r"[^.;!?]{0,80}\bsince\s+(?:the\s+)?(?:end\s+of\s+the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NamedEvent:
    name: str
    aliases: tuple[str, ...]
    type: str
    participants: tuple[str, ...]
    date: str
    source: str


def load_table(path: Path = DATA) -> list[NamedEvent]:
    """The named-events table, as rows."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        NamedEvent(
            r["name"],
            tuple(r.get("aliases", ())),
            r["type"],
            tuple(r["participants"]),
            r["date"],
            r["source"],
        )
        for r in rows
    ]


def _name_pattern(name: str) -> str:
    """A name as a pattern: any dash for a hyphen, any apostrophe, either case of a head word."""
    parts = []
    for word in name.split():
        w = re.escape(word).replace(r"\-", "[-–—]").replace("'", "['’]")
        if word in _HEADS:
            w = f"[{word[0]}{word[0].lower()}]{re.escape(word[1:])}"
        parts.append(w)
    return r"\s+".join(parts)


@cache
def compiled(path: Path = DATA) -> tuple[re.Pattern[str], dict[str, NamedEvent]]:
    """One regex over every name and alias (longest first), and each name's row by key."""
    table = load_table(path)
    by_key: dict[str, NamedEvent] = {}
    for row in table:
        for n in (row.name, *row.aliases):
            by_key[_key(n)] = row
    names = sorted(by_key, key=len, reverse=True)
    keyed = {k: _name_pattern(_original(table, k)) for k in names}
    alternation = "|".join(keyed[k] for k in names)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])"), by_key


def _key(name: str) -> str:
    return re.sub(r"[-–—]", "-", name.replace("’", "'")).lower()


def _original(table: list[NamedEvent], key: str) -> str:
    return next(n for row in table for n in (row.name, *row.aliases) if _key(n) == key)


@cache
def _name_automaton(path: Path = DATA) -> ahocorasick.Automaton:
    """Every name and alias, normalised as `_normal` makes text (a cheap first test)."""
    auto = ahocorasick.Automaton()
    for row in load_table(path):
        for n in (row.name, *row.aliases):
            auto.add_word(_normal(n), True)
    auto.make_automaton()
    return auto


def _normal(text: str) -> str:
    return text.lower().replace("–", "-").replace("—", "-").replace("’", "'")


def _any_name(text: str) -> bool:
    """Whether the text may hold a name of the table (most articles hold none)."""
    return next(_name_automaton().iter(_normal(text)), None) is not None


def named_here(ctx: EventContext) -> set[str]:
    """The states the article names itself (or through a leader)."""
    return {m.code for m in ctx.mentions.mentions if m.kind in (STATE, PERSON) and m.code}


def named_events(ctx: EventContext) -> list[EventCandidate]:
    """An event for each mention of a named event whose participants the article names
    (one scan of the whole text: most articles name none)."""
    pattern, by_key = compiled()
    if not _any_name(ctx.text):
        return []
    starts = [sent.start for sent in ctx.sentences]
    here: set[str] | None = None
    out: list[EventCandidate] = []
    for m in pattern.finditer(ctx.text):
        row = by_key.get(_key(re.sub(r"\s+", " ", m.group(0))))
        index = bisect.bisect_right(starts, m.start()) - 1
        if (
            row is None
            or index < 0
            or _NOT_THIS.search(ctx.text, max(0, m.start() - 30), m.start())
            or _SUPERLATIVE_SINCE.search(ctx.text, max(0, m.start() - 120), m.start())
        ):
            continue
        here = named_here(ctx) if here is None else here
        if len(here & set(row.participants)) >= 2:
            out.append(_candidate(ctx.sentences[index], m, row, here))
    return out


def _candidate(sent: Sentence, m: re.Match[str], row: NamedEvent, here: set[str]) -> EventCandidate:
    """The event a mention stands for, dated and with the sides the table gives."""
    cand = EventCandidate(
        row.type, list(row.participants), row.date, "own", sent, m.start(), m.end(), 0.75, True
    )
    cand.invasion = row.type == "military_intervention" and "invasion" in row.name.lower()
    cand.extra["named"] = row.name
    cand.extra["implied"] = ",".join(p for p in row.participants if p not in here)
    return cand
