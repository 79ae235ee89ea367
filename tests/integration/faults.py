"""Helpers for the fault-injection tests (issue 32, item 6): small generated articles, the
`kg` command in a subprocess with its own environment, and the record as N-Quads by graph.
The articles are short (two sentences) so a run of hundreds takes a second or two, yet
they corroborate and refine one another's events, as real news does."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KG = [sys.executable, "-m", "cli"]
MEETINGS = [
    ("Chinese President Xi Jinping", "North Korean leader Kim Jong-un", "Beijing"),
    ("Russian President Vladimir Putin", "North Korean leader Kim Jong-un", "Pyongyang"),
    ("Japanese Prime Minister Fumio Kishida", "US President Joe Biden", "Tokyo"),
    ("Indian Prime Minister Narendra Modi", "Chinese President Xi Jinping", "New Delhi"),
]
MONTHS = "January February March April May June July August September October November December"
# The time of the ingest is the one triple two runs may not share.
INGESTED_AT = re.compile(r"ontology#ingestedAt>")


def article(i: int, rng: random.Random) -> dict[str, str]:
    """Article `i`: a dated meeting of two leaders and an agreement in the same year."""
    a, b, city = rng.choice(MEETINGS)
    year, month, day = rng.randint(2018, 2024), rng.choice(MONTHS.split()), rng.randint(1, 28)
    text = (
        f"{a} met {b} in {city} on {month} {day}, {year}. "
        f"The two sides signed an agreement on trade in {year}."
    )
    return {"url": f"https://faults.test/{i}", "title": f"meeting {i}",
            "published": f"{year}-12-30", "text": text}  # fmt: skip


def write_corpus(path: Path, count: int, seed: int = 32, first: int = 0) -> Path:
    """A JSON Lines file of `count` articles numbered from `first` (the same for a seed)."""
    rng = random.Random(seed * 1_000_003 + first)
    with path.open("w") as out:
        for i in range(first, first + count):
            out.write(json.dumps(article(i, rng)) + "\n")
    return path


def kg_env(store: Path, **extra: str) -> dict[str, str]:
    """The environment of a `kg` subprocess on `store`, without the developer's KG_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    return env | {"KG_STORE_PATH": str(store), "PYTHONUNBUFFERED": "1"} | extra


def kg(env: dict[str, str], *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    """Run `kg ARGS` and check its exit code."""
    done = subprocess.run([*KG, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == code, f"kg {' '.join(args)}: {done.returncode}\n{done.stderr[-3000:]}"
    return done


def by_graph(nquads: str) -> dict[str, frozenset[str]]:
    """N-Quads lines by graph name, without the ingest times."""
    graphs: dict[str, set[str]] = defaultdict(set)
    for line in nquads.splitlines():
        if line.strip() and not INGESTED_AT.search(line):
            graphs[line.rstrip(" .").rsplit(" ", 1)[-1]].add(line)
    return {g: frozenset(lines) for g, lines in graphs.items()}


def record(store: Path) -> dict[str, frozenset[str]]:
    """The store's record by graph (`kg export`, so the store must open)."""
    return by_graph(kg(kg_env(store), "export", "--format", "nq").stdout)


def torn(held: dict[str, frozenset[str]], whole: dict[str, frozenset[str]]) -> list[str]:
    """The article graphs `held` has that differ from the `whole` record's (half-written),
    and any graph the whole record lacks."""
    return sorted(g for g in held if g not in whole or ("/article/" in g and held[g] != whole[g]))


def one_sentence(stderr: str) -> str:
    """The CLI's error: a single `error: ...` line, no traceback; its text."""
    assert "Traceback" not in stderr, stderr[-3000:]
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr[-3000:]
    return errors[0]
