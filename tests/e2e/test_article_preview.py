"""POST /articles/preview against a real server on its own copy of the store: the
extraction with the offsets to highlight, behind the API key, and nothing stored (the
store's N-Quads export is byte for byte the same before and after)."""

from __future__ import annotations

from pathlib import Path

import httpx

from kg.stores.oxigraph_readonly import ReadOnlyOxigraphStore
from tests.e2e.conftest import API_KEY, MAX_BODY, clean_env, copy_store, start_server

TEXT = (
    "url: https://review.example.org/2021/03/mongolia-kazakhstan\n"
    "published: 2021-03-04\n"
    "title: Mongolia and Kazakhstan sign a treaty\n\n"
    "Mongolia and Kazakhstan signed a treaty of friendship and cooperation on March 3, 2021, "
    "in Ulaanbaatar, the two foreign ministries said."
)


def _export(store: Path) -> bytes:
    """The store's N-Quads export (what `kg export` writes), read while no server runs."""
    opened = ReadOnlyOxigraphStore(store)
    try:
        return opened.export("nq")
    finally:
        opened.close()


def _check_answer(found: dict[str, object]) -> None:
    """The treaty with its confidence, and every offset pointing at its text."""
    text = found["text"]
    assert isinstance(text, str) and text.startswith("Mongolia and Kazakhstan signed")
    extraction = found["extraction"]
    assert isinstance(extraction, dict)
    events = extraction["events"]
    treaty = next(e for e in events if e["type"] == "treaty_signed")
    assert treaty["date"] == "2021-03-03" and 0 < treaty["confidence"] <= 1
    assert sorted(treaty["participants"]) == ["KAZ", "MNG"]
    assert text[treaty["start"] : treaty["end"]] == treaty["evidence"]
    triggers = found["triggers"]
    assert isinstance(triggers, list) and len(triggers) == len(events)
    trigger = triggers[events.index(treaty)]
    assert trigger["text"] == "signed" and text[trigger["start"] : trigger["end"]] == "signed"
    spans = [*found["mentions"], *found["dates"]]  # type: ignore[misc]
    assert {s["text"] for s in spans} >= {"Mongolia", "Kazakhstan", "March 3, 2021"}
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)


def test_a_preview_extracts_and_stores_nothing(loaded_store: Path, workdir: Path) -> None:
    store = copy_store(loaded_store, "preview-store")
    before = _export(store)
    env = clean_env(KG_API_KEY=API_KEY, KG_MAX_BODY_BYTES=str(MAX_BODY))
    server = start_server(store, workdir, "--no-access-log", env=env)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as api:
            key = {"X-API-Key": API_KEY}
            plain = api.post(
                "/articles/preview", content=TEXT, headers={**key, "Content-Type": "text/plain"}
            )
            assert plain.status_code == 200, plain.text
            found = plain.json()
            assert found["status"] == "preview" and found["published"] == "2021-03-04"
            assert found["url"] == "https://review.example.org/2021/03/mongolia-kazakhstan"
            _check_answer(found)
            as_json = {"text": found["text"], "url": found["url"], "published": "2021-03-04"}
            again = api.post("/articles/preview", json=as_json, headers=key)
            assert again.json()["extraction"] == found["extraction"]
            assert again.json()["id"] == found["id"]
            assert api.get(f"/articles/{found['id']}").status_code == 404  # not stored
            refused = api.post("/articles/preview", json=as_json)
            assert refused.status_code == 401
            assert refused.headers["content-type"] == "application/problem+json"
            empty = api.post("/articles/preview", json={"text": " "}, headers=key)
            assert empty.status_code == 422
            # the route is its own resource, not an article id: a 405 allows POST alone
            assert api.request("OPTIONS", "/articles/preview").headers["allow"] == "POST"
            assert api.put("/articles/0123456789abcdef").headers["allow"] == "DELETE, GET"
    finally:
        server.stop()
    assert _export(store) == before
