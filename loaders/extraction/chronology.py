"""Chronologies and fact boxes: lines led by a date ("1961: ...", "March 2018 - ...", a
"2023" heading over "July 27 - ..." items, a paragraph opening "In 2000, ...").

- A month or day given without a year inside such a line or paragraph takes the year of
  the line or of the last dated heading, not a year guessed from the publication date (a
  list under "2023" in an article of October 2024: "March 5" is 2023-03-05).
- The context carries from line to line while lines are led by dates and resets at the
  first paragraph that is not.
- List lines ("date: ...", "date - ...", and the lines under a heading) tell history in the
  present tense ("China and North Korea sign a friendship treaty"): the events rules read
  them with the present-tense triggers of `data/chronology_triggers.json`, as past events.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from loaders.extraction import dates as dt
from loaders.extraction.sentences import Sentence

_BEFORE_LEAD = re.compile(r"[\s\-–—•*·]*(?:(?P<intro>In|On|By)\s+)?")
_LIST_SEP = re.compile(r"\s*(?::|\s[-–—]|[-–—]\s)")
_PROSE_SEP = re.compile(r"\s*,")
LIST, HEADING, PROSE = "list", "heading", "prose"


@dataclass
class _State:
    year: str | None = None  # the year of the last dated line or heading
    listing: bool = False  # lines are list items (present tense allowed)
    paragraph: int = -1  # the paragraph the context was last confirmed in
    date: str | None = None  # the date of the last led line or heading
    heading_open: bool = False  # a heading line waits for its body paragraph


def leading(
    text: str, sent: Sentence, ds: list[dt.DateMention]
) -> tuple[dt.DateMention, str] | None:
    """The date a sentence opens with, and how: a list line, a heading, 'In 2000, ...'."""
    first = next((d for d in ds if d.value and d.kind in (dt.ABSOLUTE, dt.RELATIVE)), None)
    if first is None:
        return None
    if first.kind == dt.RELATIVE and not first.yearless:
        return None  # "On Tuesday, ..." is news prose, not a chronology
    if _own_line(text, sent, first):
        return first, HEADING  # "1961", or "Relations broken\n1961": a date heading
    m = _BEFORE_LEAD.fullmatch(text, sent.start, first.start)
    if m is None:
        return None
    if not m.group("intro") and _LIST_SEP.match(text, first.end):
        return first, LIST
    if m.group("intro") == "In" and not first.yearless and _PROSE_SEP.match(text, first.end):
        return first, PROSE
    return None


def _own_line(text: str, sent: Sentence, d: dt.DateMention) -> bool:
    """A date alone on its line ("1961", "October 1960", "2023:")."""
    line_start = max(text.rfind("\n", sent.start, d.start) + 1, sent.start)
    line_end = text.find("\n", d.end, sent.end)
    line_end = sent.end if line_end < 0 else line_end
    before, after = text[line_start : d.start], text[d.end : line_end]
    return not before.strip(" -–—•*·") and not after.strip(" .:-–—")


def chronology(
    text: str, sentences: list[Sentence], found: list[dt.DateMention]
) -> tuple[dict[int, str | None], list[dt.DateMention]]:
    """The sentences that are chronology list items (with the date of their line or
    heading), and the dates with list years applied."""
    found = [_year_month(text, d) for d in found]
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[int]] = {}
    for i, d in enumerate(found):
        by_sentence.setdefault(bisect.bisect_right(starts, d.start) - 1, []).append(i)
    out = list(found)
    listed: dict[int, str | None] = {}
    state = _State()
    for sent in sentences:
        ds = [found[i] for i in by_sentence.get(sent.index, [])]
        lead = leading(text, sent, ds)
        _advance(state, sent, lead)
        if state.year is None:
            continue
        for i in by_sentence.get(sent.index, []):
            if found[i].yearless:
                out[i] = _with_year(found[i], state.year)
        if state.listing:
            listed[sent.index] = state.date
    return listed, out


def _advance(state: _State, sent: Sentence, lead: tuple[dt.DateMention, str] | None) -> None:
    """Move the year context on by one sentence: set by a led line, kept within its
    paragraph and by the yearless lines that follow it, reset by any other paragraph."""
    if lead is None:
        if sent.paragraph != state.paragraph and state.heading_open:
            state.heading_open, state.paragraph = False, sent.paragraph  # the heading's body
        elif sent.paragraph != state.paragraph:
            state.year, state.listing, state.date = None, False, None
        return
    d, style = lead
    if not d.yearless:
        state.year = d.value[:4]
    elif sent.paragraph != state.paragraph and not state.listing:
        state.year = None  # "July 27 - ..." with no heading above: the guessed year stands
    state.listing = style != PROSE and state.year is not None
    state.date = _with_year(d, state.year).value if state.year and d.yearless else d.value
    state.heading_open = style == HEADING
    state.paragraph = sent.paragraph


_MONTH_AFTER = re.compile(
    r"\s+(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?=\s*(?::|[-–—]))"
)


def _year_month(text: str, d: dt.DateMention) -> dt.DateMention:
    """'2001 December - ...' (a timeline's year-first style) is December 2001."""
    if d.kind != dt.ABSOLUTE or len(d.value) != 4:
        return d
    m = _MONTH_AFTER.match(text, d.end)
    if m is None:
        return d
    month = dt.MONTHS[m.group(1).lower()]
    return replace(d, end=m.end(), text=text[d.start : m.end()], value=f"{d.value}-{month:02d}")


def _with_year(d: dt.DateMention, year: str) -> dt.DateMention:
    value = "/".join(year + part[4:] for part in d.value.split("/"))
    return replace(d, value=value)
