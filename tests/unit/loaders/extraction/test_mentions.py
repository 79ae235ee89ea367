"""The traps of state, organization and leader mentions."""

from datetime import date

from tests.unit.loaders.extraction.helpers import run


def states(text: str, published: date | None = date(2024, 10, 7)) -> list[str]:
    return run(text, published).states


def leaders(text: str, published: date | None = date(2024, 10, 7)) -> set[tuple[str, str]]:
    return {(m.name, m.state) for m in run(text, published).leaders}


def test_names_demonyms_and_capital_metonyms() -> None:
    assert states("Beijing and Tokyo traded barbs; Russian officials watched.") == [
        "CHN",
        "JPN",
        "RUS",
    ]


def test_washington_as_a_place_is_not_the_us() -> None:
    text = "Ann Lee, a fellow at the Brookings Institution in Washington, said the plan would fail."
    assert states(text) == []
    assert states("Washington warned Moscow against the move.") == ["USA", "RUS"]


def test_washington_in_other_names() -> None:
    assert states("The Washington Post reported it. George Washington crossed a river.") == []


def test_georgia_the_us_state() -> None:
    text = "Georgia Governor Brian Kemp spoke in Atlanta about the county election."
    assert states(text) == []
    assert states("Georgia accused Russia of occupying Abkhazia.") == ["GEO", "RUS"]


def test_jordan_and_chad_as_given_names() -> None:
    assert states("Michael Jordan and Chad Hurley attended the game.") == []
    assert states("Jordan Peterson spoke. Mr. Jordan left.") == []
    assert states("Jordan and Chad signed a trade deal.") == ["JOR", "TCD"]


def test_turkey_the_bird() -> None:
    assert states("They ate turkey for dinner.") == []
    assert states("Turkey closed the straits.") == ["TUR"]


def test_geographic_features_are_places() -> None:
    text = (
        "Ships sailed the South China Sea, crossed the Taiwan Strait, and storms hit the "
        "Gulf of Mexico near the Korean Peninsula."
    )
    assert states(text) == []


def test_korean_war_does_not_name_both_koreas() -> None:
    assert states("Veterans of the Korean War gathered.") == []


def test_moscow_before_and_after_1991() -> None:
    assert states("Moscow sent tanks into the city.", date(1979, 12, 28)) == ["SUN"]
    assert states("Moscow sent tanks into the city.", date(2014, 3, 1)) == ["RUS"]
    assert states("In 1968, Moscow sent tanks into Prague.", date(2020, 8, 20)) == ["SUN"]


def test_leader_by_full_name_title_and_surname() -> None:
    text = "Chinese President Xi Jinping spoke. Later, Xi left. President Xi returned."
    assert leaders(text) == {("Xi Jinping", "CHN")}
    assert leaders("President Xi arrived.") == {("Xi Jinping", "CHN")}


def test_surname_alone_needs_an_introduction_for_weak_names() -> None:
    assert leaders("Kim arrived late.") == set()


def test_two_kims_a_bare_kim_is_the_last_one_mentioned() -> None:
    text = (
        "Kim Il-sung founded the state. His grandson Kim Jong Un now rules it. "
        "Kim visited the border."
    )
    result = run(text)
    assert {(m.name, m.state) for m in result.leaders} == {
        ("Kim Il-sung", "PRK"),
        ("Kim Jong Un", "PRK"),
    }
    from loaders.extraction.mentions import find_mentions
    from loaders.extraction.sentences import split_sentences
    from tests.unit.loaders.extraction.helpers import lexicon

    ms = find_mentions(text, split_sentences(text), date(2024, 1, 1), lexicon())
    last = [m for m in ms.mentions if m.kind == "person"][-1]
    assert (last.text, last.person) == ("Kim", "kim-jong-un")


def test_leader_stands_for_the_state_at_the_date() -> None:
    assert states("Mikhail Gorbachev met reporters.", date(1988, 5, 1)) == ["SUN"]


def test_fullest_name_the_text_uses() -> None:
    assert leaders("US President Joseph Biden arrived.") == {("Joseph Biden", "USA")}


def test_other_people_sharing_a_surname() -> None:
    assert leaders("Hunter Biden testified on Tuesday.") == set()


def test_non_head_title_is_not_a_leader() -> None:
    # Lam Van Quoc was president in the 1990s; the text presents him as a party chief.
    assert leaders("Party General Secretary Lam Van Quoc attended.") == set()


def test_leaders_missing_from_the_reference_data() -> None:
    found = leaders(
        "Prime Minister Jonas Gahr Store of Norway met Brazil's President Luiz Silva, "
        "and French President Emmanuel Macron joined. Later Macron left."
    )
    assert found == {
        ("Jonas Gahr Store", "NOR"),
        ("Luiz Silva", "BRA"),
        ("Emmanuel Macron", "FRA"),
    }


def test_nickname_inside_a_full_name() -> None:
    assert leaders('President Joseph "Joe" Biden spoke.') == {("Joseph Biden", "USA")}


def test_organizations_and_sub_organs() -> None:
    result = run("The UN Security Council met as NATO and U.N. officials watched.")
    assert result.organizations == ["UN", "NATO"]


def test_datelines_and_locations_are_not_states() -> None:
    assert states("KYIV — Explosions were heard overnight, officials in the capital said.") == []


def test_titles_are_not_part_of_a_leader_name() -> None:
    assert leaders("President Xi Jinping and Prime Minister Narendra Modi met.") == {
        ("Xi Jinping", "CHN"),
        ("Narendra Modi", "IND"),
    }


def test_places_named_after_leaders_are_not_leaders() -> None:
    assert leaders("Flights left Narendra Modi Stadium and the Xi Jinping Institute.") == set()


def test_month_before_a_surname_is_not_a_given_name() -> None:
    text = "Kim Jong Un met Vladimir Putin in May. In April Kim met Xi Jinping."
    summits = [e for e in run(text).events if e.type == "summit_meeting"]
    assert {tuple(sorted(e.participants)) for e in summits} == {("PRK", "RUS"), ("CHN", "PRK")}


def test_leader_in_an_appositive() -> None:
    assert ("Ahmet Demir Kaya", "TUR") in leaders(
        "The Turkish president, Ahmet Demir Kaya, spoke to reporters on Monday."
    )
    assert ("Olav Berg", "NOR") in leaders("Norway's leader, King Olav Berg, opened the session.")


def test_leader_of_the_dateline_state() -> None:
    text = "OSLO — Prime Minister Ola Nordby said on Monday that the talks had failed."
    assert leaders(text) == {("Ola Nordby", "NOR")}
    # another state named in the sentence: the dateline says nothing about the person
    other = "OSLO — Prime Minister Ola Nordby of somewhere met Indian officials on Monday."
    assert leaders(other) == set()
