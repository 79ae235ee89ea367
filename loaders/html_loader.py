"""HTML pages to Articles with trafilatura: main text, title, date and canonical URL."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import trafilatura
from lxml import etree

from loaders._files import DEFAULT_MAX_BYTES, read_text
from loaders.article import Article
from loaders.errors import LoadError
from loaders.text_loader import parse_published

MIN_WORDS = 10  # below this, what trafilatura found is navigation or a form, not an article
# Only dates the page states in its metadata: a date guessed from the body text would be
# some event's date, and relative dates ("last week") are resolved against `published`.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BREAK = "\u2029"  # paragraph separator: marks the end of a block element
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "table",
        "section",
        "article",
    ]
)


def parse_html_article(
    html: str | bytes,
    source: str | None = None,
    url: str | None = None,
    min_words: int = MIN_WORDS,
) -> Article:
    """An Article from a whole HTML page; `url` is the fallback when the page has no canonical.

    Raises LoadError ("no article text found in ...") when trafilatura finds no main text
    of at least `min_words` words: a navigation page, a login form, an empty body.
    """
    name = source or url or "HTML page"
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
    )
    text = (getattr(doc, "text", None) or "").strip()
    if len(text.split()) < min_words:
        raise LoadError(f"no article text found in {name}.", name)
    title = _clean(getattr(doc, "title", None))
    return Article(
        text=_drop_title_line(text, title),
        url=_absolute(_clean(getattr(doc, "url", None)), url) or url,
        title=title,
        published=parse_published(getattr(doc, "date", None)),
        source=source or url,
    )


def read_html_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Load an HTML file; size, binary and encoding checks as for every file (loaders._files)."""
    return parse_html_article(read_text(path, max_bytes), source=str(path))


def html_fragment_to_text(fragment: str) -> str:
    """Plain text from an HTML fragment (a feed summary): one line per block element.

    trafilatura wants whole pages and returns nothing for a bare `<p>...</p>`, hence this
    small cleaner. As in a browser, whitespace inside a block collapses to one space, so a
    paragraph wrapped over several source lines becomes one line. Scripts and styles go;
    entities are decoded; plain text keeps its blank-line paragraph breaks.
    """
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(fragment)
    etree.strip_elements(root, "script", "style", with_tail=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = _BREAK + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    """Blocks (breaks or blank lines) one per line, whitespace inside each collapsed."""
    blocks = re.split(rf"{_BREAK}|\n[ \t]*\n", text)
    lines = (" ".join(block.split()) for block in blocks)
    return "\n".join(line for line in lines if line)


def _drop_title_line(text: str, title: str | None) -> str:
    """Remove a first line that repeats the title: the headline is not part of the body."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and first.strip().casefold() == title.casefold():
        return rest.strip()
    return text


def _absolute(found: str | None, base: str | None) -> str | None:
    """The page's canonical URL, made absolute against `base`; None if it is not http(s)."""
    if found is None:
        return None
    resolved = urljoin(base, found) if base else found
    return resolved if resolved.startswith(("http://", "https://")) else None


def _clean(value: str | None) -> str | None:
    """Strip a metadata value; empty becomes None."""
    return value.strip() or None if value else None
