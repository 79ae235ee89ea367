"""iter_articles: files, folders, globs and URLs; every bad input is a LoadError, in order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from loaders.article import Article
from loaders.errors import LoadError
from loaders.formats import sniff_kind
from loaders.sources import _guarded, iter_articles
from tests.conftest import require_devset

FIXTURES = Path(__file__).parents[2] / "fixtures" / "articles"
PAGE = "<html><body><article><p>{}</p></article></body></html>"
TEXT = "Leaders of the two states met in Geneva and agreed to continue talks next month."


def _split(results: list[Article | LoadError]) -> tuple[list[Article], list[LoadError]]:
    articles = [r for r in results if isinstance(r, Article)]
    return articles, [r for r in results if isinstance(r, LoadError)]


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("title: A\n\n" + TEXT)
    (root / "a.gold.json").write_text("{}")
    (root / "README.md").write_text("How this folder is organised.")
    (root / "notes.py").write_text("print('not an article')")
    (root / ".secret.txt").write_text(TEXT)
    (root / ".hidden" / "x.txt").write_text(TEXT)
    (root / "b" / "c.html").write_text(PAGE.format(TEXT))
    (root / "b" / "d.md").write_text("title: D\n\n" + TEXT)


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    articles, errors = _split(list(iter_articles([str(tmp_path)])))
    assert errors == []
    assert [Path(a.source or "").name for a in articles] == ["a.txt", "c.html", "d.md"]


def test_globs_select_like_folders(tmp_path: Path) -> None:
    _tree(tmp_path)
    top = list(iter_articles([str(tmp_path / "*")]))
    assert [Path(a.source or "").name for a in _split(top)[0]] == ["a.txt", "c.html", "d.md"]
    deep = list(iter_articles([str(tmp_path / "**" / "*.md")]))
    assert [a.title for a in _split(deep)[0]] == ["D"]


def test_fixture_folder_loads_every_format() -> None:
    articles, errors = _split(list(iter_articles([FIXTURES])))
    assert errors == []
    assert len(articles) == 3 + 2 + 1 + 2  # jsonl, atom, html, rss


def test_extensionless_files_are_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page").write_text("<!DOCTYPE html>" + PAGE.format(TEXT))
    (tmp_path / "feed").write_bytes((FIXTURES / "world_news.rss").read_bytes())
    (tmp_path / "lines").write_text('{"text": "One."}\n{"text": "Two."}\n')
    (tmp_path / "plain").write_text(TEXT)
    names = ["page", "feed", "lines", "plain"]
    articles, errors = _split(list(iter_articles(str(tmp_path / n) for n in names)))
    assert errors == []
    assert len(articles) == 1 + 2 + 2 + 1
    assert articles[0].text == TEXT and articles[-1].text == TEXT
    assert articles[1].source == "Example World News"
    assert [a.text for a in articles[3:5]] == ["One.", "Two."]


def test_sniffing_prefers_the_html_doctype() -> None:
    assert sniff_kind(b"<!DOCTYPE html><html><body><p>On <feed> and <rss> tags.</p>") == "html"
    assert sniff_kind(b"\xef\xbb\xbf  <?xml version='1.0'?><rss version='2.0'>") == "feed"
    assert sniff_kind(b"<?xml version='1.0'?><sitemap/>") == "feed"  # the feed loader refuses it
    assert sniff_kind(b'{"text": "x"}\n') == "jsonl"
    assert sniff_kind(b"{not json") == "text"
    assert sniff_kind(b"GIF89a\x00\x01") is None


def _error(spec: str) -> LoadError:
    [result] = list(iter_articles([spec]))
    assert isinstance(result, LoadError), result
    assert result.source == spec
    return result


def test_bad_inputs_each_give_a_sentence_naming_them(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (tmp_path / "blob.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (tmp_path / "big.txt").write_bytes(b"word " * (2 * 1024 * 1024 + 1))
    (tmp_path / "nav.html").write_text("<html><body><nav>Home</nav></body></html>")
    (tmp_path / "x.gold.json").write_text("{}")
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "photo.jpg").write_bytes(b"\xff\xd8")
    cases = {
        "empty.txt": "is empty.",
        "blob": "looks like a binary file",
        "blob.txt": "looks like a binary file",
        "big.txt": "above the 5.0 MB limit for one input.",
        "nav.html": "no article text found in",
        "x.gold.json": "is a gold annotation, not an article.",
        "nothing": "is a folder with no article files",
        "absent.txt": "does not exist.",
        "*.none": "matches no article files",
    }
    for name, reason in cases.items():
        spec = str(tmp_path / name)
        message = _error(spec).message
        assert reason in message and spec in message, name


def test_size_limit_is_passed_down(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    [error] = list(iter_articles([str(tmp_path / "a.txt")], max_bytes=10))
    assert isinstance(error, LoadError) and "limit" in error.message


def test_special_file_is_refused() -> None:
    if not Path(os.devnull).exists():
        pytest.skip("no null device")
    assert "not a regular file or folder" in _error(os.devnull).message


def test_a_bad_file_in_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text(TEXT)
    (tmp_path / "2.txt").write_bytes(b"\x00\x00")
    (tmp_path / "3.jsonl").write_text('{"text": "Fine."}\nbroken\n')
    (tmp_path / "4.txt").write_text(TEXT)
    results = list(iter_articles([str(tmp_path), str(tmp_path / "missing")]))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Article", "LoadError", "Article", "LoadError", "Article", "LoadError"]
    assert isinstance(results[3], LoadError) and results[3].line == 2


def test_unexpected_exceptions_become_load_errors() -> None:
    def exploding() -> Iterator[Article]:
        yield Article(text="first")
        raise RuntimeError("parser bug")

    first, error = list(_guarded(exploding(), "weird.html"))
    assert isinstance(first, Article)
    assert isinstance(error, LoadError)
    assert error.message == "weird.html could not be loaded: RuntimeError: parser bug."


def test_urls_go_through_the_url_loader(http_base: str) -> None:
    results = list(iter_articles([f"{http_base}/feed.rss", f"{http_base}/missing"]))
    articles, errors = _split(results)
    assert len(articles) == 2
    assert [e.source for e in errors] == [f"{http_base}/missing"]


def test_devset_folder_loads_articles_only_with_their_dates() -> None:
    devset = require_devset()
    articles, errors = _split(list(iter_articles([devset])))
    assert errors == []
    assert len(articles) == len(list(devset.glob("*.txt")))
    by_name = {Path(a.source or "").name: a for a in articles}
    assert by_name["00_china_dprk_75_years.txt"].published == date(2024, 10, 7)
    assert by_name["01_us_japan_summit_2024.txt"].published is None
    assert by_name["07_aukus_2021.txt"].published == date(2021, 9, 15)
