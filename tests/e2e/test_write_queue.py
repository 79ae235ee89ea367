"""Writes wait in a bounded queue (KG_WRITE_QUEUE): past it, a post is answered at once with
429 and Retry-After instead of taking a worker thread reads need; reads go on meanwhile."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import API_KEY, Server, clean_env, copy_store, start_server

KEY = {"X-API-Key": API_KEY, "Content-Type": "text/plain; charset=utf-8"}
PARAGRAPH = (
    "Chinese President Xi Jinping met North Korean leader Kim Jong-un in Beijing on "
    "September {day}, 2025, and the two sides signed an agreement on trade. "
)


def article(n: int) -> str:
    body = "".join(PARAGRAPH.format(day=1 + (i % 28)) for i in range(400))
    return f"url: https://news.example.org/queue/{n}\npublished: 2025-09-30\n\n{body}"


@pytest.fixture(scope="module")
def one_writer(loaded_store: Path, workdir: Path) -> Iterator[Server]:
    env = clean_env(KG_API_KEY=API_KEY, KG_WRITE_QUEUE="1")
    running = start_server(copy_store(loaded_store, "queue-store"), workdir, env=env)
    yield running
    running.stop()


def test_writes_past_the_queue_are_told_to_come_back(one_writer: Server) -> None:
    def post(n: int) -> httpx.Response:
        return httpx.post(
            one_writer.url + "/articles", content=article(n), headers=KEY, timeout=120
        )

    with ThreadPoolExecutor(8) as pool:
        posts = [pool.submit(post, n) for n in range(8)]
        health = httpx.get(one_writer.url + "/health", timeout=30)
        answers = [p.result() for p in posts]
    assert health.status_code == 200
    codes = sorted(a.status_code for a in answers)
    assert set(codes) <= {201, 429} and 201 in codes and 429 in codes, codes
    busy = next(a for a in answers if a.status_code == 429)
    assert busy.headers["retry-after"] == "2"
    assert busy.headers["content-type"].startswith("application/problem+json")
    again = post(100)
    assert again.status_code == 201, again.text
