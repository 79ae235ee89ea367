"""The standing corpus of hostile inputs (tests/fixtures/hostile/manifest.json), sent through
every API route and every CLI command each fits: each gets a 4xx problem (or a one-sentence
CLI error), or a 200 where the input is harmless, never a 5xx, a traceback or an uncaught
exception; and the stores export byte for byte as before (articles a good-but-hostile input
stored are retracted, which restores the export exactly)."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest
from typer.testing import CliRunner, Result

from cli import main
from cli.common import CliError
from tests.e2e.conftest import API_KEY, MAX_BODY, ROOT, clean_env, copy_store, start_server

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
INPUTS: list[dict[str, Any]] = json.loads((HOSTILE / "manifest.json").read_text())["inputs"]
KEY = {"X-API-Key": API_KEY}
MEDIA = ("text/plain", "text/html", "application/json")
SUFFIX = {"text/plain": ".txt", "text/html": ".html", "application/json": ".jsonl"}
TRACE = re.compile(r"Traceback|File \"/|\bline \d+, in\b")

runner = CliRunner()
main._register()


def value_of(entry: dict[str, Any]) -> str:
    """The input as text: inline, or generated (big inputs are built here, not committed)."""
    if "generate" in entry:
        g = entry["generate"]
        return str(g.get("prefix", "")) + str(g["repeat"]) * int(g["times"]) + g.get("suffix", "")
    return str(entry["value"])


def bytes_of(entry: dict[str, Any]) -> bytes:
    if "file" in entry:
        return (HOSTILE / entry["file"]).read_bytes()
    return value_of(entry).encode("utf-8", "surrogatepass")


def of(kind: str) -> list[Any]:
    return [pytest.param(e, id=e["name"]) for e in INPUTS if e["kind"] == kind]


def q(text: str) -> str:
    """A path segment or query value, percent-encoded (lone surrogates as their bytes)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def test_the_corpus_has_at_least_200_inputs() -> None:
    assert len(INPUTS) >= 200 and len({e["name"] for e in INPUTS}) == len(INPUTS)
    assert all(e["answer"] in ("refused", "fine", "either") and e["targets"] for e in INPUTS)


# ---------------------------------------------------------------- the server


@pytest.fixture(scope="module")
def hostile(loaded_store: Path, workdir: Path) -> Iterator[dict[str, Any]]:
    """One server on its own copy of the store (KG_API_KEY set), a second copy for the CLI,
    and both copies' N-Quads exports taken before anything is sent."""
    served, local = copy_store(loaded_store, "hostile-api"), copy_store(loaded_store, "hostile-cli")
    before = {"api": export(served), "cli": export(local)}
    env = clean_env(KG_API_KEY=API_KEY, KG_MAX_BODY_BYTES=str(MAX_BODY))
    server = start_server(served, workdir, "--no-access-log", env=env)
    client = httpx.Client(base_url=server.url, timeout=60, follow_redirects=True)
    state = {"server": server, "api": client, "before": before, "cli": local, "files": workdir}
    yield state
    client.close()
    server.stop()


def export(store: Path) -> bytes:
    done = runner.invoke(main.app, ["--store", str(store), "export", "--format", "nq"])
    assert done.exit_code == 0, done.output
    return done.stdout_bytes


def answer(response: httpx.Response, expected: str, where: str) -> None:
    """A 4xx problem with one sentence, or a 2xx where the input is fine; never a 5xx."""
    status, text = response.status_code, response.text
    assert status < 500, f"{where}: {status} {text[:300]}"
    assert not TRACE.search(text), f"{where}: a traceback in the body"
    if status >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), where
        detail = response.json()["detail"]
        assert isinstance(detail, str) and detail.strip(), where
    if expected == "refused":
        assert 400 <= status < 500, f"{where}: {status} for an input that must be refused"
    elif expected == "fine":
        assert status < 300, f"{where}: {status} {text[:300]}"


FAILURES: list[str] = []


def get(api: httpx.Client, url: str, expected: str) -> httpx.Response:
    """GET `url`; what is wrong with the answer is kept in FAILURES (one test reports all)."""
    if len(url) > 8000:  # no client sends a request line this long (httpx refuses)
        return httpx.Response(404)
    response = api.get(url)
    try:
        answer(response, expected, f"GET {url[:200]}")
    except AssertionError as exc:
        FAILURES.append(str(exc).split("\n")[0])
    return response


