"""URL loader against a real local HTTP server: formats, limits, errors and timeouts."""

from __future__ import annotations

import socket
import time
from datetime import date

import httpx
import pytest

from loaders.article import Article
from loaders.errors import LoadError
from loaders.url_loader import fetch, load_url

SHORT = httpx.Timeout(0.5, connect=0.5)


def _articles(results: list[Article | LoadError]) -> list[Article]:
    assert all(isinstance(result, Article) for result in results), results
    return [result for result in results if isinstance(result, Article)]


def test_html_page(http_base: str) -> None:
    [article] = _articles(load_url(f"{http_base}/article.html"))
    assert article.published == date(2023, 4, 4)
    assert article.url == "https://news.example.org/2023/04/04/finland-joins-nato"
    assert article.source == f"{http_base}/article.html"


def test_redirect_is_followed(http_base: str) -> None:
    [article] = _articles(load_url(f"{http_base}/redirect"))
    assert article.title == "Finland joins NATO as the alliance's 31st member"


def test_rss_and_atom_by_type_and_by_sniffing(http_base: str) -> None:
    assert len(_articles(load_url(f"{http_base}/feed.rss"))) == 2
    atom = _articles(load_url(f"{http_base}/feed.atom"))
    assert atom[0].published == date(2024, 10, 7)


def test_text_jsonl_and_untyped_html(http_base: str) -> None:
    [text] = _articles(load_url(f"{http_base}/plain.txt"))
    assert (text.title, text.text, text.url) == ("T", "Leaders met.", f"{http_base}/plain.txt")
    assert len(_articles(load_url(f"{http_base}/articles.jsonl"))) == 3
    [page] = _articles(load_url(f"{http_base}/untyped"))
    assert page.published == date(2023, 4, 4)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "answered HTTP 404 Not Found."),
        ("/image.png", "is not an article (content type image/png)."),
        ("/empty.txt", "is empty."),
        ("/nav.html", "no article text found in"),
        ("/big-declared", "above the 5242880-byte limit."),
        ("/big-streamed", "sent more than the 5242880-byte limit."),
    ],
)
def test_bad_answers_are_load_errors(http_base: str, path: str, reason: str) -> None:
    url = f"{http_base}{path}"
    with pytest.raises(LoadError) as info:
        load_url(url)
    assert reason in info.value.message
    assert info.value.source == url


def test_slow_server_times_out(http_base: str) -> None:
    started = time.monotonic()
    with pytest.raises(LoadError, match=r"sent nothing for 0\.5 s"):
        load_url(f"{http_base}/slow", timeout=SHORT)
    assert time.monotonic() - started < 3


def test_trickling_server_hits_the_deadline(http_base: str) -> None:
    with pytest.raises(LoadError, match="took too long"):
        fetch(f"{http_base}/trickle", deadline=0.3)


def test_size_limit_is_configurable(http_base: str) -> None:
    with pytest.raises(LoadError, match="100-byte limit"):
        fetch(f"{http_base}/article.html", max_bytes=100)


def test_refused_connection_is_a_load_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed once the block ends: nothing listens there
    with pytest.raises(LoadError, match=r"could not connect to 127\.0\.0\.1"):
        load_url(f"http://127.0.0.1:{port}/", timeout=SHORT)


@pytest.mark.parametrize("url", ["ftp://example.org/a", "http://", "not a url"])
def test_non_http_urls_are_refused(url: str) -> None:
    with pytest.raises(LoadError, match=r"is not an http\(s\) URL"):
        load_url(url)


@pytest.mark.parametrize(
    "url", ["http://[::1/", "http://exa\x00mple.org/", f"http://{'a' * 300}.org/"]
)
def test_malformed_urls_are_load_errors(url: str) -> None:
    with pytest.raises(LoadError, match="is not a valid URL"):
        load_url(url)


def test_a_given_client_is_used_and_left_open(http_base: str) -> None:
    with httpx.Client() as client:
        fetched = fetch(f"{http_base}/plain.txt", client=client)
        assert fetched.body.endswith(b"Leaders met.")
        assert not client.is_closed
