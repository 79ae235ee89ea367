"""Event pages from Neo4j rows: sources and evidence come back as two lists per fact and are
joined by article the way the SPARQL side's OPTIONAL joins them."""

from __future__ import annotations

from kg.queries.cypher_events import source_rows

A1 = {
    "article": "urn:a1",
    "url": "https://news.example/1",
    "title": "One",
    "published": "2024-10-07",
}
A2 = {
    "article": "urn:a2",
    "url": "https://news.example/2",
    "title": "Two",
    "published": "2024-10-08",
}


def _evidence(article: str, sentence: str, start: int) -> dict[str, object]:
    return {
        "article": article,
        "sentence": sentence,
        "charStart": start,
        "charEnd": start + 9,
        "confidence": 0.9,
    }


def test_each_sentence_of_a_source_article_is_one_row() -> None:
    evidence = [_evidence("urn:a1", "Xi wrote.", 0), _evidence("urn:a1", "Kim wrote.", 40)]
    rows = source_rows("urn:e", [A1], evidence)
    assert [(r["article"], r["sentence"], r["charStart"]) for r in rows] == [
        ("urn:a1", "Xi wrote.", "0"),
        ("urn:a1", "Kim wrote.", "40"),
    ]
    assert all(r["e"] == "urn:e" and r["title"] == "One" for r in rows)


def test_a_source_without_a_sentence_is_kept_without_one() -> None:
    rows = source_rows("urn:e", [A1, A2], [_evidence("urn:a2", "Both met.", 5)])
    assert [(r["article"], r.get("sentence")) for r in rows] == [
        ("urn:a1", None),
        ("urn:a2", "Both met."),
    ]
    assert "charStart" not in rows[0] and rows[0]["url"] == "https://news.example/1"


def test_evidence_citing_an_article_that_is_not_a_source_is_left_out() -> None:
    rows = source_rows("urn:e", [A1], [_evidence("urn:gone", "Stale.", 0)])
    assert [(r["article"], r.get("sentence")) for r in rows] == [("urn:a1", None)]


def test_a_fact_without_sources_has_no_rows() -> None:
    assert source_rows("urn:e", [], [_evidence("urn:a1", "Orphan.", 0)]) == []
