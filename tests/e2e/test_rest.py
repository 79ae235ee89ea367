"""The REST routes over HTTP (httpx against a running `kg serve`)."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import Server

PROBLEM = "application/problem+json"


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in response.text
    return body


def test_health(api: httpx.Client) -> None:
    body = api.get("/health").json()
    assert body["status"] == "ok" and body["backend"] == "sparql" and body["read_only"] is False


def test_states_are_paginated(api: httpx.Client) -> None:
    first = api.get("/states", params={"limit": 50}).json()
    assert first["total"] > 190 and len(first["items"]) == 50 and first["next_offset"] == 50
    second = api.get("/states", params={"limit": 50, "offset": 50}).json()
    assert {s["code"] for s in first["items"]}.isdisjoint(s["code"] for s in second["items"])
    last = api.get("/states", params={"limit": 50, "offset": first["total"] - 1}).json()
    assert len(last["items"]) == 1 and last["next_offset"] is None


def test_one_state(api: httpx.Client) -> None:
    body = api.get("/states/chn").json()
    assert body["code"] == "CHN" and body["name"] == "China"


def test_leaders_of_north_korea_when_the_korean_war_began(api: httpx.Client) -> None:
    body = api.get("/states/PRK/leaders", params={"at": "1950-06-25"}).json()
    assert [leader["name"] for leader in body["items"]] == ["Kim Il-sung"]


@pytest.mark.parametrize("at", ["1950", "1950-06", "1950-06-25"])
def test_dates_at_any_precision(api: httpx.Client, at: str) -> None:
    body = api.get("/states/PRK/leaders", params={"at": at}).json()
    assert "Kim Il-sung" in [leader["name"] for leader in body["items"]]


def test_finland_is_in_nato_in_2024_not_in_2022(api: httpx.Client) -> None:
    def orgs(at: str) -> set[str | None]:
        items = api.get("/states/FIN/alliances", params={"at": at}).json()["items"]
        return {a["organization"] for a in items}

    assert "NATO" in orgs("2024-01-01")
    assert "NATO" not in orgs("2022-01-01")


def test_alliances_filtered_by_obligation(api: httpx.Client) -> None:
    items = api.get("/states/FIN/alliances", params={"at": "2024", "obligation": "defense"})
    found = items.json()["items"]
    assert "NATO" in {a["organization"] for a in found}  # Finland joined in 2023
    assert all("defense" in a["obligations"] for a in found)
    consult = api.get("/states/FIN/alliances", params={"at": "2022", "obligation": "defense"})
    assert "NATO" not in {a["organization"] for a in consult.json()["items"]}
    assert_problem(api.get("/states/FIN/alliances", params={"obligation": "hugs"}), 400)


def test_unknown_code_suggests_close_matches(api: httpx.Client) -> None:
    body = assert_problem(api.get("/states/NKR"), 404)
    assert "PRK" in str(body["detail"])
    assert_problem(api.get("/timeline/CHN/NKR"), 404)


def test_a_state_may_be_named_as_the_cli_names_it(api: httpx.Client) -> None:
    """A state's name or alias, in any case, stands for its code; the answer speaks codes."""
    by_code = api.get("/timeline/CHN/PRK").json()
    assert by_code["items"] and api.get("/timeline/china/North%20Korea").json() == by_code
    assert api.get("/states/dprk").json()["code"] == "PRK"
    assert api.get("/relations/DPRK/People's%20Republic%20of%20China").status_code == 200
    body = assert_problem(api.get("/timeline/CHN/Korea"), 404)  # North or South?
    assert "PRK" in str(body["detail"]) and "KOR" in str(body["detail"])
    assert_problem(api.get("/timeline/CHN/Putin"), 404)  # a person, not a state


def test_bad_date_is_a_400_problem(api: httpx.Client) -> None:
    body = assert_problem(api.get("/states/PRK/leaders", params={"at": "1950-13-45"}), 400)
    assert "at" in str(body["detail"])
    assert_problem(api.get("/timeline/CHN/PRK", params={"from": "last year"}), 400)


def test_one_state_twice_or_an_empty_period_is_a_400(api: httpx.Client) -> None:
    body = assert_problem(api.get("/timeline/CHN/chn"), 400)
    assert "needs two different states, not CHN twice" in str(body["detail"])
    assert_problem(api.get("/relations/PRK/PRK"), 400)
    body = assert_problem(api.get("/timeline/CHN/PRK", params={"from": "2024", "to": "2000"}), 400)
    assert "the period from 2024 to 2000 is empty" in str(body["detail"])
    assert_problem(api.get("/events", params={"from": "2024-07", "to": "2024-06"}), 400)


