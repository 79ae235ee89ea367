"""`kg reference-diff --from wikidata FILE` and `kg load-reference --from wikidata FILE` as a
user runs them (`python -m cli`, KG_STORE_PATH on a temporary store): the diff as a table and
JSON, the refreshed leaders in the store, and one-sentence errors with exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "wikidata"


def kg(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_STORE_PATH": str(store), "COLUMNS": "200"}
    env.pop("KG_RECORD_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_diff_as_json_and_table(tmp_path: Path) -> None:
    done = kg(
        tmp_path / "store",
        "reference-diff",
        "--from",
        "wikidata",
        str(FIXTURES / "dump-lines.json"),
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    diff = json.loads(done.stdout)
    assert diff["summary"]["format"] == "dump" and diff["summary"]["read"] == 6
    assert diff["summary"]["errors"] == ["line 5: not JSON (Unterminated string starting at)"]
    assert diff["summary"]["skipped"]["deprecated statement"] == 1
    assert [(c["state"], c["change"], c["subject"]) for c in diff["changes"]] == [
        ("AUT", "person added", "alex-example"),
        ("AUT", "term added", "alex-example"),
        ("USA", "membership added", "UN"),
    ]
    assert {"states": ["CHN", "USA"], "start": "1979-01-01", "end": None} in diff[
        "diplomatic_relations"
    ]
    table = kg(
        tmp_path / "store",
        "reference-diff",
        "--from",
        "wikidata",
        str(FIXTURES / "sparql-leaders.json"),
    )
    assert table.returncode == 0, table.stderr
    assert "jordan-sample" in table.stdout and "person added" in table.stdout
    assert "Read 4 rows" in table.stderr and "skipped 1: deprecated statement" in table.stderr
    assert not (tmp_path / "store").exists()  # the diff writes nothing


def test_load_reference_from_wikidata(tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = kg(store, "load-reference", "--from", "wikidata", str(FIXTURES / "sparql-leaders.json"))
    assert done.returncode == 0, done.stderr
    assert "Changes to the bundled data: 1 person added, 1 term added." in done.stdout
    assert "Loaded 6 reference graphs" in done.stdout
    leaders = kg(store, "leaders", "DEU", "--at", "2030-06-01", "--format", "json")
    assert leaders.returncode == 0, leaders.stderr
    assert "Jordan Sample" in [p["name"] for p in json.loads(leaders.stdout)]
    plain = kg(store, "load-reference")  # the bundled data again: Jordan Sample gone
    assert plain.returncode == 0, plain.stderr
    again = kg(store, "leaders", "DEU", "--at", "2030-06-01", "--format", "json")
    assert "Jordan Sample" not in again.stdout


def test_errors_are_one_sentence_and_exit_2(tmp_path: Path) -> None:
    store = tmp_path / "store"
    wrong = kg(store, "load-reference", "--from", "wikidata", str(FIXTURES / "not-wikidata.json"))
    assert wrong.returncode == 2
    assert "is not Wikidata entity JSON" in wrong.stderr and "Traceback" not in wrong.stderr
    missing = kg(store, "reference-diff", "--from", "wikidata", str(tmp_path / "nowhere.json"))
    assert missing.returncode == 2 and "No such file" in missing.stderr
    half = kg(store, "load-reference", str(FIXTURES / "dump-lines.json"))
    assert half.returncode == 2 and "--from wikidata" in half.stderr
    assert not store.exists()
