"""What the mention finder returns: state, organization and person mentions with their
offsets, and what the article says about each leader it names."""

from __future__ import annotations

from dataclasses import dataclass, field

STATE = "state"
ORGANIZATION = "org"
PERSON = "person"
ACTOR = "actor"  # a non-state actor of the reference data (code: "HAMAS")
MODIFIER = "modifier"  # via of a name used as a modifier ("Iran-backed"): not a participant


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # STATE | ORGANIZATION | PERSON | ACTOR
    code: (
        str  # state, organization or actor code; for persons the state they stand for ("" unknown)
    )
    via: str  # lexicon kind: name, alias, demonym, capital, metonym, org, person, short, anaphor
    sentence: int
    person: str | None = None  # person id, or "text:<name>" for a leader known from the text
    head: bool = True  # persons: presented as head of state or government


@dataclass(slots=True)
class LeaderInfo:
    person: str
    name: str  # fullest form the text uses
    state: str
    role: str
    first: int  # offset of the first mention
    from_text: bool = True  # the name is a form the text uses (else the reference name)
    head_title: bool = False  # introduced with a head-of-state/government title
    non_head_title: bool = False  # introduced with another title (party chief, minister)
    in_office: bool = False


@dataclass
class Mentions:
    mentions: list[Mention] = field(default_factory=list)  # states, orgs and persons, in order
    leaders: dict[str, LeaderInfo] = field(default_factory=dict)
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)
    actors: dict[str, int] = field(default_factory=dict)  # actor code -> first offset named

    def in_sentence(self, index: int) -> list[Mention]:
        return self.by_sentence.get(index, [])

    def index(self) -> None:
        """Sort the mentions and group them by sentence."""
        self.mentions.sort(key=lambda m: m.start)
        self.by_sentence = {}
        for mention in self.mentions:
            self.by_sentence.setdefault(mention.sentence, []).append(mention)

    def overlaps(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for m in self.mentions)
