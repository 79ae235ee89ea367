"""Event triggers per type, participants and direction, dates, and what is left out."""

from datetime import date

import pytest

from tests.unit.loaders.extraction.helpers import events, run

PUB = date(2024, 10, 9)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japanese Prime Minister Fumio Kishida visited China on Tuesday.",
            ("state_visit", ("JPN", "CHN"), "2024-10-08"),
        ),
        (
            "In March 2023, Xi Jinping met Vladimir Putin in Moscow.",
            ("summit_meeting", ("CHN", "RUS"), "2023-03"),
        ),
        (
            "Indian and Pakistani diplomats held talks in Geneva on Monday.",
            ("talks", ("IND", "PAK"), "2024-10-07"),
        ),
        (
            "Xi Jinping and Kim Jong Un exchanged messages on October 6, 2024.",
            ("message_exchange", ("CHN", "PRK"), "2024-10-06"),
        ),
        (
            "Japan summoned the Chinese ambassador on Tuesday over the drone flights.",
            ("diplomatic_protest", ("JPN", "CHN"), "2024-10-08"),
        ),
        (
            "India lodged a strong protest with Pakistan last week.",
            ("diplomatic_protest", ("IND", "PAK"), "2024-09-30/2024-10-06"),
        ),
        (
            "France and Germany signed a defence treaty in 1963.",
            ("treaty_signed", ("FRA", "DEU"), "1963"),
        ),
        (
            "The United States imposed new sanctions on Russia in May 2022.",
            ("sanctions", ("USA", "RUS"), "2022-05"),
        ),
        (
            "The United States sold fighter jets to Taiwan in 2019.",
            ("arms_transfer", ("USA", "TWN"), "2019"),
        ),
        (
            "Japan and India held joint naval exercises on Saturday.",
            ("military_exercise", ("JPN", "IND"), "2024-10-05"),
        ),
        (
            "Indian and Chinese troops clashed on the border on Monday.",
            ("armed_clash", ("IND", "CHN"), "2024-10-07"),
        ),
        (
            "Russia invaded Ukraine in February 2022.",
            ("military_intervention", ("RUS", "UKR"), "2022-02"),
        ),
        (
            "India and Pakistan fought a war in 1971.",
            ("war", ("IND", "PAK"), "1971"),
        ),
        (
            "China and South Korea established diplomatic relations in 1992.",
            ("diplomatic_relations_established", ("CHN", "KOR"), "1992"),
        ),
        (
            "Georgia severed diplomatic ties with Russia in 2008.",
            ("diplomatic_relations_severed", ("GEO", "RUS"), "2008"),
        ),
        (
            "Russia vetoed a UN resolution on Ukraine on Friday.",
            ("veto", ("RUS", "UKR", "UN"), "2024-10-04"),
        ),
        (
            "France and Germany formed a military alliance in 1963.",
            ("alliance_formed", ("FRA", "DEU"), "1963"),
        ),
    ],
)
def test_event_types(text: str, expected: tuple[str, tuple[str, ...], str]) -> None:
    found = events(text, PUB)
    assert expected in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Xi Jinping will visit Japan next month.",
        "Kishida plans to visit China in 2025.",
        "Governments readied new sanctions on Russia on Tuesday.",
        "Japan is expected to sign a treaty with India in 2025.",
        "Neither India nor Pakistan wants a war.",
        "Russia did not attack Ukraine on Tuesday, officials said.",
        "A possible summit between Japan and China in 2025 is under discussion.",
    ],
)
def test_planned_hypothetical_and_negated_events_are_left_out(text: str) -> None:
    assert events(text, PUB) == set()


def test_domestic_events_are_left_out() -> None:
    assert events("India declared martial law on Tuesday.", PUB) == set()


def test_undated_events_are_left_out() -> None:
    assert events("Over the decades, China has provided missiles to North Korea.", PUB) == set()


def test_direction_visitor_and_attacker_first() -> None:
    found = events("Ukraine was visited by Chinese President Xi Jinping on Tuesday.", PUB)
    assert ("state_visit", ("CHN", "UKR"), "2024-10-08") in found
    found = events("Russian troops launched an attack on Ukraine on Thursday.", PUB)
    assert ("military_intervention", ("RUS", "UKR"), "2024-10-03") in found


