"""The parser backoff (issue 27, item 5; optional): events the trigger rules do not find,
read from a dependency parse of the sentences that name two actors and hold a verb of the
frames in `data/verb_frames.json`. The verb's subject gives the doer, its object (or the
object of a listed preposition) the other side: "Venezuela said it was expelling all
Colombian diplomats", "China downgraded diplomatic relations with Lithuania". The date,
tense and confidence signals come from the same code as the rules' events
(`event_candidates`), with the family "parsed"."""

from __future__ import annotations

import os
import re

from loaders.extraction.clauses import PAIR_ANAPHOR, actors, clause_bounds, codes
from loaders.extraction.event_adjust import meeting_type
from loaders.extraction.event_candidates import Trigger, build_candidate, with_parties
from loaders.extraction.event_model import EventCandidate, EventContext
from loaders.extraction.event_participants import previous_actors
from loaders.extraction.event_splits import ACTS
from loaders.extraction.mention_model import ORGANIZATION, PERSON, STATE, Mention
from loaders.extraction.parse_model import Parse, SentenceParser, Token
from loaders.extraction.parse_roles import conjuncts, happened, objects, phrase, subject
from loaders.extraction.sentences import Sentence
from loaders.extraction.verb_frames import Frame, Frames, load_frames
from ontology.namespace import DIRECTED_EVENT_TYPES

SKIP_COVERED = not os.environ.get("NOSKIP")
_WORD = re.compile(r"[a-z][a-z'-]*")
_THEY = re.compile(r"\b(?:[Tt]hey|[Bb]oth)\b")
# An object noun's other side may hang on the verb: "held talks in Beijing with X".
_NOUN_PREPS = ("with", "on", "against", "to", "from", "between", "into", "in")
# Organizations take part only where they act as one (as in the trigger rules).
_ORG_TYPES = frozenset({"alliance_formed", "sanctions", "veto"})
_PEOPLE = frozenset(
    {
        "president", "minister", "premier", "secretary", "chancellor", "king", "queen", "emir",
        "prince", "sheikh", "leader", "envoy", "ambassador", "diplomat", "official",
        "counterpart", "ruler", "monarch", "sultan", "vice", "chief",
    }
)  # fmt: skip


def parsed_events(
    parser: SentenceParser, ctx: EventContext, found: list[EventCandidate]
) -> list[EventCandidate]:
    """Events of the frames the rules did not find: not in a sentence where a rule already
    found an event of the same participants (the rules' type is the better read)."""
    frames = load_frames()
    covered = {(c.sentence.index, frozenset(c.participants)) for c in found}
    todo = [s for s in ctx.sentences if _worth_parsing(ctx, s, frames)]
    if not todo:
        return []
    out: list[EventCandidate] = []
    for sent, parse in zip(todo, parser.parse([s.text for s in todo]), strict=True):
        out.extend(
            c
            for c in _sentence_events(ctx, sent, parse, frames)
            if (sent.index, frozenset(c.participants)) not in covered
        )
    return out


def _worth_parsing(ctx: EventContext, sent: Sentence, frames: Frames) -> bool:
    named = codes(actors(ctx.mentions.in_sentence(sent.index), with_orgs=True))
    if len(named) < 2 and not (_THEY.search(sent.text) or PAIR_ANAPHOR.search(sent.text)):
        return False
    return not frames.forms.isdisjoint(_WORD.findall(sent.text.lower()))


def _sentence_events(
    ctx: EventContext, sent: Sentence, parse: Parse, frames: Frames
) -> list[EventCandidate]:
    by_token = _token_mentions(sent, parse, actors(ctx.mentions.in_sentence(sent.index), True))
    present_ok = sent.index in ctx.chronology
    out: list[EventCandidate] = []
    for tok in parse.tokens:
        if tok.pos != "VERB" or tok.lemma not in frames.by_lemma:
            continue
        for frame in frames.by_lemma[tok.lemma]:
            if not happened(parse, tok.i, present_ok, frame.under):
                continue
            read = _read_frame(ctx, parse, tok, frame, by_token, sent)
            if read is not None:
                out.extend(_candidates(ctx, sent, tok, *read))
                break
    return out


def _token_mentions(sent: Sentence, parse: Parse, mentions: list[Mention]) -> dict[int, Mention]:
    out: dict[int, Mention] = {}
    for m in mentions:
        s, e = m.start - sent.start, m.end - sent.start
        for t in parse.tokens:
            if t.start < e and s < t.end:
                out[t.i] = m
    return out


def _mentions(tokens: list[int], by_token: dict[int, Mention]) -> list[Mention]:
    out: list[Mention] = []
    for i in tokens:
        m = by_token.get(i)
        if m is not None and m not in out:
            out.append(m)
    return out


def _event_type(parse: Parse, frame: Frame, heads: list[Token]) -> tuple[str | None, list[Token]]:
    """The frame's type and the object heads that carry it: an object noun of the frame's
    classes ("imposed sanctions"), else any object for a frame with a type of its own."""
    if frame.objects:
        for head in heads:
            for noun in conjuncts(parse, head):
                if noun.lemma in frame.objects:
                    return frame.objects[noun.lemma], [head]
        return None, []
    return frame.type, heads


