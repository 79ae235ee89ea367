"""Visits whose destination is a city or a venue that is not a capital ("travelled to
Vladivostok", "arrived at the Vostochny Cosmodrome", "a visit to Sharm el-Sheikh"): a
gazetteer (`data/places.json`: name, state) gives the host state. The place names its state
only as a visit's destination; the state is not listed as one the article names."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "places.json"


@cache
def _gazetteer(path: Path = DATA) -> tuple[re.Pattern[str], dict[str, str]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    states = {r["name"]: r["state"] for r in rows}
    names = "|".join(re.escape(n) for n in sorted(states, key=len, reverse=True))
    pattern = re.compile(
        rf"\s+(?:[\w'’,-]+\s+){{0,4}}?(?:(?:to|in|at)\s+)?(?:the\s+)?(?P<place>{names})(?![\w-])"
    )
    return pattern, states


def places() -> dict[str, str]:
    """Place name -> state code."""
    return _gazetteer()[1]


def destination(text: str, t_end: int) -> str | None:
    """The state of the place a visit trigger goes to, if the gazetteer knows it."""
    pattern, states = _gazetteer()
    m = pattern.match(text, t_end)
    if m is None or re.search(r"[.;:]", m.group(0)):
        return None
    return states[m.group("place")]


def with_destination(text: str, t_end: int, found: list[str]) -> tuple[list[str], list[str]]:
    """The visit's participants with the host state of its destination added last (and the
    codes added, which the article does not name itself)."""
    host = destination(text, t_end)
    if host is None or host in found:
        return found, []
    return [*found, host], [host]
