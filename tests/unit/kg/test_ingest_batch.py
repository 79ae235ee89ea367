"""Many new articles per transaction (kg.ingest_batch) give the record and the reports that
writing them one at a time gives: events corroborated and refined within a batch, the same
article twice in one batch, corrections and unchanged articles between new ones; the stored
refinement graphs are those the whole record implies, and cached timelines stay right."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kg.ingest_batch
from kg.ingest import ArticleReport, IngestSummary, Outcome, ingest_all
from kg.stores.oxigraph_store import OxigraphStore
from loaders.article import Article
from loaders.errors import LoadError
from loaders.sources import iter_articles
from tests.unit.kg.conftest import BASE
from tests.unit.kg.test_refinement_delta import SEQUENCE, implied, stored_refinements
from tests.unit.kg.test_timeline_cache import assert_same_timelines

DEMO = Path(__file__).resolve().parents[2] / ".." / "kg" / "demo"
HELDOUT = Path(__file__).resolve().parents[2] / "fixtures" / "heldout"


def _loaded(folder: Path) -> list[Article]:
    return [a for a in iter_articles([folder]) if isinstance(a, Article)]


def _items() -> list[Article | LoadError]:
    """Demo and held-out articles, the refinement sequence (corrections, repeats) among
    them, one article twice in a row and an input that did not load."""
    demo, heldout = _loaded(DEMO), _loaded(HELDOUT)
    broken = LoadError("broken.txt could not be read.", "broken.txt")
    return [*demo[:3], *SEQUENCE[:4], demo[0], demo[0], *heldout, broken, *SEQUENCE[4:], *demo]


@pytest.fixture
def store(reference: bytes) -> Iterator[OxigraphStore]:
    with OxigraphStore(None) as s:
        s.import_data(reference, "nq")
        yield s


def _seen(outcome: Outcome) -> tuple[object, ...]:
    """What a report says; not `derived`, which names the refinement graphs its batch wrote
    in its groups (only POST /articles, a batch of one, projects them)."""
    if isinstance(outcome, tuple):
        return outcome
    return (outcome.article_iri, outcome.status, outcome.events, outcome.new_events,
            outcome.corroborated_events, outcome.known_events)  # fmt: skip


def _ingest(store: OxigraphStore, batch: int, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    monkeypatch.setattr(kg.ingest_batch, "BATCH", batch)
    seen: list[Outcome] = []
    summary = ingest_all(_items(), store, BASE, seen.append)
    assert isinstance(summary, IngestSummary) and summary.rejected
    return [_seen(o) for o in seen]


def test_batches_write_what_one_at_a_time_writes(
    reference: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    with OxigraphStore(None) as one, OxigraphStore(None) as many:
        for s in (one, many):
            s.import_data(reference, "nq")
        alone = _ingest(one, 1, monkeypatch)
        together = _ingest(many, 64, monkeypatch)
        assert together == alone
        # the same quads (an in-memory store's export order follows its history; the disk
        # store's is sorted: tests/integration/test_ingest_jobs.py compares bytes)
        assert sorted(many.export("nq").splitlines()) == sorted(one.export("nq").splitlines())
    statuses = {o[1] for o in alone if isinstance(o[1], str)}
    assert {"new", "replaced", "unchanged"} <= statuses


def test_batched_refinement_graphs_equal_a_full_recompute(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ingest(store, 64, monkeypatch)
    assert stored_refinements(store) == implied(store)
    assert stored_refinements(store)


def test_batches_leave_the_cached_timelines_right(
    reference: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    with OxigraphStore(None) as cached, OxigraphStore(None, timeline_cache=False) as plain:
        for s in (cached, plain):
            s.import_data(reference, "nq")
        for s in (cached, plain):
            ingest_all(_items()[:9], s, BASE)
        assert assert_same_timelines(cached, plain)  # every pair read: the cache holds them
        for s in (cached, plain):
            _ingest(s, 64, monkeypatch)
        assert assert_same_timelines(cached, plain) > 100


def test_outcomes_come_in_input_order_once_written(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.ingest_batch, "BATCH", 4)
    items = _items()
    written: list[str] = []

    def seen(outcome: Outcome) -> None:
        if isinstance(outcome, ArticleReport) and outcome.status != "unchanged":
            assert store.has_graph(outcome.article_iri)
        written.append(outcome.article_iri if isinstance(outcome, ArticleReport) else "x")

    ingest_all(items, store, BASE, seen)
    assert len(written) == len(items)
    assert written[:3] == [f"{BASE}article/{a.id}" for a in items[:3]]
