"""RSS/Atom loader: entries to Articles, local publication dates, bad entries and bad feeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from loaders.article import Article
from loaders.errors import LoadError
from loaders.rss_loader import looks_like_feed, parse_feed, read_feed_file

FIXTURES = Path(__file__).parents[2] / "fixtures" / "articles"


def _rss(items: str) -> bytes:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>{items}</channel></rss>'.encode()


def test_rss_fixture() -> None:
    first, second = read_feed_file(FIXTURES / "world_news.rss")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Iran and Saudi Arabia agree to restore diplomatic ties"
    assert first.url == "https://news.example.org/2023/03/10/iran-saudi-ties"
    assert first.published == date(2023, 3, 10)
    assert first.source == "Example World News"
    assert first.text == (
        "Iran and Saudi Arabia agreed on Friday to restore diplomatic relations and reopen "
        "their embassies within two months.\nThe deal followed talks hosted by China in Beijing."
    )
    assert "<p>" not in first.text
    assert second.published == date(2021, 9, 15)


def test_atom_fixture_keeps_the_publishers_calendar_date() -> None:
    first, second = read_feed_file(FIXTURES / "diplomacy.atom")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.published == date(2024, 10, 7)  # 01:30 +09:00 is still 6 October in UTC
    assert first.text.startswith("Beijing and Pyongyang exchanged messages")
    assert second.published == date(2024, 3, 7)  # no <published>: falls back to <updated>
    assert second.url == "https://news.example.org/2024/03/07/sweden-nato"


def test_entry_without_text_is_reported_and_others_load() -> None:
    items = (
        "<item><title>Only a title</title><link>https://e.org/1</link></item>"
        "<item><title>T</title><description>Leaders met in Geneva.</description></item>"
    )
    bad, good = parse_feed(_rss(items), "feed.rss")
    assert isinstance(bad, LoadError) and bad.line == 1
    assert bad.message == "feed.rss entry 'Only a title' has no text."
    assert isinstance(good, Article) and good.published is None and good.url is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><body><p>Just a page.</p></body></html>", "is not an RSS or Atom feed"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "is not an RSS or Atom feed"),
        (_rss(""), "is a feed with no entries"),
        (b"", "is empty"),
        (b"\x00\x01binary", "binary"),
    ],
)
def test_bad_feeds_are_load_errors(data: bytes, reason: str) -> None:
    with pytest.raises(LoadError, match=reason):
        parse_feed(data, "feed.xml")


def test_data_naming_a_file_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(_rss("<item><description>Leaked.</description></item>"))
    with pytest.raises(LoadError, match="not an RSS or Atom feed"):
        parse_feed(str(secret).encode(), "feed.xml")


def test_looks_like_feed() -> None:
    assert looks_like_feed(b'<?xml version="1.0"?>\n<rss version="2.0">')
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert not looks_like_feed(b"<!DOCTYPE html><html>")
