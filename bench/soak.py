"""Soak: a `kg serve` under a steady mixed load for minutes, and whether it holds.

    python bench/soak.py [--seconds 300] [--rate 20] [--clients 8] [--store FOLDER]
                         [--idle 20] [--seed 7]
    python bench/soak.py --seconds 10 --rate 5          # a quick smoke run

It serves a copy of a loaded store (without --store it builds one as bench/api_load.py does:
`kg load-reference`, then `kg ingest` of kg/demo and tests/fixtures/articles/articles.jsonl),
one read-write worker with `KG_API_KEY` set (the developer's other `KG_*` settings are left
out, as in the e2e tests). Then, on loopback, it sends `--rate` requests a second for
`--seconds`, open loop: each request has its start time on the clock (i / rate) and a pool of
`--clients` httpx clients sends it, so a slow answer delays no later start and latency is
counted from the scheduled start (queueing included). The mix: timelines of random state pairs
(half of them pairs that have events), leaders at a random date, lookups (there is no search
route: the OpenAPI is checked, and `/search` would be used if there were one), relation
summaries, event searches, SPARQL queries, `GET /articles/{id}`, `/health`, posts of articles
(8 %: new ones, the same article again, and new text under a posted url) and deletes of
posted articles (1 %).

Before the load, the same mix is sent one request at a time on the idle server (`--idle` of
each kind, posts included) as the reference; after it, a fresh sample of the mix again, so a
server that got slower over the soak shows. The server's RSS (its process tree, from
/proc/<pid>/status) is read every 30 s.

Exit code 1 if any request got a 5xx, a connection error or timeout, or a status its route
should never give (each kind has its expected 4xx: 404 for an unknown name, 410 for a
retracted article, 429 for a full write queue), or if RSS grew more than 1.5x from the first
sample (at the start of the load) to the last."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from api_load import build_store, free_port, start_server

API_KEY = "soak-secret-key"
RSS_EVERY = 30.0
MAX_RSS_GROWTH = 1.5
GEO = "https://geokg.example.org/ontology#"
READS = {
    "timeline": 22,
    "leaders": 12,
    "lookup": 14,
    "relations": 10,
    "events": 10,
    "sparql": 10,
    "article": 3,
    "health": 3,
}
WRITES = ("post", "delete")  # weights: --post-share, and an eighth of it
# What each kind may answer besides a 2xx without anything being wrong.
EXPECTED_4XX = {
    "lookup": {404},  # an unknown name, or words several entities share ("Kim")
    "search": {400, 404},  # 400: only common words ("and", Andorra's code, lower-cased)
    "article": {410},  # an article this soak retracted
    "post": {429},  # the write queue is full: Retry-After
    "delete": {404, 410, 429},
}
TEMPLATES = [
    "{A} and {B} signed a trade agreement on {date}.",
    "The president of {A} paid a state visit to {B} on {date} and held talks with its leaders.",
    "{A} imposed sanctions on {B} on {date}, citing its nuclear programme.",
    "Troops of {A} and {B} clashed on the border on {date}.",
    "{A} and {B} held joint military exercises on {date}.",
    "The foreign ministers of {A} and {B} met for talks on {date}.",
    "{A} protested to {B} on {date} over the detention of its fishermen.",
    "{A} and {B} established diplomatic relations on {date}.",
]
FILLER = [
    "Officials said the talks were frank.",
    "Analysts expect further meetings later in the year.",
    "The statement did not mention the dispute over fishing rights.",
    "Markets in both capitals were calm.",
    "A spokesman declined to comment on the details.",
]
MONTHS = "January February March April May June July August September October November December"


@dataclass
class Request:
    kind: str
    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    body: dict[str, str] | None = None
    url: str | None = None  # a post's article url, a delete's article id

    def send(self, client: httpx.Client) -> httpx.Response:
        headers = {"X-API-Key": API_KEY} if self.method in ("POST", "DELETE") else {}
        if self.kind == "sparql":
            headers["Accept"] = "application/sparql-results+json"
        return client.request(
            self.method, self.path, params=self.params, json=self.body, headers=headers
        )


@dataclass
class Result:
    kind: str
    scheduled: float  # seconds since the load started
    latency_ms: float  # from the scheduled start to the end of the answer
    lag_ms: float  # from the scheduled start to the moment a client sent it
    status: int  # 0: a connection error or timeout
    note: str = ""


class Mix:
    """Draws requests; remembers the articles it posted so it can repeat, replace and delete."""

    def __init__(self, client: httpx.Client, seed: int, post_share: float) -> None:
        self.rng = random.Random(seed)
        self.weights = {**READS, "post": post_share, "delete": post_share / 8}
        self.lock = threading.Lock()
        states = client.get("/states", params={"limit": "1000"}).raise_for_status().json()
        self.states = [(s["code"], s["name"]) for s in states["items"] if not s["former"]]
        self.base = client.get("/health").raise_for_status().json()["base_iri"]
        self.pairs = self._pairs_with_events(client)
        self.people = self._people(client)
        self.search = "/search" in client.get("/openapi.json").json()["paths"]
        self.live: dict[str, tuple[str, dict[str, str]]] = {}  # url -> (id, body)
        self.retracted: list[str] = []
        self.serial = 0

    def _pairs_with_events(self, client: httpx.Client) -> list[tuple[str, str]]:
        query = (
            f"PREFIX geo: <{GEO}> SELECT DISTINCT ?a ?b WHERE {{ ?e a geo:Event ; "
            "geo:participant ?x, ?y . ?x geo:code ?a . ?y geo:code ?b . FILTER(?a < ?b) }"
        )
        rows = sparql_rows(client, query)
        return [(r["a"], r["b"]) for r in rows] or [("CHN", "PRK")]

    def _people(self, client: httpx.Client) -> list[str]:
        query = f"PREFIX geo: <{GEO}> SELECT ?n WHERE {{ ?p a geo:Person ; geo:name ?n }} LIMIT 400"
        return [r["n"] for r in sparql_rows(client, query)] or ["Vladimir Putin"]

    def draw(self) -> Request:
        kinds = self.weights
        kind = self.rng.choices(list(kinds), weights=list(kinds.values()))[0]
        return self.make(kind)

    def make(self, kind: str) -> Request:
        # "search" is the lookup kind once the server has /search (the idle sample asks it).
        draw: Callable[[], Request] = getattr(self, f"_{'lookup' if kind == 'search' else kind}")
        with self.lock:
            return draw()

    def _code(self) -> str:
        return self.rng.choice(self.states)[0]

    def _pair(self) -> tuple[str, str]:
        if self.rng.random() < 0.5:
            a, b = self.rng.choice(self.pairs)
        else:
            a, b = self.rng.sample(self.states, 2)[0][0], self._code()
            while b == a:
                b = self._code()
        if self.rng.random() < 0.1:  # by name, as people type them
            names = dict(self.states)
            a, b = names.get(a, a), names.get(b, b)
        return a, b

    def _date(self, first: int = 1950, last: int = 2025) -> str:
        year = self.rng.randint(first, last)
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def _timeline(self) -> Request:
        a, b = self._pair()
        params = {"limit": str(self.rng.choice((10, 100, 1000)))}
        if self.rng.random() < 0.3:
            params["from"], params["to"] = sorted((self._date()[:4], self._date()[:4]))
        return Request("timeline", "GET", f"/timeline/{a}/{b}", params)

    def _relations(self) -> Request:
        a, b = self._pair()
        return Request("relations", "GET", f"/relations/{a}/{b}")

    def _leaders(self) -> Request:
        return Request("leaders", "GET", f"/states/{self._code()}/leaders", {"at": self._date()})

    def _lookup(self) -> Request:
        roll = self.rng.random()
        if roll < 0.3:
            q = self.rng.choice(self.states)[1]
        elif roll < 0.5:
            q = self._code().lower()
        elif roll < 0.8:
            q = self.rng.choice(self.people)
        elif roll < 0.9:
            q = self.rng.choice(("Putin", "Xi", "Kim", "Hamas", "NATO", "Ansar Allah", "Biden"))
        else:
            q = "".join(self.rng.choices("bcdfghjklmnpqrstvwxz", k=8))  # nothing: a 404
        kind = "search" if self.search else "lookup"
        return Request(kind, "GET", "/search" if self.search else "/lookup", {"q": q})

    def _events(self) -> Request:
        params = {"state": self._code(), "limit": "100"}
        if self.rng.random() < 0.3:
            params["state"] = self.rng.choice(self.pairs)[0]
        if self.rng.random() < 0.3:
            params["type"] = self.rng.choice(("talks", "state_visit", "treaty_signed", "war"))
        if self.rng.random() < 0.3:
            params["from"] = self._date()[:4]
        return Request("events", "GET", "/events", params)

    def _sparql(self) -> Request:
        state = f"<{self.base}state/{self._code()}>"
        queries = [
            "ASK {}",
            f"PREFIX geo: <{GEO}> SELECT (COUNT(DISTINCT ?e) AS ?n) "
            f"WHERE {{ ?e a geo:Event ; geo:participant {state} }}",
            f"PREFIX geo: <{GEO}> SELECT ?e ?d WHERE {{ ?e geo:eventType/geo:code "
            f'"{self.rng.choice(("talks", "sanctions", "state_visit"))}" ; geo:earliest ?d }} '
            "ORDER BY DESC(?d) LIMIT 20",
            f"PREFIX geo: <{GEO}> SELECT ?name ?start WHERE {{ ?t a geo:LeadershipTerm ; "
            f"geo:state {state} ; geo:holder/geo:name ?name ; geo:startDate ?start }} LIMIT 50",
            f"PREFIX geo: <{GEO}> SELECT (COUNT(?a) AS ?n) WHERE {{ ?a a geo:Article }}",
        ]
        return Request("sparql", "GET", "/sparql", {"query": self.rng.choice(queries)})

    def _article(self) -> Request:
        ids = [i for i, _ in self.live.values()] + self.retracted
        if not ids:
            return self._health()
        return Request("article", "GET", f"/articles/{self.rng.choice(ids)}")

    def _health(self) -> Request:
        return Request("health", "GET", "/health")

    def _text(self) -> str:
        sentences = []
        for _ in range(self.rng.randint(1, 3)):
            (_, a), (_, b) = self.rng.sample(self.states, 2)
            day, month = self.rng.randint(1, 28), self.rng.choice(MONTHS.split())
            date = f"{day} {month} {self.rng.randint(1960, 2025)}"
            sentences.append(self.rng.choice(TEMPLATES).format(A=a, B=b, date=date))
            sentences += self.rng.sample(FILLER, self.rng.randint(0, 2))
        return " ".join(sentences)

    def _post(self) -> Request:
        roll = self.rng.random()
        if roll < 0.25 and self.live:  # the same article again: unchanged
            url = self.rng.choice(list(self.live))
            body = dict(self.live[url][1])
        elif roll < 0.5 and self.live:  # new text under a posted url: replaced
            url = self.rng.choice(list(self.live))
            body = {**self.live[url][1], "text": self._text()}
        else:
            self.serial += 1
            url = f"https://soak.example.org/{self.rng.getrandbits(48):x}/{self.serial}"
            body = {"url": url, "title": f"Soak article {self.serial}", "text": self._text()}
            body["published"] = self._date(2000, 2025)
        return Request("post", "POST", "/articles", body=body, url=url)

    def _delete(self) -> Request:
        if self.retracted and self.rng.random() < 0.2:  # once more: a 410
            return Request("delete", "DELETE", f"/articles/{self.rng.choice(self.retracted)}")
        if not self.live:
            return self._post()
        url = self.rng.choice(list(self.live))
        article_id, _ = self.live.pop(url)  # no longer drawn for repeats while it goes
        self.retracted.append(article_id)
        return Request("delete", "DELETE", f"/articles/{article_id}", url=url)

    def answered(self, request: Request, response: httpx.Response) -> str:
        """Remember a stored article; the note is a post's status (new/unchanged/replaced)."""
        if request.kind != "post" or response.status_code not in (200, 201):
            return ""
        answer = response.json()
        assert request.url is not None and request.body is not None
        with self.lock:
            self.live[request.url] = (answer["id"], request.body)
            if answer["id"] in self.retracted:
                self.retracted.remove(answer["id"])
        return str(answer["status"])


