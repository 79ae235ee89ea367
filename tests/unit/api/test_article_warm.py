"""After POST /articles answers, the pair timelines the article changed are read again into
the embedded store's cache, so the next reader of those pairs gets them without a query."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from kg.reference import load_reference
from kg.settings import get_settings
from kg.stores.oxigraph_store import OxigraphStore
from tests.unit.kg.conftest import timelines

TEXT = """url: https://news.test/putin-pyongyang
published: 2024-06-20

Russian President Vladimir Putin arrived in Pyongyang on June 19, 2024, for a state visit.
"""


def test_a_posted_article_leaves_no_stale_timeline(tmp_path: Path) -> None:
    settings = get_settings(store_path=tmp_path / "store", api_key="key")
    with OxigraphStore(settings.store_path) as store:
        load_reference(store, settings)
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get("/timeline/PRK/RUS").json()["items"] == []
        headers = {"X-API-Key": "key", "Content-Type": "text/plain"}
        assert client.post("/articles", content=TEXT, headers=headers).status_code == 201
        store = app.state.store
        assert timelines(store).stale() == []  # read again once the answer was sent
        calls: list[str] = []
        select = store.select
        store.select = lambda sparql: calls.append(sparql) or select(sparql)
        items = client.get("/timeline/PRK/RUS").json()["items"]
        assert [e["date"] for e in items] == ["2024-06-19"] and calls == []
