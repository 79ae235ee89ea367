"""Reference data (states, organizations, leaders, alliances, non-state actors) read from the
JSON files in
`ontology/reference/`: pure data, no RDF and no store, so the extractor and the reference
graph builder share one source of names and dates."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

REFERENCE_DIR = Path(__file__).parent / "reference"


@dataclass(frozen=True)
class Membership:
    """A state's membership of an organization or alliance, with ISO dates (any precision)."""

    state: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class StateRef:
    code: str  # ISO 3166-1 alpha-3, or ISO 3166-3 code for former states (SUN, DDR, YUG)
    name: str  # the short name news uses ("China", "North Korea")
    formal_name: str | None = None
    aliases: tuple[str, ...] = ()  # other names ("DPRK", "Red China", "PRC")
    demonyms: tuple[str, ...] = ()  # "Chinese", "North Korean"
    capitals: tuple[str, ...] = ()  # capital names usable as metonyms ("Beijing")
    wikidata: str | None = None  # "Q148"; only where certain
    start: str | None = None  # for states that began after 1900 or ended
    end: str | None = None
    former: bool = False


@dataclass(frozen=True)
class OrganizationRef:
    code: str  # short code: UN, UNSC, NATO, EU ...
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "intergovernmental"  # intergovernmental | bloc | alliance | forum
    wikidata: str | None = None
    founded: str | None = None
    dissolved: str | None = None
    members: tuple[Membership, ...] = ()


@dataclass(frozen=True)
class Term:
    """One continuous term in office of one person for one state."""

    state: str
    offices: tuple[str, ...]  # subset of ("head_of_state", "head_of_government")
    role: str  # lower-case title as the press uses it: "president", "prime minister"
    start: str  # ISO date, any precision
    end: str | None = None  # None while in office
    source: str | None = None  # where it was read: "wikidata:Q6279@2201234567" (item@revision)


@dataclass(frozen=True)
class PersonRef:
    id: str  # slug: "xi-jinping"
    name: str  # canonical full name: "Xi Jinping"
    aliases: tuple[str, ...] = ()  # press variants: "Kim Jong-un", "Joe Biden"
    wikidata: str | None = None
    terms: tuple[Term, ...] = ()


@dataclass(frozen=True)
class AllianceRef:
    id: str  # slug: "nato", "us-japan-security-treaty"
    name: str
    aliases: tuple[str, ...] = ()
    organization: str | None = None  # org code when the alliance is also an organization
    signed: str | None = None
    start: str | None = None
    end: str | None = None
    obligations: tuple[str, ...] = ()  # defense|offense|neutrality|nonaggression|consultation
    members: tuple[Membership, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class ActorRef:
    """A non-state actor: an armed group, militia, movement, PMC or de facto authority."""

    code: str  # upper-case, stable, disjoint from state and organization codes: HAMAS, PKK
    name: str  # the name news uses: "Hamas", "Houthis"
    kind: str  # one of ontology.namespace.ACTOR_KINDS
    based_in: tuple[str, ...]  # state codes (ISO alpha-3) where it is based
    source: str  # URL of the page the entry was taken from
    aliases: tuple[str, ...] = ()  # other names and transliterations: "Ansar Allah", "ISIL"
    active_in: tuple[str, ...] = ()  # state codes where it fights, governs or operates
    wikidata: str | None = None  # "Q38799"; only where certain
    founded: str | None = None  # ISO date at any precision; only where certain
    dissolved: str | None = None
    acled: str | None = None  # ACLED actor type, one of ACLED_ACTOR_TYPES
    cameo: str | None = None  # CAMEO actor role code, one of CAMEO_ACTOR_TYPES


@dataclass(frozen=True)
class ReferenceData:
    states: tuple[StateRef, ...] = ()
    organizations: tuple[OrganizationRef, ...] = ()
    leaders: tuple[PersonRef, ...] = ()
    alliances: tuple[AllianceRef, ...] = ()
    by_code: dict[str, StateRef] = field(default_factory=dict, compare=False)
    actors: tuple[ActorRef, ...] = ()


def _tuples(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}


def _members(raw: list[dict[str, Any]]) -> tuple[Membership, ...]:
    return tuple(Membership(**m) for m in raw)


def _read(name: str, folder: Path) -> list[dict[str, Any]]:
    path = folder / name
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{path} must hold a JSON list"
    return data


def parse_reference(folder: Path = REFERENCE_DIR) -> ReferenceData:
    """Read the JSON files of `folder` into frozen dataclasses."""
    states = tuple(StateRef(**_tuples(s)) for s in _read("states.json", folder))
    orgs = tuple(
        OrganizationRef(**{**_tuples(o), "members": _members(o.get("members", []))})
        for o in _read("organizations.json", folder)
    )
    leaders = tuple(
        PersonRef(
            **{
                **_tuples(p),
                "terms": tuple(
                    Term(**{**t, "offices": tuple(t["offices"])}) for t in p.get("terms", [])
                ),
            }
        )
        for p in _read("leaders.json", folder)
    )
    alliances = tuple(
        AllianceRef(**{**_tuples(a), "members": _members(a.get("members", []))})
        for a in _read("alliances.json", folder)
    )
    actors = tuple(ActorRef(**_tuples(a)) for a in _read("actors.json", folder))
    return ReferenceData(states, orgs, leaders, alliances, {s.code: s for s in states}, actors)


@lru_cache(maxsize=1)
def load_reference() -> ReferenceData:
    """The bundled reference data, parsed once per process."""
    return parse_reference(REFERENCE_DIR)


@lru_cache(maxsize=1)
def organization_codes() -> frozenset[str]:
    """Codes of the bundled organizations, so WTO or IMF is never taken for a state."""
    return frozenset(o.code.upper() for o in load_reference().organizations)


@lru_cache(maxsize=1)
def non_state_actor_codes() -> frozenset[str]:
    """Codes of the bundled non-state actors, so PKK or ELN is never taken for a state."""
    return frozenset(a.code.upper() for a in load_reference().actors)
