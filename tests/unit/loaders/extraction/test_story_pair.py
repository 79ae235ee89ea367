"""A story's pair carried into a one-sided sentence: an article about Japan and China that
says "Japan's ambassador was summoned" means summoned by China. Each row below is a
story of a pair (its first paragraph names both, often) and one sentence naming one side;
the traps are stories without a dominant pair, sentences naming a third party, meetings
(as often domestic), and whoever is fought alongside."""

from datetime import date

import pytest

from tests.unit.loaders.extraction.helpers import events

PUB = date(2024, 10, 9)  # a Wednesday
# Three paragraphs about China and Japan: the pair is named five and four times.
STORY = (
    "China and Japan traded accusations on Monday over the disputed islands. "
    "Beijing said Japanese coast guard vessels had entered Chinese waters, and Tokyo said "
    "Chinese ships had rammed a Japanese patrol boat. China and Japan have quarrelled over "
    "the islands for decades.\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # summoned: by the story's other side
            "Japan's ambassador was summoned on Tuesday.",
            ("diplomatic_protest", ("JPN", "CHN"), "2024-10-08"),
        ),
        (  # a clash told from one side's boat
            "A Japanese patrol boat was fired upon by a coast guard cutter on Tuesday.",
            ("armed_clash", ("JPN", "CHN"), "2024-10-08"),
        ),
    ],
)
def test_one_sided_act_takes_the_story_pair(
    sentence: str, expected: tuple[str, tuple[str, ...], str]
) -> None:
    assert expected in events(STORY + sentence, PUB)
    # The same sentence alone names one side: no event.
    assert not [e for e in events(sentence, PUB) if e[0] == expected[0]]


@pytest.mark.parametrize(
    "sentence",
    [
        # a meeting is as often domestic: not carried
        "Japan's prime minister held an emergency meeting on Tuesday.",
        # a third party is named: the pair is not the story's
        "Japan's ambassador to Russia was summoned on Tuesday.",
        # the act's object is a name the text does not place: whose side is a guess
        "On Tuesday Japan imposed sanctions on Hanwei Shipping and its owner.",
    ],
)
def test_traps_stay_one_sided(sentence: str) -> None:
    told = events(STORY + sentence, PUB) - events(STORY, PUB)
    assert not [e for e in told if set(e[1]) == {"CHN", "JPN"}]


def test_no_story_pair_without_a_dominant_pair() -> None:
    """Five states named about as often: no pair carries the one-sided sentence."""
    text = (
        "France, Germany, India, Pakistan and Brazil met in Paris on Monday. France and "
        "Germany spoke first; India and Pakistan next; Brazil last. France, Germany, India, "
        "Pakistan and Brazil agreed to meet again.\n\nIndia's ambassador was summoned on Tuesday."
    )
    assert not [e for e in events(text, PUB) if e[0] == "diplomatic_protest"]


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "In 1951 French troops fought alongside British forces against Germany.",
            ("armed_clash", ("FRA", "DEU"), "1951"),
            "GBR",
        ),
        (  # an ally is no enemy, and no story pair stands in for the missing side
            STORY + "In 1951 Japanese troops fought alongside Chinese soldiers.",
            None,
            "CHN",
        ),
    ],
)
def test_fought_alongside_is_the_doers_side(
    text: str, expected: tuple[str, tuple[str, ...], str] | None, absent: str
) -> None:
    found = events(text, PUB)
    if expected is not None:
        assert expected in found
    clashes = [e for e in found if e[0] == "armed_clash" and e[2] == "1951"]
    assert all(absent not in e[1] for e in clashes)
    assert clashes or expected is None
