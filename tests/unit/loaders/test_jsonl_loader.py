"""JSON Lines loader: one article per line; bad lines reported by number, the rest load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from loaders.article import Article
from loaders.errors import LoadError
from loaders.jsonl_loader import parse_jsonl, read_jsonl_file

FIXTURES = Path(__file__).parents[2] / "fixtures" / "articles"
GOOD = '{"url": "https://e.org/1", "title": "A", "published": "2023-03-10", "text": "Body one."}'


def test_fixture_file_loads_every_line() -> None:
    results = read_jsonl_file(FIXTURES / "articles.jsonl")
    assert all(isinstance(result, Article) for result in results)
    articles = [result for result in results if isinstance(result, Article)]
    assert [a.published for a in articles] == [date(1979, 3, 26), date(2023, 9, 11), None]
    assert articles[2].url is None
    assert articles[0].source == f"{FIXTURES / 'articles.jsonl'}:1"


def test_bad_lines_are_reported_and_the_rest_load(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [GOOD, "", "not json", "[1, 2]", '{"title": "no text"}', '{"text": "  "}', GOOD]
    path.write_text("\n".join(lines) + "\n")
    results = read_jsonl_file(path)
    errors = [r for r in results if isinstance(r, LoadError)]
    assert [type(r) for r in results].count(Article) == 2
    assert [e.line for e in errors] == [3, 4, 5, 6]
    assert "line 3 is not valid JSON" in errors[0].message
    assert "line 4 is not a JSON object" in errors[1].message
    assert 'line 5 has no "text"' in errors[2].message
    assert all(e.source == str(path) for e in errors)


def test_wrong_field_types_and_unknown_values_become_none() -> None:
    line = '{"text": "Body.", "url": 5, "title": "unknown (slug)", "published": "sometime"}'
    [article] = parse_jsonl(line, "mem")
    assert isinstance(article, Article)
    assert (article.url, article.title, article.published) == (None, None, None)


def test_overlong_line_is_skipped_with_an_error(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long_line = '{"text": "' + "x" * 5000 + '"}'
    path.write_text(f"{long_line}\n{GOOD}\n")
    first, second = read_jsonl_file(path, max_bytes=1000)
    assert isinstance(first, LoadError) and "longer than the 1000-byte limit" in first.message
    assert isinstance(second, Article) and second.source == f"{path}:2"


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file_is_a_load_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    with pytest.raises(LoadError, match="is empty"):
        read_jsonl_file(path)


def test_binary_file_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"\x00\x01\x02{}\n")
    with pytest.raises(LoadError, match="binary"):
        read_jsonl_file(path)


def test_non_utf8_line_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "legacy.jsonl"
    path.write_bytes('{"text": "Caf\u00e9 diplomacy."}\n'.encode("cp1252"))
    [article] = read_jsonl_file(path)
    assert isinstance(article, Article) and article.text == "Caf\u00e9 diplomacy."
