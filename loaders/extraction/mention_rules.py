"""When a name match is not a mention of the state it names: a place ("South China Sea",
"a think tank in Washington", a dateline), a person ("Michael Jordan"), the US state of
Georgia; and which of two states sharing a capital a mention means at a date."""

from __future__ import annotations

import re
from datetime import date

from loaders.extraction import lexicon as lx
from loaders.extraction.leader_titles import ANY_TITLE_BEFORE
from loaders.extraction.lexicon_data import FUNCTION
from loaders.extraction.sentences import Sentence

_GEO_SUFFIX = re.compile(
    r"[ \t]+(?:Sea|Seas|Strait|Straits|Gulf|Ocean|Peninsula|Bay|Channel|River|Islands|Island|"
    r"Canal|Desert|Plateau|Basin|Lake|Mountains|Mountain|Valley|Shoal|Reef|Shelf|Range|"
    r"Highlands|Delta|Archipelago|Sound|Heights|Corridor|Border|Lowlands|Trench)\b"
)
_GEO_PREFIX = re.compile(
    r"\b(?:Gulf|Sea|Strait|Straits|Bay|Isthmus|Cape|Horn|Sea of|Lake|Mount|River)\s+of\s+(?:the\s+)?$"
)
_WAR_SUFFIX = re.compile(r"[ \t]+War\b")
LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|around|across|based in|held in|from)\s+(?:the\s+)?"
    r"(?:capital\s+|city\s+of\s+)?$",
    re.IGNORECASE,
)
# "arrived in Beijing", "Kishida was in Washington", "ambassadors from Doha", "officials in
# Baghdad": the capital stands for its state (a visit, an embassy, a government), not a place
_PRESENCE_BEFORE = re.compile(
    r"\b(?:(?:arrived|arrives|arriving|landed|lands|was|were)\s+in|"
    r"(?:officials|authorities|policymakers|leaders|ministry|government)\s+in|"
    r"(?:ambassadors?|envoys?|diplomats?)\s+(?:\w+\s+)?from)\s+$",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w .]+)?\s*(?:—|–|-|:)")
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Miss|Coach|Sen|Rep|Gov)\.?\s+$")
CAP_WORD_AFTER = re.compile(r"[ \t]+([A-Z][a-z][\w'’-]*)")
CAP_WORD_BEFORE = re.compile(r"([A-Z][a-z][\w'’-]*)[ \t]+$")
PEOPLE_NAMED_STATES = frozenset({"Jordan", "Chad", "Georgia", "India", "Israel", "Kenya"})
_GEORGIA_US = re.compile(
    r"\b(?:Atlanta|Savannah|Augusta|Peach State|Gov\.|governor|county|Senate race|Republican|"
    r"Democrat|Democratic|Braves|Bulldogs|U\.S\. state|US state|Georgians? voters?)\b"
)
_GEORGIA_COUNTRY = re.compile(
    r"\b(?:Tbilisi|Georgian|Abkhazia|South Ossetia|Caucasus|Kremlin|Russia)\b"
)
_SENTENCE_OPENER_ENDINGS = ("ing", "ed", "ly", "ern", "ish")
_YEAR_IN = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


def boundary_ok(text: str, start: int, end: int) -> bool:
    """A match that is a whole word ("Indo-Pacific" aside, which the lexicon blocks)."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return False
    return not (end < len(text) and (text[end].isalnum() or text[end] == "_"))


def is_place(text: str, start: int, end: int, key: str, entry: lx.Entry) -> bool:
    """A state's name used for a place, not the state."""
    if _GEO_SUFFIX.match(text, end) and not text.startswith(" Coast Guard", end):
        return True
    if _GEO_PREFIX.search(text[max(0, start - 30) : start]):
        return True
    return bool(entry.kind == lx.STATE_DEMONYM and _WAR_SUFFIX.match(text, end) and key == "Korean")