def test_each_trigger_takes_its_nearest_date() -> None:
    found = events(
        "On Monday night, Indian and Chinese troops clashed in the valley where the two "
        "nations fought a war in 1962.",
        PUB,
    )
    assert ("armed_clash", ("IND", "CHN"), "2024-10-07") in found
    assert ("war", ("IND", "CHN"), "1962") in found


def test_one_event_mentioned_twice_is_one_event() -> None:
    text = (
        "Fumio Kishida's state visit to China began on Tuesday. "
        "The visit, the first in years, took Kishida to Beijing, China, on Tuesday."
    )
    visits = [e for e in run(text, PUB).events if e.type == "state_visit"]
    assert len(visits) == 1


def test_pronoun_subject_takes_the_previous_sentence_actor() -> None:
    text = "Narendra Modi arrived in Tokyo on Monday. He met Fumio Kishida on Tuesday."
    assert ("summit_meeting", ("IND", "JPN"), "2024-10-08") in events(text, PUB)


def test_the_two_leaders_refers_back() -> None:
    text = (
        "Narendra Modi and Fumio Kishida spoke in 2020. "
        "In September 2023, the two leaders met again in Delhi."
    )
    found = {(t, frozenset(p), d) for t, p, d in events(text, PUB)}
    assert ("summit_meeting", frozenset({"IND", "JPN"}), "2023-09") in found


def test_relative_offsets() -> None:
    text = (
        "On this day in 1979, Japan and China signed a treaty. "
        "The treaty came 16 months after Fumio Kishida had traveled to Beijing."
    )
    found = events(text, date(2014, 3, 26))
    assert ("treaty_signed", ("JPN", "CHN"), "1979-03-26") in found
    assert ("state_visit", ("JPN", "CHN"), "1977-11") in found


def test_years_of_ties_give_the_year_relations_began() -> None:
    text = "China and North Korea marked 75 years of diplomatic ties on Sunday."
    found = events(text, PUB)
    assert ("diplomatic_relations_established", ("CHN", "PRK"), "1949") in found
    assert not any(
        t == "diplomatic_relations_established"
        for t, _, _ in events("China and India marked nearly 75 years of diplomatic ties.", PUB)
    )


def test_named_wars_bring_their_sides_and_dates_from_the_table() -> None:
    text = (
        "In the 1950-1953 Korean War, China intervened militarily on North Korea's behalf. "
        "South Korean veterans remember it."
    )
    found = {(t, frozenset(p), d) for t, p, d in events(text, PUB)}
    assert ("war", frozenset({"CHN", "PRK", "KOR", "USA"}), "1950-06-25/1953-07-27") in found
    assert ("military_intervention", frozenset({"CHN", "PRK"}), "1950/1953") in found


def test_news_lead_without_a_date_takes_the_publication_date() -> None:
    found = events("Ukraine cut diplomatic ties with Moscow after the attack.", date(2022, 2, 24))
    assert ("diplomatic_relations_severed", ("UKR", "RUS"), "2022-02-24") in found


def test_said_tuesday_dates_the_report_not_the_event() -> None:
    found = events(
        "A border clash between India and China killed 20 soldiers, officials said Tuesday.", PUB
    )
    assert ("armed_clash", ("IND", "CHN"), "2024-10") in found


def test_joining_an_alliance() -> None:
    found = events("Norway joined NATO in 1949.", PUB)
    assert found == {("alliance_formed", ("NOR", "NATO"), "1949")}


def test_cold_war_and_trade_war_are_not_wars() -> None:
    text = "During the Cold War in 1962 and the trade war of 2019, China and the United States traded barbs."
    assert not any(t == "war" for t, _, _ in events(text, PUB))


def test_extraction_is_deterministic_and_evidence_is_verbatim() -> None:
    text = "Japan and India held joint naval exercises on Saturday. India and Pakistan fought a war in 1971."
    a, b = run(text, PUB), run(text, PUB)
    assert a.to_json() == b.to_json()
    for e in a.events:
        assert text[e.start : e.end] == e.evidence


def test_an_official_arriving_is_a_visit_but_missiles_landing_are_not() -> None:
    found = events("U.S. Secretary Ann Lee arrived in Japan on Tuesday night.", PUB)
    assert ("state_visit", ("USA", "JPN"), "2024-10-08") in found
    assert events("Chinese missiles arrived in Japan's waters on Tuesday.", PUB) == set()


