"""The ACLED mapping (loaders/acled/data/*.json) and the loader's options: which ACLED event type
becomes which event type, which actor name which state, organization or non-state actor, how
dates widen, and which rows the options keep. Each case is one fixture row
(tests/fixtures/acled/README.md) or one name."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import RDF

from loaders.acled.dates import parse_day, widen
from loaders.acled.events import iter_events
from loaders.acled.mapping import DATA, NO_TYPE, MappingError, Rule, check, load_mapping
from loaders.acled.model import AcledEvent, Options, Summary
from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.rdf.article_graph import build_article_triples
from ontology.identifiers import event_iri
from ontology.namespace import GEO
from ontology.reference_data import load_reference

MAIN = Path(__file__).parents[2] / "fixtures" / "acled" / "2024-06-19.csv"
EVENTS = json.loads((DATA / "acled_event_types.json").read_text())
ACTORS = json.loads((DATA / "acled_actors.json").read_text())


def _run(options: Options = Options()) -> tuple[dict[int, AcledEvent], Summary]:
    summary = Summary()
    found = iter_events(MAIN, options, summary)
    return {e.line: e for e in found if isinstance(e, AcledEvent)}, summary


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "rule"),
    [
        ("Battles", "Armed clash", Rule("armed_clash")),
        ("Battles", "Government regains territory", Rule("armed_clash")),
        ("Battles", "Non-state actor overtakes territory", Rule("armed_clash")),
        ("battles", " armed clash ", Rule("armed_clash")),  # case and spaces do not matter
        ("Explosions/Remote violence", "Air/drone strike", Rule("armed_clash", "military_intervention")),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", Rule("armed_clash", "military_intervention")),
        ("Explosions/Remote violence", "Chemical weapon", Rule("armed_clash", "military_intervention")),
        ("Explosions/Remote violence", "Suicide bomb", Rule("armed_clash")),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", Rule("armed_clash")),
        ("Explosions/Remote violence", "Grenade", Rule("armed_clash")),
        ("Strategic developments", "Agreement", Rule("treaty_signed")),
        ("Remote violence", "", Rule("armed_clash", "military_intervention")),
        ("Battle-No change of territory", "", Rule("armed_clash")),
        ("Battle-Government regains territory", "", Rule("armed_clash")),
    ],
)  # fmt: skip
def test_an_acled_event_type_takes_its_rule(
    event_type: str, sub_event_type: str, rule: Rule
) -> None:
    assert load_mapping().rule(event_type, sub_event_type) == rule


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "starts"),
    [
        ("Protests", "Peaceful protest", "ACLED Protests left out: street protest"),
        ("Protests", "Excessive force against protesters", "ACLED Protests left out"),
        ("Riots", "Mob violence", "ACLED Riots left out"),
        ("Violence against civilians", "Attack", "ACLED Violence against civilians left out"),
        ("Violence against civilians", "Sexual violence", "ACLED Violence against civilians left out"),
        ("Strategic developments", "Headquarters or base established", "ACLED Strategic developments/Headquarters or base established left out"),
        ("Strategic developments", "Non-violent transfer of territory", "ACLED Strategic developments/Non-violent transfer of territory left out"),
        ("Strategic developments", "Arrests", "ACLED Strategic developments/Arrests left out"),
        ("Strategic developments", "Looting/property destruction", "ACLED Strategic developments left out"),
        ("Riots/Protests", "", "ACLED Riots/Protests left out"),
        ("Strategic development", "", "ACLED Strategic development left out"),
    ],
)  # fmt: skip
def test_acled_types_without_an_event_type_are_left_out_with_the_reason_the_mapping_gives(
    event_type: str, sub_event_type: str, starts: str
) -> None:
    reason = load_mapping().rule(event_type, sub_event_type)
    assert isinstance(reason, str) and reason.startswith(starts)


def test_an_unknown_acled_type_has_no_event_type() -> None:
    assert load_mapping().rule("Something new", "Other") == NO_TYPE
    assert load_mapping().rule("", "") == NO_TYPE


def test_every_rule_says_why() -> None:
    assert all(len(rule["why"]) > 20 for rule in EVENTS["rules"])


def test_the_mapping_names_only_types_states_and_actors_the_ontology_has() -> None:
    ref = load_reference()
    check(EVENTS, ACTORS, ref)  # the bundled files pass
    bad_type = {"rules": [*EVENTS["rules"], {**EVENTS["rules"][0], "abroad": "invasion"}]}
    with pytest.raises(MappingError, match="event type invasion"):
        check(bad_type, ACTORS, ref)
    with pytest.raises(MappingError, match="state XXX"):
        check(EVENTS, {**ACTORS, "countries": {"Atlantis": "XXX"}}, ref)
    with pytest.raises(MappingError, match="actor HOUTHI"):
        check(EVENTS, {**ACTORS, "names": {"Houthi Movement": "HOUTHI"}}, ref)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Military Forces of Russia (2000-)", "RUS"),
        ("Police Forces of Kenya (2022-)", "KEN"),
        ("Government of Ethiopia (2018-)", "ETH"),
        ("Military Forces of Nigeria (2015-2023)", "NGA"),  # a closed period
        ("Military Forces of the United States (2021-)", "USA"),
        ("Military Forces of the Democratic Republic of Congo (2019-)", "COD"),
        ("Military Forces of Russia", "RUS"),  # no period
        ("Military Forces of Yemen (2017-) Houthi", "HOUTHIS"),  # a faction listed by name
        ("Hezbollah", "HEZBOLLAH"),  # an actor's name in actors.json
        ("Al Shabaab", "ALSHABAAB"),  # an alias
        ("Hamas Movement", "HAMAS"),  # ACLED's name, listed
        ("Islamic State (West Africa)", "ISWAP"),  # not ISIS
        ("JNIM: Group for Support of Islam and Muslims", "JNIM"),  # the abbreviation
        ("TPLF: Tigray People's Liberation Front", "TPLF"),  # the full name
        ("UN: United Nations", "UN"),  # an organization
        ("NATO: North Atlantic Treaty Organization", "NATO"),
        ("Wagner Group", "WAGNER"),
    ],
)
def test_an_acled_actor_name_is_a_state_organization_or_known_actor(name: str, code: str) -> None:
    actor = load_mapping().actor(name)
    assert actor is not None and actor.code == code
    assert actor.state == (code in load_reference().by_code)


@pytest.mark.parametrize(
    "name",
    [
        "", "Civilians (Kenya)", "Protesters (Kenya)", "Unidentified Armed Group (Nigeria)",
        "Military Forces of Atlantis (2020-)",  # no such state
        "Military Forces of Sudan (2019-) Rapid Support Forces Faction",  # an unlisted faction
        "Mutiny of Military Forces of Sudan (2019-)",  # not the state's own forces
        "Fulani Ethnic Militia (Nigeria)",
    ],
)  # fmt: skip
def test_other_actor_names_are_no_participant(name: str) -> None:
    assert load_mapping().actor(name) is None


def test_an_acled_country_name_is_a_state() -> None:
    mapping = load_mapping()
    assert mapping.country("Democratic Republic of Congo") == "COD"
    assert mapping.country("Palestine") == "PSE"
    assert mapping.country("Saint-Martin") == "MAF"  # listed: the reference spells it otherwise
    assert mapping.country("Atlantis") is None


def test_a_states_forces_striking_abroad_are_a_military_intervention_against_actor2_or_the_country() -> (
    None
):
    events, _ = _run()
    assert (events[2].type, events[2].participants) == ("military_intervention", ("RUS", "UKR"))
    assert events[3].actors[1] == "" and events[3].participants == ("RUS", "UKR")  # the country
    assert (events[6].type, events[6].participants) == (
        "military_intervention",
        ("ISR", "HEZBOLLAH"),
    )
    assert (events[17].type, events[17].participants) == ("military_intervention", ("TUR", "PKK"))


def test_a_battle_abroad_and_a_strike_by_a_non_state_actor_stay_armed_clashes() -> None:
    events, _ = _run()
    assert (events[4].type, events[4].participants) == ("armed_clash", ("UKR", "RUS"))
    assert (events[7].type, events[7].participants) == ("armed_clash", ("HOUTHIS", "USA"))


def test_known_non_state_actors_take_part() -> None:
    events, _ = _run()
    assert events[5].participants == ("ISR", "HEZBOLLAH")
    assert events[11].participants == ("KEN", "ALSHABAAB")
    assert events[27].participants == ("ISWAP", "NGA")
    assert events[28].participants == ("WAGNER", "JNIM")
    assert (events[12].type, events[12].participants) == ("treaty_signed", ("ETH", "TPLF"))


def test_rows_without_two_known_sides_are_skipped_and_their_actors_counted() -> None:
    events, summary = _run()
    assert {14, 15, 16, 25}.isdisjoint(events)
    assert summary.skipped["one side only is a state, organization or known actor"] == 2
    assert summary.skipped["neither actor is a state, organization or known actor"] == 1
    assert summary.skipped["both actors are the same state, organization or actor"] == 1
    assert summary.unknown_actors == {
        "Unidentified Armed Group (Nigeria)": 1, "Fulani Ethnic Militia (Nigeria)": 1,
        "Tiv Ethnic Militia (Nigeria)": 1, "Military Forces of Atlantis (2020-)": 1,
    }  # fmt: skip


def test_left_out_types_are_counted_by_acled_type() -> None:
    _, summary = _run()
    assert summary.left_out_types == {
        "Protests/Peaceful protest": 1, "Riots/Mob violence": 1,
        "Violence against civilians/Attack": 1,
        "Strategic developments/Headquarters or base established": 1, "Something new/Other": 1,
    }  # fmt: skip
    assert summary.skipped[NO_TYPE] == 1


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("19 June 2024", date(2024, 6, 19)), ("2024-06-19", date(2024, 6, 19)),
        ("1 Jan 2020", date(2020, 1, 1)), ("31 February 2024", None), ("2024-02-30", None),
        ("19/06/2024", None), ("June 2024", None), ("", None), ("19 Juin 2024", None),
    ],
)  # fmt: skip
def test_event_date_is_acleds_day_or_an_iso_day(value: str, day: date | None) -> None:
    assert parse_day(value) == day


@pytest.mark.parametrize(
    ("day", "precision", "widened"),
    [
        (date(2024, 6, 19), 1, "2024-06-19"),
        (date(2024, 6, 12), 2, "2024-06"),  # a week inside June
        (date(2024, 5, 31), 2, "2024"),  # the week reaches into June
        (date(2024, 6, 3), 2, "2024"),  # and into May
        (date(2024, 6, 15), 3, "2024-06"),
        (date(2024, 6, 30), 3, "2024-06"),  # a month is its month, wherever coded in it
    ],
)
def test_time_precision_widens_the_day(day: date, precision: int, widened: str) -> None:
    assert widen(day, precision) == widened


def test_the_fixture_rows_take_the_precision_acled_gives() -> None:
    events, _ = _run()
    assert [(events[n].date, events[n].time_precision) for n in (21, 22, 23, 29)] == [
        ("2024", 2), ("2024-06", 2), ("2024-06", 3), ("2024-06-20", 1),
    ]  # fmt: skip


def test_with_no_options_every_mappable_row_is_kept() -> None:
    events, _ = _run()
    assert sorted(events) == [2, 3, 4, 5, 6, 7, 11, 12, 17, 21, 22, 23, 27, 28, 29]


def test_state_pairs_keeps_events_between_two_states() -> None:
    events, summary = _run(Options(state_pairs=True))
    assert sorted(events) == [2, 3, 4, 21, 22, 23]
    assert summary.skipped["not two states"] == 9


def test_min_fatalities_keeps_rows_with_that_many_deaths() -> None:
    events, summary = _run(Options(min_fatalities=3))
    assert sorted(events) == [2, 4, 11, 27]
    # every other row with a type: a row is checked as far as it is read, so the bad date of
    # line 19 is not seen when its fatalities skip it first
    assert summary.skipped["fewer fatalities than asked"] == 16
    assert summary.malformed == {"bad fatalities": 1, "wrong column count": 1}


def test_event_types_keep_only_those_types() -> None:
    events, summary = _run(Options(event_types=frozenset({"treaty_signed"})))
    assert sorted(events) == [12, 29]
    assert summary.skipped["event type not asked for"] == 14  # 13 mapped, and line 19


def test_unknown_names_are_counted_one_by_one_up_to_a_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from loaders.acled import events

    monkeypatch.setattr(events, "MAX_NAMES", 2)
    _, summary = _run()
    assert summary.unknown_actors == {
        "Unidentified Armed Group (Nigeria)": 1, "Fulani Ethnic Militia (Nigeria)": 1,
        events.OTHER_NAMES: 2,
    }  # fmt: skip


def test_a_row_and_an_article_reporting_the_same_event_name_one_event_node() -> None:
    """The premise of corroboration across sources (issue 30 item 4): a mapped row's type,
    participants and day give the IRI the article graph gives the same event."""
    base = "https://geokg.example.org/"
    article = Article(
        text="Russian forces launched air strikes on Ukraine on June 19, 2024, officials said. "
        "Russian and Ukrainian forces clashed near Sudzha in Russia on June 19, 2024.",
        url="https://news.example.org/strikes",
        published=date(2024, 6, 20),
    )
    triples = build_article_triples(extract(article), base)
    from_article = {str(s) for s, p, o in triples if p == RDF.type and o == GEO.Event}
    events, _ = _run()
    from_rows = {str(event_iri(base, e.type, e.participants, e.date)) for e in events.values()}
    assert from_article == {
        f"{base}event/military_intervention/RUS-UKR/2024-06-19",
        f"{base}event/armed_clash/RUS-UKR/2024-06-19",
    }
    assert from_article <= from_rows  # lines 2 and 3 (strike, shelling) and line 4 (the battle)
