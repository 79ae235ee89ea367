"""Every mapping: snaks and time precisions, P35/P6 on a state item, P39 through the bundled
office mapping and through what the file says of an office, SPARQL rows, P463 and P530."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.wikidata.claims import UNKNOWN, item_of, period_of, statements, time_of, wikidata_time
from loaders.wikidata.mapping import WikidataReference, bundled_offices, map_harvest
from loaders.wikidata.reader import read_wikidata
from ontology.reference_data import Membership, Term, load_reference

FIXTURES = Path(__file__).parents[3] / "fixtures" / "wikidata"


def _mapped(name: str) -> WikidataReference:
    return map_harvest(read_wikidata(FIXTURES / name), load_reference())


@pytest.mark.parametrize(
    ("time", "precision", "iso"),
    [
        ("+2021-01-20T00:00:00Z", 11, "2021-01-20"),
        ("+2008-05-00T00:00:00Z", 10, "2008-05"),
        ("+2008-05-07T00:00:00Z", 10, "2008-05"),
        ("+1949-00-00T00:00:00Z", 9, "1949"),
        ("+1900-00-00T00:00:00Z", 7, None),  # century: too coarse for a term
        ("-0044-03-15T00:00:00Z", 11, None),  # BCE
        ("2021-01-20T00:00:00Z", 11, "2021-01-20"),  # SPARQL's xsd:dateTime
    ],
)
def test_wikidata_time(time: str, precision: int, iso: str | None) -> None:
    assert wikidata_time(time, precision) == iso


def test_snak_types_and_ranks() -> None:
    assert item_of({"snaktype": "novalue", "property": "P35"}) is None
    assert item_of({"snaktype": "somevalue", "property": "P35"}) == UNKNOWN
    assert time_of({"snaktype": "somevalue", "property": "P582"}) == UNKNOWN
    value = {"entity-type": "item", "numeric-id": 6279}
    assert item_of({"snaktype": "value", "datavalue": {"value": value}}) == "Q6279"
    entity = {
        "claims": {
            "P35": [
                {"rank": "deprecated", "mainsnak": {}},
                {"rank": "normal", "mainsnak": {}, "qualifiers": {}},
            ]
        }
    }
    [kept] = statements(entity, "P35")
    assert kept["rank"] == "normal" and period_of(kept).start is None


def test_bundled_offices_name_states_of_the_reference_data() -> None:
    states = load_reference().by_code
    offices = bundled_offices()
    assert offices["Q11696"].offices == ("head_of_state", "head_of_government")
    assert all(o.state in states and o.offices and o.role for o in offices.values())


def test_p35_and_p6_and_p39_become_one_term_with_its_source() -> None:
    wiki = _mapped("dump-lines.json")
    [biden] = wiki.terms["Q6279"]  # P35 + P6 on Q30 and P39 Q11696 on Q6279: one term
    assert biden.offices == ("head_of_government", "head_of_state")
    assert (biden.state, biden.role, biden.start, biden.end) == (
        "USA",
        "president",
        "2021-01-20",
        "2025-01-20",
    )
    assert biden.source in ("wikidata:Q30@2300000001", "wikidata:Q6279@2300000002")
    trump = wiki.terms["Q22686"]
    assert [(t.start, t.end) for t in trump] == [("2017-01-20", "2021-01-20"), ("2025-01-20", None)]


def test_office_derived_from_the_file_and_odd_statements_skipped() -> None:
    wiki = _mapped("dump-lines.json")
    [term] = wiki.terms["Q900000001"]  # P2388 on Q40 and P17 + P279 Q2285706 on the office
    assert term == Term(
        "AUT", ("head_of_government",), "chancellor", "2031", None, "wikidata:Q900000001@2300000006"
    )
    skipped = wiki.harvest.skipped
    assert skipped["term without a start date (P580)"] == 1  # no qualifiers
    assert skipped["term with an unknown end (somevalue P582)"] == 1
    assert skipped["P39 with no value or an unknown value"] == 1  # novalue
    assert skipped["P35 with no value or an unknown value"] == 1  # somevalue
    assert (
        skipped["office not a known head of state or government office"] == 2
    )  # senator, Q900000099
    assert skipped["deprecated statement"] == 1  # Obama's P35 on Q30, deprecated
    assert "Q76" not in wiki.terms


def test_memberships_and_relations_from_entities() -> None:
    wiki = _mapped("dump-lines.json")
    assert wiki.memberships == {
        "NATO": [Membership("USA", "1949-08-24")],
        "UN": [Membership("USA")],
    }
    assert wiki.sources[("NATO", "USA", "1949-08-24")] == "wikidata:Q30@2300000001"
    assert wiki.relations == {
        ("CHN", "USA", "1979-01-01", None),
        ("TWN", "USA", None, "1979-01-01"),
    }
    assert wiki.harvest.skipped["membership whose organization is not in the reference data"] == 1


def test_entitydata_terms_at_month_precision() -> None:
    wiki = _mapped("entitydata-Q7747.json")
    terms = {(t.role, t.start, t.end) for t in wiki.terms["Q7747"]}
    assert terms == {
        ("president", "2000-05-07", "2008-05-07"),
        ("prime minister", "2008-05", "2012-05-07"),
        ("president", "2012-05-07", None),
    }
    assert wiki.people["Q7747"].aliases == ("Vladimir Vladimirovich Putin",)


def test_sparql_leader_rows() -> None:
    wiki = _mapped("sparql-leaders.json")
    [scholz] = wiki.terms["Q61053"]
    assert scholz == Term(
        "DEU",
        ("head_of_government",),
        "chancellor",
        "2021-12-08",
        "2025-05-06",
        "wikidata:Q61053@2300000020",
    )
    [sample] = wiki.terms["Q900000003"]  # the deprecated row is not read
    assert sample.start == "2030"  # ?startPrecision 9
    assert wiki.harvest.skipped["state not in the reference data"] == 1  # no ?iso3, unknown state
    assert wiki.people["Q900000003"].name == "Jordan Sample"


def test_sparql_membership_rows() -> None:
    wiki = _mapped("sparql-memberships.json")
    assert wiki.memberships["NATO"] == [
        Membership("FIN", "2023-04-04"),
        Membership("ISL", "1949-08-24"),
    ]
    assert wiki.memberships["AU"] == [Membership("ISR")]
    assert wiki.sources[("AU", "ISR", None)] == "wikidata:Q801@2300000030"
