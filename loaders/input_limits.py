"""Limits every article is held to, whatever it came from (a file, a feed, a JSON Lines
record, a POST): checked on the text before extraction, and on JSON before it is parsed.

- A "word" (a run of non-space characters) longer than MAX_TOKEN_CHARS refuses the article:
  no real word, name or link is that long, and a shortened text would change the article
  (its id and its evidence offsets), so it is refused rather than cut.
- Text that is not text refuses the article: NUL bytes, control characters or U+FFFD
  (what a lossy decoder leaves of invalid bytes) in more than a tenth of its characters, or
  no word of two letters at all.
- JSON nested more than MAX_JSON_DEPTH levels is refused before it is parsed (Python's
  parser raises RecursionError at about 1,000 levels).
"""

from __future__ import annotations

import re

MAX_TOKEN_CHARS = 1000
MAX_JSON_DEPTH = 64

# Only at a token's start, so a long token is read once (linear), not from every character.
_LONG_TOKEN = re.compile(rf"(?<!\S)\S{{{MAX_TOKEN_CHARS + 1}}}")
_JUNK_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_WORD = re.compile(r"[^\W\d_]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")  # a lone surrogate: JSON can escape one, UTF-8 cannot
# Files that decode as text but are not: what their first bytes say they are.
SIGNATURES = {"%PDF-": "a PDF file", "PK\x03\x04": "a ZIP file", "\x89PNG": "a PNG image"}
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*+"')
_BRACKETS = re.compile(r"[\[\]{}]")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be an article (one phrase), or None when it can."""
    if "\x00" in text:
        return "it looks binary (it contains NUL bytes)"
    kind = next((k for sig, k in SIGNATURES.items() if text.lstrip().startswith(sig)), None)
    if kind:
        return f"it is {kind}, not text"
    surrogate = _SURROGATE.search(text)
    if surrogate:
        return f"it holds a lone surrogate (U+{ord(surrogate.group()):04X}), which is not text"
    junk = len(_JUNK_CHARS.findall(text))
    if junk * 10 > len(text) - text.count(" "):
        return f"it is not text ({junk} of its {len(text)} characters are control characters or U+FFFD)"
    if not _WORD.search(text):
        return "it has no words"
    long = _LONG_TOKEN.search(text)
    if long:
        end = long.start() + len(text[long.start() :].split(None, 1)[0])
        return (
            f"it has a word of {end - long.start():,} characters at offset {long.start()}, "
            f"above the limit of {MAX_TOKEN_CHARS:,}"
        )
    return None


def json_too_deep(data: str | bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the JSON text nests arrays and objects more than `limit` levels deep
    (strings skipped). Cheap for ordinary records: fewer brackets than the limit are never
    scanned."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for m in _BRACKETS.finditer(_JSON_STRING.sub('""', text)):
        depth += 1 if m.group(0) in "[{" else -1
        if depth > limit:
            return True
    return False
