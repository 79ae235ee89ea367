"""GET /search on the running API over the demo data: hits with their marks, pages, and
problem+json for text it refuses; no text, however hostile, is a 500."""

from __future__ import annotations

import httpx
import pytest

from tests.unit.kg.test_search_words import HOSTILE

PROBLEM = "application/problem+json"


def test_a_search_finds_events_and_articles_with_the_words_marked(api: httpx.Client) -> None:
    for text, words in (("armistice", {"armistice"}), ("Korean War", {"korean", "war"})):
        body = api.get("/search", params={"q": text}).json()
        assert body["total"] == len(body["items"]) >= 1
        for hit in body["items"]:
            assert {hit["snippet"][a:b].lower() for a, b in hit["marks"]} == words, hit
        event = next(h for h in body["items"] if h["kind"] == "event")
        assert len(event["participants"]) >= 2 and event["date"] and event["type"]


def test_hits_come_a_page_at_a_time(api: httpx.Client) -> None:
    whole = api.get("/search", params={"q": "Korea", "limit": 100}).json()
    assert whole["total"] > 4
    first = api.get("/search", params={"q": "Korea", "limit": 3}).json()
    assert first["next_offset"] == 3 and first["items"] == whole["items"][:3]
    last = api.get("/search", params={"q": "Korea", "limit": 3, "offset": whole["total"] - 1})
    assert last.json()["next_offset"] is None and len(last.json()["items"]) == 1


REFUSED = [({"q": ""}, 422), ({"q": "x" * 201}, 422), ({}, 422), ({"q": "the of"}, 400)]
REFUSED += [({"q": "war", "limit": 101}, 422), ({"q": " ".join("bcdefghij")}, 400)]


@pytest.mark.parametrize(("params", "status"), REFUSED)
def test_text_it_refuses_is_a_problem(api: httpx.Client, params: dict, status: int) -> None:
    answer = api.get("/search", params=params)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith(PROBLEM) and answer.json()["detail"]


def test_no_text_is_a_server_error(api: httpx.Client) -> None:
    for text in [*HOSTILE, "\ud7ff\ue000\ue001", "%00", "war\r\nSet-Cookie: x=1", "🙂" * 50]:
        answer = api.get("/search", params={"q": text})
        assert answer.status_code in (200, 400, 422), (text, answer.text)