def no_failures() -> None:
    found, FAILURES[:] = list(FAILURES), []
    assert not found, "\n".join(found)


def test_dates(hostile: dict[str, Any]) -> None:
    api = hostile["api"]
    for entry in (e for e in INPUTS if e["kind"] == "date"):
        v, ok = q(value_of(entry)), entry["answer"]
        for url in (
            f"/states/PRK/leaders?at={v}",
            f"/states/FIN/alliances?at={v}",
            f"/states/FIN/allies?at={v}",
            f"/timeline/CHN/PRK?from={v}",
            f"/timeline/CHN/PRK?to={v}",
            f"/events?from={v}",
            f"/events?to={v}",
        ):
            get(api, url, ok)
    no_failures()


CODE_URLS = (
    "/states/{}",
    "/states/{}/leaders?at=2024",
    "/states/{}/alliances",
    "/states/{}/allies?at=2024",
    "/relations/{}/USA",
    "/timeline/USA/{}?from=2000",
    "/events?state={}&limit=5",
)


def test_codes(hostile: dict[str, Any]) -> None:
    """Every code and name input through /lookup?q= and one of the seven other code slots
    in turn (an unknown name costs two store queries and a suggestion, 0.2 s: all eight
    slots for every input would take the module past its time). A harmless name that names
    nothing is a 404 with close matches; a name over 64 characters a 422 before any lookup;
    a path ending in a slash is redirected to one that is a 404."""
    api = hostile["api"]
    codes = [e for e in INPUTS if e["kind"] == "code"]
    calls = []
    for i, entry in enumerate(codes):
        raw, ok = value_of(entry), entry["answer"]
        slot = CODE_URLS[i % len(CODE_URLS)]
        if not raw.strip() and slot.startswith(("/states/", "/relations/", "/timeline/")):
            ok = "either"  # an empty or blank segment: another route, or a 404
        calls += [("/lookup?q=" + q(raw), entry["answer"]), (slot.format(q(raw)), ok)]
    for url, expected in calls:  # one at a time: concurrent misses were slower, not faster
        get(api, url, expected)
    no_failures()


def test_choices_and_numbers(hostile: dict[str, Any]) -> None:
    api = hostile["api"]
    for entry in (e for e in INPUTS if e["kind"] in ("choice", "number")):
        v, ok = q(value_of(entry)), entry["answer"]
        if entry["kind"] == "choice":
            urls = [
                f"/timeline/CHN/PRK?type={v}",
                f"/events?type={v}",
                f"/states/FIN/alliances?obligation={v}",
            ]
        else:
            urls = [
                f"/{path}?{name}={v}"
                for path in ("states", "timeline/CHN/PRK", "events", "states/CHN/leaders")
                for name in ("limit", "offset")
            ]
        for url in urls:
            get(api, url, ok)
    no_failures()


def test_ids_and_paths(hostile: dict[str, Any]) -> None:
    """Article ids (GET, and DELETE with the key) and linked-data paths: 404, never a file."""
    api = hostile["api"]
    for entry in (e for e in INPUTS if e["kind"] == "id"):
        raw = value_of(entry)
        for v in dict.fromkeys((q(raw), quote(raw.encode("utf-8"), safe="/"))):
            got = get(api, f"/articles/{v}", "refused")
            gone = api.delete(f"/articles/{v[:7000]}", headers=KEY)
            answer(gone, "refused", f"DELETE /articles/{v[:100]}")
            for response in (got, gone, get(api, f"/id/{v}", "refused")):
                assert "root:x:0:0" not in response.text
    no_failures()


@pytest.mark.parametrize("entry", of("sparql"))
def test_sparql(hostile: dict[str, Any], entry: dict[str, Any]) -> None:
    if "known" in entry:
        pytest.xfail(entry["known"])
    api, text, ok = hostile["api"], value_of(entry), entry["answer"]
    data = text.encode("utf-8", "surrogatepass")
    if len(data) < 6000:  # longer does not fit a request line: POST only
        get(api, f"/sparql?query={q(text)}", ok)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    answer(api.post("/sparql", content=b"query=" + q(text).encode(), headers=form), ok, "form")
    direct = {"Content-Type": "application/sparql-query"}
    answer(api.post("/sparql", content=data, headers=direct), ok, "sparql-query")


