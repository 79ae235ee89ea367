"""Relations as the article presents them, one per type per pair, with `since` when given."""

from datetime import date

from tests.unit.loaders.extraction.helpers import relations

PUB = date(2024, 10, 9)


def test_ally_from_their_alliance_and_key_ally() -> None:
    found = relations("Kishida and Joe Biden agreed to bolster their security alliance.", PUB)
    assert found == set()  # Kishida is not introduced: no pair
    found = relations(
        "Fumio Kishida and Joe Biden agreed to bolster their security alliance amid China's rise.",
        PUB,
    )
    assert ("ally", frozenset({"JPN", "USA"}), None) in found
    assert not any(r[1] == frozenset({"USA", "CHN"}) for r in found)
    found = relations("Pyongyang relies on China as a key ally.", PUB)
    assert ("ally", frozenset({"PRK", "CHN"}), None) in found


def test_alliance_since_the_year_the_text_gives() -> None:
    found = relations(
        "The alliance between China and North Korea dates back to the early 1950s.", PUB
    )
    assert ("ally", frozenset({"CHN", "PRK"}), "1950") in found


def test_partner_from_partnership_and_stronger_cooperation() -> None:
    found = relations("The US and Japan upgraded their comprehensive partnership (2013-2023).", PUB)
    assert ("partner", frozenset({"USA", "JPN"}), "2013") in found
    found = relations("North Korea and Russia have strengthened military cooperation.", PUB)
    assert ("partner", frozenset({"PRK", "RUS"}), None) in found


def test_future_partnership_is_not_a_relation() -> None:
    assert relations('Japan and India vowed to become "global partners".', PUB) == set()


def test_rivals() -> None:
    assert ("rival", frozenset({"JPN", "CHN"}), None) in relations(
        "Tokyo has been at odds with Beijing.", PUB
    )
    found = relations("Tensions rose between India and China, nuclear-armed rivals.", PUB)
    assert ("rival", frozenset({"IND", "CHN"}), None) in found


def test_adversaries_but_not_former_adversaries() -> None:
    found = relations("Moscow and Washington have been adversaries for decades.", PUB)
    assert ("adversary", frozenset({"RUS", "USA"}), None) in found
    assert relations("France and Germany, former adversaries, met.", PUB) == set()


def test_at_war_from_an_invasion_reported_as_current() -> None:
    found = relations("Russian troops invaded Ukraine on Thursday.", date(2022, 2, 24))
    assert ("at_war", frozenset({"RUS", "UKR"}), "2022") in found
    # A past war is an event, never an at_war relation.
    assert not any(
        r[0] == "at_war" for r in relations("India and Pakistan fought a war in 1971.", PUB)
    )


def test_diplomatic_relations_with_since() -> None:
    found = relations("China and North Korea marked 75 years of diplomatic ties on Sunday.", PUB)
    assert ("diplomatic_relations", frozenset({"CHN", "PRK"}), "1949") in found
    found = relations(
        "It came during nearly 30 years of diplomatic relations between the US and Japan.", PUB
    )
    assert ("diplomatic_relations", frozenset({"USA", "JPN"}), None) in found


def test_ties_cut_give_no_diplomatic_relations() -> None:
    found = relations("Ukraine cut diplomatic ties with Russia on Thursday.", date(2022, 2, 24))
    assert not any(r[0] == "diplomatic_relations" for r in found)


def test_restored_ties_give_relations_since_the_restoration() -> None:
    found = relations(
        "India severed ties with Pakistan in 2016. India and Pakistan restored diplomatic "
        "relations in 2023.",
        PUB,
    )
    assert ("diplomatic_relations", frozenset({"IND", "PAK"}), "2023") in found


def test_new_alliance_makes_every_pair_allies() -> None:
    found = relations(
        "The leaders of the US, UK and Japan on Wednesday unveiled a trilateral security alliance.",
        PUB,
    )
    assert {r for r in found if r[0] == "ally"} == {
        ("ally", frozenset({"USA", "GBR"}), "2024"),
        ("ally", frozenset({"USA", "JPN"}), "2024"),
        ("ally", frozenset({"GBR", "JPN"}), "2024"),
    }


def test_an_organization_is_not_a_pair() -> None:
    found = relations(
        "Norway joined NATO in 1949, doubling the alliance's border with Russia.", PUB
    )
    assert not any(r[0] == "ally" for r in found)


def test_one_entry_per_type_per_pair() -> None:
    text = "China is North Korea's closest ally. North Korea relies on China as its main ally."
    allies = [r for r in relations(text, PUB) if r[0] == "ally"]
    assert len(allies) == 1


def test_appositive_ally_pairs_the_modifier_with_the_head() -> None:
    found = relations("Japan, a close U.S. ally, said Chinese missiles landed nearby.", PUB)
    assert {r for r in found if r[0] == "ally"} == {("ally", frozenset({"JPN", "USA"}), None)}


