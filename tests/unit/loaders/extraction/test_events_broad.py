"""The broadened trigger lexicons (`triggers_broad`, `triggers_broad_force`): common news
synonyms and verb forms per event type, and the guards that still keep planned, negated,
conditional and domestic wordings out."""

from datetime import date

import pytest

from tests.unit.loaders.extraction.helpers import events, relations

PUB = date(2024, 10, 9)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian tanks poured across the border into Georgia on Friday.",
            ("military_intervention", ("RUS", "GEO"), "2024-10-04"),
        ),
        (
            "Russian aircraft began bombing Ukraine on Monday.",
            ("military_intervention", ("RUS", "UKR"), "2024-10-07"),
        ),
        (
            "On Tuesday India launched an offensive against Pakistan.",
            ("military_intervention", ("IND", "PAK"), "2024-10-08"),
        ),
        (
            "Russia sent troops into Georgia in August 2008.",
            ("military_intervention", ("RUS", "GEO"), "2008-08"),
        ),
        (
            "China imposed a trade embargo on Taiwan on Monday.",
            ("sanctions", ("CHN", "TWN"), "2024-10-07"),
        ),
        (
            "Beijing slapped tariffs on Japanese goods on Tuesday.",
            ("sanctions", ("CHN", "JPN"), "2024-10-08"),
        ),
        (
            "Chinese customs halted shipments of rare earths to Japan on Monday.",
            ("sanctions", ("CHN", "JPN"), "2024-10-07"),
        ),
        (
            "The first Leopard tanks have been delivered to Ukraine by Germany, Berlin said on Monday.",
            ("arms_transfer", ("DEU", "UKR"), "2024-10"),
        ),
        (
            "Britain's Challenger tanks reached Ukraine on Monday.",
            ("arms_transfer", ("GBR", "UKR"), "2024-10-07"),
        ),
        (
            "Russia began its largest military manoeuvres on Tuesday, and Chinese troops joined in.",
            ("military_exercise", ("RUS", "CHN"), "2024-10-08"),
        ),
        (
            "Turkish jets downed a Russian bomber on Tuesday.",
            ("armed_clash", ("TUR", "RUS"), "2024-10-08"),
        ),
        (
            "India expelled a senior Pakistani diplomat on Tuesday.",
            ("diplomatic_relations_severed", ("IND", "PAK"), "2024-10-08"),
        ),
        (
            "On Monday China withdrew its ambassador from Japan.",
            ("diplomatic_relations_severed", ("CHN", "JPN"), "2024-10-07"),
        ),
        (
            "Japan lodged a formal complaint with China on Monday.",
            ("diplomatic_protest", ("JPN", "CHN"), "2024-10-07"),
        ),
        (
            "On Saturday Georgia's parliament declared a state of war with Russia.",
            ("war", ("GEO", "RUS"), "2024-10-05"),
        ),
        (
            "Prime Minister Narendra Modi travelled by bus to Pakistan in February 1999.",
            ("state_visit", ("IND", "PAK"), "1999-02"),
        ),
        (
            "Norway was admitted to NATO on Thursday.",
            ("alliance_formed", ("NOR", "NATO"), "2024-10-03"),
        ),
    ],
)
def test_broadened_wordings(text: str, expected: tuple[str, tuple[str, ...], str]) -> None:
    assert expected in events(text, PUB)


@pytest.mark.parametrize(
    "text",
    [
        "Russia will impose sanctions on Georgia next week, officials said on Monday.",
        "India has not expelled any Pakistani diplomats, officials said on Tuesday.",
        "Germany agreed on Monday to send tanks on condition that the US supplied its own tanks.",
        "China fired missiles into the waters around Taiwan on Thursday.",
        "Chinese missiles arrived in Japan's waters on Tuesday.",
        "On Tuesday Georgian forces launched an assault to retake South Ossetia from Russia.",
        "The bombs fell on empty forest in Pakistan, India said on Tuesday.",
        "France threatened on Monday to veto a resolution on Syria backed by Russia.",
    ],
)
def test_guarded_wordings_are_not_events(text: str) -> None:
    scored = {e for e in events(text, PUB) if e[0] not in ("statement", "other")}
    assert scored == set()


def test_tit_for_tat_acts_are_two_events() -> None:
    text = (
        "India expelled a Pakistani diplomat on Tuesday, hours after Pakistan threw out "
        "an Indian official on Monday."
    )
    found = events(text, PUB)
    assert ("diplomatic_relations_severed", ("IND", "PAK"), "2024-10-08") in found
    assert ("diplomatic_relations_severed", ("PAK", "IND"), "2024-10-07") in found


def test_an_offset_counts_from_the_date_of_its_own_sentence() -> None:
    text = (
        "Russia imposed sanctions on Turkey on Saturday, four days after Turkish jets shot "
        "down a Russian bomber."
    )
    assert ("armed_clash", ("TUR", "RUS"), "2024-10-01") in events(text, PUB)


def test_the_antecedent_of_which_is_the_actor() -> None:
    text = "Pressure came from the US, which imposed tariffs on Chinese goods on Monday."
    assert ("sanctions", ("USA", "CHN"), "2024-10-07") in events(text, PUB)


def test_broadened_relation_words() -> None:
    found = relations("The dispute between Beijing and Tokyo shows no sign of easing.", PUB)
    assert ("rival", frozenset({"CHN", "JPN"}), None) in found
    past = relations("Japan cut ties with China in 2016 in an escalating row between them.", PUB)
    assert not [r for r in past if r[0] == "rival"]


def test_georgia_after_a_comma_with_a_possessive_is_the_country() -> None:
    text = "The US, Georgia's closest partner, urged Russia to halt the bombing."
    assert ("partner", frozenset({"USA", "GEO"}), None) in relations(text, PUB)
