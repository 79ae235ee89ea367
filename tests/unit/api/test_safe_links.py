"""Source urls become links only when they are http(s): an article's url is refused at the
door unless it is one, and a url already stored (an older store, an import) that is not
is shown without an href."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from rdflib import Graph, Literal, URIRef

from api.ld_html import render_page
from api.linked_data import Description
from api.schemas import ArticleSubmission
from kg.queries.models import SourcePublic
from loaders.article import url_problem
from loaders.errors import LoadError
from loaders.jsonl_loader import parse_jsonl_line
from loaders.text_loader import parse_text_article

BASE = "https://geokg.example.org/"
UNSAFE = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "//evil.example/no-scheme",
    "news.example.org/no-scheme",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_urls_have_a_problem(url: str) -> None:
    problem = url_problem(url)
    assert problem is not None and "http(s)" in problem


@pytest.mark.parametrize("url", ["https://news.example.org/a?b=1#c", "HTTP://Example.org/x"])
def test_http_urls_pass(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize("url", UNSAFE)
def test_a_posted_article_with_an_unsafe_url_is_refused(url: str) -> None:
    with pytest.raises(ValidationError, match=r"http\(s\)"):
        ArticleSubmission.model_validate({"text": "Some text.", "url": url})


def test_unknown_url_in_a_posted_article_is_no_url() -> None:
    assert ArticleSubmission.model_validate({"text": "x", "url": "unknown"}).url == "unknown"


def test_a_text_header_with_an_unsafe_url_is_a_load_error() -> None:
    raw = "url: javascript:alert(1)\ntitle: t\n\nChina and Russia held talks."
    with pytest.raises(LoadError, match=r"not an absolute http\(s\) URL"):
        parse_text_article(raw, source="a.txt")


def test_one_jsonl_record_with_an_unsafe_url_is_that_record_only() -> None:
    bad = parse_jsonl_line('{"text": "x", "url": "javascript:alert(1)"}', "in.jsonl", 3)
    assert isinstance(bad, LoadError) and "line 3" in str(bad) and "http(s)" in str(bad)
    good = parse_jsonl_line('{"text": "x", "url": "https://a.example/1"}', "in.jsonl", 4)
    assert not isinstance(good, LoadError) and good.url == "https://a.example/1"


def test_a_stored_unsafe_url_is_rendered_without_an_href() -> None:
    article = BASE + "article/0123456789abcdef"
    sources = [
        SourcePublic(article=article, url="javascript:alert(1)", title="Bad"),
        SourcePublic(article=article, url="https://news.example.org/good", title="Good"),
    ]
    graph = Graph()
    graph.add((URIRef(article), URIRef(BASE + "ontology#title"), Literal("t")))
    html = render_page(Description(iri=article, graph=graph, sources=sources), BASE)
    assert "javascript:" not in html.split("<h2>Sources</h2>")[1].split("</ul>")[0].lower()
    assert 'href="https://news.example.org/good"' in html
