"""Checks of `ontology/reference/actors.json`, the non-state actors, and of their reference
graph: every row well formed, codes unique and apart from state and organization codes, names
and aliases unique, states known, a source for every row, and the graph SHACL-valid.

Conventions the checks rely on:

* A code is upper-case letters and digits, stable, and never a state's or an organization's
  code (so `actor_iri` can tell them apart: PKK and ELN are not read as states).
* A name or alias belongs to one actor, and to no state or organization (`kg lookup` and the
  extractor resolve it to one node). An alias is never a state or organization code.
* `wikidata` is given only where it was checked; `founded` / `dissolved` only where certain.
* Sub-state entities that are constitutional parts of their state (Republika Srpska, the
  Kurdistan Region of Iraq, Puntland) are not actors; de facto authorities (Transnistria,
  Somaliland) are (docs/data-model.md, "Non-state actors").
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import fields

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from loaders.rdf.reference_graph import reference_graph
from ontology.dates import parse_partial
from ontology.identifiers import DEFAULT_BASE_IRI, actor_iri, non_state_actor_iri, state_iri
from ontology.namespace import ACLED_ACTOR_TYPES, ACTOR_KINDS, CAMEO_ACTOR_TYPES, GEO
from ontology.reference_data import REFERENCE_DIR, ActorRef, ReferenceData, parse_reference
from ontology.shacl import validate

B = DEFAULT_BASE_IRI
CODE = re.compile(r"^[A-Z][A-Z0-9]{1,23}$")
QID = re.compile(r"^Q[1-9][0-9]*$")
URL = re.compile(r"^https://[^\s/]+\.[a-z]{2,}/\S+$")
# The actors the issue names, and the names news gives them.
EXPECTED_ALIASES = {
    "HAMAS": {"Hamas"},
    "HEZBOLLAH": {"Hezbollah", "Hizbollah"},
    "HOUTHIS": {"Houthis", "Ansar Allah"},
    "ISIS": {"Islamic State", "ISIS", "ISIL", "Daesh"},
    "ALQAEDA": {"al-Qaeda"},
    "AQAP": {"AQAP"},
    "ALSHABAAB": {"al-Shabaab"},
    "AQIM": {"AQIM"},
    "TALIBAN": {"Taliban"},
    "TTP": {"Pakistani Taliban"},
    "WAGNER": {"Wagner Group", "Wagner"},
    "BOKOHARAM": {"Boko Haram"},
    "ISWAP": {"ISWAP"},
    "PKK": {"PKK"},
    "YPG": {"YPG"},
    "SDF": {"SDF"},
    "PIJ": {"Palestinian Islamic Jihad"},
    "FATAH": {"Fatah"},
    "PLO": {"PLO"},
    "HTS": {"Hayat Tahrir al-Sham", "HTS"},
    "FSA": {"Free Syrian Army"},
    "KATAIBHEZBOLLAH": {"Kataib Hezbollah"},
    "PMF": {"Popular Mobilization Forces"},
    "M23": {"M23"},
    "RSF": {"Rapid Support Forces"},
    "TPLF": {"Tigray People's Liberation Front"},
    "FARC": {"FARC"},
    "ELN": {"ELN"},
    "SHININGPATH": {"Shining Path"},
    "LTTE": {"Tamil Tigers"},
    "LET": {"Lashkar-e-Taiba"},
    "JAISHEMOHAMMED": {"Jaish-e-Mohammed"},
    "ABUSAYYAF": {"Abu Sayyaf"},
    "MILF": {"Moro Islamic Liberation Front"},
    "POLISARIO": {"Polisario Front"},
    "SOMALILAND": {"Somaliland"},
    "DPR": {"Donetsk People's Republic"},
    "LPR": {"Luhansk People's Republic"},
    "TRANSNISTRIA": {"Transnistria"},
    "ABKHAZIA": {"Abkhazia"},
    "SOUTHOSSETIA": {"South Ossetia"},
    "NORTHERNCYPRUS": {"Northern Cyprus"},
    "KLA": {"Kosovo Liberation Army"},
    "IRA": {"IRA"},
    "ETA": {"ETA"},
    "ARAKANARMY": {"Arakan Army"},
    "KIA": {"Kachin Independence Army"},
    "NUG": {"National Unity Government"},
    "JNIM": {"JNIM"},
    "ANSARDINE": {"Ansar Dine"},
    "JANJAWEED": {"Janjaweed"},
    "SPLMIO": {"SPLM-IO"},
    "NUSRA": {"al-Nusra Front"},
}
NOT_ACTORS = {"Republika Srpska", "Kurdistan Region", "Puntland", "Kosovo", "Taiwan", "Palestine"}


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return parse_reference()


def _forms(actor: ActorRef) -> list[str]:
    return [actor.name, *actor.aliases]


def test_there_are_at_least_80_actors(ref: ReferenceData) -> None:
    assert len(ref.actors) >= 80


def test_every_row_has_only_known_keys_and_the_required_ones() -> None:
    known = {f.name for f in fields(ActorRef)}
    rows = json.loads((REFERENCE_DIR / "actors.json").read_text(encoding="utf-8"))
    for row in rows:
        assert set(row) <= known, (row["code"], set(row) - known)
        assert {"code", "name", "kind", "based_in", "source"} <= set(row), row.get("code")


def test_codes_are_well_formed_unique_and_apart_from_states_and_organizations(
    ref: ReferenceData,
) -> None:
    codes = [a.code for a in ref.actors]
    assert [c for c in codes if not CODE.fullmatch(c)] == []
    assert len(codes) == len(set(codes))
    others = {s.code for s in ref.states} | {o.code for o in ref.organizations}
    assert set(codes) & others == set()


def test_kinds_and_annotations_come_from_the_closed_vocabularies(ref: ReferenceData) -> None:
    for a in ref.actors:
        assert a.kind in ACTOR_KINDS, a.code
        assert a.acled is None or a.acled in ACLED_ACTOR_TYPES, a.code
        assert a.cameo is None or a.cameo in CAMEO_ACTOR_TYPES, a.code


def test_every_kind_is_used(ref: ReferenceData) -> None:
    assert {a.kind for a in ref.actors} == set(ACTOR_KINDS)


def test_states_exist(ref: ReferenceData) -> None:
    states = set(ref.by_code)
    for a in ref.actors:
        assert a.based_in, a.code
        assert set(a.based_in) | set(a.active_in) <= states, a.code
        assert len(set(a.based_in)) == len(a.based_in), a.code
        assert len(set(a.active_in)) == len(a.active_in), a.code


def test_names_and_aliases_are_unique_across_actors(ref: ReferenceData) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for a in ref.actors:
        for form in _forms(a):
            owners[form.casefold()].add(a.code)
    assert {form: codes for form, codes in owners.items() if len(codes) > 1} == {}
    for a in ref.actors:
        assert all(f.strip() == f and f for f in _forms(a)), a.code
        assert len(set(_forms(a))) == len(_forms(a)), a.code  # case variants may differ


def test_no_name_or_alias_is_a_state_or_organization_name_or_code(ref: ReferenceData) -> None:
    taken: set[str] = set()
    for s in ref.states:
        taken |= {f.casefold() for f in (s.code, s.name, s.formal_name, *s.aliases) if f}
        taken |= {f.casefold() for f in (*s.demonyms, *s.capitals)}
    for o in ref.organizations:
        taken |= {f.casefold() for f in (o.code, o.name, *o.aliases)}
    clashes = [(a.code, f) for a in ref.actors for f in _forms(a) if f.casefold() in taken]
    assert clashes == []


def test_sources_ids_and_dates_are_well_formed(ref: ReferenceData) -> None:
    for a in ref.actors:
        assert URL.fullmatch(a.source), a.code
        assert a.wikidata is None or QID.fullmatch(a.wikidata), a.code
        if a.founded and a.dissolved:
            assert parse_partial(a.founded).earliest <= parse_partial(a.dissolved).latest, a.code
        for text in (a.founded, a.dissolved):
            if text:
                assert parse_partial(text).latest.year <= 2026, a.code


def test_the_actors_the_issue_names_are_there_with_their_names(ref: ReferenceData) -> None:
    by_code = {a.code: a for a in ref.actors}
    for code, names in EXPECTED_ALIASES.items():
        assert code in by_code, code
        assert names <= set(_forms(by_code[code])), (code, names - set(_forms(by_code[code])))


def test_sub_state_entities_and_states_are_not_actors(ref: ReferenceData) -> None:
    forms = {f.casefold() for a in ref.actors for f in _forms(a)}
    assert {n.casefold() for n in NOT_ACTORS} & forms == set()


def test_de_facto_authorities_are_based_in_the_state_they_claim_territory_of(
    ref: ReferenceData,
) -> None:
    by_code = {a.code: a for a in ref.actors}
    assert by_code["TRANSNISTRIA"].based_in == ("MDA",)
    assert by_code["SOMALILAND"].based_in == ("SOM",)
    assert by_code["NORTHERNCYPRUS"].based_in == ("CYP",)
    assert by_code["ABKHAZIA"].kind == by_code["DPR"].kind == "de_facto_authority"


def test_the_actors_graph_conforms_to_the_shapes(ref: ReferenceData) -> None:
    g = reference_graph("actors", ref, B)
    assert validate(g) == []
    hamas = non_state_actor_iri(B, "HAMAS")
    assert (hamas, RDF.type, GEO.NonStateActor) in g
    assert (hamas, GEO.code, Literal("HAMAS")) in g
    assert (hamas, GEO.kind, Literal("armed_group")) in g
    assert (hamas, GEO.basedIn, state_iri(B, "PSE")) in g
    assert (hamas, GEO.activeIn, state_iri(B, "ISR")) in g
    houthis = non_state_actor_iri(B, "HOUTHIS")
    assert (houthis, GEO.alias, Literal("Ansar Allah")) in g
    assert len(set(g.subjects(RDF.type, GEO.NonStateActor))) == len(ref.actors)


def test_a_malformed_actor_is_refused() -> None:
    bad = ActorRef("HAMAS", "Hamas", "terrorist", ("PSE",), "https://example.org/x")
    with pytest.raises(ValueError, match="non-state actor HAMAS: kind"):
        reference_graph("actors", ReferenceData(actors=(bad,)), B)
    lower = ActorRef("hamas", "Hamas", "armed_group", ("PSE",), "https://example.org/x")
    g = reference_graph("actors", ReferenceData(actors=(lower,)), B)
    assert {v.path for v in validate(g)} == {"geo:code"}


def test_an_actor_code_is_an_actor_iri_not_a_state_or_organization() -> None:
    assert actor_iri(B, "HAMAS") == URIRef(f"{B}actor/HAMAS")
    assert actor_iri(B, "pkk") == URIRef(f"{B}actor/PKK")  # three letters, yet no state
    assert actor_iri(B, "ELN") == URIRef(f"{B}actor/ELN")
    assert actor_iri(B, "PRK") == state_iri(B, "PRK")
    assert actor_iri(B, "NATO") == URIRef(f"{B}org/NATO")
