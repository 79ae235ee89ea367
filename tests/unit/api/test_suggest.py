"""Type-ahead (GET /lookup/suggest): codes, names and aliases by their first letters, best
first, states before organizations and non-state actors."""

from __future__ import annotations

from api.suggest import suggest


def _codes(text: str, most: int = 10) -> list[str]:
    return [s.code for s in suggest(text, most)]


def test_a_code_comes_first_then_names_with_a_word_that_starts_so() -> None:
    assert _codes("kor")[:2] == ["KOR", "PRK"]
    assert _codes("korea")[:2] == ["PRK", "KOR"]


def test_aliases_match_and_say_which() -> None:
    found = suggest("DPRK")
    assert found[0].code == "PRK" and found[0].matched == "DPRK"
    houthis = [s for s in suggest("ansar allah") if s.code == "HOUTHIS"]
    assert houthis and houthis[0].kind == "NonStateActor"


def test_states_before_organizations_and_the_limit_holds() -> None:
    codes = _codes("north", 4)
    assert len(codes) == 4 and codes[0] == "PRK" and "NATO" in codes


def test_nothing_for_blank_or_unknown_text() -> None:
    assert suggest("   ") == [] and suggest("zzzqqq") == []