def test_frozen_or_suspended_talks_are_not_talks() -> None:
    assert events("India has frozen talks with Pakistan, officials said on Tuesday.", PUB) == set()


def test_becoming_a_member_of_an_alliance() -> None:
    found = events("Norway became the 12th member of NATO on Thursday.", PUB)
    assert found == {("alliance_formed", ("NOR", "NATO"), "2024-10-03")}


def test_hosting_a_leader_is_a_visit_by_the_guest() -> None:
    found = events(
        "Joe Biden hosted Indian Prime Minister Narendra Modi on Thursday.", date(2023, 6, 23)
    )
    assert ("state_visit", ("IND", "USA"), "2023-06-22") in found
    assert events("Japan welcomed the decision by China on Thursday.", PUB) == set()


def test_diplomats_meeting_is_talks_even_when_a_leader_is_named() -> None:
    text = (
        "Top U.S. and Chinese diplomats traded rebukes in their first talks since President "
        "Joe Biden took office, meeting in Alaska on Thursday."
    )
    found = events(text, date(2021, 3, 19))
    assert ("talks", ("USA", "CHN"), "2021-03-18") in found
    assert not any(t == "summit_meeting" for t, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Japan China Russia Korea War Sea " * 12000,
        "1950-1953 " * 20000,
        "U.S. " * 40000,
    ],
)
def test_pathological_texts_finish_quickly(text: str) -> None:
    import time

    start = time.process_time()
    run(text, PUB)
    assert time.process_time() - start < 10


def test_future_tense_further_back_and_scheduled_visits() -> None:
    assert events("Xi Jinping will on Monday begin a state visit to Japan.", PUB) == set()
    found = events("Ahead of Xi Jinping's visit to Japan on Monday, officials met.", PUB)
    assert not any(t == "state_visit" for t, _, _ in found)


def test_strikes() -> None:
    assert ("military_intervention", ("RUS", "UKR"), "2024-10-04") in events(
        "Russia struck Ukraine on Friday.", PUB
    )
    assert events("Russia struck a deal with Ukraine on Friday.", PUB) == set()
    found = events("The United States carried out airstrikes in Pakistan on Tuesday.", PUB)
    assert ("military_intervention", ("USA", "PAK"), "2024-10-08") in found


def test_leaders_named_by_role_meet_at_a_summit() -> None:
    found = events("The German chancellor met the French president in Paris on Tuesday.", PUB)
    assert ("summit_meeting", ("DEU", "FRA"), "2024-10-08") in found
    found = events("The German vice president met the French foreign minister on Tuesday.", PUB)
    assert ("talks", ("DEU", "FRA"), "2024-10-08") in found


def test_a_verb_shares_the_date_of_its_sentence_and_may_is_a_month() -> None:
    text = "Fumio Kishida's visit to Beijing in May 2023 normalised relations between Tokyo and Beijing."
    found = events(text, PUB)
    assert ("state_visit", ("JPN", "CHN"), "2023-05") in found
    assert ("diplomatic_relations_established", ("JPN", "CHN"), "2023-05") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the trigger's own clause dates it; the offset dates the other event
            "The return comes twenty years after China invaded Japan in October 2001.",
            ("military_intervention", ("CHN", "JPN"), "2001-10"),
        ),
        (  # ", three days later" closing the sentence counts from the date before
            "After the Taiwanese office opened on November 18, China downgraded diplomatic "
            "relations with Japan, three days later.",
            ("diplomatic_relations_severed", ("CHN", "JPN"), "2023-11-21"),
        ),
        (  # "since Sunday, when ...": what happened when is dated Sunday
            "The border crossing has been closed since Sunday, when Pakistani and Indian "
            "border guards exchanged fire.",
            ("armed_clash", ("PAK", "IND"), "2024-10-06"),
        ),
    ],
)
def test_dates_told_around_the_trigger(
    text: str, expected: tuple[str, tuple[str, ...], str]
) -> None:
    assert expected in events(text, PUB)


def test_a_later_that_ends_another_clause_is_not_the_events_date() -> None:
    text = "August 1965 - A war begins between India and Pakistan, ending a month later."
    assert events(text, PUB) == {("war", ("IND", "PAK"), "1965-08")}
