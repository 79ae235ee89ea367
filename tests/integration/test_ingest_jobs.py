"""`kg ingest --jobs 2` (two worker processes load and extract, one writes) and `--jobs 1`
write the same record, byte for byte: the exports of the two stores are identical."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ["heldout", "heldout2", "realnews", "realnews3", "actors", "articles"]
KG = [sys.executable, "-m", "cli"]


def _kg(store: Path, *args: str) -> str:
    env = {**os.environ, "KG_STORE_PATH": str(store)}
    env.pop("KG_NEO4J_URI", None)
    env.pop("KG_RECORD_URL", None)
    done = subprocess.run([*KG, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_jobs_2_writes_the_record_jobs_1_writes(tmp_path: Path) -> None:
    inputs = [str(FIXTURES / name) for name in CORPUS if (FIXTURES / name).is_dir()]
    exports = []
    for jobs in ("1", "2"):
        store = tmp_path / f"jobs-{jobs}"
        said = _kg(store, "ingest", "--jobs", jobs, "--json", *inputs)
        assert '"new": ' in said
        out = tmp_path / f"jobs-{jobs}.nq"
        _kg(store, "export", "--format", "nq", "--output", str(out))
        exports.append(out.read_bytes())
    assert exports[0] == exports[1]
    assert exports[0].count(b"\n") > 5000
