"""An article graph whose events and relation have non-state actors as participants (Hamas
and Israel, the Houthis and the United States), built as ingest builds one: for the actor
query tests and the query contract."""

from __future__ import annotations

from datetime import date

from rdflib import Graph

from loaders.article import Article
from loaders.extraction.model import EventRecord, Extraction, RelationRecord
from loaders.rdf.article_graph import article_graph

TEXT = (
    "Hamas fighters attacked Israel on 7 October 2023. "
    "The Houthis attacked a US warship in the Red Sea in January 2024."
)
FIRST, SECOND = TEXT.split(". ")[0] + ".", TEXT.split(". ")[1]


def _evidence(sentence: str) -> dict[str, object]:
    start = TEXT.index(sentence)
    return {"evidence": sentence, "start": start, "end": start + len(sentence), "confidence": 0.8}


def actor_article(base_iri: str) -> Graph:
    """The article's named graph under `base_iri` (SHACL-validated by article_graph)."""
    article = Article(TEXT, url="https://news.test/actors", published=date(2024, 2, 1))
    extraction = Extraction(
        article=article,
        states=["ISR", "USA"],
        events=[
            EventRecord(
                type="military_intervention",
                participants=["HAMAS", "ISR"],
                date="2023-10-07",
                **_evidence(FIRST),
            ),
            EventRecord(
                type="armed_clash",
                participants=["HOUTHIS", "USA"],
                date="2024-01",
                **_evidence(SECOND),
            ),
        ],
        relations=[RelationRecord(type="at_war", a="HAMAS", b="ISR", **_evidence(FIRST))],
    )
    return article_graph(extraction, base_iri)
