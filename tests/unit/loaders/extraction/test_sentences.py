from loaders.extraction.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Gen. Ortiz met Mr. Lane at St. Mary's on Jan. 5 in the U.S. capital. "
        "No. 10 said nothing. Then the U.N. envoy left."
    )
    assert texts(text) == [
        "Gen. Ortiz met Mr. Lane at St. Mary's on Jan. 5 in the U.S. capital.",
        "No. 10 said nothing.",
        "Then the U.N. envoy left.",
    ]


def test_acronym_at_the_end_of_a_sentence() -> None:
    assert texts("Troops left the U.S. The base closed.") == [
        "Troops left the U.S.",
        "The base closed.",
    ]


def test_initials_stay_in_the_name() -> None:
    assert texts("J. R. Smith arrived. He spoke.") == ["J. R. Smith arrived.", "He spoke."]


def test_quotes_and_questions() -> None:
    assert texts('"Is it over?" she asked. "Yes." It was.') == [
        '"Is it over?" she asked.',
        '"Yes."',
        "It was.",
    ]


def test_offsets_are_exact_and_paragraphs_counted() -> None:
    text = "First one here.\nSecond line wraps\nonto this line. Third.\n\nNew paragraph."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "First one here.",
        "Second line wraps\nonto this line.",
        "Third.",
        "New paragraph.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in sents] == [0, 1, 1, 2]


def test_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\n ") == []


def test_runaway_sentences_are_cut() -> None:
    from loaders.extraction.sentences import MAX_SENTENCE

    sents = split_sentences("word " * 2000)
    assert len(sents) > 1
    assert all(len(s.text) <= MAX_SENTENCE for s in sents)
