"""The text a search hit shows and where the searched words are in it, worked out the same way
for both backends (so their hits are equal): the candidate texts of a hit (an event's evidence
sentences, an entity's names, an article's title) are matched and highlighted by SQLite FTS5
in memory with the tokenizer of the index beside the store, so a stemmed word ('ceasefires'
for 'ceasefire') is marked as the engines matched it. Nothing here touches a file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from kg.queries.search_words import fts_query
from kg.stores.search_facts import TOKENIZER

SNIPPET_CHARS = 240
BEFORE = 60  # characters of context kept before the first marked word of a long text
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks, taken out of the texts first
Mark = tuple[int, int]


def _clean(text: str) -> str:
    return text.replace(_OPEN, " ").replace(_CLOSE, " ")


def highlighted(texts: Sequence[str], words: list[str]) -> dict[int, str]:
    """Index of each text that holds every word -> the text with each matched token
    between _OPEN and _CLOSE."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
        db.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(texts))
        rows = db.execute(
            f"SELECT rowid, highlight(t, 0, '{_OPEN}', '{_CLOSE}') FROM t WHERE t MATCH ?",
            (fts_query(words),),
        )
        return {int(i): str(text) for i, text in rows}
    finally:
        db.close()


def _marks(text: str) -> tuple[str, list[Mark]]:
    """Highlighted text -> the plain text and the (start, end) of each marked span."""
    plain: list[str] = []
    marks: list[Mark] = []
    start = 0
    for ch in text:
        if ch == _OPEN:
            start = len(plain)
        elif ch == _CLOSE:
            marks.append((start, len(plain)))
        else:
            plain.append(ch)
    return "".join(plain), marks


def _window(text: str, marks: list[Mark]) -> tuple[str, list[Mark]]:
    """At most SNIPPET_CHARS of `text` around its first mark, cut at spaces, with '…' where
    it was cut; the marks moved and those outside dropped."""
    if len(text) <= SNIPPET_CHARS:
        return text, marks
    first = marks[0][0] if marks else 0
    start = max(0, first - BEFORE)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text) and (space := text.rfind(" ", start, end)) > start:
        end = space
    head, tail = ("…" if start else ""), ("…" if end < len(text) else "")
    shift = len(head) - start
    kept = [(a + shift, b + shift) for a, b in marks if a >= start and b <= end]
    return head + text[start:end] + tail, kept


def snippets(groups: Sequence[Iterable[str]], words: list[str]) -> list[tuple[str, list[Mark]]]:
    """The text each hit shows, with its marks, for a page of hits at once (one in-memory
    FTS5 table): of a hit's texts that hold every word (all of them when none does, as when
    an engine's tokenizer matched what FTS5's does not), the shortest, then the first in code
    point order."""
    candidates = [sorted({_clean(t) for t in texts if t}, key=lambda t: (len(t), t)) for texts in groups]  # fmt: skip
    flat = [text for group in candidates for text in group]
    found = highlighted(flat, words) if flat else {}
    out, at = [], 0
    for group in candidates:
        hits = [i for i in range(at, at + len(group)) if i in found]
        if hits:
            out.append(_window(*_marks(found[hits[0]])))
        else:
            out.append(_window(group[0], []) if group else ("", []))
        at += len(group)
    return out


def snippet(texts: Iterable[str], words: list[str]) -> tuple[str, list[Mark]]:
    """The text one hit shows, with its marks (snippets, for one hit)."""
    return snippets([texts], words)[0]
