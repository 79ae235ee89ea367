"""Leaders the reference data lacks (issue 28, item 4): a person introduced with a title and
a state gets the deterministic id reference persons follow (the slug of the name), a flag
that the text alone knows them and a lower confidence; reference persons keep their id and
no flag; a name without a title is no leader; the article graph gives a minted person a
node (geo:textName, the introducing sentence) and a geo:ReportedRole with title and state."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from rdflib import RDF, XSD, Literal

from loaders.article import Article
from loaders.extraction.extractor import TEXT_LEADER_CONFIDENCE, extract
from loaders.rdf.article_graph import article_graph
from ontology.identifiers import DEFAULT_BASE_IRI, person_iri, state_iri
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


def test_the_article_graph_mints_a_text_person_with_its_role_and_sentence() -> None:
    graph = article_graph(extraction(), DEFAULT_BASE_IRI)
    wekesa = person_iri(DEFAULT_BASE_IRI, "amani-wekesa")
    assert (None, GEO.mentions, wekesa) in graph
    assert (None, GEO.mentions, person_iri(DEFAULT_BASE_IRI, "xi-jinping")) in graph
    assert (wekesa, RDF.type, GEO.Person) in graph
    # the text's name is not geo:name: the reference name, once known, stays the one name
    assert graph.value(wekesa, GEO.textName) == Literal("Amani Wekesa")
    assert graph.value(wekesa, GEO.name) is None
    evidence = graph.value(wekesa, GEO.evidence)
    assert str(graph.value(evidence, GEO.sentence)).startswith("Kenyan President Amani Wekesa")
    role = graph.value(None, GEO.holder, wekesa)
    assert (role, RDF.type, GEO.ReportedRole) in graph
    assert graph.value(role, GEO.state) == state_iri(DEFAULT_BASE_IRI, "KEN")
    assert graph.value(role, GEO.role) == Literal("president")
    assert graph.value(role, GEO.office) == GEO.HeadOfState
    assert graph.value(role, GEO.asOf) == Literal("2024-06-01", datatype=XSD.date)


def test_a_reference_person_gets_no_text_name_or_role() -> None:
    graph = article_graph(extraction(), DEFAULT_BASE_IRI)
    xi = person_iri(DEFAULT_BASE_IRI, "xi-jinping")
    assert (xi, None, None) not in graph  # linked from the article only
    assert len(list(graph.subjects(RDF.type, GEO.ReportedRole))) == 1


def test_a_later_surname_resolves_to_the_text_person() -> None:
    """'Wekesa said ...' is the person introduced as 'Kenyan President Amani Wekesa'."""
    text = TEXT + " On Tuesday Wekesa flew to Tokyo for a state visit to Japan."
    leaders = extraction(text).leaders
    assert [x.person_id for x in leaders] == ["amani-wekesa", "xi-jinping"]
    visits = [e for e in extraction(text).events if e.type == "state_visit"]
    assert [e.participants for e in visits] == [["KEN", "JPN"]]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Amani Wekesa, Kenya's foreign minister, met the Japanese envoy on Monday.",
            ("Amani Wekesa", "KEN", "foreign minister"),
        ),
        (
            "Iran's Foreign Minister Hossein Amir-Abdollahian said it hit militants.",
            ("Hossein Amir-Abdollahian", "IRN", "foreign minister"),
        ),
        (
            "Foreign Minister Amani Wekesa of Kenya arrived in Tokyo on Monday.",
            ("Amani Wekesa", "KEN", "foreign minister"),
        ),
        (
            "Muhammad Al Jaber, Saudi ambassador to Yemen, arrived on Saturday.",
            ("Muhammad Al Jaber", "SAU", "ambassador"),
        ),
        (
            "Kenyan Vice President Amani Wekesa arrived in Tokyo on Monday.",
            ("Amani Wekesa", "KEN", "vice president"),
        ),
        (
            "Chinese foreign ministry spokesman Lin Jian said on Monday that talks would go on.",
            ("Lin Jian", "CHN", "spokesperson"),
        ),
    ],
)
def test_a_titled_official_is_minted_apart_from_the_leaders(text: str, expected: tuple) -> None:
    out = extraction(text)
    assert [(o.name, o.state, o.role) for o in out.officials] == [expected]
    assert out.officials[0].from_text and out.officials[0].evidence == text
    assert out.leaders == []  # a minister is no head of state or government


def test_an_official_without_a_state_or_a_name_is_not_minted() -> None:
    assert extraction("The foreign minister said on Monday that talks would go on.").officials == []
    assert (
        extraction("Foreign Minister Wekesa said on Monday that talks would go on.").officials == []
    )


def test_the_article_graph_mints_an_official_with_the_role_the_text_gives() -> None:
    text = "Amani Wekesa, Kenya's foreign minister, met Xi Jinping in Beijing on Monday."
    graph = article_graph(extraction(text), DEFAULT_BASE_IRI)
    wekesa = person_iri(DEFAULT_BASE_IRI, "amani-wekesa")
    assert graph.value(wekesa, GEO.textName) == Literal("Amani Wekesa")
    role = graph.value(None, GEO.holder, wekesa)
    assert graph.value(role, GEO.role) == Literal("foreign minister")
    assert graph.value(role, GEO.office) is None  # a minister holds no head's office
    assert (None, GEO.mentions, wekesa) in graph


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the official's surname, later, stands for the state
            "Kenya's Foreign Minister Amani Wekesa arrived on Monday. On Tuesday Wekesa held "
            "talks with Chinese Foreign Minister Wang Yi in Beijing.",
            ("talks", ("KEN", "CHN"), "2024-05-28"),
        ),
        (  # a visit told of the official alone, after the introduction
            "Iranian Defense Minister Hossein Dehqan condemned the strike. Dehqan said on "
            "Thursday, while on a visit to Moscow, that the strike helped terrorists.",
            ("state_visit", ("IRN", "RUS"), "2024-05"),
        ),
    ],
)
def test_an_official_named_again_acts_for_the_state(text: str, expected: tuple) -> None:
    """Ministers and envoys act for their states: a later mention of the name gives the
    state a part in the event (talks, not a summit: they are no heads)."""
    events = {(e.type, tuple(e.participants), e.date) for e in extraction(text).events}
    assert expected in events
