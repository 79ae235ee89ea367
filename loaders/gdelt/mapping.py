"""The GDELT mapping as data (data/cameo_event_types.json, data/cameo_countries.json) and the
lookups over it: a CAMEO event code to an event type by its longest listed prefix, and an
actor's country or known group code to a state or organization of the reference data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ontology.reference_data import REFERENCE_DIR, load_reference, organization_codes

DATA = Path(__file__).with_name("data")
NO_TYPE = "no event type for the CAMEO code"
LEFT_OUT = "CAMEO {prefix} left out: {why}"


class MappingError(ValueError):
    """A mapping file names an event type, state or organization the ontology lacks."""


@dataclass(frozen=True)
class Rule:
    """What a CAMEO code becomes: an event type, and whether Actor2 is its initiator."""

    type: str
    actor2_first: bool = False


class Mapping:
    """The lookups, each answer kept per code (a file repeats few codes many times)."""

    def __init__(self, events: dict[str, Any], countries: dict[str, Any], states: frozenset[str]):
        self._rules = {code: _rule(code, row) for code, row in events["codes"].items()}
        self._left_out: dict[str, str] = events["left_out"]
        self._exceptions: dict[str, str] = countries["exceptions"]
        self._regions: dict[str, str] = countries["regions"]
        self._groups: dict[str, str] = countries["groups"]
        self._states = states
        self._types: dict[str, Rule | str] = {}
        self._countries: dict[str, str | None] = {}

    def event_type(self, code: str) -> Rule | str:
        """The rule for a CAMEO code, or the reason it has none (a left-out prefix's, or
        NO_TYPE)."""
        found = self._types.get(code)
        if found is None:
            found = self._types[code] = self._lookup(code)
        return found

    def _lookup(self, code: str) -> Rule | str:
        for end in range(len(code), 0, -1):
            prefix = code[:end]
            if prefix in self._rules:
                return self._rules[prefix]
            if prefix in self._left_out:
                return LEFT_OUT.format(prefix=prefix, why=self._left_out[prefix])
        return NO_TYPE

    def is_type_reason(self, reason: str) -> bool:
        """Whether a skip reason is the mapping's (a CAMEO code without a type)."""
        return reason == NO_TYPE or reason.startswith("CAMEO ")

    def actor(self, country: str, group: str) -> str | None:
        """The state (by CAMEO country code) or else organization (by known group code) an
        actor is; None for none of them (no code, a region, a code the reference lacks)."""
        return self.state(country) or self._groups.get(group)

    def state(self, country: str) -> str | None:
        """The reference state a CAMEO country code names; None for none (or a region)."""
        if country not in self._countries:
            code = self._exceptions.get(country, country)
            known = country not in self._regions and code in self._states
            self._countries[country] = code if known else None
        return self._countries[country]


def _rule(code: str, row: dict[str, Any]) -> Rule:
    initiator = row.get("initiator", "actor1")
    if initiator not in ("actor1", "actor2"):
        raise MappingError(f"CAMEO {code}: initiator must be actor1 or actor2, not {initiator!r}")
    return Rule(row["type"], initiator == "actor2")


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def check(events: dict[str, Any], countries: dict[str, Any], states: frozenset[str]) -> None:
    """Every type, state and organization the files name exists in the ontology's data."""
    types = {row["type"] for row in _read_types()}
    bad = [f"event type {r['type']}" for r in events["codes"].values() if r["type"] not in types]
    bad += [f"state {s}" for s in countries["exceptions"].values() if s not in states]
    orgs = organization_codes()
    bad += [f"organization {o}" for o in countries["groups"].values() if o not in orgs]
    if bad:
        raise MappingError(f"the GDELT mapping names what the ontology lacks: {', '.join(bad)}")


def _read_types() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(
        (REFERENCE_DIR / "event_types.json").read_text(encoding="utf-8")
    )["types"]
    return rows


@lru_cache(maxsize=1)
def load_mapping() -> Mapping:
    """The bundled mapping, checked against the reference data, read once per process."""
    events, countries = _read("cameo_event_types.json"), _read("cameo_countries.json")
    states = frozenset(load_reference().by_code)
    check(events, countries, states)
    return Mapping(events, countries, states)
