"""Checks of `ontology/reference/{states,organizations,alliances}.json`.

Conventions the checks rely on:

* `states.json` holds every ISO 3166-1 entry of pycountry (territories included), the former
  states history articles name (ISO 3166-3 codes, `former: true`, with `start` and `end`) and
  Kosovo under the user-assigned code XKX.
* A surface form (name, formal name, alias, demonym, capital) belongs to one current state only,
  except for the explicit `ALLOWED_SHARED` list; ambiguous forms are given to no state or to one
  deliberately ("Congo" to neither Congo, "Congolese" to DR Congo, "Dominican" to the Dominican
  Republic). A former state may share forms with its successor ("Moscow", "Hanoi") only as
  listed in `HISTORICAL_SHARED`; the extractor resolves those by date.
* A membership is active from `start` (inclusive) to `end` (exclusive); a missing start means
  "from the start of the alliance or organization".
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pycountry
import pytest

from ontology.dates import PartialDate, parse_partial
from ontology.reference_data import (
    REFERENCE_DIR,
    AllianceRef,
    Membership,
    OrganizationRef,
    ReferenceData,
    parse_reference,
)

FORMER_REQUIRED = {"SUN", "DDR", "YUG", "CSK", "YMD", "VDR"}
EXTRA_CODES = {"XKX"}  # user-assigned, not in ISO 3166
ALLOWED_SHARED: dict[str, set[str]] = {}  # surface form (casefolded) -> current state codes
HISTORICAL_SHARED = {
    "moscow": {"SUN", "RUS"},
    "hanoi": {"VDR", "VNM"},
    "belgrade": {"YUG", "SCG", "SRB"},
    "prague": {"CSK", "CZE"},
}
OBLIGATIONS = {"defense", "offense", "neutrality", "nonaggression", "consultation"}
ORG_KINDS = {"intergovernmental", "bloc", "alliance", "forum"}
QID = re.compile(r"^Q[1-9][0-9]*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
TODAY = date(2026, 6, 1)
TOLERANCE = timedelta(days=3)  # the Soviet UNSC seat passed to Russia a day before RUS.start
# memberships taken up before the state's own start date (as a protectorate or emirate)
PRE_INDEPENDENCE = {("org OPEC", "KWT"), ("org OPEC", "QAT"), ("org OPEC", "ARE")}


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return parse_reference()


def _raw(name: str) -> list[dict]:
    return json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))


def _d(text: str) -> PartialDate:
    return parse_partial(text)


def _codes(text: str) -> list[str]:
    return text.split()


def _org(ref: ReferenceData, code: str) -> OrganizationRef:
    return next(o for o in ref.organizations if o.code == code)


def _alliance(ref: ReferenceData, id_: str) -> AllianceRef:
    return next(a for a in ref.alliances if a.id == id_)


def _active(m: Membership, on: date, default_start: str | None = None) -> bool:
    start = m.start or default_start
    if start and _d(start).earliest > on:
        return False
    return not (m.end and _d(m.end).earliest <= on)


def _members_on(members: tuple[Membership, ...], on: date, default: str | None = None) -> set:
    return {m.state for m in members if _active(m, on, default)}


def _surface_forms(ref: ReferenceData) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = defaultdict(set)
    for s in ref.states:
        for value in (s.name, s.formal_name, *s.aliases, *s.demonyms, *s.capitals):
            if value:
                forms[value.casefold()].add(s.code)
    return forms


# --- states ---------------------------------------------------------------------------------


def test_every_pycountry_alpha3_present(ref: ReferenceData) -> None:
    codes = {s.code for s in ref.states}
    missing = {c.alpha_3 for c in pycountry.countries} - codes
    assert not missing, f"ISO 3166-1 states missing: {sorted(missing)}"


def test_codes_are_known(ref: ReferenceData) -> None:
    iso1 = {c.alpha_3 for c in pycountry.countries}
    iso3 = {c.alpha_3 for c in pycountry.historic_countries}
    for s in ref.states:
        if s.former:
            assert s.code in iso3, f"former state {s.code} is not an ISO 3166-3 code"
        else:
            assert s.code in iso1 | EXTRA_CODES, f"{s.code} is not an ISO 3166-1 code"


def test_state_codes_unique_and_sorted() -> None:
    codes = [s["code"] for s in _raw("states.json")]
    assert len(codes) == len(set(codes)), "duplicate state codes"
    assert codes == sorted(codes), "states.json must be sorted by code"


def test_json_keys_are_dataclass_fields() -> None:
    # parse_reference would raise on an unknown key; empty values must be omitted instead
    for name in ("states.json", "organizations.json", "alliances.json"):
        for obj in _raw(name):
            for key, value in obj.items():
                assert value not in (None, "", []), f"{name}: {obj.get('code') or obj['id']} {key}"


def test_former_states_flagged_with_period(ref: ReferenceData) -> None:
    former = {s.code: s for s in ref.states if s.former}
    assert set(former) >= FORMER_REQUIRED, f"missing: {FORMER_REQUIRED - set(former)}"
    for s in former.values():
        assert s.start and s.end, f"former state {s.code} needs start and end"
        assert _d(s.start).earliest < _d(s.end).earliest, s.code
    for s in ref.states:
        if not s.former:
            assert s.end is None, f"current state {s.code} has an end date"


def test_former_state_periods(ref: ReferenceData) -> None:
    by = ref.by_code
    assert (by["SUN"].start, by["SUN"].end) == ("1922-12-30", "1991-12-26")
    assert (by["DDR"].start, by["DDR"].end) == ("1949-10-07", "1990-10-03")
    assert (by["CSK"].start, by["CSK"].end) == ("1918-10-28", "1992-12-31")
    assert (by["VDR"].start, by["VDR"].end) == ("1945-09-02", "1976-07-02")
    assert by["YMD"].end == "1990-05-22"
    assert {"USSR", "the Soviet Union", "Soviets"} <= set(by["SUN"].aliases)
    assert "Soviet" in by["SUN"].demonyms and "Moscow" in by["SUN"].capitals


def test_every_state_has_a_press_name(ref: ReferenceData) -> None:
    for s in ref.states:
        assert s.name.strip() == s.name and s.name, s.code
        assert "," not in s.name or s.code == "SHN", f"{s.code}: inverted ISO name {s.name!r}"
        for value in (*s.aliases, *s.demonyms, *s.capitals):
            assert value.strip() == value and value, f"{s.code}: {value!r}"
        # a city-state's capital may carry its name ("Singapore"); its aliases may not
        assert s.name not in s.aliases, f"{s.code}: name repeated as an alias"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("CHN", "China"),
        ("PRK", "North Korea"),
        ("KOR", "South Korea"),
        ("RUS", "Russia"),
        ("IRN", "Iran"),
        ("SYR", "Syria"),
        ("VNM", "Vietnam"),
        ("LAO", "Laos"),
        ("BOL", "Bolivia"),
        ("VEN", "Venezuela"),
        ("TZA", "Tanzania"),
        ("MDA", "Moldova"),
        ("TWN", "Taiwan"),
        ("TUR", "Turkey"),
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("CIV", "Ivory Coast"),
        ("CZE", "Czech Republic"),
        ("SUN", "Soviet Union"),
        ("DDR", "East Germany"),
    ],
)
def test_press_names(ref: ReferenceData, code: str, name: str) -> None:
    assert ref.by_code[code].name == name


@pytest.mark.parametrize(
    ("code", "aliases"),
    [
        ("USA", {"the United States", "U.S.", "US", "USA", "America", "the U.S."}),
        ("GBR", {"Britain", "Great Britain", "UK", "U.K."}),
        ("PRK", {"DPRK", "Democratic People's Republic of Korea"}),
        ("KOR", {"ROK", "Republic of Korea"}),
        ("CHN", {"PRC", "People's Republic of China", "mainland China"}),
        ("ARE", {"UAE", "Emirates"}),
        ("NLD", {"Holland"}),
        ("TUR", {"Türkiye"}),
        ("CZE", {"Czechia"}),
    ],
)
def test_key_aliases(ref: ReferenceData, code: str, aliases: set[str]) -> None:
    assert aliases <= set(ref.by_code[code].aliases)


def test_pycountry_common_names_are_aliases_or_names(ref: ReferenceData) -> None:
    for c in pycountry.countries:
        common = getattr(c, "common_name", None)
        if common:
            s = ref.by_code[c.alpha_3]
            assert common == s.name or common in s.aliases, f"{c.alpha_3}: {common}"


@pytest.mark.parametrize(
    ("code", "demonym", "capital"),
    [
        ("CHN", "Chinese", "Beijing"),
        ("PRK", "North Korean", "Pyongyang"),
        ("KOR", "South Korean", "Seoul"),
        ("JPN", "Japanese", "Tokyo"),
        ("USA", "American", "Washington"),
        ("GBR", "British", "London"),
        ("RUS", "Russian", "Moscow"),
        ("UKR", "Ukrainian", "Kyiv"),
        ("PHL", "Filipino", "Manila"),
        ("SAU", "Saudi", "Riyadh"),
        ("IRN", "Iranian", "Tehran"),
        ("ISR", "Israeli", "Jerusalem"),
        ("EGY", "Egyptian", "Cairo"),
        ("JOR", "Jordanian", "Amman"),
        ("VNM", "Vietnamese", "Hanoi"),
        ("IND", "Indian", "New Delhi"),
        ("AUS", "Australian", "Canberra"),
        ("FRA", "French", "Paris"),
    ],
)
def test_demonyms_and_capitals(ref: ReferenceData, code: str, demonym: str, capital: str) -> None:
    s = ref.by_code[code]
    assert demonym in s.demonyms
    assert capital in s.capitals


def test_sovereign_states_have_capital_and_demonym(ref: ReferenceData) -> None:
    """Every state with a known start date (so every post-1900 state) names its capital."""
    for s in ref.states:
        if s.start and not s.former:
            assert s.capitals, f"{s.code} has no capital"
    no_demonym = {  # states whose adjective is just the name
        s.code for s in ref.states if s.start and not s.demonyms
    }
    assert no_demonym <= {"COG", "DMA", "KIR", "SLB"}, sorted(no_demonym)


def test_no_surface_form_shared_by_two_current_states(ref: ReferenceData) -> None:
    current = {s.code for s in ref.states if not s.former}
    collisions = {
        form: codes & current
        for form, codes in _surface_forms(ref).items()
        if len(codes & current) > 1
    }
    for form, codes in sorted(collisions.items()):
        print(f"shared surface form {form!r}: {sorted(codes)}")
    unexpected = {f: c for f, c in collisions.items() if ALLOWED_SHARED.get(f) != c}
    assert not unexpected, f"ambiguous surface forms: {unexpected}"


def test_historical_shared_forms_are_explicit(ref: ReferenceData) -> None:
    former = {s.code for s in ref.states if s.former}
    shared = {form: codes for form, codes in _surface_forms(ref).items() if len(codes) > 1}
    for form, codes in sorted(shared.items()):
        print(f"shared with a former state {form!r}: {sorted(codes)}")
        assert codes & former, form
        assert HISTORICAL_SHARED.get(form) == codes, f"{form!r}: {sorted(codes)}"


def test_deliberate_disambiguations(ref: ReferenceData) -> None:
    forms = _surface_forms(ref)
    assert "congo" not in forms, "'Congo' alone must name neither Congo"
    assert forms["congolese"] == {"COD"}
    assert forms["dominican"] == {"DOM"}
    assert forms["kingston"] == {"JAM"}


def test_wikidata_ids_valid_and_unique(ref: ReferenceData) -> None:
    seen: dict[str, str] = {}
    for s in ref.states:
        if s.wikidata:
            assert QID.match(s.wikidata), s.code
            assert s.wikidata not in seen, f"{s.code} and {seen[s.wikidata]} share {s.wikidata}"
            seen[s.wikidata] = s.code
    known = "CHN:Q148 USA:Q30 PRK:Q423 KOR:Q884 JPN:Q17 RUS:Q159 GBR:Q145 FRA:Q142 IND:Q668"
    for code, qid in (pair.split(":") for pair in f"{known} UKR:Q212 SUN:Q15180".split()):
        assert ref.by_code[code].wikidata == qid
    assert ref.by_code["VDR"].wikidata is None  # not certain: left out
    for o in ref.organizations:
        if o.wikidata:
            assert QID.match(o.wikidata), o.code
    assert _org(ref, "NATO").wikidata == "Q7184"
    assert _org(ref, "UN").wikidata == "Q1065"
    assert _org(ref, "EU").wikidata == "Q458"


def test_state_start_dates(ref: ReferenceData) -> None:
    by = ref.by_code
    expected = {
        "PRK": "1948-09-09",
        "KOR": "1948-08-15",
        "CHN": "1949-10-01",
        "ISR": "1948-05-14",
        "RUS": "1991-12-25",
        "UKR": "1991-08-24",
    }
    for code, start in expected.items():
        assert by[code].start == start
    for s in ref.states:
        if s.start and not s.former:
            assert _d(s.start).earliest.year >= 1900, s.code


# --- dates everywhere -----------------------------------------------------------------------


def _all_dates(ref: ReferenceData):
    for s in ref.states:
        for v in (s.start, s.end):
            if v:
                yield f"state {s.code}", v
    for o in ref.organizations:
        for v in (o.founded, o.dissolved):
            if v:
                yield f"org {o.code}", v
        for m in o.members:
            for v in (m.start, m.end):
                if v:
                    yield f"org {o.code} member {m.state}", v
    for a in ref.alliances:
        for v in (a.signed, a.start, a.end):
            if v:
                yield f"alliance {a.id}", v
        for m in a.members:
            for v in (m.start, m.end):
                if v:
                    yield f"alliance {a.id} member {m.state}", v


def test_dates_parse(ref: ReferenceData) -> None:
    for what, value in _all_dates(ref):
        assert ISO_DATE.match(value), f"{what}: {value!r}"
        parse_partial(value)  # raises on 2023-02-30 and the like
        assert _d(value).earliest <= TODAY, f"{what}: {value} is in the future"


# --- organizations and alliances ------------------------------------------------------------


def test_org_codes_and_alliance_ids_unique(ref: ReferenceData) -> None:
    codes = [o.code for o in ref.organizations]
    assert len(codes) == len(set(codes))
    ids = [a.id for a in ref.alliances]
    assert len(ids) == len(set(ids))
    for id_ in ids:
        assert SLUG.match(id_), id_


def test_org_kinds_and_obligations(ref: ReferenceData) -> None:
    for o in ref.organizations:
        assert o.kind in ORG_KINDS, o.code
        if o.founded and o.dissolved:
            assert _d(o.founded).earliest < _d(o.dissolved).earliest, o.code
    for a in ref.alliances:
        assert a.obligations and set(a.obligations) <= OBLIGATIONS, a.id
        if a.organization:
            assert a.organization in {o.code for o in ref.organizations}, a.id
        if a.signed and a.start:
            assert _d(a.signed).earliest <= _d(a.start).latest, a.id
        if a.start and a.end:
            assert _d(a.start).earliest < _d(a.end).earliest, a.id


def _groups(ref: ReferenceData):
    for o in ref.organizations:
        yield f"org {o.code}", o.founded, o.dissolved, o.members
    for a in ref.alliances:
        yield f"alliance {a.id}", a.signed or a.start, a.end, a.members


def test_membership_states_exist(ref: ReferenceData) -> None:
    for what, _start, _end, members in _groups(ref):
        for m in members:
            assert m.state in ref.by_code, f"{what}: unknown state {m.state}"


def test_memberships_within_group_and_state_periods(ref: ReferenceData) -> None:
    for what, founded, dissolved, members in _groups(ref):
        for m in members:
            label = f"{what} member {m.state}"
            if m.start and founded:
                assert _d(m.start).latest >= _d(founded).earliest, f"{label} before founding"
            if m.start and m.end:
                assert _d(m.start).earliest < _d(m.end).earliest, label
            if m.end and dissolved:
                assert _d(m.end).earliest <= _d(dissolved).latest, label
            state = ref.by_code[m.state]
            if m.start and state.start and (what, m.state) not in PRE_INDEPENDENCE:
                early = _d(state.start).earliest - TOLERANCE
                assert _d(m.start).latest >= early, f"{label} before the state's start"
            if m.end and state.start:
                assert _d(m.end).latest >= _d(state.start).earliest, f"{label} ends too early"
            if m.start and state.end:
                assert _d(m.start).earliest <= _d(state.end).latest, f"{label} after state end"


def test_repeated_memberships_do_not_overlap(ref: ReferenceData) -> None:
    for what, _start, _end, members in _groups(ref):
        spans = defaultdict(list)
        for m in members:
            spans[m.state].append(m)
        for state, ms in spans.items():
            ms = sorted(ms, key=lambda m: _d(m.start).earliest if m.start else date.min)
            for a, b in pairwise(ms):
                assert a.end and b.start, f"{what}: {state} listed twice without dates"
                assert _d(a.end).earliest <= _d(b.start).latest, f"{what}: {state} overlaps"


def test_required_member_lists(ref: ReferenceData) -> None:
    for code in _codes("UNSC NATO EU ASEAN SCO CSTO BRICS G7 QUAD AUKUS GCC WP SEATO"):
        assert _org(ref, code).members, code


# --- spot checks users care about -----------------------------------------------------------


def test_nato_finland_and_sweden(ref: ReferenceData) -> None:
    nato = _org(ref, "NATO").members
    assert "FIN" in _members_on(nato, date(2024, 1, 1))
    assert "SWE" not in _members_on(nato, date(2024, 1, 1))
    assert "SWE" in _members_on(nato, date(2024, 3, 8))
    assert "FIN" not in _members_on(nato, date(2023, 4, 3))
    assert len(_members_on(nato, TODAY)) == 32
    assert len(_members_on(nato, date(1950, 1, 1))) == 12
    assert "DEU" not in _members_on(nato, date(1955, 1, 1))
    alliance = _alliance(ref, "nato")
    assert alliance.organization == "NATO"
    assert set(alliance.obligations) == {"defense", "consultation"}
    assert _members_on(alliance.members, TODAY) == _members_on(nato, TODAY)


def test_unsc_permanent_members(ref: ReferenceData) -> None:
    unsc = _org(ref, "UNSC").members
    assert _members_on(unsc, TODAY) == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert _members_on(unsc, date(1980, 1, 1)) == {"CHN", "FRA", "GBR", "SUN", "USA"}
    assert "CHN" not in _members_on(unsc, date(1960, 1, 1))
    assert "RUS" not in _members_on(unsc, date(1990, 1, 1))


def test_eu_brexit(ref: ReferenceData) -> None:
    eu = _org(ref, "EU").members
    assert "GBR" in _members_on(eu, date(2019, 1, 1))
    assert "GBR" not in _members_on(eu, date(2020, 2, 1))
    assert len(_members_on(eu, TODAY)) == 27


def test_blocs_today(ref: ReferenceData) -> None:
    assert _members_on(_org(ref, "QUAD").members, TODAY) == {"USA", "JPN", "IND", "AUS"}
    assert _members_on(_org(ref, "AUKUS").members, TODAY) == {"AUS", "GBR", "USA"}
    brics = _members_on(_org(ref, "BRICS").members, TODAY)
    assert {"BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"} == brics
    sco = _org(ref, "SCO").members
    assert "IRN" in _members_on(sco, date(2023, 8, 1))
    assert "BLR" not in _members_on(sco, date(2024, 1, 1))
    assert len(_members_on(_org(ref, "ASEAN").members, date(2025, 1, 1))) == 10
    assert _members_on(_org(ref, "G7").members, TODAY) == set(_codes("CAN FRA DEU ITA JPN GBR USA"))


def test_warsaw_pact_and_seato_ended(ref: ReferenceData) -> None:
    wp = _org(ref, "WP")
    assert wp.dissolved == "1991-07-01"
    assert _members_on(wp.members, date(1992, 1, 1)) == set()
    assert "DDR" in _members_on(wp.members, date(1980, 1, 1))
    assert _members_on(_org(ref, "SEATO").members, date(1980, 1, 1)) == set()
    assert _alliance(ref, "warsaw-pact").organization == "WP"
    assert _alliance(ref, "seato").organization == "SEATO"


def test_korean_peninsula_treaties(ref: ReferenceData) -> None:
    sino = _alliance(ref, "sino-north-korean-treaty")
    assert {m.state for m in sino.members} == {"CHN", "PRK"}
    assert sino.signed == "1961-07-11" and sino.end is None
    assert "defense" in sino.obligations
    assert _members_on(sino.members, TODAY, sino.start) == {"CHN", "PRK"}
    ru = _alliance(ref, "russia-north-korea-treaty")
    assert {m.state for m in ru.members} == {"PRK", "RUS"}
    assert (ru.signed, ru.start) == ("2024-06-19", "2024-12-04")
    assert "defense" in ru.obligations
    assert _members_on(ru.members, date(2024, 7, 1), ru.start) == set()
    assert _members_on(ru.members, date(2025, 1, 1), ru.start) == {"PRK", "RUS"}
    rok = _alliance(ref, "us-rok-mutual-defense-treaty")
    assert {m.state for m in rok.members} == {"KOR", "USA"}
    assert (rok.signed, rok.start) == ("1953-10-01", "1954-11-17")


def test_other_treaties(ref: ReferenceData) -> None:
    anzus = _alliance(ref, "anzus")
    assert {m.state for m in anzus.members} == {"AUS", "NZL", "USA"}
    assert (anzus.signed, anzus.start) == ("1951-09-01", "1952-04-29")
    japan = _alliance(ref, "us-japan-security-treaty")
    assert (japan.signed, japan.start) == ("1960-01-19", "1960-06-23")
    phl = _alliance(ref, "us-philippines-mutual-defense-treaty")
    assert (phl.signed, phl.start) == ("1951-08-30", "1952-08-27")
    rio = _alliance(ref, "rio-treaty")
    assert "MEX" not in _members_on(rio.members, TODAY, rio.start)
    assert "MEX" in _members_on(rio.members, date(2000, 1, 1), rio.start)
    assert "USA" in _members_on(rio.members, TODAY, rio.start)
    csto = _alliance(ref, "csto")
    assert csto.organization == "CSTO"
    assert "GEO" not in _members_on(csto.members, TODAY, csto.start)
    assert "RUS" in _members_on(csto.members, TODAY, csto.start)
