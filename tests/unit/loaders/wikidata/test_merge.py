"""Merging Wikidata terms into the bundled data: by Wikidata id, else by slug; a term matched
at the coarser precision or by overlap; ended, changed, added; memberships; the RDF still
builds and validates."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from loaders.rdf.reference_graph import reference_graphs
from loaders.wikidata import refresh_reference
from loaders.wikidata.mapping import WikidataReference
from loaders.wikidata.merge import Change, merge_wikidata, same_date
from loaders.wikidata.model import PersonInfo
from ontology.reference_data import (
    Membership,
    OrganizationRef,
    PersonRef,
    ReferenceData,
    StateRef,
    Term,
    load_reference,
)

FIXTURES = Path(__file__).parents[3] / "fixtures" / "wikidata"
HOG = ("head_of_government",)
SRC = "wikidata:Q1@7"


def _data(*people: PersonRef, orgs: tuple[OrganizationRef, ...] = ()) -> ReferenceData:
    states = (
        StateRef("AUT", "Austria", wikidata="Q40"),
        StateRef("DEU", "Germany", wikidata="Q183"),
    )
    return ReferenceData(states, orgs, people, by_code={s.code: s for s in states})


def _wiki(qid: str, name: str, *terms: Term) -> WikidataReference:
    return WikidataReference(people={qid: PersonInfo(qid, name)}, terms={qid: list(terms)})


def _term(start: str, end: str | None = None, source: str | None = None) -> Term:
    return Term("AUT", HOG, "chancellor", start, end, source)


def test_same_date_at_the_coarser_precision() -> None:
    assert same_date("2021", "2021-01-20") and same_date("2021-01-20", "2021-01-20")
    assert not same_date("2021-02", "2021-01-20") and not same_date(None, "2021")


def test_term_ended_and_source_recorded_matching_by_slug() -> None:
    bundled = PersonRef("alex-example", "Alex Example", terms=(_term("2021-12-06"),))
    merged, changes = merge_wikidata(
        _data(bundled), _wiki("Q1", "Alex Example", _term("2021-12-06", "2025-01-10", SRC))
    )
    [person] = merged.leaders
    assert person.wikidata == "Q1" and person.terms == (_term("2021-12-06", "2025-01-10", SRC),)
    assert changes == [
        Change(
            "AUT",
            "term ended",
            "alex-example",
            "chancellor",
            "2021-12-06",
            "2025-01-10",
            "in office",
            SRC,
        )
    ]


def test_term_changed_confirmed_and_added_matching_by_wikidata_id() -> None:
    bundled = PersonRef(
        "a-example",
        "A. Example",
        wikidata="Q1",
        terms=(_term("2010", "2012"), _term("2015-01-01", "2016-01-01")),
    )
    wiki = _wiki(
        "Q1",
        "Alex Example",
        _term("2010-03-04", "2012-05-06", SRC),  # more precise: changed
        _term("2015-02-01", "2016-01-01", SRC),  # overlaps the bundled term: confirmed
        _term("2020-01-01", None, SRC),  # new
    )
    merged, changes = merge_wikidata(_data(bundled), wiki)
    [person] = merged.leaders
    assert person.id == "a-example" and len(person.terms) == 3
    assert [t.source for t in person.terms] == [SRC, SRC, SRC]
    assert person.terms[1].start == "2015-01-01"  # the bundled start kept
    assert [(c.change, c.start, c.end, c.was) for c in changes] == [
        ("term changed", "2010-03-04", "2012-05-06", "2010 to 2012"),
        ("term added", "2020-01-01", None, None),
    ]


def test_new_person_and_namesake() -> None:
    namesake = PersonRef(
        "alex-example", "Alex Example", wikidata="Q2", terms=(_term("1990", "1991"),)
    )
    merged, changes = merge_wikidata(
        _data(namesake),
        _wiki("Q1", "Alex Example", Term("DEU", HOG, "chancellor", "2030", None, SRC)),
    )
    assert [p.id for p in merged.leaders] == ["alex-example", "alex-example-q1"]
    assert [(c.state, c.change, c.subject) for c in changes] == [
        ("DEU", "person added", "alex-example-q1"),
        ("DEU", "term added", "alex-example-q1"),
    ]


def test_memberships_added_ended_and_known() -> None:
    org = OrganizationRef(
        "XO", "Example Org", members=(Membership("AUT", "1995"), Membership("DEU", "1990"))
    )
    wiki = WikidataReference(
        memberships={
            "XO": [
                Membership("AUT", "1995-01-01", "2020-01-31"),
                Membership("DEU"),
                Membership("FRA"),
            ]
        }
    )
    merged, changes = merge_wikidata(_data(orgs=(org,)), wiki)
    assert merged.organizations[0].members == (
        Membership("AUT", "1995", "2020-01-31"),
        Membership("DEU", "1990"),
        Membership("FRA"),
    )
    assert [(c.state, c.change) for c in changes] == [
        ("AUT", "membership ended"),
        ("FRA", "membership added"),
    ]


def test_bundled_data_keeps_its_shape_and_merged_graphs_validate() -> None:
    bundled = load_reference()
    assert all(t.source is None for p in bundled.leaders for t in p.terms)
    refresh = refresh_reference(FIXTURES / "dump-lines.json", bundled)
    added = next(p for p in refresh.data.leaders if p.id == "alex-example")
    assert added.wikidata == "Q900000001" and added.aliases == ("A. Example",)
    biden = next(p for p in refresh.data.leaders if p.id == "joe-biden")
    assert (
        replace(biden.terms[0], source=None)
        == next(p for p in bundled.leaders if p.id == "joe-biden").terms[0]
    )
    graphs = reference_graphs(refresh.data, "https://kg.test/")  # SHACL-validated
    assert sum(len(g) for g in graphs.values()) > 0
    assert [c.change for c in refresh.changes] == ["person added", "term added", "membership added"]
