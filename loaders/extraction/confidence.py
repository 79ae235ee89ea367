"""An event's confidence from the evidence behind it (issue 27, item 4): how its date was
found (in its own sentence or carried from context), which family of patterns found it
(core lexicon, broadened, chronology line, named-event table ...), whether its participants
are all named in its sentence or some were inferred from context, and its tense. The weights
are a logistic model fitted on the tuning sets by bench/calibrate_confidence.py and kept as
data (`data/confidence.json`), so a confidence of 0.8 means about four in five such events
were right there."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from loaders.extraction.event_model import EventCandidate

DATA = Path(__file__).with_name("data") / "confidence.json"


def signals(c: EventCandidate) -> list[str]:
    """The binary signals of one event candidate, by name."""
    family = "named" if c.extra.get("named") else c.extra.get("family", "core")
    out = [f"family={family}", "date=own" if c.date_source == "own" else "date=carried"]
    if c.extra.get("inferred"):
        out.append("inferred")
    if c.extra.get("perfect"):
        out.append("perfect")
    if c.extra.get("implied"):
        out.append("implied")
    return out


@cache
def _weights(path: Path = DATA) -> dict[str, float]:
    return dict(json.loads(path.read_text(encoding="utf-8"))["weights"])


def confidence(names: list[str]) -> float:
    """The calibrated probability that an event with these signals is right."""
    weights = _weights()
    z = weights.get("bias", 0.0) + sum(weights.get(n, 0.0) for n in names)
    return 1.0 / (1.0 + math.exp(-z))
