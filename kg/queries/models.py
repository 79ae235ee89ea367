"""Answers of the domain queries, named by role; the API returns them as they are, so the
CLI's `--format json`, both backends and HTTP all speak the same shapes."""

from __future__ import annotations

from pydantic import BaseModel, Field


class StatePublic(BaseModel):
    iri: str
    code: str
    name: str
    former: bool = False
    start: str | None = None
    end: str | None = None


class LeaderTermPublic(BaseModel):
    person: str = Field(description="IRI of the person")
    name: str
    state: str
    role: str
    offices: list[str] = Field(description="head_of_state and/or head_of_government")
    start: str
    end: str | None = None


class AlliancePublic(BaseModel):
    iri: str
    name: str
    organization: str | None = Field(None, description="organization code, e.g. NATO")
    obligations: list[str] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    member_since: str | None = None
    member_until: str | None = None


class AllyPublic(BaseModel):
    state: str
    name: str
    via: list[str] = Field(description="names of the alliances both belong to at that date")


class SourcePublic(BaseModel):
    article: str = Field(description="IRI of the article")
    url: str | None = None
    title: str | None = None
    published: str | None = None
    evidence: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    confidence: float | None = None


class EventPublic(BaseModel):
    iri: str
    type: str
    participants: list[str]
    initiator: str | None = None
    date: str = Field(description="YYYY, YYYY-MM, YYYY-MM-DD or a start/end range")
    earliest: str
    latest: str
    sources: list[SourcePublic] = Field(default_factory=list)


class RelationPublic(BaseModel):
    iri: str
    type: str
    a: str
    b: str
    since: str | None = None
    until: str | None = None
    sources: list[SourcePublic] = Field(default_factory=list)


class RelationSummary(BaseModel):
    a: str
    b: str
    diplomatic_relations_since: str | None = None
    relations: list[RelationPublic] = Field(default_factory=list)
    alliances: list[AlliancePublic] = Field(
        default_factory=list, description="alliances both states belong to (at any time)"
    )
    event_counts: dict[str, int] = Field(default_factory=dict)
    latest_events: list[EventPublic] = Field(default_factory=list)


class ReportedRolePublic(BaseModel):
    """A role an article gives a person the reference data does not know."""

    state: str
    role: str
    as_of: str | None = Field(None, description="the article's date: when the role held")
    article: str = Field(description="IRI of the article that says it")


class EntityPublic(BaseModel):
    iri: str
    types: list[str]
    code: str | None = None
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    from_text: bool = Field(
        False, description="a person known only from articles, not from the reference data"
    )
    reported_roles: list[ReportedRolePublic] = Field(default_factory=list)


class NeighbourNode(BaseModel):
    """A node of a neighbourhood: the centre, a counterpart (state, organization, non-state
    actor) or an alliance the centre belongs to."""

    id: str = Field(description="the code (an alliance without one: its IRI)")
    kind: str = Field(description="State, Organization, NonStateActor, Alliance, or Unknown")
    name: str
    code: str | None = Field(default=None, description="what /neighbourhood/{code} takes, if any")
    iri: str | None = None
    centre: bool = False


class NeighbourEdge(BaseModel):
    """An edge from the centre: a relation (ally, partner, rival, ...), a membership of an
    alliance, or events only; each weighted by the pair's events in the window."""

    id: str
    source: str
    target: str
    kind: str = Field(description="relation, membership or events")
    type: str = Field(description="the relation type; member; or events")
    since: str | None = None
    until: str | None = None
    reported: str | None = Field(
        default=None,
        description="a relation: the first day an article reported it (its start when "
        "it has no since)",
    )
    events: int = Field(default=0, description="events with the target in the window")
    event_counts: dict[str, int] = Field(default_factory=dict)


class Neighbourhood(BaseModel):
    """A state or actor at a date: relations holding then, alliances it belongs to then, and
    its counterparts in the events of the `years` before it."""

    centre: str
    at: str
    years: int
    events_from: str = Field(description="the first day of the event window")
    events_to: str = Field(description="the last day of the event window")
    nodes: list[NeighbourNode] = Field(default_factory=list)
    edges: list[NeighbourEdge] = Field(default_factory=list)
