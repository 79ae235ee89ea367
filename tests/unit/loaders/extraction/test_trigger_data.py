"""Vocabulary as data: a trigger added to a data file of loaders/extraction/data is picked up
with no change to the code. The test copies the extraction code and reference data, adds one
row to the copy's force_triggers.json, and runs the copy's extractor in a fresh process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
TEXT = "On Monday, Turkish drones peppered Kurdish positions in Syria."
RUN = """
import json, sys
from datetime import date
from loaders.article import Article
from loaders.extraction.extractor import extract
x = extract(Article(text=sys.argv[1], url="https://example.org/t", published=date(2024, 10, 9)))
print(json.dumps([[e.type, e.participants, e.date] for e in x.events]))
"""


def _events(code: Path) -> list[list[object]]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, TEXT],
        cwd=code,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return list(json.loads(done.stdout))


def test_a_trigger_added_to_a_data_file_is_picked_up(tmp_path: Path) -> None:
    for package in ("loaders", "ontology"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    assert not any(e[0] == "military_intervention" for e in _events(tmp_path))
    data = tmp_path / "loaders" / "extraction" / "data" / "force_triggers.json"
    rows = json.loads(data.read_text(encoding="utf-8"))
    rows.append(
        {
            "type": "military_intervention",
            "keywords": ["peppered"],
            "why": "a test's own wording",
            "pattern": r"\b(?i:drones)\s+(?P<t>(?P<v>peppered))\s+",
        }
    )
    data.write_text(json.dumps(rows), encoding="utf-8")
    assert ["military_intervention", ["TUR", "SYR"], "2024-10-07"] in _events(tmp_path)
