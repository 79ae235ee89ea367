"""The GDELT mapping (loaders/gdelt/data/*.json) and the loader's options: which CAMEO code
becomes which event type, which actor which state or organization, and which rows the
options keep. Each case is one fixture row (tests/fixtures/gdelt/README.md) or one code."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import RDF

from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.gdelt.events import iter_events
from loaders.gdelt.mapping import DATA, NO_TYPE, MappingError, Rule, check, load_mapping
from loaders.gdelt.model import GdeltEvent, Options, Summary
from loaders.rdf.article_graph import build_article_triples
from ontology.identifiers import event_iri
from ontology.namespace import GEO
from ontology.reference_data import REFERENCE_DIR, load_reference

MAIN = Path(__file__).parents[2] / "fixtures" / "gdelt" / "20240619120000.export.CSV"
EVENTS = json.loads((DATA / "cameo_event_types.json").read_text())
COUNTRIES = json.loads((DATA / "cameo_countries.json").read_text())
BASE = "https://geokg.example.org/"


def _run(options: Options = Options()) -> tuple[dict[int, GdeltEvent], Summary]:
    summary = Summary()
    found = iter_events(MAIN, options, summary)
    return {e.line: e for e in found if isinstance(e, GdeltEvent)}, summary


@pytest.mark.parametrize(
    ("code", "event_type"),
    [
        ("010", "statement"), ("019", "statement"), ("040", "message_exchange"),
        ("041", "message_exchange"), ("042", "state_visit"), ("043", "state_visit"),
        ("044", "summit_meeting"), ("046", "talks"), ("054", "diplomatic_relations_established"),
        ("057", "treaty_signed"), ("072", "arms_transfer"), ("111", "diplomatic_protest"),
        ("112", "diplomatic_protest"), ("129", "veto"), ("152", "military_exercise"),
        ("161", "diplomatic_relations_severed"), ("163", "sanctions"), ("190", "armed_clash"),
        ("1951", "armed_clash"), ("192", "military_intervention"),
    ],
)  # fmt: skip
def test_a_cameo_code_takes_the_type_of_its_longest_listed_prefix(
    code: str, event_type: str
) -> None:
    rule = load_mapping().event_type(code)
    assert isinstance(rule, Rule) and rule.type == event_type


def test_codes_without_a_type_are_left_out_with_the_reason_the_mapping_gives() -> None:
    mapping = load_mapping()
    assert mapping.event_type("0611") == (
        "CAMEO 06 left out: material cooperation is not an alliance formed, "
        "though alliance_formed lists it"
    )
    assert str(mapping.event_type("145")).startswith("CAMEO 14 left out: street protest")
    assert str(mapping.event_type("202")).startswith("CAMEO 20 left out: mass violence")
    assert str(mapping.event_type("120")).startswith("CAMEO 12 left out: rejection is not a veto")
    assert mapping.event_type("020") == NO_TYPE  # appeal: no type of the ontology
    assert mapping.event_type("999") == NO_TYPE
    assert mapping.event_type("") == NO_TYPE


def test_every_cameo_code_of_the_ontologys_event_types_is_mapped_or_left_out_on_purpose() -> None:
    rows = json.loads((REFERENCE_DIR / "event_types.json").read_text())["types"]
    listed = {code for row in rows for code in row["cameo"].split("/") if code}
    mapping = load_mapping()
    unplaced = [code for code in listed if mapping.event_type(code) == NO_TYPE]
    assert unplaced == []


def test_the_mapping_names_only_types_states_and_organizations_the_ontology_has() -> None:
    states = frozenset(load_reference().by_code)
    check(EVENTS, COUNTRIES, states)  # the bundled files pass
    bad = {**EVENTS, "codes": {**EVENTS["codes"], "036": {"type": "friendship"}}}
    with pytest.raises(MappingError, match="event type friendship"):
        check(bad, COUNTRIES, states)
    with pytest.raises(MappingError, match="state ROM"):
        check(EVENTS, {**COUNTRIES, "exceptions": {"ROM": "ROM"}}, states)


def test_host_a_visit_puts_the_visitor_actor2_first() -> None:
    events, _ = _run()
    assert events[3].cameo == "043"
    assert events[3].participants == ("RUS", "PRK")  # PRK hosted: RUS visited


def test_cameo_country_codes_are_iso_codes_except_those_the_mapping_lists() -> None:
    mapping = load_mapping()
    assert mapping.state("PRK") == "PRK"
    assert mapping.state("ROM") == "ROU"  # CAMEO keeps Romania's old code
    assert mapping.state("KSV") == "XKX"
    assert mapping.state("EUR") is None  # a region
    assert mapping.state("XYZ") is None  # no such state in the reference data
    assert mapping.state("") is None
    events, _ = _run()
    assert events[15].participants == ("ROU", "MDA")


def test_an_actor_without_a_country_may_be_a_known_intergovernmental_group() -> None:
    assert load_mapping().actor("", "UNO") == "UN"
    assert load_mapping().actor("", "XXX") is None
    events, _ = _run()
    assert events[10].participants == ("UN", "SYR") and events[10].type == "diplomatic_protest"


def test_an_event_with_no_actor2_has_one_participant() -> None:
    events, _ = _run()
    assert events[4].participants == ("USA",) and events[4].type == "statement"


def test_rows_whose_acting_actor_is_no_state_or_whose_actors_are_one_state_are_skipped() -> None:
    events, summary = _run()
    assert {5, 8, 9}.isdisjoint(events)  # no actor; Europe the region; US against US
    assert summary.skipped["the acting actor is no state or organization"] == 2
    assert summary.skipped["both actors are the same state or organization"] == 1


def test_codes_without_a_type_are_counted_by_code() -> None:
    _, summary = _run()
    assert summary.left_out_codes == {"999": 1, "0611": 1}
    assert summary.skipped[NO_TYPE] == 1


def test_with_no_options_every_mappable_row_is_kept() -> None:
    events, _ = _run()
    assert sorted(events) == [1, 2, 3, 4, 10, 13, 14, 15, 16]


def test_root_only_keeps_root_events() -> None:
    events, summary = _run(Options(root_only=True))
    assert 13 not in events and summary.skipped["not a root event"] == 1


def test_state_pairs_keeps_events_between_two_states() -> None:
    events, summary = _run(Options(state_pairs=True))
    assert sorted(events) == [1, 2, 3, 13, 14, 15, 16]
    # the UN's protest, the lone USA's statement, the row without actors, Europe's sanctions
    assert summary.skipped["not two states"] == 4


def test_min_sources_keeps_rows_with_that_many_sources() -> None:
    events, summary = _run(Options(min_sources=2))
    assert 14 not in events and summary.skipped["fewer sources than asked"] == 1


def test_quad_classes_keep_only_those_classes() -> None:
    events, summary = _run(Options(quad_classes=frozenset({4})))
    assert sorted(events) == [16]
    assert all(e.quad_class == 4 for e in events.values())
    assert summary.skipped["QuadClass not asked for"] > 0


def test_a_row_and_an_article_reporting_the_same_event_name_one_event_node() -> None:
    """The premise of corroboration across sources (issue 30 item 4): a mapped row's type,
    participants and day give the IRI the article graph gives the same event."""
    article = Article(
        text="Russian President Vladimir Putin arrived in Pyongyang on June 19, 2024 for a "
        "state visit to North Korea. Russia and North Korea signed a treaty on June 19, 2024.",
        url="https://news.example.org/putin-pyongyang",
        published=date(2024, 6, 20),
    )
    triples = build_article_triples(extract(article), BASE)
    from_article = {str(s) for s, p, o in triples if p == RDF.type and o == GEO.Event}
    events, _ = _run()
    from_rows = {str(event_iri(BASE, e.type, e.participants, e.date)) for e in events.values()}
    assert from_article == {
        f"{BASE}event/state_visit/PRK-RUS/2024-06-19",
        f"{BASE}event/treaty_signed/PRK-RUS/2024-06-19",
    }
    assert from_article <= from_rows  # rows 1 and 3 (042, 043) are one visit, row 2 the treaty
