"""Event wordings beyond the development set: passive voice, nouns before participles,
letters and phone calls, trade bans, named and counted wars, dates the trigger carries."""

from datetime import date

import pytest

from tests.unit.loaders.extraction.helpers import events, relations

PUB = date(2024, 10, 9)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian troops crossed into Ukraine on Thursday.",
            ("military_intervention", ("RUS", "UKR"), "2024-10-03"),
        ),
        (
            "A friendship treaty signed with Moscow in 1948 bound Turkey to neutrality.",
            ("treaty_signed", ("SUN", "TUR"), "1948"),
        ),
        (
            "The Japanese ambassador was summoned to the Chinese foreign ministry on Tuesday.",
            ("diplomatic_protest", ("CHN", "JPN"), "2024-10-08"),
        ),
        (
            "On Monday Joe Biden called it off in a letter to Kim Jong Un.",
            ("message_exchange", ("USA", "PRK"), "2024-10-07"),
        ),
        (
            "Fumio Kishida spoke with Mr Biden by phone on Monday.",
            ("message_exchange", ("JPN", "USA"), "2024-10-07"),
        ),
        (
            "India and Pakistan recalled their ambassadors from Beijing in 2014.",
            ("diplomatic_relations_severed", ("IND", "CHN"), "2014"),
        ),
        (
            "On Tuesday Biden signed an order that reinstates the sanctions on Russia.",
            ("sanctions", ("USA", "RUS"), "2024-10-08"),
        ),
        (
            "On Wednesday, Chinese customs suspended imports of fish from Taiwan.",
            ("sanctions", ("CHN", "TWN"), "2024-10-09"),
        ),
        (
            "It was the first time since the 1971 war that Indian jets had struck Pakistan.",
            ("war", ("IND", "PAK"), "1971"),
        ),
        (
            "India and China, rivals since a border war in 1962, have held several rounds of "
            "talks between military commanders since May 2020.",
            ("talks", ("IND", "CHN"), "2020-05/2024-10"),
        ),
        (
            "Turkey and Georgia first fought over the valley from 1988 to 1994.",
            ("war", ("TUR", "GEO"), "1988/1994"),
        ),
        (
            "India and Pakistan agreed to end six weeks of war on Tuesday.",
            ("war", ("IND", "PAK"), "2024-08-27/2024-10-08"),
        ),
        (
            "India and Pakistan did not restore diplomatic relations until 1990.",
            ("diplomatic_relations_established", ("IND", "PAK"), "1990"),
        ),
        (
            "The Turks fought the Soviet Union in the Caucasus War of 1918-1920.",
            ("war", ("TUR", "SUN"), "1918/1920"),
        ),
        (  # "the four countries" stands for the four the sentence before names
            "The Quad brings together Japan, India, France and Germany. The foreign ministers "
            "of the four countries met in Paris on Monday.",
            ("talks", ("JPN", "IND", "FRA", "DEU"), "2024-10-07"),
        ),
        (  # shuttle diplomacy: talks of the go-between with both sides
            "In April 1982 the French foreign minister shuttled between Islamabad and New Delhi.",
            ("talks", ("FRA", "PAK", "IND"), "1982-04"),
        ),
        (  # "the foreign ministry in Beijing" is China acting, not a place
            "On Friday the foreign ministry in Beijing imposed sanctions on Japanese officials.",
            ("sanctions", ("CHN", "JPN"), "2024-10-04"),
        ),
    ],
)
def test_wordings(text: str, expected: tuple[str, tuple[str, ...], str]) -> None:
    found = events(text, PUB)
    assert expected in found, found


def test_a_border_war_in_1962_is_a_war_not_the_date_of_later_talks() -> None:
    text = (
        "India and China, rivals since a border war in 1962, have held several rounds of "
        "talks between military commanders since May 2020."
    )
    found = events(text, date(2020, 6, 17))
    assert ("war", ("IND", "CHN"), "1962") in found
    assert ("talks", ("IND", "CHN"), "2020-05/2020-06") in found
    assert not any(e[0] == "talks" and e[2].startswith("1962") for e in found)


