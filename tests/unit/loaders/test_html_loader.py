"""HTML loader: trafilatura's main text and metadata, and pages with no article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from loaders.errors import LoadError
from loaders.html_loader import html_fragment_to_text, parse_html_article, read_html_file

FIXTURES = Path(__file__).parents[2] / "fixtures" / "articles"
BODY = (
    "<p>Iran and Saudi Arabia agreed on Friday to restore diplomatic relations after talks "
    "hosted in Beijing.</p><p>Embassies are to reopen within two months.</p>"
)


def _page(head: str = "", body: str = BODY) -> str:
    return f"<html><head>{head}</head><body><nav>Home | World</nav><article>{body}</article></body></html>"


def test_fixture_page_gives_text_title_date_and_canonical_url() -> None:
    article = read_html_file(FIXTURES / "nato_finland_2023.html")
    assert article.url == "https://news.example.org/2023/04/04/finland-joins-nato"
    assert article.title == "Finland joins NATO as the alliance's 31st member"
    assert article.published == date(2023, 4, 4)
    assert article.text.startswith("Finland became the 31st member of NATO")
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.source == str(FIXTURES / "nato_finland_2023.html")


def test_headline_repeated_as_first_line_is_dropped() -> None:
    head = "<title>Iran and Saudi Arabia agree</title>"
    article = parse_html_article(_page(head, "<h1>Iran and Saudi Arabia agree</h1>" + BODY))
    assert article.title == "Iran and Saudi Arabia agree"
    assert article.text.startswith("Iran and Saudi Arabia agreed on Friday")


def test_url_argument_is_the_fallback_without_canonical() -> None:
    article = parse_html_article(_page("<title>T</title>"), url="https://example.org/x")
    assert article.url == "https://example.org/x"
    assert article.source == "https://example.org/x"


def test_date_is_not_guessed_from_the_body() -> None:
    body = "<p>The summit was held on 12 March 2021 in Paris between the leaders of the two states.</p>"
    assert parse_html_article(_page("<title>T</title>", body)).published is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><head><title>Login</title></head><body><form><input><button>Search</button></form></body></html>",
        "",
    ],
)
def test_page_without_article_is_a_load_error(html: str) -> None:
    with pytest.raises(LoadError, match=r"no article text found in page\.html\.") as info:
        parse_html_article(html, source="page.html")
    assert info.value.source == "page.html"


def test_html_file_with_no_article(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav>Home | News | Contact</nav></body></html>")
    with pytest.raises(LoadError, match="no article text found in"):
        read_html_file(path)


def test_fragment_cleaner_collapses_blocks_and_drops_scripts() -> None:
    fragment = "<p>Iran and\n  Saudi Arabia</p><script>x = 1</script><p>Deal &amp; talks.</p>"
    assert html_fragment_to_text(fragment) == "Iran and Saudi Arabia\nDeal & talks."
    assert html_fragment_to_text("Plain\nwrapped.\n\nSecond.") == "Plain wrapped.\nSecond."
    assert html_fragment_to_text("  ") == ""
