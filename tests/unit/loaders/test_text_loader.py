"""Plain-text loader: the header block (docs/loaders.md), its edge cases, and the devset files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from loaders.errors import LoadError
from loaders.text_loader import parse_published, parse_text_article, read_text_file
from tests.conftest import require_devset


def test_full_header_is_read_and_body_kept_verbatim() -> None:
    raw = (
        "url: https://example.org/a\npublished: 2024-10-07\ntitle: A title\n"
        "source: Example News\n\nFirst line.\nSecond line.\n"
    )
    article = parse_text_article(raw, source="a.txt")
    assert article.url == "https://example.org/a"
    assert article.published == date(2024, 10, 7)
    assert article.title == "A title"
    assert article.source == "Example News"
    assert article.text == "First line.\nSecond line."


def test_no_header_gives_whole_text_as_body() -> None:
    article = parse_text_article("Just a body.\nMore.", source="b.txt")
    assert article.text == "Just a body.\nMore."
    assert article.url is None and article.title is None and article.published is None
    assert article.source == "b.txt"


def test_body_starting_with_unrecognised_key_is_not_eaten() -> None:
    raw = "Note: this is part of the body.\n\nSecond paragraph."
    assert parse_text_article(raw).text == raw


def test_unrecognised_line_inside_block_means_no_header() -> None:
    raw = "title: Looks like a header\nNote: but this is not\n\nBody."
    article = parse_text_article(raw)
    assert article.title is None
    assert article.text == raw


def test_header_without_blank_line_is_body() -> None:
    raw = "title: Not ended by a blank line\nBody goes on."
    assert parse_text_article(raw).text == raw


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-07", date(2024, 10, 7)),
        ("2024-10-07T09:30:00Z", date(2024, 10, 7)),
        ("unknown", None),
        ("2024-13-45", None),
        ("last Tuesday", None),
        ("", None),
    ],
)
def test_published_values(value: str, expected: date | None) -> None:
    assert parse_published(value) == expected
    assert parse_text_article(f"published: {value}\n\nBody.").published == expected


def test_unknown_url_and_title_become_none() -> None:
    raw = "url: unknown (Asia-Pacific news site)\ntitle: unknown (URL slug: a-b-c)\n\nBody."
    article = parse_text_article(raw)
    assert article.url is None and article.title is None


def test_keys_are_case_insensitive_first_wins_and_crlf_is_normalised() -> None:
    raw = "\ufeffTitle : First \r\ntitle: Second\r\n\r\n\r\nBody line.\r\n"
    article = parse_text_article(raw)
    assert article.title == "First"
    assert article.text == "Body line."


def test_header_only_or_blank_text_is_a_load_error() -> None:
    with pytest.raises(LoadError, match="no article text"):
        parse_text_article("title: Only a header\n\n", source="h.txt")
    with pytest.raises(LoadError) as info:
        parse_text_article("   \n\n", source="blank.txt")
    assert info.value.source == "blank.txt"


def test_read_text_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("published: 2020-06-17\n\nBody text.", encoding="utf-8")
    article = read_text_file(path)
    assert article.published == date(2020, 6, 17)
    assert article.source == str(path)


def test_devset_files_load_with_their_published_date() -> None:
    devset = require_devset()
    for path in sorted(devset.glob("*.txt")):
        article = read_text_file(path)
        header = path.read_text(encoding="utf-8").split("\n", 3)
        published = header[1].removeprefix("published: ")
        expected = None if published == "unknown" else date.fromisoformat(published)
        assert article.published == expected, path.name
        assert not article.text.startswith(("url:", "published:", "title:"))
    china = read_text_file(devset / "00_china_dprk_75_years.txt")
    assert china.published == date(2024, 10, 7)
    assert china.url is None
    assert china.text.startswith("Chinese President Xi Jinping")
