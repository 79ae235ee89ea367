"""SPARQL result rows (variable -> lexical value) turned into the shared pydantic models, and
the date-overlap tests on partial dates that the SPARQL side cannot express cheaply."""

from __future__ import annotations

from collections.abc import Iterable

from kg.queries.models import (
    AlliancePublic,
    EntityPublic,
    EventPublic,
    LeaderTermPublic,
    RelationPublic,
    ReportedRolePublic,
    SourcePublic,
    StatePublic,
)
from ontology.dates import DateError, PartialDate, parse_partial
from ontology.namespace import GEO, GEO_IRI, OBLIGATION

Row = dict[str, str]
OFFICES = {str(GEO.HeadOfState): "head_of_state", str(GEO.HeadOfGovernment): "head_of_government"}


def _partial(text: str | None) -> PartialDate | None:
    try:
        return parse_partial(text) if text else None
    except DateError:
        return None


def periods_overlap(s1: str | None, e1: str | None, s2: str | None, e2: str | None) -> bool:
    """True when two periods of partial dates (open where None) share at least one day."""
    a1, b1, a2, b2 = _partial(s1), _partial(e1), _partial(s2), _partial(e2)
    if a1 and b2 and a1.earliest > b2.latest:
        return False
    return not (a2 and b1 and a2.earliest > b1.latest)


def overlaps(start: str | None, end: str | None, at: PartialDate) -> bool:
    """True when the period [start, end] shares a day with `at` (a year, month or day)."""
    return periods_overlap(start, end, at.text, at.text)


def state_model(row: Row) -> StatePublic:
    return StatePublic(
        iri=row["s"],
        code=row["code"],
        name=row.get("name", row["code"]),
        former=row.get("former") in ("true", "1"),
        start=row.get("start"),
        end=row.get("end"),
    )


def leader_terms(rows: Iterable[Row], state: str) -> list[LeaderTermPublic]:
    """One model per term (its offices gathered), sorted by start, then name."""
    terms: dict[str, tuple[str, LeaderTermPublic]] = {}
    for r in rows:
        key = r["term"]
        if key not in terms:
            model = LeaderTermPublic(
                person=r["person"],
                name=r.get("name", r["person"]),
                state=state,
                role=r.get("role", ""),
                offices=[],
                start=r.get("start", r.get("earliest", "")),
                end=r.get("end"),
            )
            terms[key] = (r.get("earliest", ""), model)
        office = OFFICES.get(r.get("office", ""))
        if office and office not in terms[key][1].offices:
            terms[key][1].offices.append(office)
    for _, model in terms.values():
        model.offices.sort()
    ordered = sorted(
        terms.items(), key=lambda kv: (kv[1][0], kv[1][1].name, kv[1][1].person, kv[0])
    )
    return [model for _, (_, model) in ordered]


def _local(iri: str, namespace: str) -> str:
    return iri[len(namespace) :] if iri.startswith(namespace) else iri


def _details(rows: Iterable[Row]) -> dict[str, dict[str, set[str]]]:
    """Alliance detail rows gathered per alliance: field -> every value seen."""
    found: dict[str, dict[str, set[str]]] = {}
    for r in rows:
        fields = found.setdefault(r["al"], {})
        for name in ("name", "org", "obligation", "start", "end"):
            if name in r:
                fields.setdefault(name, set()).add(r[name])
    return found


def _first(fields: dict[str, set[str]], name: str) -> str | None:
    return min(fields[name]) if fields.get(name) else None


def alliance_names(details: Iterable[Row]) -> dict[str, str]:
    """Alliance IRI -> its name (the IRI when it has none)."""
    return {iri: _first(f, "name") or iri for iri, f in _details(details).items()}


def alliance_rows(rows: Iterable[Row], details: Iterable[Row]) -> list[AlliancePublic]:
    """One model per membership period, sorted by alliance name, then member_since."""
    info = _details(details)
    found: dict[tuple[str, str | None, str | None], AlliancePublic] = {}
    for r in rows:
        key = (r["al"], r.get("since"), r.get("until"))
        fields = info.get(r["al"], {})
        found.setdefault(
            key,
            AlliancePublic(
                iri=r["al"],
                name=_first(fields, "name") or r["al"],
                organization=_first(fields, "org"),
                obligations=sorted(
                    _local(o, str(OBLIGATION)) for o in fields.get("obligation", ())
                ),
                start=_first(fields, "start"),
                end=_first(fields, "end"),
                member_since=r.get("since"),
                member_until=r.get("until"),
            ),
        )
    return sorted(found.values(), key=lambda a: (a.name, a.member_since or "", a.iri))


def _later(x: str | None, y: str | None) -> str | None:
    px, py = _partial(x), _partial(y)
    if px is None or py is None:
        return x if py is None else y
    return x if px.earliest >= py.earliest else y


def _sooner(x: str | None, y: str | None) -> str | None:
    px, py = _partial(x), _partial(y)
    if px is None or py is None:
        return x if py is None else y
    return x if px.latest <= py.latest else y