def test_timeline_has_events_with_evidence(api: httpx.Client) -> None:
    body = api.get("/timeline/CHN/PRK").json()
    assert body["items"], "the demo articles report CHN-PRK events"
    for event in body["items"]:
        assert {"CHN", "PRK"} <= set(event["participants"])
        assert event["sources"] and event["sources"][0]["evidence"]
    dates = [e["earliest"] for e in body["items"]]
    assert dates == sorted(dates)


def test_timeline_pages_follow_next_offset(api: httpx.Client) -> None:
    every = api.get("/timeline/CHN/PRK").json()["items"]
    assert len(every) >= 3
    seen, offset = [], 0
    while offset is not None:
        page = api.get("/timeline/PRK/CHN", params={"limit": 2, "offset": offset}).json()
        assert len(page["items"]) <= 2 and page["total"] is None
        seen += page["items"]
        offset = page["next_offset"]
    assert seen == every


def test_timeline_filters(api: httpx.Client) -> None:
    every = api.get("/timeline/CHN/PRK").json()["items"]
    later = api.get("/timeline/CHN/PRK", params={"from": "2000"}).json()["items"]
    assert all(e["latest"] >= "2000-01-01" for e in later) and len(later) < len(every)
    kind = every[0]["type"]
    typed = api.get("/timeline/CHN/PRK", params={"type": kind}).json()["items"]
    assert typed and all(e["type"] == kind for e in typed)
    assert_problem(api.get("/timeline/CHN/PRK", params={"type": "picnic"}), 400)


def test_relation_summary_and_event_search(api: httpx.Client) -> None:
    summary = api.get("/relations/CHN/PRK").json()
    assert summary["a"] == "CHN" and sum(summary["event_counts"].values()) > 0
    page = api.get("/events", params={"state": "PRK", "limit": 2}).json()
    assert len(page["items"]) <= 2 and page["limit"] == 2


def test_lookup_by_code_name_or_part_of_a_name(api: httpx.Client) -> None:
    putin = api.get("/lookup", params={"q": "Putin"})
    assert putin.status_code == 200 and putin.json()["name"] == "Vladimir Putin"
    assert api.get("/lookup", params={"q": "dprk"}).json()["code"] == "PRK"
    body = assert_problem(api.get("/lookup", params={"q": "Kim"}), 404)
    assert "Kim Il-sung (Person)" in str(body["detail"])
    assert "Kim Jong Un (Person)" in str(body["detail"])
    body = assert_problem(api.get("/lookup", params={"q": "Atlantis"}), 404)
    assert body["detail"] == "nothing in the graph is called 'Atlantis'"
    assert_problem(api.get("/lookup", params={"q": "  "}), 422)
    assert_problem(api.get("/lookup"), 422)


def test_errors_are_problem_json(api: httpx.Client) -> None:
    assert_problem(api.get("/no/such/route"), 404)
    assert_problem(api.delete("/states"), 405)
    assert_problem(api.get("/states", params={"limit": 0}), 422)


def test_cypher_without_neo4j_is_503(api: httpx.Client) -> None:
    body = assert_problem(api.post("/cypher", json={"query": "RETURN 1"}), 503)
    assert "KG_NEO4J_URI" in str(body["detail"])


def test_web_ui_and_openapi(api: httpx.Client) -> None:
    page = api.get("/")
    assert page.status_code == 200 and "timeline-form" in page.text
    schema = api.get("/openapi.json").json()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert op.get("summary"), f"{method.upper()} {path} has no summary"


def test_two_workers_share_a_read_only_store(ro_server: Server) -> None:
    with httpx.Client(base_url=ro_server.url, timeout=30) as client:
        assert client.get("/health").json()["read_only"] is True
        for _ in range(20):  # spread over both workers
            response = client.get("/timeline/CHN/PRK")
            assert response.status_code == 200 and response.json()["items"]


def test_a_non_state_actor_is_found_and_may_stand_in_a_pair(api: httpx.Client) -> None:
    """GET /lookup finds an actor by any of its names; a pair or an event search takes it
    (its code, name or alias) where a state's own routes do not."""
    houthis = api.get("/lookup", params={"q": "Ansar Allah"}).json()
    assert houthis["code"] == "HOUTHIS" and houthis["types"] == ["NonStateActor"]
    assert api.get("/timeline/HAMAS/ISR").status_code == 200
    assert api.get("/timeline/Ansar%20Allah/United%20States").status_code == 200
    assert api.get("/relations/ISR/Hamas").json()["a"] == "ISR"
    assert api.get("/events", params={"state": "daesh"}).status_code == 200
    assert_problem(api.get("/states/Hamas"), 404)
