"""The pair an article is about, for a trigger whose sentence names only one side ("Japan's
ambassador was summoned six times", "naval clashes have occurred"): a news story names its
two parties, then leans on the reader to carry them from sentence to sentence."""

from __future__ import annotations

import re
from collections import Counter

from loaders.extraction import date_values as dv
from loaders.extraction.clauses import actors
from loaders.extraction.mention_model import Mention, Mentions

# The two actors named most must carry this share of all actor mentions, and the second must
# be named this often at least: otherwise the article tells no single pair's story.
MIN_SHARE = 0.6
MIN_SECOND = 3
# Acts whose other side the story carries. Meetings and talks are left out (as often
# domestic: "an emergency meeting with the president"), and so are sentences that name no
# side at all ("the war was launched without UN backing" is dated by guesswork).
CARRIED_TYPES = frozenset(
    {
        "armed_clash",
        "military_intervention",
        "diplomatic_protest",
        "diplomatic_relations_severed",
        "sanctions",
    }
)


# A capitalised word just after the trigger: its object is a name ("sanctions on Pelosi",
# "captured Goma") whose side the text does not give; the story's pair would be a guess.
_NAME_AFTER = re.compile(r"[^.;:,]{0,25}?\b(?P<name>[A-Z][\w'’-]+)")
_CALENDAR = {w.capitalize() for w in (*dv.MONTHS, *dv.WEEKDAYS)}


def names_unplaced(text: str, t_end: int, named: list[Mention]) -> bool:
    """A name right after the trigger (at `t_end` in the article) that no mention covers."""
    m = _NAME_AFTER.match(text, t_end)
    if m is None or m.group("name") in _CALENDAR:
        return False
    at = m.start("name")
    return not any(x.start <= at < x.end for x in named)


def story_pair(mentions: Mentions) -> tuple[str, str] | None:
    """The two actors the article names most, when together they dominate it."""
    counts = Counter(m.code for m in actors(mentions.mentions) if m.code)
    top = counts.most_common(2)
    if len(top) < 2 or top[1][1] < MIN_SECOND:
        return None
    if (top[0][1] + top[1][1]) / sum(counts.values()) < MIN_SHARE:
        return None
    return top[0][0], top[1][0]


def fill_from_story(
    pair: tuple[str, str] | None, etype: str, found: list[str], named: list[Mention]
) -> tuple[list[str], list[str]] | None:
    """The trigger's one named side and the story's other side (added second, as implied),
    or None: no story pair, another type, or a sentence naming anyone outside the pair."""
    if pair is None or len(found) != 1 or etype not in CARRIED_TYPES:
        return None
    if found[0] not in pair or any(m.code not in pair for m in actors(named)):
        return None
    other = pair[1] if found[0] == pair[0] else pair[0]
    return [found[0], other], [other]