def co_membership(mine: list[AlliancePublic], theirs: list[AlliancePublic]) -> list[AlliancePublic]:
    """Alliances two states both belonged to at the same time, with the shared period as
    member_since/member_until; one per alliance, sorted by name."""
    shared: dict[str, AlliancePublic] = {}
    for a in mine:
        for b in theirs:
            if a.iri != b.iri or a.iri in shared:
                continue
            if periods_overlap(a.member_since, a.member_until, b.member_since, b.member_until):
                since = _later(a.member_since, b.member_since)
                until = _sooner(a.member_until, b.member_until)
                shared[a.iri] = a.model_copy(update={"member_since": since, "member_until": until})
    return sorted(shared.values(), key=lambda a: (a.name, a.iri))


def _number(text: str | None, kind: type[int] | type[float]) -> int | float | None:
    try:
        return kind(text) if text is not None else None
    except ValueError:
        return None


def sources_by_fact(rows: Iterable[Row]) -> dict[str, list[SourcePublic]]:
    """Fact IRI -> its sources, one per article (the first evidence sentence it gives)."""
    found: dict[str, dict[str, SourcePublic]] = {}
    for r in rows:
        per_fact = found.setdefault(r["e"], {})
        if r["article"] in per_fact:
            continue
        per_fact[r["article"]] = SourcePublic(
            article=r["article"],
            url=r.get("url"),
            title=r.get("title"),
            published=r.get("published"),
            evidence=r.get("sentence"),
            char_start=_number(r.get("charStart"), int),  # type: ignore[arg-type]
            char_end=_number(r.get("charEnd"), int),  # type: ignore[arg-type]
            confidence=_number(r.get("confidence"), float),
        )
    return {
        fact: sorted(s.values(), key=lambda x: (x.published or "", x.article))
        for fact, s in found.items()
    }


def _date_text(r: Row) -> str:
    if "date" in r:
        return r["date"]
    if "start" in r:
        return f"{r['start']}/{r['end']}" if "end" in r else r["start"]
    return r["earliest"] if r["earliest"] == r["latest"] else f"{r['earliest']}/{r['latest']}"


def event_models(
    keys: list[Row], people: Iterable[Row], sources: dict[str, list[SourcePublic]]
) -> list[EventPublic]:
    """Events in the order of `keys`, with participants (sorted codes) and sources."""
    roles: dict[tuple[str, str], set[str]] = {}
    for r in people:
        roles.setdefault((r["e"], r["role"]), set()).add(r["code"])
    events: dict[str, EventPublic] = {}
    for r in keys:
        if r["e"] in events:
            continue
        initiators = sorted(roles.get((r["e"], "initiator"), ()))
        events[r["e"]] = EventPublic(
            iri=r["e"],
            type=r.get("type", "other"),
            participants=sorted(roles.get((r["e"], "participant"), ())),
            initiator=initiators[0] if initiators else None,
            date=_date_text(r),
            earliest=r["earliest"],
            latest=r["latest"],
            sources=sources.get(r["e"], []),
        )
    return list(events.values())


def relation_models(
    rows: Iterable[Row], sources: dict[str, list[SourcePublic]]
) -> list[RelationPublic]:
    """One model per relation; a and b are its two actor codes in sorted order."""
    actors: dict[str, set[str]] = {}
    first: dict[str, Row] = {}
    for r in rows:
        actors.setdefault(r["r"], set()).add(r["actor"])
        first.setdefault(r["r"], r)
    models = []
    for iri, r in first.items():
        pair = sorted(actors[iri])
        models.append(
            RelationPublic(
                iri=iri,
                type=r.get("type", ""),
                a=pair[0],
                b=pair[-1],
                since=r.get("since"),
                until=r.get("until"),
                sources=sources.get(iri, []),
            )
        )
    return sorted(models, key=lambda m: (m.type, m.since or "", m.iri))


def entity_from_rows(iri: str, rows: Iterable[Row], roles: Iterable[Row] = ()) -> EntityPublic:
    """Entity details from (prop, value) rows: geo types by local name, first code and name.
    A person with no reference name is named by the text (`text_name`) and flagged."""
    values: dict[str, set[str]] = {}
    for r in rows:
        values.setdefault(r["prop"], set()).add(r["value"])
    names, text_names = values.get("name", set()), values.get("text_name", set())
    name = min(names) if names else (min(text_names) if text_names else None)
    return EntityPublic(
        iri=iri,
        types=sorted(_local(t, GEO_IRI) for t in values.get("type", ())),
        code=min(values["code"]) if values.get("code") else None,
        name=name,
        aliases=sorted(values.get("alias", set()) | (text_names - {name})),
        from_text=not names and bool(text_names),
        reported_roles=[
            ReportedRolePublic(
                state=r["state"], role=r["role"], as_of=r.get("asOf"), article=r["article"]
            )
            for r in roles
        ],
    )