def post(api: httpx.Client, body: bytes, media: str) -> httpx.Response:
    return api.post("/articles", content=body, headers={"Content-Type": media, **KEY})


@pytest.mark.parametrize("entry", of("body"))
def test_bodies(hostile: dict[str, Any], entry: dict[str, Any]) -> None:
    """Each body as text, HTML and JSON. Under its own type it gets its answer; under another
    it may be text after all (`{"text": 5}` is words as text/plain): then it is retracted."""
    api, body = hostile["api"], bytes_of(entry)
    own = entry.get("media", "text/plain")
    for media in MEDIA if entry["answer"] != "fine" else (own,):
        response = post(api, body, media)
        answer(response, entry["answer"] if media == own else "either", f"{media} body")
        if response.status_code in (200, 201):
            assert "<script>" not in json.dumps(response.json()["extraction"]["states"])
            retract = api.delete(response.json()["href"], headers=KEY)
            assert retract.status_code == 200, retract.text


def raw(url: str, request: bytes) -> tuple[int, str, str]:
    """Send `request` as it is over a socket: the status, content type and body."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    kind = next(
        (ln.split(b":", 1)[1].strip().decode() for ln in head.split(b"\r\n")[1:]
         if ln.lower().startswith(b"content-type:")),
        "",
    )  # fmt: skip
    return status, kind, rest.decode("utf-8", "replace")


def raw_post(url: str, headers: dict[str, str], body: bytes) -> tuple[int, str, str]:
    """POST /articles over a socket, with the headers as given (Content-Length included)."""
    lines = ["POST /articles HTTP/1.1", f"Host: {urlsplit(url).netloc}", f"X-API-Key: {API_KEY}"]
    if not any(h.lower() == "content-length" for h in headers):
        lines.append(f"Content-Length: {len(body)}")
    lines += [f"{k}: {v}" for k, v in headers.items()] + ["Connection: close", "", ""]
    return raw(url, "\r\n".join(lines).encode() + body)


@pytest.mark.parametrize("entry", of("request"))
def test_requests(hostile: dict[str, Any], entry: dict[str, Any]) -> None:
    """Wrong content types and lengths: 415, 413 or 400, each a problem+json; a
    Content-Length h11 itself cannot read (negative) too (api.server.ProblemH11Protocol)."""
    status, kind, text = raw_post(hostile["server"].url, entry["headers"], bytes_of(entry))
    if entry["answer"] == "either" and status in (200, 201):  # stored: take it back
        retract = hostile["api"].delete(json.loads(text)["href"], headers=KEY)
        assert retract.status_code == 200, retract.text
        return
    assert 400 <= status < 500 and not TRACE.search(text), (status, text[:300])
    assert kind.startswith("application/problem+json"), (status, kind, text[:300])


MALFORMED = [  # requests uvicorn's HTTP parser refuses before the app sees them
    b"GARBAGE\r\n\r\n",
    b"GET /health HTTP/1.1\r\nHost: x\r\nA header without a colon\r\n\r\n",
    b"GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
    b"GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
    b"GET /he\x00alth HTTP/1.1\r\nHost: x\r\n\r\n",
]


@pytest.mark.parametrize("request_bytes", MALFORMED)
def test_malformed_http_is_a_problem(hostile: dict[str, Any], request_bytes: bytes) -> None:
    status, kind, text = raw(hostile["server"].url, request_bytes)
    assert status == 400 and kind == "application/problem+json", (status, kind, text)
    assert json.loads(text)["title"] == "Bad Request"


# ---------------------------------------------------------------- the CLI, in process


def kg(store: Path, *args: str) -> Result:
    return runner.invoke(main.app, ["--store", str(store), *args])


def judged(result: Result, expected: str, where: str) -> None:
    """Exit 0 where the input is fine; else a CliError (one sentence) or a usage error (exit
    2); never another exception, never a traceback."""
    exc = result.exception
    assert exc is None or isinstance(exc, CliError | SystemExit), f"{where}: {exc!r}"
    assert not TRACE.search(result.output), f"{where}: {result.output[-500:]}"
    if isinstance(exc, CliError):
        sentence = str(exc)
        assert sentence.strip() and "\n" not in sentence.strip(), f"{where}: {sentence!r}"
    failed = exc is not None and result.exit_code != 0
    if expected == "refused":
        assert failed, f"{where}: exit {result.exit_code} for an input that must be refused"
    elif expected == "fine":
        assert not failed, f"{where}: {exc!r} {result.output[-300:]}"


def test_cli_dates_choices_and_numbers(hostile: dict[str, Any]) -> None:
    store = hostile["cli"]
    for entry in (e for e in INPUTS if e["kind"] in ("date", "choice", "number")):
        v, ok = value_of(entry), entry["answer"]
        if entry["kind"] == "date":
            calls = [
                ["leaders", "PRK", "--at", v],
                ["alliances", "FIN", "--at", v],
                ["allies", "FIN", "--at", v],
                ["timeline", "CHN", "PRK", "--from", v],
                ["timeline", "CHN", "PRK", "--to", v],
                ["events", "--from", v, "--limit", "5"],
                ["events", "--to", v, "--limit", "5"],
            ]
        elif entry["kind"] == "choice":
            calls = [
                ["timeline", "CHN", "PRK", "--type", v],
                ["events", "--type", v],
                ["alliances", "FIN", "--obligation", v],
            ]
        else:
            calls = [
                ["timeline", "CHN", "PRK", "--limit", v],
                ["timeline", "CHN", "PRK", "--offset", v],
                ["events", "--offset", v],
            ]
        for args in calls:
            judged(kg(store, *args), "either" if entry["kind"] == "number" else ok, str(args))


CODE_COMMANDS = [
    ["lookup", "{}"],
    ["leaders", "{}", "--at", "2024"],
    ["alliances", "{}"],
    ["allies", "{}"],
    ["timeline", "{}", "USA"],
    ["relations", "USA", "{}"],
    ["events", "--state", "{}", "--limit", "5"],
]


def test_cli_codes(hostile: dict[str, Any]) -> None:
    """Each code and name input through one of the seven commands that take one, in turn
    (as over HTTP, every input through every command would cost too long)."""
    codes = [e for e in INPUTS if e["kind"] == "code"]
    for i, entry in enumerate(codes):
        args = CODE_COMMANDS[i % len(CODE_COMMANDS)]
        filled = [value_of(entry) if a == "{}" else a for a in args]
        judged(kg(hostile["cli"], *filled), entry["answer"], f"kg {args[0]} {entry['name']}")


def test_cli_ids_and_sparql(hostile: dict[str, Any]) -> None:
    store = hostile["cli"]
    for entry in INPUTS:
        if entry["kind"] == "id":
            judged(kg(store, "retract", value_of(entry)), "refused", "kg retract")
        elif entry["kind"] == "sparql":
            judged(kg(store, "sparql", value_of(entry)), entry["answer"], "kg sparql")


# Found by the corpus, not fixed yet (in modules others are editing): reported in
# docs/reliability.md, "Hostile input corpus".
KNOWN_CLI: dict[str, str] = {}  # inputs the CLI is known to fail on, with why


@pytest.mark.parametrize("entry", of("body"))
def test_cli_files(hostile: dict[str, Any], entry: dict[str, Any], tmp_path: Path) -> None:
    """`kg extract FILE` and `kg ingest FILE`; what a fine file stores is retracted again."""
    if entry["name"] in KNOWN_CLI:
        pytest.xfail(KNOWN_CLI[entry["name"]])
    name = Path(entry["file"]).name if "file" in entry else "article"
    suffix = "" if "file" in entry else SUFFIX[entry.get("media", "text/plain")]
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(bytes_of(entry))
    # Files are read leniently (a UTF-16 file by its BOM, bad bytes replaced, then held to
    # the input limits), so a body HTTP refuses may be an article on disk: no exit code is
    # asserted for those, only the absence of an uncaught exception or a traceback.
    expected = "fine" if entry["answer"] == "fine" else "either"
    judged(kg(hostile["cli"], "extract", str(path)), expected, "kg extract")
    ingested = kg(hostile["cli"], "ingest", "--verbose", str(path))
    judged(ingested, expected, "kg ingest")
    for article in re.findall(r"/article/([0-9a-f]{16})", ingested.output):
        judged(kg(hostile["cli"], "retract", article), "fine", "kg retract")


def test_zz_the_stores_export_as_before(hostile: dict[str, Any]) -> None:
    """Last: stop the server, then both stores export byte for byte as before."""
    hostile["server"].stop()
    log = hostile["server"].log.read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]
    after = export(hostile["server"].store)
    assert after == hostile["before"]["api"]
    assert export(hostile["cli"]) == hostile["before"]["cli"]
