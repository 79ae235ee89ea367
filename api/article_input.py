"""Reading a posted article: the body under a size limit, then the loader for its media type
(plain text with an optional header block, an HTML page, or a JSON object)."""

from __future__ import annotations

from pydantic import ValidationError

from api.errors import ApiError
from api.schemas import ArticleSubmission
from loaders.article import Article
from loaders.errors import LoadError
from loaders.input_limits import MAX_JSON_DEPTH, json_too_deep, text_problem
from loaders.text_loader import known_value, parse_published

ARTICLE_TYPES = ("text/plain", "text/html", "application/json")


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ApiError(400, "the body is not UTF-8 text", "Invalid encoding") from None


def _from_json(raw: bytes) -> Article:
    if json_too_deep(raw):  # before parsing: the parser would recurse through every level
        raise ApiError(422, f"the JSON body is nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        data = ArticleSubmission.model_validate_json(raw)
    except ValidationError as exc:
        where = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {_message(e['type'], e['msg'])}"
            for e in exc.errors()
        )
        raise ApiError(422, where, "Invalid article") from None
    published = parse_published(data.published) if data.published else None
    if data.published and published is None and known_value(data.published):
        raise ApiError(
            422,
            f"published: {data.published!r} is not a day (YYYY-MM-DD) or a timestamp",
            "Invalid article",
        )
    text = data.text.strip()
    if not text:
        raise ApiError(422, "text: the article has no text", "Invalid article")
    return Article(
        text=text,
        url=known_value(data.url),
        title=known_value(data.title),
        published=published,
    )


def _message(kind: str, text: str) -> str:
    # The only pattern is the text's \S: pydantic would quote the regular expression.
    return (
        "the article has no text (only white space)" if kind == "string_pattern_mismatch" else text
    )


def parse_article(raw: bytes, kind: str) -> Article:
    """The Article in a body of media type `kind`; 415 for other types, 422 for no text or
    for text over the input limits (loaders.input_limits: binary or control characters, no
    words, a word over 1,000 characters, JSON nested over 64 levels)."""
    if kind not in ARTICLE_TYPES:
        raise ApiError(415, f"send the article as one of {', '.join(ARTICLE_TYPES)}")
    article = _from_json(raw) if kind == "application/json" else _from_text(_decode(raw), kind)
    problem = text_problem(article.text)
    if problem:
        raise ApiError(422, f"the article was not stored: {problem}", "Not article text")
    return article


def _from_text(text: str, kind: str) -> Article:
    from loaders.html_loader import html_fragment_to_text, parse_html_article
    from loaders.text_loader import parse_text_article

    if "\x00" in text:  # before any parsing: a NUL byte means a binary body
        raise ApiError(
            422,
            "the article was not stored: it looks binary (it contains NUL bytes)",
            "Not article text",
        )
    try:
        if kind == "text/html":
            try:
                return parse_html_article(text)
            except LoadError:  # not a whole page: a fragment's text is the article
                fragment = html_fragment_to_text(text).strip()
                if not fragment:
                    raise
                return Article(text=fragment)
        return parse_text_article(text)
    except LoadError as exc:
        raise ApiError(422, str(exc), "No article text") from None
