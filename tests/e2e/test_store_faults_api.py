"""A server whose store's folder stops taking writes (issue 32, item 6): `kg serve` with a
file size limit (RLIMIT_FSIZE, as a full disk but for any user) takes posts until its
write-ahead log reaches the limit; then POST /articles is a 503 problem with one sentence,
/health says degraded with the reason, and reads (a timeline, the articles stored before)
answer as before. After it stops, the store opens and holds every article it answered 201
for, whole, and none of the refused ones."""

from __future__ import annotations

import resource
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from loaders.article import Article
from tests.e2e.conftest import API_KEY, Server, clean_env, copy_store, kg, start_server

KEY = {"X-API-Key": API_KEY, "Content-Type": "text/plain; charset=utf-8"}
SPARE = 2_000_000  # bytes a file may grow beyond the largest in the store
SENTENCE = (
    "Chinese President Xi Jinping met North Korean leader Kim Jong-un in Beijing on "
    "September {day}, 2025, and the two sides signed an agreement on trade number {n}. "
)


def _article(n: int) -> str:
    body = "".join(SENTENCE.format(day=1 + i % 28, n=n * 1000 + i) for i in range(300))
    return f"url: https://news.example.org/full-disk/{n}\npublished: 2025-09-30\n\n{body}"


@pytest.fixture(scope="module")
def limited(loaded_store: Path, workdir: Path) -> Iterator[Server]:
    store = copy_store(loaded_store, "limited-store")
    limit = max(p.stat().st_size for p in store.iterdir()) + SPARE

    def small_files() -> None:  # Python ignores SIGXFSZ: a write past it fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = clean_env(KG_API_KEY=API_KEY)
    running = start_server(store, workdir, "--no-access-log", env=env, preexec=small_files)
    yield running
    running.stop()


def _post_until_refused(server: Server) -> tuple[list[str], httpx.Response]:
    """Post new articles until one is refused: the ids stored, and the refusal."""
    stored: list[str] = []
    for n in range(200):
        answer = httpx.post(server.url + "/articles", content=_article(n), headers=KEY, timeout=120)
        if answer.status_code != 201:
            return stored, answer
        stored.append(answer.json()["id"])
    raise AssertionError("200 posts and the size limit was never met")


def test_a_store_that_cannot_write_is_503_and_reads_go_on(limited: Server) -> None:
    assert httpx.get(limited.url + "/health").json()["status"] == "ok"
    stored, refused = _post_until_refused(limited)
    assert stored, "the first posts were stored"
    assert refused.status_code == 503, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    detail = refused.json()["detail"]
    print(f"{len(stored)} posts stored, then 503: {detail}")
    assert "could not be written" in detail and "\n" not in detail
    health = httpx.get(limited.url + "/health", timeout=30)
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    assert "could not be written" in health.json()["problems"][0]
    assert httpx.get(limited.url + "/timeline/CHN/PRK", timeout=30).status_code == 200
    for article_id in stored:
        assert httpx.get(f"{limited.url}/articles/{article_id}", timeout=30).status_code == 200
    log = limited.log.read_text(errors="replace")
    limited.stop()
    assert "Traceback" not in log
    export = kg("--store", str(limited.store), "export", "--format", "nq", cwd=limited.store.parent)
    held = {line.rsplit(" ", 2)[-2][1:-1].rsplit("/", 1)[-1] for line in export.splitlines()}
    assert set(stored) <= held, "every article answered 201 is in the store"
    gone = Article(text="", url=f"https://news.example.org/full-disk/{len(stored)}").id
    assert gone not in held, "the refused article left nothing"