def test_ratifying_a_treaty_is_not_signing_it() -> None:
    found = events("North Korea ratified its defence treaty with Russia on Monday.", PUB)
    assert not any(e[0] == "treaty_signed" for e in found)


def test_a_leader_in_a_capital_on_a_state_visit() -> None:
    text = "Fumio Kishida was in Washington on an official state visit on Wednesday."
    assert ("state_visit", ("JPN", "USA"), "2024-10-09") in events(text, PUB)


def test_crossing_into_a_state_is_an_invasion_and_war_follows() -> None:
    text = "Russian troops crossed into Ukraine on Thursday."
    assert ("at_war", frozenset({"RUS", "UKR"}), "2024") in relations(text, PUB)


def test_followed_suit_repeats_the_last_act_with_a_new_subject() -> None:
    text = "Japan and India cut diplomatic ties with Russia on Monday. Turkey followed suit later the same day."
    found = events(text, PUB)
    assert ("diplomatic_relations_severed", ("TUR", "RUS"), "2024-10-07") in found
    assert ("diplomatic_relations_severed", ("JPN", "RUS"), "2024-10-07") in found
    assert ("diplomatic_relations_severed", ("IND", "RUS"), "2024-10-07") in found


def test_listed_partners_of_one_state_are_separate_agreements() -> None:
    text = "Japan signed agreements with India and Pakistan on Tuesday."
    found = events(text, PUB)
    assert ("treaty_signed", ("JPN", "IND"), "2024-10-08") in found
    assert ("treaty_signed", ("JPN", "PAK"), "2024-10-08") in found


def test_both_countries_as_subject_are_each_an_actor() -> None:
    text = (
        "France and Germany met in Paris. Both countries have sent weapons to Ukraine since "
        "Russia invaded it last February."
    )
    found = events(text, PUB)
    assert ("arms_transfer", ("FRA", "UKR"), "2024-02/2024-10") in found
    assert ("arms_transfer", ("DEU", "UKR"), "2024-02/2024-10") in found
    assert ("military_intervention", ("RUS", "UKR"), "2024-02") in found


def test_a_demonym_inside_the_two_x_is_not_a_party() -> None:
    text = (
        "Turkey and Georgia signed a truce on Monday. The two former Soviet republics first "
        "fought over the valley from 1988 to 1994."
    )
    assert ("war", ("TUR", "GEO"), "1988/1994") in events(text, PUB)


def test_they_in_the_clause_points_back() -> None:
    text = (
        "The Turks fought the Soviet Union twice. Afterwards they kept neutral, and a treaty "
        "signed with Moscow in 1948 barred them from any alliance."
    )
    assert ("treaty_signed", ("SUN", "TUR"), "1948") in events(text, PUB)


def test_a_year_that_names_an_agreement_is_not_the_date_of_the_act() -> None:
    text = (
        "Joe Biden said on Tuesday that the United States was leaving the 2015 nuclear "
        "agreement with Russia, and he signed an order that reinstates the sanctions."
    )
    found = events(text, PUB)
    assert ("sanctions", ("USA", "RUS"), "2024-10") in found
    assert not any(e[0] == "sanctions" and e[2] == "2015" for e in found)


def test_a_leader_who_arrived_makes_a_visit() -> None:
    text = (
        "Fumio Kishida met Joe Biden on Thursday. Kishida arrived in the American capital "
        "earlier in the day for a two-day trip."
    )
    assert ("state_visit", ("JPN", "USA"), "2024-10-03") in events(text, PUB)


def test_a_visit_told_after_the_meeting_takes_the_meeting_date() -> None:
    text = (
        "North Korean leader Kim Jong Un met Russian President Vladimir Putin in Russia on "
        "September 13, 2023. Kim travelled to Russia by armoured train for the visit."
    )
    found = events(text, date(2023, 9, 14))
    assert ("state_visit", ("PRK", "RUS"), "2023-09-13") in found
    assert not any(e[0] == "state_visit" and e[2] == "2023-09-14" for e in found)