def test_the_alliance_founded_by_many_is_not_a_pair() -> None:
    found = relations(
        "The alliance was founded in 1949 by the United States, Britain and France.", PUB
    )
    assert not any(r[0] == "ally" for r in found)


def test_no_relation_with_a_state_that_no_longer_exists() -> None:
    assert relations("The USSR and the United States were rivals.", PUB) == set()
    found = relations("The USSR and the United States were rivals.", date(1985, 1, 1))
    assert ("rival", frozenset({"SUN", "USA"}), None) in found


def test_a_security_partner_and_listed_allies() -> None:
    found = relations("Taiwan, a close US security partner, hosts American trainers.", PUB)
    assert ("partner", frozenset({"TWN", "USA"}), None) in found
    found = relations("Both Japan and South Korea are treaty allies of the United States.", PUB)
    assert ("ally", frozenset({"JPN", "USA"}), None) in found
    assert ("ally", frozenset({"KOR", "USA"}), None) in found
    assert not any(r[1] == frozenset({"JPN", "KOR"}) for r in found)


def test_disputes_and_loggerheads_are_rivalry() -> None:
    found = relations("India and Pakistan remain locked in a bitter dispute over Kashmir.", PUB)
    assert ("rival", frozenset({"IND", "PAK"}), None) in found
    found = relations("Taiwan and China have been at loggerheads since the civil war.", PUB)
    assert ("rival", frozenset({"TWN", "CHN"}), None) in found


def test_the_rivals_point_back_to_the_pair() -> None:
    text = "India withdrew trade privileges from Pakistan. It marked an escalation between the nuclear-armed rivals."
    assert ("rival", frozenset({"IND", "PAK"}), None) in relations(text, PUB)


def test_regional_allies_and_a_rapprochement_are_no_pair() -> None:
    text = "France and Germany faced pressure from eastern European allies to send tanks."
    assert not any(r[0] == "ally" for r in relations(text, PUB))
    assert (
        relations("The rapprochement between Japan and South Korea pleased Washington.", PUB)
        == set()
    )


def test_allies_since_they_signed_a_treaty() -> None:
    text = (
        "The United States and Japan have been allies since they signed a security treaty in 1951."
    )
    assert ("ally", frozenset({"USA", "JPN"}), "1951") in relations(text, PUB)


def test_an_invasion_of_last_year_is_a_war_when_the_article_says_it_goes_on() -> None:
    text = "Russia invaded Ukraine in February 2023. Talks were devoted to the war in Ukraine."
    assert ("at_war", frozenset({"RUS", "UKR"}), "2023") in relations(text, PUB)
    past = "Russia invaded Ukraine in February 2023. Talks were devoted to trade."
    assert not any(r[0] == "at_war" for r in relations(past, PUB))


def test_strained_and_tense_ties_are_a_rivalry() -> None:
    for text in (
        "Ties between Japan and China were already strained before the visit.",
        "India and Pakistan have had testy relations since independence.",
        "Relations between Turkey and France soured over the summer.",
        "Tensions over the islands have kept Japan and China apart.",
    ):
        found = relations(text, PUB)
        assert {r[0] for r in found} == {"rival"}, text


def test_breaking_off_ties_is_no_diplomatic_relation() -> None:
    for text in (
        "Mexico moved to break off diplomatic ties with Cuba on Friday.",
        "Cuba breaks diplomatic relations with Mexico on January 3.",
        "Turkey downgraded diplomatic relations with France.",
    ):
        assert not any(r[0] == "diplomatic_relations" for r in relations(text, PUB)), text


def test_partners_named_as_such_are_not_a_generic_plural() -> None:
    found = relations("Officials now describe Japan and India as strategic partners.", PUB)
    assert ("partner", frozenset({"JPN", "IND"}), None) in found
    found = relations("Today China and Russia call each other comprehensive strategic partners.", PUB)  # fmt: skip
    assert ("partner", frozenset({"CHN", "RUS"}), None) in found
    assert relations("Japan met its strategic partners in Tokyo.", PUB) == set()


def test_a_third_state_counting_both_as_partners_holds_each() -> None:
    """'X, which counts both countries as partners': X with each of the pair told before,
    not the pair with each other."""
    text = (
        "India expelled a French diplomat on Tuesday after France expelled an Indian one. "
        "Germany, which counts both countries as close partners, said it was concerned."
    )
    found = relations(text, PUB)
    assert ("partner", frozenset({"DEU", "IND"}), None) in found
    assert ("partner", frozenset({"DEU", "FRA"}), None) in found
    assert ("partner", frozenset({"FRA", "IND"}), None) not in found


def test_officials_in_a_capital_stand_for_its_government() -> None:
    """'Officials in Paris and New Delhi describe the two countries as partners': the
    capitals are the pair, not a place where officials happen to be."""
    text = (
        "Pakistan and India fought a war in 1971. "
        "Officials in Paris and New Delhi now describe the two countries as strategic partners."
    )
    found = relations(text, PUB)
    assert ("partner", frozenset({"FRA", "IND"}), None) in found
    assert ("partner", frozenset({"PAK", "IND"}), None) not in found
