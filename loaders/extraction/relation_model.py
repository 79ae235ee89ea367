"""A relation candidate: a type, an unordered pair of states, a start year and its sentence."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.extraction.sentences import Sentence


@dataclass
class RelationCandidate:
    type: str
    a: str
    b: str
    since: str | None
    sentence: Sentence
    confidence: float
