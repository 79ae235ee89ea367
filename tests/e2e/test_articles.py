"""POST /articles with an API key, and GET /articles/{id} with its facts, over HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import API_KEY, MAX_BODY, ROOT, Server, clean_env, copy_store, start_server

KEY = {"X-API-Key": API_KEY}
TEXT = """url: https://news.example.org/e2e/kim-xi-beijing
published: 2025-09-03
title: Kim Jong-un visits Beijing

North Korean leader Kim Jong-un visited Beijing on September 3, 2025, where he met Chinese
President Xi Jinping. The two leaders pledged closer cooperation.
"""
PLAIN = {"Content-Type": "text/plain; charset=utf-8"}


def problem(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return str(response.json()["detail"])


def test_without_a_key_is_401_and_a_wrong_key_403(api: httpx.Client) -> None:
    detail = problem(api.post("/articles", content=TEXT, headers=PLAIN), 401)
    assert "X-API-Key" in detail
    wrong = api.post("/articles", content=TEXT, headers={**PLAIN, "X-API-Key": "guess"})
    problem(wrong, 403)


def test_post_text_then_read_it_back(api: httpx.Client) -> None:
    before = api.get("/timeline/CHN/PRK", params={"limit": 1000}).json()["items"]  # now cached
    first = api.post("/articles", content=TEXT, headers={**PLAIN, **KEY})
    assert first.status_code in (200, 201), first.text
    body = first.json()
    assert len(body["id"]) == 16 and body["title"] == "Kim Jong-un visits Beijing"
    assert {"PRK", "CHN"} <= set(body["extraction"]["states"])
    assert body["extraction"]["events"], "a state visit is extracted"
    assert first.headers["location"] == f"/articles/{body['id']}"

    again = api.post("/articles", content=TEXT, headers={**PLAIN, **KEY})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert again.json()["status"] == "unchanged"

    stored = api.get(f"/articles/{body['id']}").json()
    assert stored["url"] == "https://news.example.org/e2e/kim-xi-beijing"
    assert stored["published"] == "2025-09-03"
    assert stored["events"] and stored["events"][0]["sources"][0]["evidence"]
    events = api.get("/timeline/CHN/PRK", params={"from": "2025-09-03", "to": "2025-09-03"})
    iris = [e["iri"] for e in events.json()["items"]]
    assert len(iris) == len(set(iris)) and stored["events"][0]["iri"] in iris
    after = api.get("/timeline/CHN/PRK", params={"limit": 1000}).json()["items"]
    assert {e["iri"] for e in after} - {e["iri"] for e in before} >= set(iris)  # not the cached


def test_post_json_and_html(api: httpx.Client) -> None:
    record = {
        "url": "https://news.example.org/e2e/finland-nato",
        "title": "Finland joins NATO",
        "published": "2023-04-04",
        "text": "Finland formally joined NATO on April 4, 2023, becoming the alliance's "
        "31st member after Turkey ratified its accession.",
    }
    posted = api.post("/articles", json=record, headers=KEY)
    assert posted.status_code in (200, 201), posted.text
    assert posted.json()["published"] == "2023-04-04"
    html = (ROOT / "tests" / "fixtures" / "articles" / "nato_finland_2023.html").read_bytes()
    page = api.post("/articles", content=html, headers={"Content-Type": "text/html", **KEY})
    assert page.status_code in (200, 201), page.text
    assert api.get(page.json()["href"]).status_code == 200


def test_bad_bodies(api: httpx.Client) -> None:
    too_big = "x" * (MAX_BODY + 1)
    problem(api.post("/articles", content=too_big, headers={**PLAIN, **KEY}), 413)
    problem(
        api.post("/articles", content=b"%PDF", headers={"Content-Type": "application/pdf", **KEY}),
        415,
    )
    problem(api.post("/articles", json={"title": "no text"}, headers=KEY), 422)
    problem(api.post("/articles", content="\n\n", headers={**PLAIN, **KEY}), 422)
    blank = api.post("/articles", json={"text": " \n "}, headers=KEY)
    assert problem(blank, 422) == "text: the article has no text (only white space)"
    bad_json = api.post(
        "/articles", content="{", headers={"Content-Type": "application/json", **KEY}
    )
    problem(bad_json, 422)


def test_retract_an_article_then_it_is_gone(api: httpx.Client) -> None:
    record = {
        "url": "https://news.example.org/e2e/retracted",
        "published": "2025-09-04",
        "text": "Chinese President Xi Jinping met North Korean leader Kim Jong-un in Beijing "
        "on September 4, 2025.",
    }
    posted = api.post("/articles", json=record, headers=KEY).json()
    href = posted["href"]
    pair = {"from": "2025-09-04", "to": "2025-09-04"}

    def sources() -> str:
        return json.dumps(api.get("/timeline/CHN/PRK", params=pair).json()["items"])

    assert api.get(href).status_code == 200 and record["url"] in sources()
    problem(api.delete(href), 401)
    gone = api.delete(href, headers=KEY)
    assert gone.status_code == 200, gone.text
    body = gone.json()
    assert body["id"] == posted["id"] and body["status"] == "retracted"
    assert body["url"] == record["url"] and body["retracted_at"].startswith("20")
    assert f"retracted at {body['retracted_at']}" in problem(api.get(href), 410)
    problem(api.delete(href, headers=KEY), 410)
    assert record["url"] not in sources()
    problem(api.delete("/articles/0123456789abcdef", headers=KEY), 404)
    again = api.post("/articles", json=record, headers=KEY)
    assert again.status_code == 201 and api.get(href).status_code == 200


def test_unknown_article_is_404(api: httpx.Client) -> None:
    problem(api.get("/articles/0000000000000000"), 404)
    problem(api.get("/articles/not-an-id"), 404)


@pytest.fixture(scope="module")
def keyless_server(loaded_store: Path, workdir: Path) -> Iterator[Server]:
    running = start_server(copy_store(loaded_store, "keyless-store"), workdir, env=clean_env())
    yield running
    running.stop()


def test_writes_are_disabled_without_a_server_key(keyless_server: Server) -> None:
    response = httpx.post(
        keyless_server.url + "/articles", content=TEXT, headers={**PLAIN, "X-API-Key": "x"}
    )
    assert "KG_API_KEY" in problem(response, 503)


def test_read_only_server_refuses_articles(ro_server: Server) -> None:
    response = httpx.post(ro_server.url + "/articles", content=TEXT, headers={**PLAIN, **KEY})
    assert "read-only" in problem(response, 503)
    assert json.loads(httpx.get(ro_server.url + "/health").text)["read_only"] is True


GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _graph_count(api: httpx.Client) -> int:
    answer = api.get("/sparql", params={"query": GRAPHS}).json()
    return int(answer["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    ("body", "content_type", "status", "detail"),
    [
        (b"\xff\xfe\xfd", "text/plain", 400, "the body is not UTF-8 text"),
        (b"\x00\x01\x02", "text/plain", 422, "it looks binary (it contains NUL bytes)"),
        (b"\x00\x01\x02", "text/html", 422, "it looks binary (it contains NUL bytes)"),
        (b"\xef\xbf\xbd\xef\xbf\xbd", "text/plain", 422, "it is not text"),
        (b"\x1b[31m\x07\x08", "text/html", 422, "it is not text"),
        (b"12345 678", "text/plain", 422, "it has no words"),
        (b"China met Japan. " + b"A" * 1001, "text/plain", 422, "a word of 1,001 characters"),
        (json.dumps({"text": "\u0000\u0001 x"}).encode(), "application/json", 422, "NUL bytes"),
        (b"[" * 100_000, "application/json", 422, "nested more than 64 levels deep"),
        (b'{"text": "x", "y": ' + b"[" * 70 + b"]" * 70 + b"}", "application/json", 422, "64"),
    ],
)
def test_junk_bodies_are_refused_and_nothing_is_stored(
    api: httpx.Client, body: bytes, content_type: str, status: int, detail: str
) -> None:
    """Issue 32: a few invalid or control bytes posted with a valid key were stored as an
    article; a deeply nested JSON body reached the parser."""
    before = _graph_count(api)
    response = api.post("/articles", content=body, headers={"Content-Type": content_type, **KEY})
    assert detail in problem(response, status)
    assert _graph_count(api) == before


def test_an_impossible_date_drops_the_date_not_the_article(api: httpx.Client) -> None:
    record = {
        "url": "https://news.example.org/e2e/impossible-date",
        "published": "2025-09-05",
        "text": "China and Japan signed a trade agreement on February 30, 2023. North Korean "
        "leader Kim Jong-un met Chinese President Xi Jinping in Beijing on September 4, 2025.",
    }
    response = api.post("/articles", json=record, headers=KEY)
    assert response.status_code == 201, response.text
    extraction = response.json()["extraction"]
    assert 'no such day: "February 30, 2023" read as 2023-02, its month' in extraction["warnings"]
    dates = {e["date"] for e in extraction["events"]}
    assert {"2023-02", "2025-09-04"} <= dates
    assert {leader["name"] for leader in extraction["leaders"]} >= {"Kim Jong-un", "Xi Jinping"}


NEW_LEADER = """url: https://news.example.org/e2e/new-mongolian-president
published: 2031-07-02
title: Mongolia's new president in Beijing

