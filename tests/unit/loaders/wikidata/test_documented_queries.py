"""The SPARQL queries of docs/wikidata.md, run (with rdflib) over a few triples in Wikidata's
RDF model, give results JSON that the reader maps: the documented queries and the reader
agree on variables, ranks and precisions. The label service is replaced by rdfs:label."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

from loaders.wikidata.mapping import map_harvest
from loaders.wikidata.reader import read_wikidata
from ontology.reference_data import Membership, load_reference

DOC = Path(__file__).parents[4] / "docs" / "wikidata.md"
PREFIXES = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix pqv: <http://www.wikidata.org/prop/qualifier/value/> .
@prefix wikibase: <http://wikiba.se/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
DATA = """
wd:Q183 wdt:P298 "DEU" ; wdt:P2388 wd:Q4970706 ; schema:version 2300000040 ;
    p:P463 wd:Q183-nato ; p:P530 wd:Q183-fra .
wd:Q142 wdt:P298 "FRA" .
wd:Q183-nato ps:P463 wd:Q7184 ; wikibase:rank wikibase:NormalRank ;
    pqv:P580 [ wikibase:timeValue "1955-05-06T00:00:00Z"^^xsd:dateTime ; wikibase:timePrecision 11 ] .
wd:Q183-fra ps:P530 wd:Q142 ; wikibase:rank wikibase:NormalRank .
wd:Q4970706 rdfs:label "Chancellor of Germany"@en .
wd:Q61053 rdfs:label "Olaf Scholz"@en ; schema:version 2300000041 ; p:P39 wd:Q61053-c, wd:Q61053-x .
wd:Q61053-c ps:P39 wd:Q4970706 ; wikibase:rank wikibase:NormalRank ;
    pqv:P580 [ wikibase:timeValue "2021-12-08T00:00:00Z"^^xsd:dateTime ; wikibase:timePrecision 11 ] ;
    pqv:P582 [ wikibase:timeValue "2025-05-06T00:00:00Z"^^xsd:dateTime ; wikibase:timePrecision 11 ] .
wd:Q61053-x ps:P39 wd:Q4970706 ; wikibase:rank wikibase:DeprecatedRank ;
    pqv:P580 [ wikibase:timeValue "1999-01-01T00:00:00Z"^^xsd:dateTime ; wikibase:timePrecision 9 ] .
"""
QUERY_PREFIXES = "\n".join(
    line.replace("@prefix", "PREFIX").rstrip(" .") for line in PREFIXES.strip().splitlines()
)


def _results(tmp_path: Path, index: int) -> Path:
    query = re.findall(r"```sparql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)[index]
    query = re.sub(
        r"SERVICE wikibase:label \{.*?\}\n",
        "OPTIONAL { ?office rdfs:label ?officeLabel } OPTIONAL { ?person rdfs:label ?personLabel }\n",
        query,
    )
    graph = Graph().parse(data=PREFIXES + DATA, format="turtle")
    path = tmp_path / f"query{index}.json"
    path.write_bytes(graph.query(QUERY_PREFIXES + "\n" + query).serialize(format="json") or b"")
    return path


def test_leaders_query(tmp_path: Path) -> None:
    wiki = map_harvest(read_wikidata(_results(tmp_path, 0)), load_reference())
    [term] = wiki.terms["Q61053"]  # the deprecated statement is filtered by the query
    assert (term.state, term.offices, term.role) == ("DEU", ("head_of_government",), "chancellor")
    assert (term.start, term.end, term.source) == (
        "2021-12-08",
        "2025-05-06",
        "wikidata:Q61053@2300000041",
    )
    assert wiki.people["Q61053"].name == "Olaf Scholz"


def test_memberships_and_relations_queries(tmp_path: Path) -> None:
    wiki = map_harvest(read_wikidata(_results(tmp_path, 1)), load_reference())
    assert wiki.memberships == {"NATO": [Membership("DEU", "1955-05-06")]}
    assert wiki.sources[("NATO", "DEU", "1955-05-06")] == "wikidata:Q183@2300000040"
    relations = map_harvest(read_wikidata(_results(tmp_path, 2)), load_reference())
    assert relations.relations == {("DEU", "FRA", None, None)}
