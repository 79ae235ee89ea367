"""Leaders the reference data lacks (issue 28, item 4): a person introduced with a title and
a state gets the deterministic id reference persons follow (the slug of the name), a flag
that the text alone knows them and a lower confidence; reference persons keep their id and
no flag; a name without a title is no leader; the article graph links only reference
persons (a minted person has no node yet)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from loaders.article import Article
from loaders.extraction.extractor import TEXT_LEADER_CONFIDENCE, extract
from loaders.rdf.article_graph import article_graph
from ontology.identifiers import DEFAULT_BASE_IRI, person_iri
from ontology.namespace import GEO
from ontology.reference_data import PersonRef, Term, load_reference

TEXT = (
    "Kenyan President Amani Wekesa met Xi Jinping in Beijing on Monday. "
    "Wekesa said the talks were fruitful."
)


def extraction(text: str = TEXT):
    return extract(Article(url=None, title=None, published=date(2024, 6, 1), text=text))


def test_a_titled_unknown_leader_gets_a_slug_id_a_flag_and_lower_confidence() -> None:
    wekesa, xi = extraction().to_json()["leaders"]
    assert wekesa["name"] == "Amani Wekesa" and wekesa["state"] == "KEN"
    assert wekesa["person_id"] == "amani-wekesa" and wekesa["from_text"] is True
    assert wekesa["confidence"] == TEXT_LEADER_CONFIDENCE < 1
    assert xi["person_id"] == "xi-jinping" and xi["from_text"] is False


def test_a_name_without_a_title_is_not_minted() -> None:
    leaders = extraction("Amani Wekesa met Xi Jinping in Beijing on Monday.").leaders
    assert [x.name for x in leaders] == ["Xi Jinping"]


def test_the_article_graph_links_reference_persons_only() -> None:
    graph = article_graph(extraction(), DEFAULT_BASE_IRI)
    assert (None, GEO.mentions, person_iri(DEFAULT_BASE_IRI, "xi-jinping")) in graph
    assert (None, GEO.mentions, person_iri(DEFAULT_BASE_IRI, "amani-wekesa")) not in graph


def test_a_text_leader_whose_slug_is_a_reference_id_is_that_person() -> None:
    """The same id rule: 'Amani Wekesa' in the text meets the reference 'Amani Wekesá'."""
    base = load_reference()
    known = PersonRef(
        id="amani-wekesa",
        name="Amani Wekesá",
        terms=(Term("KEN", ("head_of_state",), "president", "2031-01-01"),),
    )
    reference = replace(base, leaders=(*base.leaders, known))
    article = Article(url=None, title=None, published=date(2024, 6, 1), text=TEXT)
    wekesa = extract(article, reference).to_json()["leaders"][0]
    assert wekesa["person_id"] == "amani-wekesa" and wekesa["from_text"] is False
