"""End to end on the embedded store (issue 28): `kg ingest` of a news text about Hamas's
attack, then `kg timeline HAMAS ISR` shows the extracted event with its evidence sentence."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli import main
from tests.unit.kg.conftest import BASE

ARTICLE = Path(__file__).resolve().parents[2] / "fixtures" / "actors" / "01_hamas_attack_2023.txt"
runner = CliRunner()
main._register()


def kg(store: Path, *args: str):
    return runner.invoke(main.app, ["--store", str(store), "--base-iri", BASE, *args])


def test_kg_ingest_then_kg_timeline_hamas_isr(tmp_path: Path, reference: bytes) -> None:
    dump = tmp_path / "reference.nq"
    dump.write_bytes(reference)
    store = tmp_path / "store"
    assert kg(store, "import", str(dump)).exit_code == 0
    ingested = kg(store, "ingest", str(ARTICLE))
    assert ingested.exit_code == 0, ingested.output
    result = kg(store, "timeline", "HAMAS", "ISR", "--format", "json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    attack = next(e for e in events if e["type"] == "military_intervention")
    assert attack["date"] == "2023-10-07" and attack["participants"][:2] == ["HAMAS", "ISR"]
    assert "Hamas fighters attacked Israel on Saturday" in json.dumps(attack)
    table = kg(store, "timeline", "Hamas", "Israel")
    assert table.exit_code == 0 and "2023-10-07" in table.stdout
