"""The search text as quoted words for FTS5 and Lucene (no user text is query syntax in
either), and the snippet a hit shows with the matched words marked."""

from __future__ import annotations

import sqlite3

import pytest

from kg.queries.search_snippets import SNIPPET_CHARS, snippet
from kg.queries.search_words import fts_query, lucene_query, search_words
from kg.stores.search_facts import TOKENIZER

HOSTILE = [
    'title:x OR "', "NEAR(a b)", "a* -b +c", "x AND", '"""', "\\", "a:b:c", "(((", "{a TO b}",
    "col : x", "^", "\x00war", "war\u202e", "﷽", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ＷＡＲ", "war~2", "war^9", "/re/",
    "'; DROP TABLE doc; --", "1950-1953", "U.S.", "Kim Jong-un's", "x" * 200,
]  # fmt: skip


def test_words_are_lower_cased_without_stop_words_possessives_or_edges() -> None:
    assert search_words("  The Korean War  ") == ["korean", "war"]
    assert search_words("China's 'ceasefire'. China’s") == ["china", "ceasefire"]
    assert search_words("U.S. Kim_Jong-un") == ["u.s", "kim jong-un"]
    assert fts_query(["korean", "war"]) == '"korean" AND "war"'
    assert lucene_query(["korean", "war"], "article") == 'title:(+"korean" +"war")'
    assert lucene_query(["x"], "entity").count('+"x"') == 4


@pytest.mark.parametrize(
    "text", ["", " ", "the of and", "...", "*", "x" * 201, " ".join("bcdefghij")]
)
def test_text_without_words_or_too_long_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        search_words(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_no_text_is_fts5_syntax(text: str) -> None:
    """Whatever is typed, the FTS5 query parses and looks for words only."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
    db.execute("INSERT INTO t VALUES ('The 1950-1953 Korean War; U.S. troops; Kim Jong-un')")
    try:
        words = search_words(text)
    except ValueError:
        return
    db.execute("SELECT * FROM t WHERE t MATCH ?", (fts_query(words),)).fetchall()
    for word in words:
        assert '"' not in word and "\\" not in word and ":" not in word
        assert all(ch.isalnum() or ch in " .,'’-" for ch in word)


def test_a_snippet_marks_the_stemmed_words_of_the_shortest_matching_text() -> None:
    texts = ["The ceasefires held along the Korean border. " * 3, "A Korean ceasefire.", "None."]
    text, marks = snippet(texts, search_words("Korean ceasefire"))
    assert text == "A Korean ceasefire."
    assert [text[a:b] for a, b in marks] == ["Korean", "ceasefire"]
    long = "a " * 200 + "the armistice of 1953 " + "b " * 200
    text, marks = snippet([long], ["armistice"])
    assert len(text) <= SNIPPET_CHARS + 2 and text.startswith("…") and text.endswith("…")
    assert [text[a:b] for a, b in marks] == ["armistice"]
    text, marks = snippet(["U.S.-made \ue000 missiles"], ["missile"])  # marks never in texts
    assert [text[a:b] for a, b in marks] == ["missiles"]
