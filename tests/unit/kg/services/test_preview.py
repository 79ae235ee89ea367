"""The ingest preview's spans (kg/services/preview.py): every offset points at the text it
names in the article, the trigger of an event is a word of its evidence sentence, and the
extraction is the one ingest would store."""

from __future__ import annotations

from datetime import date

from kg.services.preview import preview
from loaders.article import Article
from loaders.extraction.extractor import extract

TEXT = (
    "China and North Korea signed a treaty of friendship on July 11, 1961. "
    "Xi Jinping met Kim Jong-un in Pyongyang in June 2019."
)
ARTICLE = Article(text=TEXT, published=date(2024, 10, 6))


def test_every_span_points_at_its_text() -> None:
    found = preview(ARTICLE)
    assert found.text == TEXT
    spans = [*found.mentions, *found.dates, *(t for t in found.triggers if t)]
    assert spans
    for span in spans:
        assert TEXT[span.start : span.end] == span.text, span


def test_mentions_dates_and_the_treaty_trigger() -> None:
    found = preview(ARTICLE)
    assert {(m.text, m.value) for m in found.mentions} >= {("China", "CHN"), ("Kim Jong-un", "PRK")}
    assert ("July 11, 1961", "1961-07-11") in {(d.text, d.value) for d in found.dates}
    treaty = next(i for i, e in enumerate(found.extraction.events) if e.type == "treaty_signed")
    event, trigger = found.extraction.events[treaty], found.triggers[treaty]
    assert trigger is not None and trigger.text == "signed" and trigger.kind == "treaty_signed"
    assert event.start <= trigger.start < trigger.end <= event.end  # inside its evidence
    assert len(found.triggers) == len(found.extraction.events)


def test_the_extraction_is_the_one_ingest_stores() -> None:
    assert preview(ARTICLE).extraction == extract(ARTICLE)
    strict = preview(ARTICLE, lambda article: extract(article).at_least(1.0))
    assert strict.extraction.events == [] and strict.triggers == []
