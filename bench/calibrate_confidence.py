"""Fit the event confidence model (loaders/extraction/confidence.py) on the tuning sets and
write its weights to loaders/extraction/data/confidence.json; then report how precise the
events are at each confidence on any check set.

    .venv/bin/python bench/calibrate_confidence.py --write
    .venv/bin/python bench/calibrate_confidence.py --check tests/fixtures/realnews4
    .venv/bin/python bench/calibrate_confidence.py --parser spacy --write --check ...

With --parser the events of the parser backoff (family "parsed") are fitted and reported too.

Each event the extractor finds on a tuning set is labelled right when it matches a gold event
(the scorer's rule: type, shared participants, overlapping dates; one gold event each). A
logistic regression (L2, gradient descent, pure Python) over the event's signals gives the
probability that an event with those signals is right. The check sets are never fitted on."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.extraction.confidence import DATA, confidence  # noqa: E402
from loaders.extraction.extractor import extract  # noqa: E402
from loaders.extraction.parse_model import SentenceParser, parser_named  # noqa: E402
from loaders.text_loader import read_text_file  # noqa: E402
from tests.unit.loaders.extraction.test_heldout import event_match  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
TUNING = (
    [ROOT.parent / "shared" / "devset"]
    + [
        FIXTURES / name
        for name in ("heldout", "heldout/fresh", "heldout2", "realnews", "realnews3", "actors")
    ]
    + [FIXTURES / "actors" / "fresh"]
)
Example = tuple[list[str], int]


def labelled(folders: list[Path], parser: SentenceParser | None = None) -> list[Example]:
    """(signals, 1 if right else 0) of every event found in the folders' articles."""
    out: list[Example] = []
    for folder in folders:
        for text in sorted(folder.glob("*.txt")):
            gold = json.loads(text.with_suffix(".gold.json").read_text(encoding="utf-8"))
            free = list(gold["events"])
            for e in extract(read_text_file(text), parser=parser).events:
                hit = next((g for g in free if event_match(g, e.model_dump())), None)
                if hit is not None:
                    free.remove(hit)
                out.append((e.signals, int(hit is not None)))
    return out


def fit(data: list[Example], l2: float = 0.5, steps: int = 3000, rate: float = 0.1) -> dict:
    """Weights of a logistic regression over binary signals (a bias, L2 on the others)."""
    weights: dict[str, float] = defaultdict(float)
    n = len(data)
    for _ in range(steps):
        grad: dict[str, float] = defaultdict(float)
        for names, y in data:
            z = weights["bias"] + sum(weights[s] for s in names)
            err = 1.0 / (1.0 + math.exp(-z)) - y
            grad["bias"] += err
            for s in names:
                grad[s] += err
        for key in list(grad):
            penalty = 0.0 if key == "bias" else l2 * weights[key]
            weights[key] -= rate * (grad[key] + penalty) / n
    return {k: round(v, 4) for k, v in sorted(weights.items())}


def report(data: list[Example], label: str) -> None:
    """Precision of all events and of those at or above each confidence."""
    print(f"{label}: {len(data)} events found")
    for floor in (0.0, 0.5, 0.6, 0.7, 0.8):
        kept = [y for names, y in data if confidence(names) >= floor]
        share = sum(kept) / len(kept) if kept else float("nan")
        print(f"  confidence >= {floor:.1f}: {len(kept):4d} events, precision {share:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="fit and write the weights")
    parser.add_argument("--check", nargs="*", type=Path, default=[], help="sets to report on")
    parser.add_argument("--parser", default="none", help="none or spacy: the parser backoff")
    args = parser.parse_args()
    backoff = parser_named(args.parser)
    if args.write:
        tuning = [f for f in TUNING if f.is_dir()]
        weights = fit(labelled(tuning, backoff))
        about = (
            "bench/calibrate_confidence.py --write: fitted on "
            + ", ".join(str(f.relative_to(ROOT.parent)) for f in tuning)
            + (f", with the {args.parser} parser backoff" if backoff else "")
        )
        DATA.write_text(json.dumps({"about": about, "weights": weights}, indent=1) + "\n")
        confidence.__globals__["_weights"].cache_clear()
        print(json.dumps(weights, indent=1))
        report(labelled(tuning, backoff), "tuning sets")
    for folder in args.check:
        report(labelled([folder], backoff), str(folder))


if __name__ == "__main__":
    main()
