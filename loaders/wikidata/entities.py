"""Pass 1 over entity JSON: each entity's relevant statements into the Harvest, by Wikidata
id, to be mapped once the whole file is read (an office or a state may come after a person)."""

from __future__ import annotations

from loaders.wikidata.claims import (
    UNKNOWN,
    Json,
    aliases,
    deprecated,
    label,
    main_item,
    main_string,
    period_of,
    statements,
)
from loaders.wikidata.model import (
    HEAD_OF_GOVERNMENT,
    HEAD_OF_STATE,
    Harvest,
    HeldOffice,
    MemberOf,
    PersonInfo,
    source_of,
)

HUMAN = "Q5"
HEAD_OF_STATE_CLASS = "Q48352"  # head of state (an office is a subclass or instance of it)
HEAD_OF_GOVERNMENT_CLASS = "Q2285706"
READ_PROPS = ("P39", "P35", "P6", "P463", "P530", "P1906", "P2388")
HEAD_PROPS = {"P35": HEAD_OF_STATE, "P6": HEAD_OF_GOVERNMENT}
OFFICE_PROPS = {"P1906": HEAD_OF_STATE, "P2388": HEAD_OF_GOVERNMENT}
CLASS_KINDS = {HEAD_OF_STATE_CLASS: HEAD_OF_STATE, HEAD_OF_GOVERNMENT_CLASS: HEAD_OF_GOVERNMENT}


def _items(entity: Json, prop: str) -> list[str]:
    found = (main_item(s) for s in statements(entity, prop))
    return [q for q in found if q and q != UNKNOWN]


def _valued(harvest: Harvest, entity: Json, prop: str) -> list[tuple[str, Json]]:
    """(item, statement) of each statement of `prop` with an item value; the others (novalue,
    somevalue) counted as skipped."""
    pairs = []
    for statement in statements(entity, prop):
        item = main_item(statement)
        if item and item != UNKNOWN:
            pairs.append((item, statement))
        else:
            harvest.skip(f"{prop} with no value or an unknown value")
    return pairs


def _person(harvest: Harvest, entity: Json, qid: str, source: str) -> None:
    name = label(entity)
    if name and (HUMAN in _items(entity, "P31") or "P39" in (entity.get("claims") or {})):
        harvest.people[qid] = PersonInfo(qid, name, aliases(entity))
    for office, statement in _valued(harvest, entity, "P39"):
        harvest.held.append(HeldOffice(qid, office, period_of(statement), source))


def _state(harvest: Harvest, entity: Json, qid: str, source: str) -> None:
    for prop, kind in HEAD_PROPS.items():
        for person, statement in _valued(harvest, entity, prop):
            harvest.held.append(HeldOffice(person, qid, period_of(statement), source, kind))
    for prop, kind in OFFICE_PROPS.items():
        for office in _items(entity, prop):
            harvest.offices.setdefault(office, (qid, kind))
    for org, statement in _valued(harvest, entity, "P463"):
        harvest.memberships.append(MemberOf(qid, org, period_of(statement), source))
    for other, statement in _valued(harvest, entity, "P530"):
        harvest.relations.append(MemberOf(qid, other, period_of(statement), source))
    for statement in statements(entity, "P298"):
        code = main_string(statement)
        if code:
            harvest.state_codes.setdefault(qid, code.upper())


def _office(harvest: Harvest, entity: Json, qid: str) -> None:
    """An office item that says its country (P17) and that it is a head of state or government
    office (P31/P279 Q48352 or Q2285706)."""
    kinds = [
        CLASS_KINDS[c] for c in _items(entity, "P279") + _items(entity, "P31") if c in CLASS_KINDS
    ]
    countries = _items(entity, "P17")
    if kinds and countries:
        harvest.offices.setdefault(qid, (countries[0], kinds[0]))


def harvest_entity(harvest: Harvest, entity: Json) -> None:
    """One entity's statements into `harvest`; an entity with no id is counted and skipped."""
    qid = entity.get("id")
    if not isinstance(qid, str) or not qid.startswith("Q"):
        harvest.skip("entity without an item id (Q...)")
        return
    harvest.read += 1
    source = source_of(qid, entity.get("lastrevid"))
    name = label(entity)
    if name:
        harvest.labels[qid] = name
    harvest.skip("deprecated statement", deprecated(entity, READ_PROPS))
    _person(harvest, entity, qid, source)
    _state(harvest, entity, qid, source)
    _office(harvest, entity, qid)