def sparql_rows(client: httpx.Client, query: str) -> list[dict[str, str]]:
    response = client.get("/sparql", params={"query": query}).raise_for_status()
    bindings = response.json()["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


def rss_kb(pid: int) -> int:
    """Resident memory of the process and its descendants (uvicorn may fork workers)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(status.split("VmRSS:")[1].split()[0])
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, IndexError, ProcessLookupError):
            continue
    return total


def percentile(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def rounded(value: float) -> float | None:
    """Two decimals, and None for a figure there was nothing to measure (JSON has no NaN)."""
    return None if value != value else round(value, 2)


def is_failure(result: Result) -> bool:
    """A 5xx, a connection error, or a status the route should not give."""
    if result.status == 0 or result.status >= 500:
        return True
    return result.status >= 400 and result.status not in EXPECTED_4XX.get(result.kind, set())


class Runner:
    def __init__(self, base: str, mix: Mix, clients: int) -> None:
        self.base, self.mix = base, mix
        self.local = threading.local()
        self.pool = ThreadPoolExecutor(max_workers=clients, thread_name_prefix="soak-client")
        self.results: list[Result] = []
        self.lock = threading.Lock()

    def client(self) -> httpx.Client:
        if not hasattr(self.local, "client"):
            self.local.client = httpx.Client(base_url=self.base, timeout=30)
        client: httpx.Client = self.local.client
        return client

    def send(self, request: Request, due: float, origin: float) -> Result:
        """Send at `due` (perf_counter); latency is counted from `due`, not from the send."""
        started = time.perf_counter()
        note = ""
        try:
            response = request.send(self.client())
            status = response.status_code
            note = self.mix.answered(request, response)
        except httpx.TransportError as error:
            status, note = 0, type(error).__name__
        ended = time.perf_counter()
        result = Result(
            request.kind, due - origin, (ended - due) * 1000, (started - due) * 1000, status, note
        )
        with self.lock:
            self.results.append(result)
        return result

    def one_at_a_time(self, requests: list[Request]) -> list[Result]:
        return [self.send(r, time.perf_counter(), 0.0) for r in requests]

    def load(
        self, seconds: float, rate: float, on_tick: Callable[[float], None]
    ) -> tuple[list[Result], float]:
        """The open-loop schedule: request i starts at i / rate, whatever came before."""
        self.results = []
        total = int(seconds * rate)
        origin = time.perf_counter()
        next_tick = 0.0
        futures = []
        for i in range(total):
            due = origin + i / rate
            while (now := time.perf_counter()) < due:
                if now - origin >= next_tick:
                    on_tick(now - origin)
                    next_tick += RSS_EVERY
                time.sleep(min(due - now, 0.05))
            futures.append(self.pool.submit(self.send, self.mix.draw(), due, origin))
        for future in futures:
            future.result()
        elapsed = time.perf_counter() - origin
        on_tick(elapsed)
        return list(self.results), elapsed


def summarize(results: list[Result]) -> dict[str, Any]:
    reads = [r.latency_ms for r in results if r.kind not in WRITES and r.status]
    posts = [r.latency_ms for r in results if r.kind == "post" and r.status]
    return {
        "requests": len(results),
        "read_p50_ms": percentile(reads, 50),
        "read_p99_ms": percentile(reads, 99),
        "post_p50_ms": percentile(posts, 50),
        "post_p99_ms": percentile(posts, 99),
    }


def kind_p50(results: list[Result]) -> dict[str, float]:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for r in results:
        if r.status:
            by_kind[r.kind].append(r.latency_ms)
    return {kind: percentile(values, 50) for kind, values in by_kind.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300, help="Length of the load")
    parser.add_argument("--rate", type=float, default=20, help="Requests a second")
    parser.add_argument("--clients", type=int, default=8, help="Threads sending requests")
    parser.add_argument("--store", type=Path, help="A loaded store to copy (default: build one)")
    parser.add_argument("--idle", type=int, default=20, help="Idle reference: requests a kind")
    parser.add_argument(
        "--post-share", type=float, default=8, help="Posts, %% of requests (deletes: 1/8 of it)"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for key in [k for k in os.environ if k.startswith("KG_")]:
        del os.environ[key]

    with tempfile.TemporaryDirectory(prefix="geokg-soak-") as tmp:
        folder = Path(tmp)
        source = args.store or build_store(folder)
        store = folder / "soak-store"
        shutil.copytree(source, store)
        (store / "LOCK").unlink(missing_ok=True)
        port = free_port()
        log = folder / "serve.log"
        server = start_server(store, 1, port, log, env={"KG_API_KEY": API_KEY})
        try:
            return soak(args, f"http://127.0.0.1:{port}", server.pid, store)
        finally:
            server.terminate()
            server.wait(timeout=30)
            tracebacks = log.read_text(errors="replace").count("Traceback")
            if tracebacks:
                print(f"server log: {tracebacks} tracebacks; last lines:", file=sys.stderr)
                print(log.read_text(errors="replace")[-3000:], file=sys.stderr)


def wal_mb(store: Path) -> float:
    """RocksDB's write-ahead log: what the store's memtables hold since their last flush."""
    return sum(p.stat().st_size for p in store.glob("*.log")) / 2**20


def soak(args: argparse.Namespace, base: str, pid: int, store: Path) -> int:
    with httpx.Client(base_url=base, timeout=30) as client:
        mix = Mix(client, args.seed, args.post_share)
    runner = Runner(base, mix, args.clients)
    reads = ["search" if k == "lookup" and mix.search else k for k in READS]

    def sample() -> list[Result]:
        """`--idle` of each kind one at a time: posts first (so there are articles to read and
        delete), then a quarter as many deletes, then the reads in a random order."""
        writes = [*["post"] * args.idle, *["delete"] * (args.idle // 4)] if args.post_share else []
        done = [runner.send(mix.make(k), time.perf_counter(), 0.0) for k in writes]
        requests = [mix.make(k) for k in reads for _ in range(args.idle)]
        mix.rng.shuffle(requests)
        return done + runner.one_at_a_time(requests)

    idle_before = sample()
    print(
        f"kg serve (1 read-write worker) on {os.cpu_count()} cores; {args.rate:g} requests/s "
        f"for {args.seconds:g} s, {args.clients} clients, open loop; "
        f"{len(mix.pairs)} pairs with events, {len(mix.states)} states",
        flush=True,
    )
    rss: list[tuple[float, int]] = []
    wal: list[float] = []

    def tick(at: float) -> None:
        rss.append((at, rss_kb(pid)))
        wal.append(wal_mb(store))
        done = len(runner.results)
        bad = sum(is_failure(r) for r in list(runner.results))
        print(
            f"  t={at:6.1f} s  RSS {rss[-1][1] / 1024:7.1f} MB  (write-ahead log "
            f"{wal[-1]:5.1f} MB)  {done} answered, {bad} failed",
            flush=True,
        )

    results, elapsed = runner.load(args.seconds, args.rate, tick)
    idle_after = sample()
    runner.pool.shutdown()
    return report(args, results, elapsed, idle_before, idle_after, rss, wal)


def report(
    args: argparse.Namespace,
    results: list[Result],
    elapsed: float,
    idle_before: list[Result],
    idle_after: list[Result],
    rss: list[tuple[float, int]],
    wal: list[float],
) -> int:
    load, before, after = summarize(results), summarize(idle_before), summarize(idle_after)
    statuses = Counter(r.status for r in results)
    failures = [r for r in results + idle_before + idle_after if is_failure(r)]
    server_errors = sum(1 for r in results if r.status >= 500)
    connection_errors = sum(1 for r in results if r.status == 0)
    expected_4xx = sum(1 for r in results if 400 <= r.status < 500 and not is_failure(r))
    unexpected = len(failures) - server_errors - connection_errors
    posts = Counter(r.note or str(r.status) for r in results if r.kind == "post")
    deletes = Counter(r.status for r in results if r.kind == "delete")
    lags = [r.lag_ms for r in results]
    growth = rss[-1][1] / rss[0][1] if rss and rss[0][1] else float("nan")
    p50_idle, p50_load, p50_after = kind_p50(idle_before), kind_p50(results), kind_p50(idle_after)

    print(f"\n{'kind':<11}{'n':>6}{'idle p50':>10}{'load p50':>10}{'load p99':>10}"
          f"{'ratio':>7}{'after p50':>11}{'non-2xx':>9}")  # fmt: skip
    by_kind: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_kind[r.kind].append(r)
    for kind in sorted(by_kind, key=lambda k: -len(by_kind[k])):
        rows = by_kind[kind]
        p99 = percentile([r.latency_ms for r in rows if r.status], 99)
        idle = p50_idle.get(kind, float("nan"))
        ratio = p50_load[kind] / idle if idle == idle else float("nan")
        odd = Counter(r.status for r in rows if not 200 <= r.status < 300)
        print(
            f"{kind:<11}{len(rows):>6}{idle:>10.2f}{p50_load[kind]:>10.2f}{p99:>10.2f}"
            f"{ratio:>6.1f}x{p50_after.get(kind, float('nan')):>11.2f}"
            f"{' ' + ','.join(f'{s}:{n}' for s, n in sorted(odd.items())) if odd else '':>9}"
        )
    print(
        f"\nserved {len(results)} requests in {elapsed:.1f} s ({len(results) / elapsed:.1f}/s); "
        f"5xx {server_errors}, connection errors {connection_errors}, "
        f"unexpected 4xx {unexpected}, expected 4xx {expected_4xx} "
        f"({dict(sorted((s, n) for s, n in statuses.items() if 400 <= s < 500))})"
    )
    print(
        f"reads: p50 {load['read_p50_ms']:.2f} ms, p99 {load['read_p99_ms']:.2f} ms under load; "
        f"idle p50 {before['read_p50_ms']:.2f} ms before, {after['read_p50_ms']:.2f} ms after "
        f"(load/idle {load['read_p50_ms'] / before['read_p50_ms']:.2f}x)"
    )
    print(
        f"posts: p50 {load['post_p50_ms']:.2f} ms, p99 {load['post_p99_ms']:.2f} ms under load; "
        f"idle p50 {before['post_p50_ms']:.2f} ms before, {after['post_p50_ms']:.2f} ms after; "
        f"{dict(posts)}; deletes {dict(deletes)}"
    )
    print(
        f"client lag (scheduled start to send): p50 {percentile(lags, 50):.2f} ms, "
        f"p99 {percentile(lags, 99):.2f} ms"
    )
    print(
        "RSS MB: "
        + ", ".join(f"{at:.0f}s {kb / 1024:.1f}" for at, kb in rss)
        + f" (last/first {growth:.2f}x, limit {MAX_RSS_GROWTH}x)"
    )
    for r in failures[:10]:
        print(f"  failed: {r.kind} at {r.scheduled:.1f} s: status {r.status} {r.note}")
    figures = {
        "seconds": round(elapsed, 1),
        "rate": args.rate,
        "clients": args.clients,
        "cores": os.cpu_count(),
        "requests": len(results),
        "server_errors": server_errors,
        "connection_errors": connection_errors,
        "unexpected_4xx": unexpected,
        "expected_4xx": expected_4xx,
        "statuses": {str(s): n for s, n in sorted(statuses.items())},
        "posts": dict(posts),
        "deletes": {str(s): n for s, n in sorted(deletes.items())},
        "load": {k: rounded(v) for k, v in load.items() if k != "requests"},
        "idle_before": {k: rounded(v) for k, v in before.items() if k != "requests"},
        "idle_after": {k: rounded(v) for k, v in after.items() if k != "requests"},
        "read_p50_load_over_idle": rounded(load["read_p50_ms"] / before["read_p50_ms"]),
        "kind_p50_ms": {
            k: {
                "idle": rounded(p50_idle.get(k, float("nan"))),
                "load": rounded(v),
                "after": rounded(p50_after.get(k, float("nan"))),
            }
            for k, v in p50_load.items()
        },
        "lag_p99_ms": round(percentile(lags, 99), 2),
        "rss_mb": [[round(at), round(kb / 1024, 1)] for at, kb in rss],
        "rss_growth": round(growth, 3),
        "wal_mb": [round(mb, 1) for mb in wal],
    }
    print(json.dumps(figures))
    failed = bool(failures) or not growth <= MAX_RSS_GROWTH
    print("FAIL" if failed else "OK", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
