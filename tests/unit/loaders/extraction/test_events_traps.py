"""Precision traps on real news: a present perfect shared by a list of verbs, a broker who
is not a party to ties, a participle clause that brings a bystander, a noun that borrows
the date of an earlier clause; and an agreement 'to restore ties' that happened."""

from datetime import date

import pytest

from tests.unit.loaders.extraction.helpers import events

PUB = date(2024, 10, 9)  # a Wednesday


def test_a_perfect_shared_by_a_list_of_verbs_is_not_dated_by_the_story() -> None:
    text = (
        "Japan and India met on Monday. Talks went well. The US and its allies have condemned the war, "
        "imposed sanctions on Russia and supplied Ukraine with arms."
    )
    found = events(text, PUB)
    assert not any(e[0] in ("sanctions", "arms_transfer") for e in found), found


def test_an_agreement_to_restore_ties_happened() -> None:
    text = (
        "Last week, China hosted talks between India and Pakistan that resulted in an "
        "agreement between them on Friday to restore full diplomatic relations."
    )
    found = events(text, PUB)
    assert ("diplomatic_relations_established", ("IND", "PAK"), "2024-10-04") in found, found


def test_a_participle_clause_is_its_own_clause() -> None:
    text = (
        "The three countries held joint drills last year, underlining China's links with "
        "nations shunned by the US."
    )
    found = events("China, Russia and Japan met on Monday. " + text, PUB)
    assert not any(e[0] == "military_exercise" and "USA" in e[1] for e in found), found


def test_a_noun_takes_no_date_from_an_earlier_clause() -> None:
    text = (
        "The drills on Wednesday come amid tensions between the US and China, including "
        "China's refusal to criticise Moscow over its invasion of Ukraine."
    )
    found = events(text, PUB)
    assert not any(e[0] == "military_intervention" for e in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Narendra Modi flies to Japan on Saturday for a two-day visit.",
        "Xi Jinping visits Moscow on Monday.",
        "Fumio Kishida meets Joe Biden in Washington on Friday.",
        "Xi Jinping travels to Russia next week for talks with Vladimir Putin.",
    ],
)
def test_a_present_tense_with_a_weekday_is_a_schedule_not_a_report(text: str) -> None:
    assert events(text, PUB) == set()


def test_a_past_tense_with_a_weekday_is_still_a_report() -> None:
    found = events("Narendra Modi flew to Japan on Saturday for a two-day visit.", PUB)
    assert ("state_visit", ("IND", "JPN"), "2024-10-05") in found
