"""The notebook client (client/, docs/client.md) against the session's real server: the
China-North Korea timeline as a DataFrame, search, events, alliances, relations, a
neighbourhood as a networkx graph, and the server's problems as GeokgError. Expected values
are read from the API in each test: the session's server is shared with tests that post
articles, so no count is written down here."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pandas as pd
import pytest

from client import Client, GeokgError
from tests.e2e.conftest import API_KEY, Server


@pytest.fixture(scope="module")
def kg(server: Server) -> Iterator[Client]:
    with Client(server.url) as client:
        yield client


def test_the_timeline_has_the_korean_war_with_its_dates_and_evidence(
    kg: Client, api: httpx.Client
) -> None:
    expected = api.get("/timeline/CHN/PRK", params={"limit": 1000}).json()["items"]
    frame = kg.timeline("CHN", "PRK")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["iri"]) == [e["iri"] for e in expected]  # every event, in the API's order
    war = frame[frame["type"] == "war"].iloc[0]
    assert war["date"] == "1950-06-25/1953-07-27"
    assert war["earliest"] == pd.Timestamp("1950-06-25")
    assert war["latest"] == pd.Timestamp("1953-07-27")
    assert war["sources"] == len(war["source_details"]) >= 1
    assert any("1950" in sentence for sentence in war["evidence"]), war["evidence"]
    assert set(war["participants"]) >= {"CHN", "PRK"}


def test_the_timeline_pages_filters_and_takes_names(kg: Client, api: httpx.Client) -> None:
    """Names as the API takes them, a period and types: one type asked of the server,
    several filtered here, in the server's order."""
    period = kg.timeline("China", "North Korea", start="1950", end="1953")
    asked = api.get("/timeline/CHN/PRK", params={"from": "1950", "to": "1953"}).json()
    assert list(period["iri"]) == [e["iri"] for e in asked["items"]]
    wars = kg.timeline("CHN", "PRK", types="war")
    assert set(wars["type"]) == {"war"} and len(wars) >= 1
    every = kg.timeline("CHN", "PRK")
    two = {"war", "message_exchange"}
    both = kg.timeline("CHN", "PRK", types=sorted(two))
    assert list(both["iri"]) == list(every[every["type"].isin(two)]["iri"])


def test_search_finds_the_armistice(kg: Client, api: httpx.Client) -> None:
    hits = kg.search("armistice")
    expected = api.get("/search", params={"q": "armistice", "limit": 100}).json()
    assert len(hits) == expected["total"] >= 1
    assert list(hits["iri"]) == [h["iri"] for h in expected["items"]]
    assert "armistice" in hits.iloc[0]["snippet"].lower()
    assert len(kg.search("armistice", limit=1)) == 1


def test_events_alliances_and_relations(kg: Client, api: httpx.Client) -> None:
    events = kg.events(state="PRK", type="war")
    assert set(events["type"]) == {"war"} and "PRK" in events.iloc[0]["participants"]
    finland = kg.alliances("FIN", at="2024-01-01")
    assert "NATO" in set(finland["organization"])
    summary = api.get("/relations/CHN/PRK").json()
    relations = kg.relations("CHN", "PRK")
    assert list(relations["type"]) == [r["type"] for r in summary["relations"]]
    assert "diplomatic_relations" in set(relations["type"])


def test_a_neighbourhood_as_a_networkx_graph(kg: Client, api: httpx.Client) -> None:
    expected = api.get("/neighbourhood/CHN", params={"at": "1961"}).json()
    graph = kg.neighbourhood("CHN", at="1961").to_networkx()
    assert graph.graph["centre"] == "CHN" and graph.nodes["CHN"]["centre"] is True
    assert sorted(graph.nodes) == sorted(n["id"] for n in expected["nodes"])
    edges = sorted((e["source"], e["target"], e["id"]) for e in expected["edges"])
    assert sorted(graph.edges(keys=True)) == edges
    assert all(source == "CHN" for source, _, _ in edges) and edges
    for edge in expected["edges"]:
        drawn = graph.edges["CHN", edge["target"], edge["id"]]
        assert drawn["type"] == edge["type"] and drawn["events"] == edge["events"]
    same = kg.to_networkx("CHN", at="1961")
    assert sorted(same.edges(keys=True)) == edges
    assert len(kg.neighbourhood("CHN", at="1961").edges) == len(edges)


def test_the_servers_problems_are_errors_with_its_sentence(kg: Client, server: Server) -> None:
    with pytest.raises(GeokgError) as unknown:
        kg.timeline("CHN", "NKR")
    assert unknown.value.status == 404 and "did you mean PRK" in unknown.value.detail
    with pytest.raises(GeokgError) as bad_date:
        kg.timeline("CHN", "PRK", start="1950-13")
    assert bad_date.value.status == 400 and "1950-13" in str(bad_date.value)
    with pytest.raises(GeokgError) as no_key:
        kg.post_article("Finland joined NATO on April 4, 2023.")
    assert no_key.value.status == 401
    with Client(server.url, api_key=API_KEY + "x") as wrong, pytest.raises(GeokgError) as bad:
        wrong.post_article("Finland joined NATO on April 4, 2023.")
    assert bad.value.status == 403 and bad.value.detail
    with Client("http://127.0.0.1:9", timeout=2) as nowhere, pytest.raises(GeokgError) as gone:
        nowhere.health()
    assert gone.value.status is None and "cannot reach" in gone.value.detail