Mongolian President Batbayar Ganzorig met Chinese President Xi Jinping in Beijing on Monday.
Ganzorig said the talks had opened a new chapter.
"""


def test_a_leader_the_reference_data_lacks_is_found_and_shows_where_it_came_from(
    api: httpx.Client,
) -> None:
    """Issue 28, items 4-5: a titled unknown leader becomes a Person found by name and by
    surname, flagged as known from articles only, whose page shows the introducing sentence."""
    assert api.get("/lookup", params={"q": "Batbayar Ganzorig"}).status_code == 404
    posted = api.post("/articles", content=NEW_LEADER, headers={**PLAIN, **KEY})
    assert posted.status_code == 201, posted.text
    for key in ("Batbayar Ganzorig", "Ganzorig"):
        found = api.get("/lookup", params={"q": key})
        assert found.status_code == 200, found.text
        person = found.json()
        assert person["name"] == "Batbayar Ganzorig" and person["from_text"] is True
    assert [(r["state"], r["role"], r["as_of"]) for r in person["reported_roles"]] == [
        ("MNG", "president", "2031-07-02")
    ]
    page = api.get(
        person["iri"].replace("https://geokg.example.org/", "/id/"), params={"format": "html"}
    )
    assert page.status_code == 200
    assert "Mongolian President Batbayar Ganzorig met Chinese President Xi Jinping" in page.text
    xi = api.get("/lookup", params={"q": "Xi Jinping"}).json()
    assert xi["from_text"] is False and xi["reported_roles"] == []
