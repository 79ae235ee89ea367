"""What a full-text search looks for: the user's text as a few quoted words, and those words
as each engine's query (SQLite FTS5 beside the record, Lucene in Neo4j). Pure functions.

Every word is quoted, so nothing the user types is query syntax in either engine (FTS5's AND,
NEAR, column filters and `*`; Lucene's field:, wildcards, ranges, boosts), and each engine's
own tokenizer splits a quoted word as it split the indexed text ('U.S.', 'Jong-un'). A hit
holds every word in one text (AND). Both engines stem English words the same way (Porter:
FTS5's `porter` tokenizer, Lucene's `english` analyzer) and neither folds accents. Lucene's
`english` analyzer drops English stop words and a possessive 's; so are they dropped here,
for FTS5 too, and both engines look for the same words (docs/api.md, "Full-text search")."""

from __future__ import annotations

import re

from kg.stores.search_facts import SEARCH_FIELDS

MAX_QUERY_CHARS = 200
MAX_WORDS = 8
# Lucene's EnglishAnalyzer stop words: never indexed in Neo4j, so never searched for anywhere.
# fmt: off
STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
    "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with",
))
# fmt: on
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_POSSESSIVE = re.compile(r"['\u2019][sS]$")
_SAFE = re.compile(r"[^\w.,'\u2019-]+")  # inside a word: anything else is a word break


def search_words(text: str) -> list[str]:
    """The words to look for, lower-cased, in order, each once; ValueError (one sentence)
    for text that is empty, too long, or has no word left to search for."""
    if len(text) > MAX_QUERY_CHARS:
        raise ValueError(f"the search text is longer than {MAX_QUERY_CHARS} characters")
    words: list[str] = []
    for raw in text.split():
        word = _POSSESSIVE.sub("", _EDGE.sub("", raw.replace("_", " ")).strip())
        word = " ".join(_SAFE.sub(" ", word).split()).lower()
        if word and any(c.isalnum() for c in word) and word not in STOP_WORDS:
            words.append(word)
    words = list(dict.fromkeys(words))
    if not words:
        raise ValueError(
            "there is no word to search for (common words such as 'the' or 'of' are not searched)"
        )
    if len(words) > MAX_WORDS:
        raise ValueError(f"search for at most {MAX_WORDS} words at a time")
    return words


def fts_query(words: list[str]) -> str:
    """An FTS5 MATCH expression: every word, each a quoted string (a phrase of its tokens)."""
    return " AND ".join('"' + w.replace('"', " ") + '"' for w in words)


def lucene_query(words: list[str], kind: str) -> str:
    """A Lucene query for db.index.fulltext.queryNodes: every word (quoted) in one of the
    kind's fields, `name:(+"korean" +"war") alias:(+"korean" +"war") ...`."""
    required = " ".join('+"' + w.replace('"', " ").replace("\\", " ") + '"' for w in words)
    return " ".join(f"{field}:({required})" for field in SEARCH_FIELDS[kind])
