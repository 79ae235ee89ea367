"""Input limits (loaders.input_limits): junk that is not text, a word over 1,000 characters and
JSON nested too deeply are refused with one sentence naming the input; in a JSON Lines file
only that record is skipped (issue 32)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from loaders.article import Article
from loaders.errors import LoadError
from loaders.input_limits import MAX_JSON_DEPTH, MAX_TOKEN_CHARS, json_too_deep, text_problem
from loaders.jsonl_loader import parse_jsonl_line
from loaders.sources import iter_articles

GOOD = "Chinese President Xi Jinping met Japanese Prime Minister Fumio Kishida on May 3, 2024."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("\x00\x01\x02", "it looks binary (it contains NUL bytes)"),
        ("\ufffd\ufffd", "it is not text (2 of its 2 characters are control characters or U+FFFD)"),
        ("\x1b[31m\x07\x08", "it is not text (3 of its 7 characters are control characters"),
        ("12345 678 -- 9", "it has no words"),
        ("A" * (MAX_TOKEN_CHARS + 1), "it has a word of 1,001 characters at offset 0"),
        (GOOD + " " + "x" * 5000 + " end", "it has a word of 5,000 characters at offset 87"),
    ],
)
def test_junk_and_long_words_are_refused(text: str, reason: str) -> None:
    problem = text_problem(text)
    assert problem is not None and problem.startswith(reason)


@pytest.mark.parametrize(
    "text",
    [
        GOOD,
        GOOD + " " + "x" * MAX_TOKEN_CHARS,  # exactly at the limit
        "中国和日本签署了协议。",  # letters of any script are words
        GOOD + "\x0c page two\x07",  # a stray control character or two in real text
        "https://example.org/" + "a" * 900 + " " + GOOD,
    ],
)
def test_real_text_passes(text: str) -> None:
    assert text_problem(text) is None


def test_the_long_word_check_is_linear() -> None:
    """Checked from each word's start only: 100 words of 1,000 characters cost no more than
    a tenth of a second (from every character it would read 100,000,000)."""
    text = " ".join(["x" * MAX_TOKEN_CHARS] * 100)
    start = time.perf_counter()
    assert text_problem(text) is None
    assert time.perf_counter() - start < 0.1


@pytest.mark.parametrize(
    ("data", "deep"),
    [
        ('{"text": "a"}', False),
        ("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, False),
        ("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), True),
        ('{"text": "' + "[" * 500 + '"}', False),  # brackets inside a string do not nest
        ("[]" * 1000, False),
        (b"[" * 100_000, True),
    ],
)
def test_json_depth(data: str | bytes, deep: bool) -> None:
    assert json_too_deep(data) is deep


def test_a_deeply_nested_json_lines_record_is_one_sentence() -> None:
    line = '{"text": "x", "y": ' + "[" * 100_000 + "]" * 100_000 + "}"
    result = parse_jsonl_line(line, "in.jsonl", 2)
    assert result == LoadError("in.jsonl line 2 is nested more than 64 levels deep.", "in.jsonl", 2)


def test_in_a_json_lines_file_only_the_bad_records_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    records = [
        json.dumps({"url": "https://example.org/1", "text": GOOD}),
        '{"text": ' + "[" * 5000 + "]" * 5000 + "}",
        json.dumps({"url": "https://example.org/3", "text": "\x01\x02\x03\ufffd"}),
        json.dumps({"url": "https://example.org/4", "text": GOOD + " " + "y" * 2000}),
        json.dumps({"url": "https://example.org/5", "text": GOOD}),
    ]
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    results = list(iter_articles([path]))
    assert [type(r).__name__ for r in results] == [
        "Article", "LoadError", "LoadError", "LoadError", "Article",
    ]  # fmt: skip
    errors = [r for r in results if isinstance(r, LoadError)]
    assert [e.line for e in errors] == [2, 3, 4]
    assert str(errors[0]) == f"{path} line 2 is nested more than 64 levels deep."
    assert str(errors[1]).startswith(f"{path}:3 was not loaded: it is not text")
    assert str(errors[2]) == (
        f"{path}:4 was not loaded: it has a word of 2,000 characters at offset 87, "
        "above the limit of 1,000."
    )
    assert all("\n" not in str(e) and "Traceback" not in str(e) for e in errors)


def test_a_junk_text_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(b"\x1b[31m\x07\x08\x1b[0m\x07")
    [result] = list(iter_articles([path]))
    assert isinstance(result, LoadError)
    assert str(result).startswith(f"{path} was not loaded: it is not text")


def test_a_good_file_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    [result] = list(iter_articles([path]))
    assert isinstance(result, Article) and result.text == GOOD


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("%PDF-1.4 China and Russia held talks in Beijing.", "a PDF file"),
        ("PK\x03\x04 word word word", "a ZIP file"),
        ("\x89PNG words and more words", "a PNG image"),
        ("China and Russia \ud800 held talks.", "lone surrogate (U+D800)"),
    ],
)
def test_files_that_decode_as_text_and_lone_surrogates_are_not_text(text: str, why: str) -> None:
    problem = text_problem(text)
    assert problem is not None and why in problem


def test_a_jsonl_record_with_a_lone_surrogate_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"text": "China and Russia \\ud800 held talks."}\n'
        '{"text": "Finland joined NATO on April 4, 2023.", "title": "t \\udc00"}\n'
        '{"text": "Finland joined NATO on April 4, 2023."}\n',
        encoding="utf-8",
    )
    found = list(iter_articles([str(path)]))
    errors = [r for r in found if isinstance(r, LoadError)]
    assert len(found) == 3 and len(errors) == 2
    assert "lone surrogate" in str(errors[0]) and "title" in str(errors[1])
