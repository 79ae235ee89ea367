"""A fast regex sentence splitter that knows news abbreviations (U.S., Gen., Jan., initials).

Sentences keep exact character offsets into the article text, so evidence strings are
verbatim slices. Blank lines always end a sentence; a single newline ends one when the line
before it ends like a sentence or is a short heading-like line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extraction.lexicon_data import words


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int  # offset of the first character in the article text
    end: int  # offset just past the last character
    text: str
    paragraph: int


# Titles and the like: a period after them never ends a sentence.
_NEVER_SPLIT = words(
    "mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev hon amb "
    "pres brig fr st mt ft ma no nos vol art messrs mme mlle supt insp det sec esq gens "
    "reps sens govs vs v cf approx dept univ fig"
)
# A period after these ends a sentence only when an obvious sentence starter follows.
_SOMETIMES = words(
    "jr sr inc ltd co corp bros plc jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m etc al"
)
_STARTERS = words(
    "the a an it its he she they we i in on at but and this that these those his her their "
    "our my after as for however meanwhile while when if there here what who why how some "
    "many both all no not one two three several since during according earlier later last "
    "next yet still so then also although though despite"
)

# End punctuation, optional closing quotes/brackets, whitespace, then something that can
# start a sentence (an opening quote, a capital or a digit). A run of end punctuation is read
# from its first character only, and whole (possessive): tried from every dot of a long run of
# dots, it was quadratic (20,000 dots took 7 s).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=[ \t]+[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")
_NEXT_WORD = re.compile(r"[ \t]+[\"'“‘(\[]?([A-Za-z]+)")
_SENTENCE_END_CHARS = frozenset(".!?:\"'”’)]")


def _is_boundary(text: str, dot_start: int, after: int) -> bool:
    """Decide whether the punctuation at text[dot_start] really ends a sentence."""
    if text[dot_start] != ".":
        return True
    m = _WORD_BEFORE.search(text, max(0, dot_start - 40), dot_start + 1)
    if not m:
        return True
    word = m.group(1).lstrip("\"'“‘([")
    bare = word.rstrip(".").lower()
    nxt = _NEXT_WORD.match(text, after)
    next_word = nxt.group(1).lower() if nxt else ""
    if bare in _NEVER_SPLIT:
        return False
    if len(bare) == 1 and bare.isalpha():  # an initial: "J. Smith"
        return False
    if _ACRONYM.search(word) or bare in _SOMETIMES:  # "U.S.", "Jan.", "Jr."
        return next_word in _STARTERS
    return True


def _split_block(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Split text[start:end] (no blank lines inside) at sentence boundaries."""
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, m.start(), m.end()):
            out.append((pos, m.end()))
            pos = m.end()
    out.append((pos, end))


def _ends_block(line: str, next_line: str) -> bool:
    """A line that ends like a sentence, or a short heading-like line."""
    if line[-1:] in _SENTENCE_END_CHARS:
        return True
    return len(line) < 60 and next_line[:1].isupper() and not line.endswith(",")


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """Blocks of text that no newline splits: (start, end, starts a new paragraph).

    A blank line starts a paragraph; so does a single newline after a line that ends like a
    sentence (news copy often puts one paragraph per line). A short heading-like line also
    ends its block. Other single newlines are line wrapping and join the lines.
    """
    blocks: list[tuple[int, int, bool]] = []
    block_start, pos, new_paragraph = 0, 0, True
    while (nl := text.find("\n", pos)) >= 0:
        line = text[pos:nl].rstrip()
        nxt = text.find("\n", nl + 1)
        next_line = text[nl + 1 : nxt if nxt >= 0 else len(text)].lstrip()
        if not line and block_start < pos:
            blocks.append((block_start, pos, new_paragraph))
        elif line and _ends_block(line, next_line):
            blocks.append((block_start, nl, new_paragraph))
        if not line or _ends_block(line, next_line):
            new_paragraph, block_start = True, nl + 1
        pos = nl + 1
    blocks.append((block_start, len(text), new_paragraph))
    return blocks


# No real sentence is longer; longer runs (lists, tables, junk) are cut at whitespace so that
# the work per sentence stays bounded.
MAX_SENTENCE = 2000


def _capped(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > MAX_SENTENCE:
            cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            if cut <= s:
                cut = s + MAX_SENTENCE
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with offsets; whitespace is trimmed from both ends of each."""
    spans: list[tuple[int, int, int]] = []
    paragraph = -1
    for bstart, bend, new_paragraph in _blocks(text):
        raw: list[tuple[int, int]] = []
        _split_block(text, bstart, bend, raw)
        first = True
        for s, e in _capped(text, raw):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                if first and (new_paragraph or paragraph < 0):
                    paragraph += 1
                first = False
                spans.append((s, e, paragraph))
    return [Sentence(i, s, e, text[s:e], p) for i, (s, e, p) in enumerate(spans)]
