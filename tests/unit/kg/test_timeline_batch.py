"""Pair timelines read together (kg.queries.timeline_batch) keep what reading them one by one
keeps: the record's answer for every pair, whether the pairs' links are read for all of them
at once or a pair at a time, and nothing for a pair a write overtook."""

from __future__ import annotations

import pytest

from kg.queries import timeline_batch
from kg.queries.sparql_queries import SparqlQueries
from kg.queries.timeline_batch import read_timelines
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.timeline_cache import PageFilter
from loaders.article import Article
from loaders.sources import iter_articles
from tests.unit.kg.test_timeline_cache import DEMO, _both, _pairs, twins

__all__ = ["twins"]  # the fixture, shared


@pytest.mark.parametrize("twins", ["partial"], indirect=True)
@pytest.mark.parametrize("most_rows", [1, 2000])
def test_pairs_read_together_keep_the_record_answer(
    twins: tuple[OxigraphStore, OxigraphStore], most_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timeline_batch, "MOST_ROWS", most_rows)
    cached, plain = twins
    for item in iter_articles([DEMO]):
        assert isinstance(item, Article)
        _both(twins, item)
    codes = [f"{a}|{b}" for a, b in _pairs(plain)] + ["FIN|NZL"]
    assert read_timelines(cached, codes) == len(codes)
    assert read_timelines(cached, codes) == 0  # kept: nothing to read
    for a, b in _pairs(plain):
        kept = cached.cached_timeline(f"{a}|{b}", PageFilter())[0]
        expected = SparqlQueries(plain).timeline(a, b)
        assert kept == [e.model_dump_json() for e in expected], (a, b)
    assert cached.cached_timeline("FIN|NZL", PageFilter())[0] == []


@pytest.mark.parametrize("twins", ["partial"], indirect=True)
def test_a_pair_a_write_overtook_is_not_kept(twins: tuple[OxigraphStore, OxigraphStore]) -> None:
    cached, _plain = twins
    for item in iter_articles([DEMO]):
        assert isinstance(item, Article)
        _both(twins, item)
    select = cached.select

    def overtaken(sparql: str) -> list[dict[str, str]]:
        cached.forget_timelines()  # a write came while the pairs were read
        return select(sparql)

    cached.select = overtaken  # type: ignore[method-assign]
    read_timelines(cached, ["CHN|PRK"])
    cached.select = select  # type: ignore[method-assign]
    assert cached.cached_timeline("CHN|PRK", PageFilter())[0] is None
