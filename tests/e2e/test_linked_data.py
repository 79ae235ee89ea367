"""/id/... dereferences the graph's IRIs: HTML for browsers, Turtle and JSON-LD for RDF clients."""

from __future__ import annotations

import re

import httpx
from rdflib import RDF, Graph, Literal, URIRef

from tests.e2e.conftest import Server

GEO = "https://geokg.example.org/ontology#"
CHN = URIRef("https://geokg.example.org/state/CHN")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_state_as_html(api: httpx.Client) -> None:
    page = api.get("/id/state/CHN", headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1>China</h1>" in page.text
    links = set(re.findall(r'href="(/id/[^"#]+)', page.text))
    assert links, "related IRIs link to their own /id/ pages"
    for href in sorted(links)[:5]:
        assert api.get(href, headers={"Accept": BROWSER}).status_code == 200, href


def test_state_as_turtle(api: httpx.Client) -> None:
    response = api.get("/id/state/CHN", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    assert (CHN, URIRef(GEO + "code"), Literal("CHN")) in graph
    assert (CHN, RDF.type, URIRef(GEO + "State")) in graph


def test_state_as_json_ld(api: httpx.Client) -> None:
    response = api.get("/id/state/CHN", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    graph = Graph().parse(data=response.text, format="json-ld")
    assert (CHN, URIRef(GEO + "name"), Literal("China")) in graph


def test_rdflib_dereferences_the_iri_directly(server: Server) -> None:
    graph = Graph().parse(server.url + "/id/state/PRK")
    assert (None, URIRef(GEO + "name"), Literal("North Korea")) in graph


def test_event_page_shows_sources_with_evidence(api: httpx.Client) -> None:
    event = api.get("/timeline/CHN/PRK").json()["items"][0]
    path = "/id/" + event["iri"].removeprefix("https://geokg.example.org/")
    page = api.get(path, headers={"Accept": BROWSER}).text
    sentence = event["sources"][0]["evidence"]
    assert "<h2>Sources</h2>" in page and sentence.split(",")[0] in page
    turtle = Graph().parse(data=api.get(path, headers={"Accept": "text/turtle"}).text)
    evidence = list(turtle.subjects(RDF.type, URIRef(GEO + "Evidence")))
    articles = list(turtle.subjects(RDF.type, URIRef(GEO + "Article")))
    assert evidence and articles, "the Turtle carries the Evidence and Article nodes"


def test_format_parameter_and_ontology_namespace(api: httpx.Client) -> None:
    response = api.get("/id/state/CHN", params={"format": "nt"})
    assert response.headers["content-type"].startswith("application/n-triples")
    ontology = api.get("/id/ontology", headers={"Accept": BROWSER})
    assert ontology.status_code == 200 and 'id="State"' in ontology.text


def test_unknown_iri_is_a_404_problem(api: httpx.Client) -> None:
    response = api.get("/id/state/XXX", headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert api.get("/id/state/CHN", headers={"Accept": "image/png"}).status_code == 406
