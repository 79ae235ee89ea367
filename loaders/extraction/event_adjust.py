"""Adjustments to a trigger's participants and guards: the broker of ties 'between X and Y'
is no party, the envoy named in a summons is its target, a noun named by a past year is a
past event whatever the verb says, and the target of an expulsion the sentence leaves
implied ("Germany, France and Poland each expelled four diplomats" after "60 Russian
officials") comes from the sentences before."""

from __future__ import annotations

import re

from loaders.extraction.clauses import LEADERS_ANAPHOR
from loaders.extraction.event_model import EventContext
from loaders.extraction.event_splits import subjects
from loaders.extraction.lexicon import STATE_DEMONYM as DEMONYM
from loaders.extraction.mention_model import ORGANIZATION, PERSON, STATE, Mention
from loaders.extraction.sentences import Sentence

_BETWEEN = re.compile(r"\bbetween\s+")


def past_year_named(ctx: EventContext, m: re.Match[str]) -> bool:
    """'have not met since the 2019 summit': a noun named by a past year is a past event;
    the guard belongs to the verb."""
    year = m.groupdict().get("y")
    return bool(year and year.isdigit() and ctx.anchor and int(year) < ctx.anchor.year)


def between_pair(
    sent: Sentence, chosen: list[Mention], a_start: int, found: list[str]
) -> list[str]:
    """Ties between the pair a 'between X and Y' before the trigger names: a broker who
    'hosted talks between Iran and Saudi Arabia' is not a party to the ties."""
    pair: list[str] = []
    for b in _BETWEEN.finditer(sent.text, 0, a_start - sent.start):
        after = [
            x.code for x in chosen if x.kind == STATE and 0 <= x.start - sent.start - b.end() <= 60
        ]
        if len(after) >= 2 and set(after[:2]) <= set(found):
            pair = after[:2]
    return pair or found


def summoned_last(found: list[str], chosen: list[Mention], a_start: int, a_end: int) -> list[str]:
    """'summoned Syrian Ambassador X', 'ordered 60 Russian officials to leave': the
    envoy's state is the target, whoever summons or expels."""
    inside = [x.code for x in chosen if x.kind != ORGANIZATION and a_start <= x.start < a_end]
    if not inside or inside[0] not in found or len(found) < 2:
        return found
    return [*(c for c in found if c != inside[0]), inside[0]]


_EXPEL = re.compile(r"\b(?:expel|threw\s+out|kicked\s+out|ordered\s+out)", re.IGNORECASE)
_NATIONALS = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:diplomats?|officials|envoys?|officers|spies|staff)\b"
)


def implied_target(
    ctx: EventContext, sent: Sentence, m: re.Match[str], chosen: list[Mention], found: list[str]
) -> list[str]:
    """'Germany, France and Poland each expelled four diplomats' after '60 Russian
    officials': the listed subjects against the diplomats' state of the sentences before."""
    t_start, t_end = sent.start + m.start("t"), sent.start + m.end("t")
    if not _EXPEL.search(m.group("t")):
        return found
    if any(x.kind == STATE and t_start <= x.start < t_end for x in chosen):
        return found  # "expelled four Russian diplomats": the sentence says whose
    target = _nationality_before(ctx, sent)
    subject = subjects(ctx.text, [x for x in chosen if x.end <= t_start])
    if target is None or not subject or target in subject:
        return found
    return [*subject, target]


def _nationality_before(ctx: EventContext, sent: Sentence) -> str | None:
    """The state of the diplomats or officials named in the two sentences before."""
    for i in range(sent.index - 1, max(-1, sent.index - 3), -1):
        for x in reversed(ctx.mentions.in_sentence(i)):
            if x.kind == STATE and x.via == DEMONYM and _NATIONALS.match(ctx.text, x.end):
                return x.code
    return None


_HEAD_NOUNS = re.compile(
    r"\b(?:leaders?|heads\s+of\s+(?:state|government)|(?<!vice\s)(?<!vice-)president|"
    r"(?<!deputy\s)prime\s+minister|premier|chancellor|king|queen|emir)\b",
    re.IGNORECASE,
)
_OFFICIALS = re.compile(
    r"\b(?:diplomats?|officials?|(?<!prime\s)ministers?|envoys?|negotiators?|delegations?|delegates|"
    r"secretary|secretaries|advisers?|advisors?|ambassadors?|generals?|commanders?)\b",
    re.IGNORECASE,
)
JOINING = re.compile(
    r"(?:joined|joins|accession|became|was\s+admitted|were\s+admitted|entered)", re.IGNORECASE
)


def joiner(chosen: list[Mention], a_start: int, a_end: int) -> list[str]:
    """'Sweden joined NATO': [the state before, the organization after]."""
    org = next((x for x in chosen if x.kind == ORGANIZATION and x.start >= a_end), None)
    subject = [x.code for x in chosen if x.kind != ORGANIZATION and x.end <= a_start]
    return [subject[-1], org.code] if org and subject else []


def meeting_type(
    ctx: EventContext, sent: Sentence, clause: tuple[int, int], t_s: int, chosen: list[Mention]
) -> str:
    """A summit when heads of state or government meet, talks when officials do."""
    s = sent.text
    heads = [x for x in chosen if x.kind == PERSON and x.head and x.person in ctx.mentions.leaders]
    in_clause = [x for x in heads if clause[0] <= x.start - sent.start < clause[1]]
    if _OFFICIALS.search(s[clause[0] : t_s]) or (not in_clause and _OFFICIALS.search(s[:t_s])):
        return "talks"
    if heads or LEADERS_ANAPHOR.search(s) or _HEAD_NOUNS.search(s[clause[0] : clause[1]]):
        return "summit_meeting"
    return "talks"


# "fought alongside South Korean troops": who fights alongside is on the doer's side.
_ALONGSIDE = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:alongside|beside|together\s+with|side\s+by\s+side\s+with)\s+"
    r"(?P<side>[^,;.]*?)(?=\s+(?:against|in|on|at|during|from|until|since)\b|[,;.]|$)",
    re.IGNORECASE,
)
FIGHTING = frozenset({"armed_clash", "war", "military_intervention"})


def fighting_alongside(sent: Sentence, a_end: int) -> tuple[int, int] | None:
    """The span of article text naming who the trigger's doer fought alongside, if any."""
    m = _ALONGSIDE.match(sent.text, a_end - sent.start)
    return (sent.start + m.start("side"), sent.start + m.end("side")) if m else None


def without_allies(
    sent: Sentence, chosen: list[Mention], a_end: int, found: list[str]
) -> list[str]:
    """The participants of a fight less those named as fighting alongside the doer:
    'French troops fought alongside British forces against Germany' is France v Germany."""
    span = fighting_alongside(sent, a_end)
    if span is None:
        return found
    allies = {x.code for x in chosen if span[0] <= x.start < span[1]}
    others = {x.code for x in chosen if not span[0] <= x.start < span[1]}
    return [c for c in found if c not in allies or c in others]
