"""An unchanged article is not extracted again (kg.input_keys): `kg ingest` of an article
whose input (text, url, date, source, extractor and its arguments, base IRI, code) made the
graph the store holds costs a look-up. Anything that changed the graph since (a correction,
a retraction, a lost hash cache) makes it extracted and written as before, and the record is
the same as without the skip."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from kg.ingest import ingest_all
from kg.input_keys import extractor_name, input_key
from kg.services.ingest import IngestService, Targets
from kg.stores.oxigraph_store import OxigraphStore
from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.extraction.model import Extraction
from tests.unit.kg.services.test_ingest import BASE, CLASH, SAME_VISIT, VISIT

CALLS: list[str] = []


def counted(article: Article) -> Extraction:
    """extract, counting the articles it was asked for (a module function: it has a key)."""
    CALLS.append(article.id)
    return extract(article)


@pytest.fixture
def store(tmp_path: Path, reference: bytes) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path / "store") as s:
        s.import_data(reference, "nq")
        yield s


@pytest.fixture
def service(store: OxigraphStore) -> IngestService:
    CALLS.clear()
    return IngestService(Targets(store=store, base_iri=BASE, extractor=counted))


def test_an_unchanged_article_is_not_extracted_again(
    service: IngestService, store: OxigraphStore
) -> None:
    first = service.ingest([VISIT, SAME_VISIT, CLASH])
    before, CALLS[:] = store.export("nq"), []
    again = service.ingest([VISIT, SAME_VISIT, CLASH])
    assert CALLS == []
    assert [(r.status, r.extraction) for r in again.reports] == [("unchanged", None)] * 3
    assert [r.events for r in again.reports] == [r.events for r in first.reports]
    assert [r.known_events for r in again.reports] == [r.events for r in first.reports]
    assert store.export("nq") == before


def test_a_correction_and_then_the_old_text_again_are_both_written(
    service: IngestService, store: OxigraphStore
) -> None:
    service.ingest([VISIT, CLASH])
    corrected = replace(VISIT, text=VISIT.text.replace("June 19", "June 18"))
    assert [r.status for r in service.ingest([corrected]).reports] == ["replaced"]
    back = service.ingest([VISIT, corrected, VISIT])  # the old input is known, its graph not
    assert [r.status for r in back.reports] == ["replaced", "replaced", "replaced"]


def test_a_retracted_or_forgotten_graph_is_extracted_again(
    service: IngestService, store: OxigraphStore, tmp_path: Path
) -> None:
    service.ingest([VISIT, CLASH])
    service.retract([VISIT.id])
    hashes = store.caches().hashes
    assert hashes is not None
    hashes.forget([str(service.targets.base_iri) + f"article/{CLASH.id}"])
    CALLS.clear()
    result = service.ingest([VISIT, CLASH])
    assert [r.status for r in result.reports] == ["new", "unchanged"]
    assert sorted(CALLS) == sorted([VISIT.id, CLASH.id])  # both prepared after all
    assert result.reports[1].extraction is not None


def test_post_articles_still_extracts_and_a_plain_ingest_all_does_too(
    service: IngestService, store: OxigraphStore
) -> None:
    service.ingest([VISIT])
    assert service.ingest_one(VISIT).reports[0].extraction is not None
    reports: list[object] = []
    ingest_all([VISIT], store, BASE, reports.append, counted)
    assert len(CALLS) == 3 and set(CALLS) == {VISIT.id}


def test_the_key_covers_what_makes_the_graph() -> None:
    key = input_key(VISIT, BASE, counted)
    assert key is not None and key == input_key(replace(VISIT), BASE, counted)
    for other in (
        input_key(replace(VISIT, text=VISIT.text + " "), BASE, counted),
        input_key(replace(VISIT, source="feed.xml"), BASE, counted),
        input_key(replace(VISIT, title="A visit"), BASE, counted),
        input_key(VISIT, "https://other.test/", counted),
        input_key(VISIT, BASE, extract),
    ):
        assert other is not None and other != key
    assert input_key(VISIT, BASE, partial(max, 0.5)) != input_key(VISIT, BASE, partial(max, 0.6))


def test_only_a_named_extractor_gives_a_key() -> None:
    assert extractor_name(extract) == "loaders.extraction.extractor.extract((), [])"
    assert extractor_name(partial(max, 0.5)) == "builtins.max((0.5,), [])"
    assert extractor_name(lambda a: extract(a)) is None
    assert extractor_name(partial(max, object())) is None
    assert input_key(VISIT, BASE, lambda a: extract(a)) is None
