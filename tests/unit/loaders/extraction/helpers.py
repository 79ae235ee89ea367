"""A small lexicon of our own for the extraction tests, so they do not depend on the bundled
reference data (which other people edit): a handful of states, organizations and leaders."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from loaders.article import Article
from loaders.extraction.extractor import extract_with
from loaders.extraction.lexicon import Lexicon, build_lexicon
from loaders.extraction.model import Extraction
from ontology.reference_data import (
    OrganizationRef,
    PersonRef,
    ReferenceData,
    StateRef,
    Term,
)


def _state(
    code: str,
    name: str,
    demonyms: tuple[str, ...] = (),
    capitals: tuple[str, ...] = (),
    aliases: tuple[str, ...] = (),
    start: str | None = None,
    end: str | None = None,
) -> StateRef:
    return StateRef(
        code=code,
        name=name,
        aliases=aliases,
        demonyms=demonyms,
        capitals=capitals,
        start=start,
        end=end,
        former=end is not None,
    )


def _person(pid: str, name: str, aliases: tuple[str, ...], *terms: Term) -> PersonRef:
    return PersonRef(id=pid, name=name, aliases=aliases, terms=terms)


def _term(state: str, role: str, start: str, end: str | None = None) -> Term:
    offices = ("head_of_government",) if role == "prime minister" else ("head_of_state",)
    return Term(state=state, offices=offices, role=role, start=start, end=end)


STATES = (
    _state(
        "USA",
        "United States",
        ("American",),
        ("Washington",),
        ("the United States", "U.S.", "US", "America"),
    ),
    _state("CHN", "China", ("Chinese",), ("Beijing",)),
    _state("PRK", "North Korea", ("North Korean",), ("Pyongyang",), ("DPRK",)),
    _state("KOR", "South Korea", ("South Korean",), ("Seoul",)),
    _state("RUS", "Russia", ("Russian",), ("Moscow",), start="1991-12-25"),
    _state(
        "SUN",
        "Soviet Union",
        ("Soviet",),
        ("Moscow",),
        ("USSR",),
        start="1922-12-30",
        end="1991-12-26",
    ),
    _state("UKR", "Ukraine", ("Ukrainian",), ("Kyiv",)),
    _state("JPN", "Japan", ("Japanese",), ("Tokyo",)),
    _state("GEO", "Georgia", ("Georgian",), ("Tbilisi",)),
    _state("JOR", "Jordan", ("Jordanian",), ("Amman",)),
    _state("TCD", "Chad", ("Chadian",), ("N'Djamena",)),
    _state("TUR", "Turkey", ("Turkish",), ("Ankara",), ("Türkiye",)),
    _state("TWN", "Taiwan", ("Taiwanese",), ("Taipei",)),
    _state("MEX", "Mexico", ("Mexican",), ("Mexico City",)),
    _state("IND", "India", ("Indian",), ("New Delhi",)),
    _state("PAK", "Pakistan", ("Pakistani",), ("Islamabad",)),
    _state("FRA", "France", ("French",), ("Paris",)),
    _state("DEU", "Germany", ("German",), ("Berlin",)),
    _state("GBR", "United Kingdom", ("British",), ("London",), ("Britain", "UK")),
    _state("NOR", "Norway", ("Norwegian",), ("Oslo",)),
    _state("BRA", "Brazil", ("Brazilian",), ("Brasília",)),
    _state("CUB", "Cuba", ("Cuban",), ("Havana",)),
)
ORGS = (
    OrganizationRef(code="UN", name="United Nations", aliases=("UN", "U.N.")),
    OrganizationRef(
        code="UNSC", name="United Nations Security Council", aliases=("UN Security Council",)
    ),
    OrganizationRef(
        code="NATO", name="North Atlantic Treaty Organization", aliases=("NATO",), kind="alliance"
    ),
)
LEADERS = (
    _person("xi-jinping", "Xi Jinping", (), _term("CHN", "president", "2013-03-14")),
    _person("kim-jong-un", "Kim Jong Un", ("Kim Jong-un",), _term("PRK", "leader", "2011-12-17")),
    _person(
        "kim-il-sung",
        "Kim Il-sung",
        ("Kim Il Sung",),
        _term("PRK", "leader", "1948-09-09", "1994-07-08"),
    ),
    _person(
        "joe-biden",
        "Joe Biden",
        ("Joseph Biden",),
        _term("USA", "president", "2021-01-20", "2025-01-20"),
    ),
    _person("vladimir-putin", "Vladimir Putin", (), _term("RUS", "president", "2012-05-07")),
    _person(
        "mikhail-gorbachev",
        "Mikhail Gorbachev",
        (),
        _term("SUN", "president", "1985-03-11", "1991-12-25"),
    ),
    _person(
        "fumio-kishida",
        "Fumio Kishida",
        (),
        _term("JPN", "prime minister", "2021-10-04", "2024-10-01"),
    ),
    _person("narendra-modi", "Narendra Modi", (), _term("IND", "prime minister", "2014-05-26")),
    _person(
        "old-party-chief", "Lam Van Quoc", (), _term("CHN", "president", "1990-01-01", "1995-01-01")
    ),
)
REFERENCE = ReferenceData(STATES, ORGS, LEADERS, (), {s.code: s for s in STATES})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return build_lexicon(REFERENCE)


def run(text: str, published: date | None = date(2024, 10, 7)) -> Extraction:
    """Extract from a small text with the test lexicon."""
    return extract_with(
        Article(text=text, url="https://example.org/t", published=published), lexicon()
    )


def events(
    text: str, published: date | None = date(2024, 10, 7)
) -> set[tuple[str, tuple[str, ...], str]]:
    """(type, participants in order, date) of every event."""
    return {(e.type, tuple(e.participants), e.date) for e in run(text, published).events}


def relations(
    text: str, published: date | None = date(2024, 10, 7)
) -> set[tuple[str, frozenset[str], str | None]]:
    return {(r.type, frozenset((r.a, r.b)), r.since) for r in run(text, published).relations}
