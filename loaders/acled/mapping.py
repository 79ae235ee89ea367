"""The ACLED mapping as data (data/acled_event_types.json, data/acled_actors.json) and the
lookups over it: an event and sub-event type to a rule, an actor name to a state,
organization or non-state actor of the reference data, a country name to a state."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ontology.reference_data import REFERENCE_DIR, ReferenceData, load_reference

DATA = Path(__file__).with_name("data")
NO_TYPE = "no event type for the ACLED event type"
LEFT_OUT = "ACLED {name} left out: {why}"
_CACHED = 1 << 16  # actor names remembered at most (ACLED has some tens of thousands)
# A state-forces name's period and what follows it: "Russia (2000-)", "Yemen (2017-) Houthi".
_PERIOD = re.compile(r"^(?P<country>.+?)\s*\(\d{4}-(?:\d{4})?\)\s*(?P<faction>.*)$")


class MappingError(ValueError):
    """A mapping file names an event type, state or actor the ontology lacks."""


@dataclass(frozen=True)
class Rule:
    """What an ACLED event type becomes: an event type, and another when Actor1 is a state's
    forces on another state's territory (None: the same)."""

    type: str
    abroad: str | None = None


@dataclass(frozen=True)
class Actor:
    """A participant: its code, and whether it is a state."""

    code: str
    state: bool


class Mapping:
    """The lookups, each answer kept per name (a file repeats few names many times)."""

    def __init__(self, events: dict[str, Any], actors: dict[str, Any], ref: ReferenceData):
        self._rules = {
            _key(r["event_type"], r["sub_event_type"]): _rule(r) for r in events["rules"]
        }
        self._states = frozenset(ref.by_code)
        self._countries = _country_names(ref) | _folded(actors["countries"])
        self._names = _actor_names(ref) | _folded(actors["names"])
        self._forces: tuple[str, ...] = tuple(p.casefold() for p in actors["state_forces"])
        self._seen: dict[str, Actor | None] = {}
        self._pairs: dict[tuple[str, str], Rule | str] = {}

    def rule(self, event_type: str, sub_event_type: str) -> Rule | str:
        """The rule for an ACLED event type and sub-event type, or the reason it has none."""
        found = self._pairs.get((event_type, sub_event_type))
        if found is None:
            found = self._rules.get(_key(event_type, sub_event_type))
            found = found or self._rules.get(_key(event_type, None), NO_TYPE)
            if len(self._pairs) < _CACHED:
                self._pairs[event_type, sub_event_type] = found
        return found

    def actor(self, name: str) -> Actor | None:
        """The participant an ACLED actor name is; None for none (civilians, unknown groups)."""
        if name not in self._seen:
            if len(self._seen) > _CACHED:  # a file of many names keeps memory flat
                self._seen.clear()
            code = self._code(name.strip().casefold())
            self._seen[name] = None if code is None else Actor(code, code in self._states)
        return self._seen[name]

    def country(self, name: str) -> str | None:
        """The state an ACLED country name is ('Democratic Republic of Congo': COD)."""
        folded = name.strip().casefold()
        return self._countries.get(folded.removeprefix("the "))

    def _code(self, name: str) -> str | None:
        if name in self._names:
            return self._names[name]
        for prefix in self._forces:
            if name.startswith(prefix):
                return self._forces_of(name[len(prefix) :])
        abbreviation, colon, full = name.partition(": ")
        if colon:
            return self._names.get(full) or self._names.get(abbreviation)
        return None

    def _forces_of(self, rest: str) -> str | None:
        """A state's own forces: the country before the period; a faction after it is none."""
        match = _PERIOD.match(rest)
        if match is None:
            return self.country(rest)
        return None if match["faction"] else self.country(match["country"])


def _key(event_type: str, sub_event_type: str | None) -> tuple[str, str | None]:
    sub = None if sub_event_type is None else sub_event_type.strip().casefold()
    return event_type.strip().casefold(), sub


def _rule(row: dict[str, Any]) -> Rule | str:
    if row["type"] is None:
        name = "/".join(n for n in (row["event_type"], row["sub_event_type"]) if n)
        return LEFT_OUT.format(name=name, why=row["why"])
    return Rule(row["type"], row.get("abroad"))


def _folded(names: dict[str, str]) -> dict[str, str]:
    return {name.casefold(): code for name, code in names.items()}


def _country_names(ref: ReferenceData) -> dict[str, str]:
    """Every state's name, formal name and aliases, the first state to claim one keeping it."""
    found: dict[str, str] = {}
    for state in ref.states:
        for name in (state.name, state.formal_name or "", *state.aliases):
            found.setdefault(name.casefold(), state.code)
    found.pop("", None)
    return found


def _actor_names(ref: ReferenceData) -> dict[str, str]:
    """The names and aliases of the non-state actors and organizations."""
    found: dict[str, str] = {}
    named = [(a.code, (a.name, *a.aliases)) for a in ref.actors]
    for code, names in named + [(o.code, (o.name, *o.aliases)) for o in ref.organizations]:
        for name in names:
            found.setdefault(name.casefold(), code)
    return found


def is_type_reason(reason: str) -> bool:
    """Whether a skip reason is the mapping's (an ACLED event type without a type)."""
    return reason == NO_TYPE or reason.startswith("ACLED ")


def check(events: dict[str, Any], actors: dict[str, Any], ref: ReferenceData) -> None:
    """Every type, state and actor the files name exists in the ontology's data."""
    types = {row["type"] for row in _read(REFERENCE_DIR / "event_types.json")["types"]}
    named = {t for r in events["rules"] for t in (r["type"], r.get("abroad")) if t is not None}
    bad = [f"event type {t}" for t in sorted(named - types)]
    bad += [f"state {s}" for s in actors["countries"].values() if s not in ref.by_code]
    codes = {*ref.by_code, *(a.code for a in ref.actors), *(o.code for o in ref.organizations)}
    bad += [f"actor {a}" for a in actors["names"].values() if a not in codes]
    if bad:
        raise MappingError(f"the ACLED mapping names what the ontology lacks: {', '.join(bad)}")


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def load_mapping() -> Mapping:
    """The bundled mapping, checked against the reference data, read once per process."""
    events = _read(DATA / "acled_event_types.json")
    actors = _read(DATA / "acled_actors.json")
    ref = load_reference()
    check(events, actors, ref)
    return Mapping(events, actors, ref)
