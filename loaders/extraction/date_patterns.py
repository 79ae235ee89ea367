"""The date expressions the extractor reads, as named regular expressions, with the cheap
prefilters that decide which of them can occur in a sentence."""

from __future__ import annotations

import re

from loaders.extraction.date_values import MONTHS

_MONTH_FULL = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_DASH = r"\s*(?:-|–|—|to|through|until)\s*"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_UNIT = r"([Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear)"
_NOT_A_YEAR_AFTER = r"km|miles|people|troops|soldiers|tons|tonnes|metres|meters|feet"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "on this day in 1979"
    ("this_day", re.compile(rf"\b[Oo]n this day in ({YEAR})\b")),
    # "September 10-11, 2023" / "September 10-11"
    (
        "md_range",
        re.compile(
            rf"\b({MONTH})\s+({DAY}){_DASH}({DAY})\b(?:,?\s+({YEAR})\b)?(?!\s*(?:-|–)?\s*\d)"
        ),
    ),
    # "10-11 September 2023"
    ("dm_range", re.compile(rf"\b({DAY}){_DASH}({DAY})\s+({MONTH})(?:,?\s+({YEAR}))?\b")),
    # "October 6, 2024" / "Oct. 6" / "Oct 6th 2024"
    (
        "mdy",
        re.compile(rf"\b({MONTH})\s+({DAY})\b(?!\s*(?:-|–)\s*\d)(?:,?\s+({YEAR})\b)?(?![,.]?\d)"),
    ),
    # "6 October 2024" / "6 October"
    ("dmy", re.compile(rf"\b({DAY})\s+({MONTH})(?:,?\s+({YEAR}))?\b")),
    # "(early|mid|late) September 2024" / "September 2024"
    ("my", re.compile(rf"\b(?:(early|mid|late)[\s-]+)?({MONTH})\s+(?:of\s+)?({YEAR})\b")),
    # "in early January" / "last March" / "since May" (month without a year)
    (
        "m",
        re.compile(
            r"\b(?:(?i:in|since|during|until|by|of|from|last|this|early|mid|late|next|throughout)"
            r"[\s-]+)"
            rf"(?:(early|mid|late)[\s-]+)?({_MONTH_FULL})\b(?!\s+\d)"
        ),
    ),
    # "the early 1950s" / "the 1950s" / "in the mid-1990s"
    ("decade", re.compile(r"\b(?:(early|mid|late)[\s-]+)?((?:1[0-9]|20)[0-9]0)['’]?s\b")),
    # "from 1950 to 1953" / "between 1950 and 1953"
    (
        "from_to",
        re.compile(rf"\b(?:from|between)\s+({YEAR})\s+(?:to|and|until|through)\s+({YEAR})\b"),
    ),
    # "1950-1953" / "1950-53" / "(2013-2023)"
    (
        "y_range",
        re.compile(rf"(?<![\d.,-])({YEAR})\s*(?:-|–|—)\s*((?:1[0-9]|20)?[0-9]{{2}})(?![\d-])"),
    ),
    # "two days later", "a week earlier": counted from the date the story just gave
    (
        "story_shift",
        re.compile(rf"(?<![\w-])(\d{{1,3}}|[A-Za-z]+)\s+{_UNIT}s?\s+(later|earlier)\b"),
    ),
    # "the next day", "the following year"
    (
        "story_next",
        re.compile(
            r"\b[Tt]he\s+(?:next|following)\s+(day|morning|afternoon|evening|night|week|month|year)\b"
        ),
    ),
    # "the same day", "later that evening", "earlier in the day"
    (
        "story_same",
        re.compile(
            r"\b(?:(?:[Ll]ater|[Ee]arlier)\s+(?:on\s+)?)?(?:[Tt]he\s+same|that)\s+"
            r"(?:day|morning|afternoon|evening|night)\b|\b(?:[Ll]ater|[Ee]arlier)\s+in\s+the\s+day\b"
        ),
    ),
    # "three years ago", "forty years ago today" (that very day)
    ("ago", re.compile(rf"(?<![\w-])(\d{{1,3}}|[A-Za-z]+)\s+{_UNIT}s?\s+ago(\s+today)?\b")),
    # "on this day" without a year, "today", "yesterday"
    (
        "today",
        re.compile(r"\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Ee]arlier today|[Tt]his morning)\b"),
    ),
    # "last week" / "this month" / "last year" / "earlier this year" / "so far this year"
    ("last_unit", re.compile(r"\b(last|this|next|previous|past)\s+(week|month|year)\b", re.I)),
    # "in the past year" / "over the past 12 months"
    (
        "past_n",
        re.compile(
            r"\b(?:[Ii]n|[Oo]ver|[Dd]uring)\s+the\s+(?:past|last)\s+(?:(\d{1,3}|[a-z]+)\s+)?"
            r"(year|month|week)s?\b"
        ),
    ),
    # "16 months after" / "seven years after" / "a day before"
    (
        "offset",
        re.compile(rf"(?<![\w-])(\d{{1,3}}|[A-Za-z]+)\s+{_UNIT}s?\s+(after|before)\b"),
    ),
    # "days after" / "weeks before": a vague offset
    (
        "vague_offset",
        re.compile(
            r"\b(?:(?:a\s+)?few\s+|several\s+)?(days|weeks|months)\s+(after|before|later|earlier)\b",
            re.IGNORECASE,
        ),
    ),
    # "Monday night" / "on Tuesday" / "last Friday"
    (
        "weekday",
        re.compile(
            rf"\b(?:(last|next|this)\s+)?({_WEEKDAY})(?:\s+(?:night|evening|morning|afternoon))?\b"
        ),
    ),
    # a bare year
    (
        "year",
        re.compile(
            rf"(?<![\d$£€.,/-])({YEAR})(?![\d%/]|\s*(?:-|–)\s*\d|,\d|\s*(?:{_NOT_A_YEAR_AFTER}))"
        ),
    ),
]

SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+(?:\s+\w+)?|announced|reported|stated|added|noted|confirmed|"
    r"declared|wrote|tweeted|claimed|insisted)\b"
    r"(?:\s+(?:in\s+a\s+(?:statement|briefing|speech|interview)|late|early|on))*\s*$"
)
SINCE_BEFORE = re.compile(
    r"\b(?:since|as\s+of|starting|beginning)\s+(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?$",
    re.IGNORECASE,
)
UNTIL_BEFORE = re.compile(r"\b(?:until|till|through|by)\s+(?:the\s+)?$", re.IGNORECASE)
NEGATED_BEFORE = re.compile(r"(?:\b(?:not|never)\b|n['’]t\b)[^.;]*$", re.IGNORECASE)
# Possessive: "\s*,?\s*" backtracking over a long run of spaces was quadratic.
WHEN_AFTER = re.compile(r"\s*+,?\s*+(?:when|as)\b")
EXPLICIT_DAY = re.compile(
    rf"\b(?:({MONTH})\s+({DAY}),?\s+({YEAR})|({DAY})\s+({MONTH}),?\s+({YEAR}))\b"
)

# Cheap prefilters: a pattern is tried only when the lower-cased text holds one of these.
_MONTH_NAMES = tuple(sorted({k for k in MONTHS if len(k) >= 3}))
PREFILTER: dict[str, tuple[str, ...]] = {
    "this_day": ("this day",),
    "md_range": _MONTH_NAMES,
    "dm_range": _MONTH_NAMES,
    "mdy": _MONTH_NAMES,
    "dmy": _MONTH_NAMES,
    "my": _MONTH_NAMES,
    "m": _MONTH_NAMES,
    "decade": ("0s", "0's", "0’s"),
    "from_to": ("from ", "between "),
    "y_range": ("-", "–", "—"),
    "today": ("yesterday", "today", "tonight", "this morning"),
    "last_unit": ("week", "month", "year"),
    "past_n": ("past", "last"),
    "ago": (" ago",),
    "offset": ("after", "before"),
    "story_shift": ("later", "earlier"),
    "story_next": ("next", "following"),
    "story_same": (
        "same",
        "that day",
        "that morning",
        "that afternoon",
        "that evening",
        "that night",
        "in the day",
    ),
    "vague_offset": ("after", "before", "later", "earlier"),
    "weekday": ("day",),
}
HAS_MONTH = re.compile(rf"\b{MONTH}")
HAS_DIGIT = re.compile(r"\d")
HAS_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
MONTH_PATTERNS = frozenset({"md_range", "dm_range", "mdy", "dmy", "my", "m"})
DIGIT_PATTERNS = frozenset({"year", "y_range", "from_to", "decade", "this_day"})
