"""An event candidate from a trigger: its date (own sentence or carried), its tense, its
signals for the confidence model. Shared by the trigger rules (`events`) and the parser
backoff (`parsed_events`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from loaders.extraction.clauses import actors, codes
from loaders.extraction.event_checks import INVASION_WORDS
from loaders.extraction.event_dating import date_for, written_date
from loaders.extraction.event_model import EventCandidate, EventContext
from loaders.extraction.mention_model import Mention
from loaders.extraction.sentences import Sentence

_I = re.IGNORECASE

_HELD_AFTER = re.compile(
    r"^\s*(?:\S+\s+){0,2}?(?:held|took\s+place|was\s+held|were\s+held|began|opened|ended)\b", _I
)
_PERFECT_BEFORE = re.compile(r"\b(?:has|have|'ve|’ve)\s+(?:\w+\s+){0,4}$", _I)
# "have condemned the invasion, imposed sanctions ... and supplied arms": one perfect
_PERFECT_LIST = re.compile(
    r"\b(?:has|have|'ve|’ve)\s+(?:\w+\s+){0,2}?\w+(?:ed|en|t)\b[^.;:]*(?:,|\band)\s+$",
    _I,
)
_PAST_PERFECT_BEFORE = re.compile(r"\bhad\s+(?:\w+\s+){0,1}$", _I)
_PAST_VERB = re.compile(
    r"(?<!\bhas )(?<!\bhave )(?<!\bhad )\b(?:\w{2,}ed|met|cut|held|took|made|came|went|fought|"
    r"broke|began|sent|gave|struck|won|led|saw|joined|was|were|flew|spoke|sought|told|said)\b"
)


@dataclass
class Trigger:
    etype: str
    m: re.Match[str]
    clause: tuple[int, int]
    codes: list[str]
    chosen: list[Mention]
    container: bool  # "during the visit", "at the summit", a war: shares its date
    splits: list[list[str]]  # participants of each event the trigger stands for
    implied: list[str] = field(default_factory=list)  # a venue's state the text does not name
    family: str = "core"  # the trigger patterns' family (event_triggers.FAMILY)


def is_past(s: str, m: re.Match[str], container: bool, perfect: bool) -> bool:
    """A simple-past verb; a noun only as a held event or a container in a past sentence."""
    groups = m.groupdict()
    t_s, t_e = m.start("t"), m.end("t")
    if groups.get("v") or groups.get("v2") or groups.get("v3"):
        return not perfect and not _PAST_PERFECT_BEFORE.search(s[max(0, t_s - 20) : t_s])
    held = bool(_HELD_AFTER.match(s[t_e:]))
    return (held or container) and bool(_PAST_VERB.search(s)) and not perfect


def candidate_date(
    ctx: EventContext, sent: Sentence, trig: Trigger, triggers: list[Trigger], perfect: bool
) -> tuple[str | None, str]:
    m = trig.m
    a_start, a_end = sent.start + m.start("t"), sent.start + m.end("t")
    written = written_date(ctx, sent, m, perfect)
    if written is not None:
        return written, "own"
    others = [(o.m.start("t"), o.m.end("t")) for o in triggers if o is not trig and not o.container]
    groups = m.groupdict()
    noun = not (groups.get("v") or groups.get("v2") or groups.get("v3")) and not trig.container
    value, source = date_for(ctx, sent, a_start, a_end, trig.clause, others, noun)
    if value is None and others and (m.groupdict().get("v") or m.groupdict().get("v2")):
        # A verb shares its sentence's date with the other events of the sentence:
        # "Gorbachev's visit to Beijing in May 1989 normalised relations".
        value, source = date_for(ctx, sent, a_start, a_end, trig.clause)
    if value is None and ctx.chronology.get(sent.index):
        return ctx.chronology[sent.index], "own"  # the date of its chronology line or heading
    if trig.etype == "war" and source != "own":
        return None, ""  # a war is placed in time by its own sentence
    return value, source


def with_parties(cand: EventCandidate, parties: list[str]) -> EventCandidate:
    if parties == cand.participants:
        return cand
    return replace(cand, participants=parties, extra=dict(cand.extra))


def build_candidate(
    ctx: EventContext, sent: Sentence, trig: Trigger, triggers: list[Trigger]
) -> EventCandidate:
    m, s = trig.m, sent.text
    t_s = m.start("t")
    a_start, a_end = sent.start + t_s, sent.start + m.end("t")
    perfect = bool(
        _PERFECT_BEFORE.search(s[max(0, t_s - 30) : t_s])
        or _PERFECT_LIST.search(s[max(0, t_s - 150) : t_s])
    )
    value, source = candidate_date(ctx, sent, trig, triggers, perfect)
    past = sent.index in ctx.chronology or is_past(s, m, trig.container, perfect)
    conf = 0.8 if source == "own" else 0.6
    cand = EventCandidate(trig.etype, trig.codes, value, source, sent, a_start, a_end, conf, past)
    cand.extra["perfect"] = "1" if perfect else ""
    cand.extra["family"] = trig.family
    named = codes(actors(ctx.mentions.in_sentence(sent.index)))
    cand.extra["inferred"] = "1" if any(c not in named for c in trig.codes) else ""
    if trig.implied:
        cand.extra["implied"] = ",".join(trig.implied)
    cand.invasion = trig.etype == "military_intervention" and bool(INVASION_WORDS.search(s))
    return cand
