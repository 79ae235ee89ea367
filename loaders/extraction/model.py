"""What the extractor returns: the extraction JSON (docs/extraction.md), plus offsets, confidence
and the article it came from. Pure data; the RDF graph is built from it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from loaders.article import Article

EXTRACTOR_VERSION = "geokg-rules/0.1"


class LeaderMention(BaseModel):
    name: str  # fullest form the text uses
    state: str
    role: str  # lower-case: "president", "prime minister", "leader"
    # the person's slug: the reference id, or for a leader the reference data lacks the slug
    # of the name the text gives (identifiers.slug, the rule reference ids follow), so the
    # two meet when the reference data gains the person
    person_id: str | None = None
    from_text: bool = False  # known only from this text ("Mongolian President X")
    confidence: float | None = None  # set for leaders from the text, which are guesses
    # for a leader from the text: the sentence that introduces them, the person's evidence
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


class ActorMention(BaseModel):
    """A non-state actor the article names (ontology/reference/actors.json)."""

    code: str  # "HAMAS": may stand in event participants and relation ends
    name: str  # the reference name: "Hamas"
    kind: str  # one of ontology.namespace.ACTOR_KINDS


class Evidence(BaseModel):
    """The sentence behind a fact, with its character offsets in the article text."""

    evidence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    confidence: float = Field(ge=0.0, le=1.0)


class EventRecord(Evidence):
    type: str  # one of ontology.namespace.EVENT_TYPES
    participants: list[str]  # state, organization or actor codes; initiator first when directed
    date: str  # YYYY | YYYY-MM | YYYY-MM-DD | A/B
    # what the confidence was computed from (loaders.extraction.confidence); not in the JSON
    signals: list[str] = Field(default_factory=list, exclude=True)


class RelationRecord(Evidence):
    type: str  # one of ontology.namespace.RELATION_TYPES
    a: str
    b: str
    since: str | None = None


class Extraction(BaseModel):
    """Everything extracted from one article."""

    model_config = {"arbitrary_types_allowed": True}

    article: Article
    states: list[str] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list)
    leaders: list[LeaderMention] = Field(default_factory=list)
    # ministers, secretaries, ambassadors the text introduces and the reference data lacks
    officials: list[LeaderMention] = Field(default_factory=list)
    actors: list[ActorMention] = Field(default_factory=list)
    events: list[EventRecord] = Field(default_factory=list)
    relations: list[RelationRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # e.g. "no publication date"
    extractor: str = EXTRACTOR_VERSION

    def at_least(self, confidence: float) -> Extraction:
        """The same extraction without the events and relations below `confidence`
        (KG_MIN_CONFIDENCE at ingest); states, leaders and actors stay."""
        if confidence <= 0:
            return self
        return self.model_copy(
            update={
                "events": [e for e in self.events if e.confidence >= confidence],
                "relations": [r for r in self.relations if r.confidence >= confidence],
            }
        )

    def to_json(self) -> dict[str, Any]:
        """The extraction JSON (same keys as the gold files, plus offsets and confidence)."""
        return {
            "article": {
                "id": self.article.id,
                "url": self.article.url,
                "title": self.article.title,
                "published": self.article.published.isoformat() if self.article.published else None,
            },
            "states": self.states,
            "organizations": self.organizations,
            "leaders": [m.model_dump() for m in self.leaders],
            "officials": [m.model_dump() for m in self.officials],
            "actors": [a.model_dump() for a in self.actors],
            "events": [e.model_dump() for e in self.events],
            "relations": [r.model_dump() for r in self.relations],
            "warnings": self.warnings,
            "extractor": self.extractor,
        }
