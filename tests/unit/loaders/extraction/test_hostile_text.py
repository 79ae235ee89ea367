"""Hostile text cannot make extraction superlinear (issue 32: one 20,000-character capitalised
word stalled the server 9 s). Every shape of bench/hostile_extraction.py is extracted at
100,000 characters and must take less than 20 times plain prose of the same size, measured in
the same test (a ratio of CPU times, so a slow or busy machine does not fail it), and give a
sane result: no leader named with a huge name, no evidence longer than a capped sentence."""

from __future__ import annotations

import time

import pytest

from bench.hostile_extraction import PUBLISHED, SHAPES
from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.extraction.model import Extraction
from loaders.extraction.sentences import MAX_SENTENCE

SIZE = 100_000
MAX_RATIO = 20


def _timed(text: str) -> tuple[float, Extraction]:
    article = Article(text=text, url="https://example.org/hostile", published=PUBLISHED)
    start = time.process_time()
    extraction = extract(article)
    return time.process_time() - start, extraction


@pytest.fixture(scope="module")
def prose_seconds() -> float:
    _timed(SHAPES["plain prose"](1000))  # the lexicon is built once per process
    return min(_timed(SHAPES["plain prose"](SIZE))[0] for _ in range(2))


@pytest.mark.parametrize("shape", [name for name in SHAPES if name != "plain prose"])
def test_hostile_shape_is_linear_and_sane(shape: str, prose_seconds: float) -> None:
    text = SHAPES[shape](SIZE)
    assert len(text) >= SIZE
    seconds, extraction = _timed(text)
    assert seconds < MAX_RATIO * max(prose_seconds, 0.01), (
        f"{shape}: {seconds:.2f} s against {prose_seconds:.2f} s for plain prose"
    )
    for leader in extraction.leaders:
        assert len(leader.name) <= 100 and all(len(t) <= 60 for t in leader.name.split())
    for record in [*extraction.events, *extraction.relations]:
        assert len(record.evidence) <= MAX_SENTENCE