def _is_dateline(text: str, start: int, end: int, sentence_start: int) -> bool:
    """'KYIV:', 'NEW DELHI —' at the start of the text or of a sentence."""
    if (
        start - sentence_start < 3
        and sentence_start == 0
        and _DATELINE.match(text[sentence_start : end + 40])
    ):
        return True
    prefix = text[sentence_start:start]
    return not prefix.strip() and (
        text[end : end + 3].lstrip().startswith(("—", "–", ":")) or text[start:end].isupper()
    )


def _name_word_before(text: str, start: int, sentence_start: int) -> re.Match[str] | None:
    """A capitalised word just before `start` that can be part of a name."""
    mb = CAP_WORD_BEFORE.search(text, max(0, start - 30), start)
    if mb and (mb.start() > sentence_start or not mb.group(1).endswith(_SENTENCE_OPENER_ENDINGS)):
        return mb
    return None


def capital_is_location(text: str, start: int, end: int, sentence_start: int) -> bool:
    """A capital named as a place, not standing for its government."""
    before = text[max(0, start - 40) : start]
    if LOCATIVE.search(before) and not _PRESENCE_BEFORE.search(before):
        return True
    if _is_dateline(text, start, end, sentence_start):
        return True
    m = CAP_WORD_AFTER.match(text, end)
    if m and m.group(1) not in FUNCTION and not m.group(1).endswith(("day", "days")):
        return True  # "Washington Post", "Moscow State University"
    mb = _name_word_before(text, start, sentence_start)
    if mb and mb.group(1) not in FUNCTION:
        return True  # "George Washington"; "Mexico City" is handled by the longest match
    return text.startswith(", D.C.", end) and bool(LOCATIVE.search(before))


def is_person_name(text: str, start: int, end: int, sentence_start: int, lex: lx.Lexicon) -> bool:
    """'Michael Jordan', 'Jordan Peterson', 'Chad Smith', 'Mr. Jordan'."""
    if _HONORIFIC_BEFORE.search(text, max(0, start - 8), start):
        return True
    m = CAP_WORD_AFTER.match(text, end)
    if m and _plain_word(m.group(1), lex):
        return True
    mb = _name_word_before(text, start, sentence_start)
    return bool(mb and _plain_word(mb.group(1), lex) and not title_just_before(text, start))


_CALENDAR = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)  # "On Saturday Georgia's parliament": a day or month is not a given name


def _plain_word(word: str, lex: lx.Lexicon) -> bool:
    return (
        word not in FUNCTION
        and word not in _CALENDAR
        and word not in lex.state_names
        and word not in lex.demonym_of
    )


def title_just_before(text: str, start: int) -> bool:
    return bool(ANY_TITLE_BEFORE.search(text[max(0, start - 30) : start]))


def georgia_is_us_state(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 200) : end + 200]
    if text.startswith(" state", end) or (
        # "Atlanta, Georgia" (not "The United States, Georgia's closest partner")
        re.search(r"[A-Z][a-z]+,\s+$", text[max(0, start - 25) : start])
        and not re.match(r"['’]s\b", text[end : end + 3])
    ):
        return True
    return len(_GEORGIA_US.findall(window)) > len(_GEORGIA_COUNTRY.findall(window))


def state_at(codes: tuple[str, ...], when: date | None, lex: lx.Lexicon) -> str:
    """Among states sharing a capital (Moscow: RUS, SUN), the one that existed at `when`."""
    if len(codes) == 1 or when is None:
        return codes[-1] if when is None and len(codes) > 1 else codes[0]
    iso = when.isoformat()
    for code in codes:
        start, end = lex.state_period.get(code, (None, None))
        if (start is None or start <= iso) and (end is None or iso < end):
            return code
    return codes[0]


def effective_date(sentence: Sentence, when: date | None) -> date | None:
    """The sentence's own explicit year, when it is before the article date, else `when`."""
    m = _YEAR_IN.search(sentence.text)
    if m:
        y = int(m.group(1))
        if when is None or y < when.year:
            return date(y, 6, 30)
    return when
