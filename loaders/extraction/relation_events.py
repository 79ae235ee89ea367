"""Relations that follow from events (which relation each type implies is data:
ontology/reference/event_types.json; when, is here): a newly formed alliance makes its states allies; the
latest establishment of ties (not followed by a severance) gives diplomatic relations; an
invasion the article reports as current, or a war declared within three months of it
("Israel's security cabinet formally declared war on Hamas on Sunday"), gives at_war."""

from __future__ import annotations

import re
from datetime import date

from loaders.extraction import dates as dt
from loaders.extraction.event_model import EventCandidate
from loaders.extraction.relation_model import RelationCandidate
from ontology.namespace import IMPLIED_RELATION

_TIES = ("diplomatic_relations_established", "diplomatic_relations_severed")
_DECLARED = re.compile(r"\bdeclar", re.IGNORECASE)


def _relation(rtype: str, a: str, b: str, e: EventCandidate) -> RelationCandidate:
    return RelationCandidate(rtype, a, b, dt.year_of(e.date or ""), e.sentence, e.confidence)


def _allies(e: EventCandidate) -> list[RelationCandidate]:
    states = [p for p in e.participants if len(p) == 3 and p.isupper()]
    rtype = IMPLIED_RELATION[e.type]
    return [_relation(rtype, a, b, e) for i, a in enumerate(states) for b in states[i + 1 :]]


def _at_war(
    e: EventCandidate, anchor: date | None, at_war: frozenset[str]
) -> list[RelationCandidate]:
    """An invasion within three months of the article's date, or within three years when the
    article speaks of the war as going on."""
    span = dt.bounds(e.date or "")
    if anchor is None or not span or len(e.participants) < 2:
        return []
    days = (anchor - span[1]).days
    ongoing = bool(at_war & set(e.participants[:2]))
    if not (0 <= days <= 92 or (ongoing and 0 <= days <= 3 * 366)):
        return []
    return [_relation(IMPLIED_RELATION[e.type], e.participants[0], e.participants[1], e)]


def _declared_war(e: EventCandidate) -> bool:
    """A war the text says was declared (the trigger reads 'declared war')."""
    start = e.start - e.sentence.start
    return e.type == "war" and bool(_DECLARED.search(e.sentence.text, max(0, start), start + 40))


def from_events(
    events: list[EventCandidate], anchor: date | None, at_war: frozenset[str] = frozenset()
) -> list[RelationCandidate]:
    """`at_war`: states the article says are in a war that is going on."""
    out: list[RelationCandidate] = []
    latest_ties: dict[frozenset[str], EventCandidate] = {}
    for e in events:
        if not e.date:
            continue
        if e.type == "alliance_formed" and not e.extra.get("named"):
            out.extend(_allies(e))
        if e.type in _TIES and len(e.participants) >= 2:
            key = frozenset(e.participants[:2])
            if key not in latest_ties or (latest_ties[key].date or "") < e.date:
                latest_ties[key] = e
        if (e.type == "military_intervention" and e.invasion) or _declared_war(e):
            out.extend(_at_war(e, anchor, at_war))
    for e in latest_ties.values():
        if e.type in IMPLIED_RELATION:  # the latest is an establishment, not a severance
            rtype = IMPLIED_RELATION[e.type]
            out.append(_relation(rtype, e.participants[0], e.participants[1], e))
    return out
