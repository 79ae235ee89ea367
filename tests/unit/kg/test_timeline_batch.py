"""Pair timelines read together (kg.queries.timeline_batch, through CachedQueries.read_pairs)
keep what reading them one by one keeps: the record's answer for every pair, whether the
pairs' links are read for all of them at once or a pair at a time, and nothing for a pair a
write overtook."""

from __future__ import annotations

import pytest

from kg.queries import timeline_batch
from kg.queries.cached_queries import record_queries
from kg.stores.oxigraph_store import OxigraphStore
from loaders.article import Article
from loaders.sources import iter_articles
from tests.unit.kg.conftest import cached as queries
from tests.unit.kg.conftest import kept, timelines
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
    assert queries(cached).read_pairs(codes) == len(codes)
    assert queries(cached).read_pairs(codes) == 0  # kept: nothing to read
    for a, b in _pairs(plain):
        found = kept(cached, f"{a}|{b}")
        expected = record_queries(plain).timeline(a, b)
        assert found == [e.model_dump_json() for e in expected], (a, b)
    assert kept(cached, "FIN|NZL") == []


@pytest.mark.parametrize("twins", ["partial"], indirect=True)
def test_a_pair_a_write_overtook_is_not_kept(twins: tuple[OxigraphStore, OxigraphStore]) -> None:
    cached, _plain = twins
    for item in iter_articles([DEMO]):
        assert isinstance(item, Article)
        _both(twins, item)
    select = cached.select

    def overtaken(sparql: str) -> list[dict[str, str]]:
        timelines(cached).forget()  # a write came while the pairs were read
        return select(sparql)

    cached.select = overtaken  # type: ignore[method-assign]
    queries(cached).read_pairs(["CHN|PRK"])
    cached.select = select  # type: ignore[method-assign]
    assert kept(cached, "CHN|PRK") is None
