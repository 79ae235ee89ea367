"""Pass 2: the Harvest's Wikidata ids mapped onto the reference data's codes (states by P298 or
by the bundled states' Wikidata ids, offices by loaders/wikidata/offices.json or by what the
file says of them, organizations by the bundled organizations' Wikidata ids)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from loaders.wikidata.claims import UNKNOWN
from loaders.wikidata.model import HEAD_OF_STATE, Harvest, HeldOffice, PersonInfo
from ontology.reference_data import Membership, ReferenceData, Term

OFFICES_PATH = Path(__file__).with_name("offices.json")
GENERIC_ROLES = {HEAD_OF_STATE: "head of state", "head_of_government": "head of government"}


@dataclass(frozen=True)
class OfficeRef:
    state: str
    offices: tuple[str, ...]
    role: str


@dataclass
class WikidataReference:
    """The file's facts in the reference data's terms, plus the counts for the summary."""

    people: dict[str, PersonInfo] = field(default_factory=dict)  # by QID
    terms: dict[str, list[Term]] = field(default_factory=dict)  # by person QID
    memberships: dict[str, list[Membership]] = field(default_factory=dict)  # by org code
    sources: dict[tuple[str, str, str | None], str] = field(default_factory=dict)
    relations: set[tuple[str, str, str | None, str | None]] = field(default_factory=set)
    mapped: Counter[str] = field(default_factory=Counter)
    harvest: Harvest = field(default_factory=Harvest)


@lru_cache(maxsize=1)
def bundled_offices(path: Path = OFFICES_PATH) -> dict[str, OfficeRef]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        qid: OfficeRef(o["state"], tuple(o["offices"]), o["role"])
        for qid, o in raw.items()
        if qid.startswith("Q")
    }


def _role(label: str | None) -> str | None:
    """'President of the United States' -> 'president'."""
    return label.lower().split(" of ")[0].strip() or None if label else None


class Mapper:
    def __init__(self, data: ReferenceData, harvest: Harvest) -> None:
        self.harvest = harvest
        self.states = set(data.by_code)
        self.codes = {s.wikidata: s.code for s in data.states if s.wikidata}
        self.codes.update({q: c for q, c in harvest.state_codes.items() if c in data.by_code})
        self.orgs = {o.wikidata: o.code for o in data.organizations if o.wikidata}
        self.known = {
            p.wikidata: PersonInfo(p.wikidata, p.name) for p in data.leaders if p.wikidata
        }
        self.offices = bundled_offices()
        self.roles = {(o.state, k): o.role for o in self.offices.values() for k in o.offices}

    def office(self, held: HeldOffice) -> OfficeRef | None:
        """The state, offices and role of what `held` names, or None (counted as skipped)."""
        known = self.offices.get(held.office)
        if held.kind:
            state = held.state_code or self.codes.get(held.office) or (known and known.state)
            kind = held.kind
        elif known:
            return known
        elif held.office in self.harvest.offices:
            state_qid, kind = self.harvest.offices[held.office]
            state = self.codes.get(state_qid)
        else:
            self.harvest.skip("office not a known head of state or government office")
            return None
        if not state or state not in self.states:
            self.harvest.skip("state not in the reference data")
            return None
        label = held.role if held.kind else self.harvest.labels.get(held.office)
        role = _role(label) or self.roles.get((state, kind)) or GENERIC_ROLES[kind]
        return OfficeRef(state, (kind,), role)

    def term(self, held: HeldOffice) -> Term | None:
        start, end = held.period.start, held.period.end
        if start in (None, UNKNOWN):
            self.harvest.skip("term without a start date (P580)")
            return None
        if end == UNKNOWN:
            self.harvest.skip("term with an unknown end (somevalue P582)")
            return None
        office = self.office(held)
        if office is None:
            return None
        return Term(office.state, office.offices, office.role, str(start), end, held.source)

    def person(self, qid: str) -> PersonInfo | None:
        found = self.harvest.people.get(qid) or self.known.get(qid)
        if found is None:
            self.harvest.skip("person with no label in the file nor in the reference data")
        return found


def _merge_offices(terms: list[Term]) -> list[Term]:
    """One term per state and start: P35 and P6 of one president, or two P39 statements."""
    merged: dict[tuple[str, str], Term] = {}
    for t in sorted(terms, key=lambda t: (t.state, t.start, t.source or "")):
        key = (t.state, t.start)
        if key in merged:
            old = merged[key]
            offices = tuple(sorted(set(old.offices) | set(t.offices)))
            ends = [e for e in (old.end, t.end) if e]
            merged[key] = Term(
                old.state, offices, old.role, old.start, max(ends, default=None), old.source
            )
        else:
            merged[key] = t
    return list(merged.values())


def _map_terms(mapper: Mapper, result: WikidataReference) -> None:
    by_person: dict[str, list[Term]] = {}
    for held in mapper.harvest.held:
        term = mapper.term(held)
        if term is None:
            continue
        person = mapper.person(held.person)
        if person is None:
            continue
        result.people[held.person] = person
        by_person.setdefault(held.person, []).append(term)
    for qid, terms in by_person.items():
        result.terms[qid] = _merge_offices(terms)
        result.mapped["terms"] += len(result.terms[qid])
    result.mapped["people"] = len(result.terms)


def _map_memberships(mapper: Mapper, result: WikidataReference) -> None:
    for m in mapper.harvest.memberships:
        state, org = mapper.codes.get(m.state), mapper.orgs.get(m.target)
        if state is None or org is None:
            why = "state" if state is None else "organization"
            mapper.harvest.skip(f"membership whose {why} is not in the reference data")
            continue
        start = None if m.period.start == UNKNOWN else m.period.start
        end = None if m.period.end == UNKNOWN else m.period.end
        members = result.memberships.setdefault(org, [])
        if Membership(state, start, end) not in members:
            members.append(Membership(state, start, end))
            result.sources[(org, state, start)] = m.source
            result.mapped["memberships"] += 1


def _map_relations(mapper: Mapper, result: WikidataReference) -> None:
    for r in mapper.harvest.relations:
        one, other = mapper.codes.get(r.state), mapper.codes.get(r.target)
        if one is None or other is None:
            mapper.harvest.skip("diplomatic relation with a state not in the reference data")
            continue
        low, high = sorted((one, other))
        start = None if r.period.start == UNKNOWN else r.period.start
        end = None if r.period.end == UNKNOWN else r.period.end
        result.relations.add((low, high, start, end))
    result.mapped["diplomatic relations"] = len(result.relations)


def map_harvest(harvest: Harvest, data: ReferenceData) -> WikidataReference:
    """The harvest in the reference data's codes; what cannot be mapped is counted by reason."""
    mapper = Mapper(data, harvest)
    result = WikidataReference(harvest=harvest)
    _map_terms(mapper, result)
    _map_memberships(mapper, result)
    _map_relations(mapper, result)
    return result
