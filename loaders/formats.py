"""Which loader reads an input: by file extension, HTTP content type or the first bytes,
and the one dispatch from (kind, bytes) to Articles shared by files and URLs."""

from __future__ import annotations

import codecs
import json
from dataclasses import replace
from typing import Literal

from loaders._files import decode_text
from loaders.article import Article
from loaders.errors import LoadError
from loaders.html_loader import parse_html_article
from loaders.jsonl_loader import parse_jsonl
from loaders.rss_loader import looks_like_feed, parse_feed
from loaders.text_loader import parse_text_article

Kind = Literal["text", "html", "jsonl", "feed"]

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_CONTENT_TYPES: dict[str, Kind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+xml": "feed",
    "text/plain": "text",
    "text/markdown": "text",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}
_SNIFFED_TYPES = frozenset({"", "text/xml", "application/xml", "application/octet-stream"})


def kind_from_content_type(content_type: str, head: bytes) -> Kind | None:
    """The kind an HTTP content type names; generic XML or none at all is decided by sniffing."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in _CONTENT_TYPES:
        return _CONTENT_TYPES[media]
    if media in _SNIFFED_TYPES or media.startswith("text/"):
        return sniff_kind(head)
    return None


def sniff_kind(head: bytes) -> Kind | None:
    """The kind the first bytes suggest: feed, HTML, JSON Lines or text; None for binary."""
    sample = head[:4096].removeprefix(codecs.BOM_UTF8).lstrip()
    if b"\x00" in sample:
        return None
    lower = sample[:1024].lower()
    if lower.startswith((b"<!doctype html", b"<html")):
        return "html"
    if looks_like_feed(lower):
        return "feed"
    if b"<body" in lower or b"<head" in lower:
        return "html"
    if lower.startswith(b"<?xml"):
        return "feed"  # some other XML: the feed loader says why it is not a feed
    if sample.startswith(b"{") and _first_line_is_object(sample):
        return "jsonl"
    return "text"


def parse_bytes(
    kind: Kind, data: bytes, source: str, url: str | None = None
) -> list[Article | LoadError]:
    """Articles from one input's bytes with the loader for `kind`.

    `url` is where the bytes came from over HTTP: the fallback URL of an HTML page or text.
    Raises LoadError when the input as a whole cannot load; per-item problems (a JSON
    line, a feed entry) are LoadErrors in the list.
    """
    if kind == "feed":
        return parse_feed(data, source)
    text = decode_text(data, source)
    if kind == "jsonl":
        return parse_jsonl(text, source)
    if kind == "html":
        return [parse_html_article(text, source=source, url=url)]
    article = parse_text_article(text, source=source)
    return [replace(article, url=article.url or url)]


def _first_line_is_object(sample: bytes) -> bool:
    """Whether the first line is a complete JSON object, as in JSON Lines."""
    first = sample.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False