def _read_frame(
    ctx: EventContext,
    parse: Parse,
    tok: Token,
    frame: Frame,
    by_token: dict[int, Mention],
    sent: Sentence,
) -> tuple[str, list[Mention], list[Mention]] | None:
    """(type, doers, other side) when the verb fills the frame."""
    if frame.needs and not any(w in sent.text.lower() for w in frame.needs):
        return None
    preps = frame.preps + (_NOUN_PREPS if frame.objects else ())
    etype, heads = _event_type(parse, frame, objects(parse, tok.i, preps))
    doer = subject(parse, tok.i)
    if etype is None or doer is None or not _subject_fits(frame, doer, by_token):
        return None
    doers = _doers(parse, doer, by_token) or _anaphoric(ctx, sent, parse, doer)
    others = _other_side(parse, frame, heads, by_token)
    if frame.object == "person" and not any(m.kind == PERSON for m in others):
        return None
    if frame.object == "organization" and not any(m.kind == ORGANIZATION for m in others):
        return None
    return (etype, others, doers) if frame.reverse else (etype, doers, others)


def _doers(parse: Parse, doer: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """The doer phrase's mentions, without the people an apposition names beside it
    ("Kissinger, Nixon's adviser, flew": Nixon did not fly; his state still counts)."""
    aside = {j for a in parse.kids(doer.i, "appos") for j in parse.subtree(a.i)}
    found = _mentions(phrase(parse, doer, preps=False), by_token)
    return [m for m in found if m.kind != PERSON or not _inside(m, aside, by_token)]


def _inside(m: Mention, tokens: set[int], by_token: dict[int, Mention]) -> bool:
    return any(by_token.get(i) is m for i in tokens)


def _anaphoric(ctx: EventContext, sent: Sentence, parse: Parse, doer: Token) -> list[Mention]:
    """'They', 'both', 'the two countries' as the doer: the two actors of the sentence, else
    of the nearest earlier sentence that names two, as anaphor mentions at the doer's place."""
    words = " ".join(parse.tokens[i].text for i in phrase(parse, doer, preps=False))
    if doer.lemma not in ("they", "both") and not PAIR_ANAPHOR.search(words):
        return []
    here = codes(actors(ctx.mentions.in_sentence(sent.index)))
    start = sent.start + doer.start
    return [
        Mention(start, start + len(doer.text), doer.text, STATE, code, "anaphor", sent.index)
        for code in (here[:2] if len(here) >= 2 else previous_actors(ctx, sent.index))
    ]


def _subject_fits(frame: Frame, doer: Token, by_token: dict[int, Mention]) -> bool:
    if frame.subject != "person":
        return True
    m = by_token.get(doer.i)
    return (m is not None and m.kind == PERSON) or doer.lemma in _PEOPLE or doer.pos == "PROPN"


def _other_side(
    parse: Parse, frame: Frame, heads: list[Token], by_token: dict[int, Mention]
) -> list[Mention]:
    """The mentions of the object phrases; for a condemnation, only the agent of the act
    condemned when it has one ("condemned an attack by Israel on ... Syria")."""
    tokens = [i for h in heads for i in phrase(parse, h)]
    found = _mentions(tokens, by_token)
    if frame.object == "agent":
        by = [p.i for i in tokens if _is_by(parse.tokens[i]) for p in parse.kids(i, "pobj")]
        agents = _mentions([j for b in by for j in parse.subtree(b)], by_token)
        return agents or found
    return found


def _is_by(t: Token) -> bool:
    return t.dep == "agent" or (t.dep == "prep" and t.lemma == "by")


def _sides(etype: str, doers: list[Mention], others: list[Mention]) -> list[list[str]]:
    """The participant lists: one per doer and target for acts each state does on its own
    (`event_splits.ACTS`), else one event of all; none without two sides."""
    keep_orgs = etype in _ORG_TYPES
    first = codes([m for m in doers if keep_orgs or m.kind != ORGANIZATION])
    second = codes([m for m in others if keep_orgs or m.kind != ORGANIZATION])
    second = [c for c in second if c not in first]
    if etype in ACTS or etype in DIRECTED_EVENT_TYPES:
        return [[a, b] for a in first for b in second] if etype in ACTS else _joint(first, second)
    both = first + second  # "Turkey and Russia agreed to restore relations"
    return [both] if len(both) >= 2 else []


def _joint(first: list[str], second: list[str]) -> list[list[str]]:
    """A directed act of several doers together: one event, the doers first."""
    return [first + second] if first and second else []


def _candidates(
    ctx: EventContext,
    sent: Sentence,
    tok: Token,
    etype: str,
    doers: list[Mention],
    others: list[Mention],
) -> list[EventCandidate]:
    splits = _sides(etype, doers, others)
    m = re.compile(rf"(?P<t>(?P<v>{re.escape(tok.text)}))").match(sent.text, tok.start)
    if not splits or m is None:
        return []
    clause = clause_bounds(sent.text, tok.start)
    if etype == "meeting":
        etype = meeting_type(ctx, sent, clause, tok.start, doers + others)
    trig = Trigger(etype, m, clause, splits[0], doers + others, False, splits, family="parsed")
    cand = build_candidate(ctx, sent, trig, [trig])
    return [with_parties(cand, parties) for parties in splits]
