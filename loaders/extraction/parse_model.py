"""A dependency parse of one sentence as plain data, and the interface a parser offers: the
parser backoff (`parsed_events`) reads only these, so its rules are tested on any parser's
output and spaCy stays an optional component behind one module (`parser_spacy`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


class ParserUnavailable(RuntimeError):
    """The optional parser (or its model) is not installed: one sentence says how to get it."""


@dataclass(frozen=True, slots=True)
class Token:
    i: int
    start: int  # character offsets in the sentence text
    end: int
    text: str
    lemma: str  # lower case
    pos: str  # universal part of speech (VERB, NOUN, PROPN, ...)
    tag: str  # Penn tag (VBD, VBN, ...)
    dep: str  # dependency label (nsubj, dobj, prep, ...)
    head: int  # index of the head token (itself for the root)


@dataclass
class Parse:
    tokens: list[Token]
    children: list[list[int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.children = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                self.children[t.head].append(t.i)

    def kids(self, i: int, *deps: str) -> list[Token]:
        """The children of token i, only those with one of `deps` when given."""
        return [self.tokens[c] for c in self.children[i] if not deps or self.tokens[c].dep in deps]

    def subtree(self, i: int, keep: Callable[[Token], bool] = lambda t: True) -> list[int]:
        """Token i and its descendants, without the branches whose top token fails `keep`."""
        out, todo = [], [i]
        while todo:
            j = todo.pop()
            out.append(j)
            todo.extend(c for c in self.children[j] if keep(self.tokens[c]))
        return sorted(out)


class SentenceParser(Protocol):
    """What the backoff needs of a parser: sentences in, parses out, in order."""

    name: str

    def parse(self, texts: list[str]) -> list[Parse]: ...


PARSERS = ("none", "spacy")


def parser_named(name: str) -> SentenceParser | None:
    """The parser a setting names ("none": no parser); ParserUnavailable when it cannot be
    loaded. spaCy is imported only here, and only when asked for."""
    if name == "none":
        return None
    if name != "spacy":
        raise ParserUnavailable(f"unknown parser {name!r}; expected one of {', '.join(PARSERS)}")
    from loaders.extraction.parser_spacy import spacy_parser

    return spacy_parser()
