"""The parser backoff (KG_PARSER=spacy): events the trigger rules miss, read from a
dependency parse -- a doer through a relative clause or a participle, an act "agreed to",
the agent of a condemned attack -- and the traps it must leave alone (threats, plans,
conditions, negations, a delegation arriving, a dinner hosted). Each event it adds is shown
missing without the parser, so the table fails if the backoff stops working."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from loaders.article import Article
from loaders.extraction import parsed_events
from loaders.extraction.extractor import extract_with
from loaders.extraction.parse_model import ParserUnavailable, SentenceParser, parser_named
from loaders.extraction.verb_frames import DATA, inflections, load_frames
from ontology.namespace import EVENT_TYPES
from tests.conftest import in_ci
from tests.unit.loaders.extraction.helpers import lexicon

PUB = date(2024, 10, 9)  # a Wednesday


@pytest.fixture(scope="module")
def parser() -> SentenceParser:
    """spaCy and its model come with `make setup`; missing under CI is a failure."""
    try:
        loaded = parser_named("spacy")
    except ParserUnavailable as exc:
        if in_ci():
            pytest.fail(f"CI=true and no spaCy parser: {exc}", pytrace=False)
        pytest.skip(str(exc))
    assert loaded is not None
    return loaded


def events(text: str, parser: SentenceParser | None) -> set[tuple[str, tuple[str, ...], str]]:
    article = Article(text=text, url="https://example.org/t", published=PUB)
    return {(e.type, tuple(e.participants), e.date) for e in extract_with(article, lexicon(), parser).events}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the doer of a participle clause is the subject of the clause it hangs on
            "Moscow hit back on Tuesday, ordering 23 British diplomats out of the country.",
            ("diplomatic_relations_severed", ("RUS", "GBR"), "2024-10-08"),
        ),
        (  # the agent of the attack condemned is the target, not the place it hit
            "Germany condemned an attack by Russia on a power station in Ukraine on Monday.",
            ("diplomatic_protest", ("DEU", "RUS"), "2024-10-07"),
        ),
        (  # "agreed to restore ties" is how a restoration is reported
            "Turkey and Russia agreed on Monday to restore diplomatic relations.",
            ("diplomatic_relations_established", ("TUR", "RUS"), "2024-10-07"),
        ),
        (  # a relative clause's subject is the noun it hangs on; the elided envoy's state
            "Mexico, which had already withdrawn its ambassador from Havana, expelled Cuba's "
            "from Mexico City on Monday.",
            ("diplomatic_relations_severed", ("MEX", "CUB"), "2024-10-07"),
        ),
        (  # "-led": the leader is the doer; the object of the verb's preposition the target
            "The Turkish-led coalition intervened in Georgia in 2015 to support the government.",
            ("military_intervention", ("TUR", "GEO"), "2015"),
        ),
        (  # a quantified object noun ("the start of strikes") types the event
            "In response, the United Kingdom and France on Sunday launched the start of "
            "military strikes in Russia, with a second round continuing today.",
            ("military_intervention", ("GBR", "FRA", "RUS"), "2024-10-06"),
        ),
        (  # "they" as the doer: the two actors of the sentence before
            "Japanese and Indian officials met in Tokyo last month. On Monday, they signed a "
            "defence agreement.",
            ("treaty_signed", ("JPN", "IND"), "2024-10-07"),
        ),
    ],
)
def test_the_backoff_adds_what_the_rules_miss(
    parser: SentenceParser, text: str, expected: tuple[str, tuple[str, ...], str]
) -> None:
    assert expected not in events(text, None)
    assert expected in events(text, parser)


@pytest.mark.parametrize(
    "text",
    [
        "Japan threatened on Monday to expel Chinese diplomats.",
        "Turkey and Russia refused on Monday to restore diplomatic relations.",
        "Japan did not expel Chinese diplomats on Monday.",
        "If France expels Russian diplomats, Moscow will retaliate, officials said on Monday.",
        "Japan planned on Monday to impose sanctions on North Korea.",
        "A Chinese delegation arrived in Tokyo on Monday.",
        "Xi Jinping hosted a dinner for Norwegian business leaders on Monday.",
        "Germany said on Monday that France would expel Russian diplomats.",
    ],
)
def test_threats_plans_conditions_and_negations_are_no_events(
    parser: SentenceParser, text: str
) -> None:
    assert events(text, parser) == set()


def test_a_condemnation_targets_the_attacker_alone(parser: SentenceParser) -> None:
    found = events("Germany condemned an attack by Russia on a power station in Ukraine on Monday.", parser)  # fmt: skip
    assert {e[1] for e in found} == {("DEU", "RUS")}


def test_every_frame_names_a_known_event_type_and_object_class() -> None:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    for entry in raw["verbs"]:
        types = [entry.get("type")] if entry.get("type") else list(entry["objects"].values())
        assert set(types) <= set(EVENT_TYPES) | {"meeting"}, entry
        assert set(entry.get("objects", {})) <= set(raw["objects"]), entry
    assert load_frames().by_lemma["expel"]


def test_inflections_are_generated_from_the_lemma() -> None:
    assert inflections("expel", ["expelled", "expelling"]) >= {"expels", "expelled", "expelling"}
    assert inflections("condemn") == {"condemn", "condemns", "condemned", "condemning"}
    assert inflections("supply") >= {"supplies", "supplied", "supplying"}
    assert inflections("downgrade") >= {"downgrades", "downgraded", "downgrading"}


def test_a_verb_added_to_the_data_file_is_read_without_code_changes(
    parser: SentenceParser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Japan rebuffed China in a sharp note on Monday."
    assert events(text, parser) == set()
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    raw["verbs"].append({"lemmas": ["rebuff"], "type": "diplomatic_protest"})
    data = tmp_path / "verb_frames.json"
    data.write_text(json.dumps(raw), encoding="utf-8")
    monkeypatch.setattr(parsed_events, "load_frames", lambda: load_frames(data))
    assert events(text, parser) == {("diplomatic_protest", ("JPN", "CHN"), "2024-10-07")}


def test_parsers_are_named_by_the_setting() -> None:
    assert parser_named("none") is None
    with pytest.raises(ParserUnavailable, match="unknown parser"):
        parser_named("stanza")
