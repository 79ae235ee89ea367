"""The Wikidata facts merged into the bundled reference data: people matched by Wikidata id,
else by id (ontology.identifiers.slug of the name); terms matched by state, start (at the
coarser precision) and office or role. Returns the merged data and every change it made."""

from __future__ import annotations

from dataclasses import dataclass, replace

from loaders.wikidata.mapping import WikidataReference
from loaders.wikidata.model import PersonInfo
from ontology.identifiers import slug
from ontology.reference_data import Membership, OrganizationRef, PersonRef, ReferenceData, Term


@dataclass(frozen=True)
class Change:
    """One change to the bundled data, as the diff prints it."""

    state: str
    change: str  # person added | term added | term changed | term ended | membership added ...
    subject: str  # the person's id, or the organization's code
    role: str | None = None
    start: str | None = None
    end: str | None = None
    was: str | None = None  # what the bundled data said ("end 2020-01-01", "start 2021")
    source: str | None = None


def same_date(a: str | None, b: str | None) -> bool:
    """Equal at the coarser of the two precisions ('2021' and '2021-01-20' agree)."""
    if a is None or b is None:
        return a is b
    size = min(len(a), len(b))
    return a[:size] == b[:size]


def _overlap(old: Term, new: Term) -> bool:
    """The two periods share a day (ISO strings compare in date order at equal precision)."""
    return (old.end is None or new.start < old.end) and (new.end is None or old.start < new.end)


def _matches(old: Term, new: Term) -> bool:
    """The same term: one state, an office in common (or the same role), and the same start
    at the coarser precision or overlapping periods (an acting start against the inauguration)."""
    if old.state != new.state:
        return False
    if not (set(old.offices) & set(new.offices) or old.role == new.role):
        return False
    return same_date(old.start, new.start) or _overlap(old, new)


def _updated(old: Term, new: Term, pid: str, changes: list[Change]) -> Term:
    """The bundled term with Wikidata's end (and a more precise start) and its source."""
    refined = same_date(old.start, new.start) and len(new.start) > len(old.start)
    start = new.start if refined else old.start
    end = old.end if new.end is None else new.end
    what = None
    if old.end is None and end is not None:
        what, was = "term ended", "in office"
    elif end != old.end or start != old.start:
        what, was = "term changed", f"{old.start} to {old.end or 'now'}"
    if what:
        changes.append(Change(old.state, what, pid, old.role, start, end, was, new.source))
    return replace(old, start=start, end=end, source=new.source)


def _merge_terms(person: PersonRef, terms: list[Term], changes: list[Change]) -> tuple[Term, ...]:
    merged = list(person.terms)
    for new in terms:
        at = next((i for i, old in enumerate(merged) if _matches(old, new)), None)
        if at is None:
            merged.append(new)
            changes.append(
                Change(
                    new.state,
                    "term added",
                    person.id,
                    new.role,
                    new.start,
                    new.end,
                    None,
                    new.source,
                )
            )
        else:
            merged[at] = _updated(merged[at], new, person.id, changes)
    return tuple(sorted(merged, key=lambda t: (t.start, t.state)))


def _find(data: ReferenceData, info: PersonInfo) -> PersonRef | None:
    by_qid = next((p for p in data.leaders if p.wikidata == info.qid), None)
    if by_qid:
        return by_qid
    pid = slug(info.name)
    return next((p for p in data.leaders if p.id == pid and p.wikidata in (None, info.qid)), None)


def _new_person(info: PersonInfo, taken: set[str]) -> PersonRef:
    pid = slug(info.name)
    if pid in taken:  # a namesake with another Wikidata id
        pid = f"{pid}-{info.qid.lower()}"
    return PersonRef(pid, info.name, tuple(a for a in info.aliases if a != info.name), info.qid)


def _merge_people(
    data: ReferenceData, wiki: WikidataReference, changes: list[Change]
) -> tuple[PersonRef, ...]:
    people = {p.id: p for p in data.leaders}
    for qid, terms in sorted(wiki.terms.items()):
        info = wiki.people[qid]
        person = _find(data, info)
        if person is None:
            person = _new_person(info, set(people))
            changes.append(
                Change(
                    terms[0].state,
                    "person added",
                    person.id,
                    None,
                    None,
                    None,
                    None,
                    terms[0].source,
                )
            )
        person = replace(person, wikidata=person.wikidata or qid)
        people[person.id] = replace(person, terms=_merge_terms(person, terms, changes))
    return tuple(sorted(people.values(), key=lambda p: p.id))


def _member_change(
    members: list[Membership], new: Membership, code: str, source: str | None
) -> Change | None:
    """`new` into `members` (added, or the known membership ended), and the change if any.
    A membership with no start is known already when the state is a member at all."""
    same = [i for i, m in enumerate(members) if m.state == new.state]
    at = next(
        (i for i in same if new.start is None or same_date(members[i].start, new.start)), None
    )
    if at is None and not (same and new.start is None):
        members.append(new)
        return Change(new.state, "membership added", code, None, new.start, new.end, None, source)
    if at is not None and members[at].end is None and new.end:
        old = members[at]
        members[at] = replace(old, end=new.end)
        return Change(
            new.state, "membership ended", code, None, old.start, new.end, "member", source
        )
    return None


def _merge_members(
    org: OrganizationRef, found: list[Membership], wiki: WikidataReference, changes: list[Change]
) -> OrganizationRef:
    members = list(org.members)
    for new in found:
        change = _member_change(
            members, new, org.code, wiki.sources.get((org.code, new.state, new.start))
        )
        if change:
            changes.append(change)
    return replace(org, members=tuple(members))


def merge_wikidata(
    data: ReferenceData, wiki: WikidataReference
) -> tuple[ReferenceData, list[Change]]:
    """The bundled data refreshed with `wiki`, and the changes, ordered by state."""
    changes: list[Change] = []
    leaders = _merge_people(data, wiki, changes)
    orgs = tuple(
        _merge_members(o, wiki.memberships[o.code], wiki, changes)
        if o.code in wiki.memberships
        else o
        for o in data.organizations
    )
    changes.sort(key=lambda c: (c.state, c.subject, c.start or "", c.change))
    return replace(data, leaders=leaders, organizations=orgs), changes
