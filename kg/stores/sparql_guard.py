"""Refuse federated SPARQL before evaluation: the record answers from its own data and never
calls another endpoint (pyoxigraph would send the HTTP request a SERVICE clause names, to
any address). A lexer, not a text search: the keyword counts only as a keyword, never
inside a string, an IRI, a comment, a variable or a prefixed name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# One token per match, longest forms first; what is not a keyword is skipped as a whole.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]*)
    | (?P<name>[^\W\d][\w.\-]*(?::[\w.\-:%\\]*)?|:[\w.\-:%\\]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
FEDERATED = "SERVICE"
# pyoxigraph's parser recurses once per group: at about 3,000 nested braces it overflows its
# stack and the process dies (SIGSEGV), so deeper queries are refused before it sees them.
MAX_NESTING = 100
NESTING_TEXT = f"The query nests groups, lists or brackets over {MAX_NESTING} levels deep."
REFUSED_TEXT = (
    "Federated queries (SERVICE) are refused: the record answers from its own data and "
    "never calls another endpoint."
)


def keywords(sparql: str) -> Iterator[str]:
    """The bare words of a query, upper-cased: keywords and function names, never what is
    inside strings, IRIs or comments, nor variables or prefixed names (ex:service)."""
    for token in _TOKEN.finditer(sparql):
        word = token.group("name")
        if word and ":" not in word:
            yield word.upper()


def too_deep(sparql: str) -> bool:
    """nesting(sparql) > MAX_NESTING; a query with fewer openers than that is not lexed."""
    openers = sparql.count("{") + sparql.count("(") + sparql.count("[")
    return openers > MAX_NESTING and nesting(sparql) > MAX_NESTING


def nesting(sparql: str) -> int:
    """How deep the query nests groups, lists and brackets, outside strings, IRIs and
    comments."""
    depth = deepest = 0
    for token in _TOKEN.finditer(sparql):
        char = token.group("other")
        if char in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif char in ("}", ")", "]"):
            depth -= 1
    return deepest


def is_federated(sparql: str) -> bool:
    """True when the query has a SERVICE clause (with an IRI or a variable)."""
    if FEDERATED not in sparql.upper():  # the word is nowhere: no need to lex
        return False
    return any(word == FEDERATED for word in keywords(sparql))
