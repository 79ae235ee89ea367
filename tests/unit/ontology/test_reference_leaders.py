"""Checks of `ontology/reference/leaders.json`, the heads of state and government.

Modelling conventions the checks rely on:

* A term holds `head_of_state`, `head_of_government` or both (a US president holds both, a UK
  prime minister `head_of_government`, the UK monarch `head_of_state`).
* Soviet Union (SUN): the party leader (Stalin, Khrushchev, Brezhnev, Andropov, Chernenko,
  Gorbachev) is recorded as the state's leader with `head_of_state` and his party title as role
  ("general secretary", "first secretary"), whether or not he formally chaired the Presidium of the
  Supreme Soviet, because the press treats him as the state's leader; Gorbachev is "president"
  from 1990-03-15. The formal heads of state who were not the party leader at the time (Kalinin,
  Shvernik, Voroshilov, Brezhnev 1960-1964, Mikoyan, Podgorny, Gromyko) are recorded with role
  "chairman of the presidium" and may overlap the party leader. Soviet premiers (Chairmen of the
  Council of Ministers) hold `head_of_government` with role "premier".
* China (CHN): the paramount leader holds `head_of_state` (Mao and Hua as "chairman", Deng as
  "leader", Jiang as "general secretary" until he became president in 1993, then the presidents);
  the formal heads of state who were not the paramount leader (Liu Shaoqi, Dong Biwu, Li Xiannian,
  Yang Shangkun) may overlap the paramount leader.
* East Germany (DDR) follows the Soviet convention: the party leader (Ulbricht, Honecker, Krenz)
  holds `head_of_state`; President Wilhelm Pieck may overlap Ulbricht.
* Collective heads of state (Bosnia's presidency, Nicaragua's co-presidents) are listed in
  `COLLECTIVE_ROLES`; rival claimants the press names as leaders in `DISPUTED`.
* North Korea (PRK): the three Kims hold `head_of_state` with role "leader".
* An impeached and suspended president overlaps the acting president who exercised the powers
  until the removal (see `SUSPENSIONS`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations

import pycountry
import pytest

from ontology.reference_data import REFERENCE_DIR, PersonRef, Term, load_reference, parse_reference

OFFICES = {"head_of_state", "head_of_government"}
FORMER_STATES = {"SUN", "DDR", "YUG", "CSK"}  # ISO 3166-3 codes allowed besides ISO 3166-1
AS_OF = date(2026, 11, 28)  # the data is current as of this date
TOLERANCE = timedelta(days=3)  # handovers recorded a few days apart are not overlaps
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9][0-9]*$")
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# one-word aliases the press uses as a full name (never a bare surname)
MONONYM_ALIASES = {"Jokowi", "Lula", "Soekarno", "Soeharto", "Tito"}

# Formal heads of state that overlap the de facto leader recorded under the same office.
TITULAR_ROLES = {("SUN", "chairman of the presidium")}
TITULAR_PERSONS = {
    ("CHN", "liu-shaoqi"),
    ("CHN", "dong-biwu"),
    ("CHN", "li-xiannian"),
    ("CHN", "yang-shangkun"),
    (
        "DDR",
        "wilhelm-pieck",
    ),  # president under the party leader Ulbricht, as SUN's presidium chairs
}
# Collective heads of state: every member holds the office at once, so their terms overlap.
COLLECTIVE_ROLES = {
    # Bosnia and Herzegovina: three-member presidency (Bosniak, Croat, Serb), chair rotating
    ("BIH", "member of the presidency"): "three members sit at once",
    # Nicaragua: the 2025 constitutional reform made Ortega and Murillo co-presidents
    ("NIC", "co-president"): "two co-presidents since 2025-02-18",
}
# Rival claimants recorded side by side because the press names both as the state's leader.
DISPUTED: dict[frozenset[str], str] = {
    frozenset({"nicolas-maduro", "juan-guaido"}): "VEN 2019-2023, Guaidó recognized by ~50 states",
    frozenset({"laurent-gbagbo", "alassane-ouattara"}): "CIV 2010-2011 post-election crisis",
}
# Real overlaps: an impeached/incapacitated leader still formally in office while another acted.
SUSPENSIONS = {
    frozenset({"roh-moo-hyun", "goh-kun"}),  # KOR 2004 impeachment, reinstated
    frozenset({"park-geun-hye", "hwang-kyo-ahn"}),  # KOR 2016-2017 impeachment
    frozenset({"yoon-suk-yeol", "han-duck-soo"}),  # KOR 2024-2025 impeachment
    frozenset({"yoon-suk-yeol", "choi-sang-mok"}),
    frozenset({"fernando-collor-de-mello", "itamar-franco"}),  # BRA 1992 impeachment
    frozenset({"dilma-rousseff", "michel-temer"}),  # BRA 2016 impeachment
    frozenset({"ariel-sharon", "ehud-olmert"}),  # ISR 2006, Sharon incapacitated
}


def to_date(value: str) -> date:
    """First day of the period an ISO date of any precision names."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def span(term: Term) -> tuple[date, date]:
    return to_date(term.start), to_date(term.end) if term.end else date.max


FOLDS = {
    "Đ": "D",
    "đ": "d",
    "ı": "i",
    "Ł": "L",
    "ł": "l",
    "Ø": "O",
    "ø": "o",
    "Æ": "Ae",
    "æ": "ae",
    "Ð": "D",
    "ð": "d",
    "Þ": "Th",
    "þ": "th",
    "ß": "ss",
    "ʻ": "",
}  # letters NFKD keeps whole


def fold(text: str) -> str:
    for a, b in FOLDS.items():
        text = text.replace(a, b)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@pytest.fixture(scope="module")
def leaders() -> tuple[PersonRef, ...]:
    return parse_reference(REFERENCE_DIR).leaders


@pytest.fixture(scope="module")
def by_id(leaders: tuple[PersonRef, ...]) -> dict[str, PersonRef]:
    return {p.id: p for p in leaders}


def holders(leaders: tuple[PersonRef, ...], state: str, office: str, on: str) -> set[str]:
    day = to_date(on)
    return {
        p.id
        for p in leaders
        for t in p.terms
        if t.state == state and office in t.offices and span(t)[0] <= day < span(t)[1]
    }


def test_file_is_a_sorted_list_of_persons() -> None:
    raw = json.loads((REFERENCE_DIR / "leaders.json").read_text(encoding="utf-8"))
    assert isinstance(raw, list) and len(raw) > 300
    ids = [p["id"] for p in raw]
    assert ids == sorted(ids)
    assert load_reference().leaders  # the bundled loader reads it too


def test_ids_are_unique_slugs_of_the_name(leaders: tuple[PersonRef, ...]) -> None:
    ids = [p.id for p in leaders]
    assert len(ids) == len(set(ids))
    for p in leaders:
        assert SLUG.match(p.id), p.id
        expected = re.sub(r"[^a-z0-9]+", "-", fold(p.name).lower().replace("'", "")).strip("-")
        assert p.id == expected, (p.id, p.name)
        assert p.terms, p.id


def test_wikidata_ids_are_well_formed_and_unique(leaders: tuple[PersonRef, ...]) -> None:
    qids = [p.wikidata for p in leaders if p.wikidata]
    assert all(QID.match(q) for q in qids), qids
    assert len(qids) == len(set(qids))


def test_aliases_are_full_names_and_unambiguous(leaders: tuple[PersonRef, ...]) -> None:
    owner: dict[str, str] = {}
    for p in leaders:
        assert p.name.strip() == p.name and p.name
        assert len(p.aliases) == len(set(p.aliases)), p.id
        assert p.name not in p.aliases, p.id
        for alias in p.aliases:
            assert alias.strip() == alias and alias, p.id
            assert " " in alias or alias in MONONYM_ALIASES, (p.id, alias)
        for label in (p.name, *p.aliases):
            assert owner.setdefault(label, p.id) == p.id, (label, owner[label], p.id)


def test_states_are_iso_codes(leaders: tuple[PersonRef, ...]) -> None:
    for p in leaders:
        for t in p.terms:
            known = pycountry.countries.get(alpha_3=t.state) is not None
            assert known or t.state in FORMER_STATES, (p.id, t.state)
            if t.state in FORMER_STATES:
                assert pycountry.historic_countries.get(alpha_3=t.state) is not None


def test_terms_are_well_formed(leaders: tuple[PersonRef, ...]) -> None:
    for p in leaders:
        for t in p.terms:
            assert t.offices and set(t.offices) <= OFFICES, (p.id, t)
            assert len(set(t.offices)) == len(t.offices), (p.id, t)
            assert t.role and t.role == t.role.lower() and t.role.strip() == t.role, (p.id, t)
            for value in (t.start, t.end):
                if value is None:
                    continue
                assert ISO_DATE.match(value), (p.id, value)
                to_date(value)  # a real calendar date
                assert to_date(value) <= AS_OF, (p.id, value)
            if t.end is not None:
                assert to_date(t.start) <= to_date(t.end), (p.id, t)


def test_terms_of_one_person_in_one_office_do_not_overlap(leaders: tuple[PersonRef, ...]) -> None:
    for p in leaders:
        for a, b in combinations(p.terms, 2):
            if a.state != b.state or not set(a.offices) & set(b.offices):
                continue
            (a0, a1), (b0, b1) = span(a), span(b)
            assert a1 <= b0 or b1 <= a0, (p.id, a, b)


def _is_titular(state: str, person: str, term: Term) -> bool:
    return (state, term.role) in TITULAR_ROLES or (state, person) in TITULAR_PERSONS


def test_holders_of_one_office_do_not_overlap(leaders: tuple[PersonRef, ...]) -> None:
    series: dict[tuple[str, str, bool], list[tuple[str, Term]]] = defaultdict(list)
    for p in leaders:
        for t in p.terms:
            for office in t.offices:
                series[(t.state, office, _is_titular(t.state, p.id, t))].append((p.id, t))
    problems = []
    for key, terms in series.items():
        for (pa, a), (pb, b) in combinations(terms, 2):
            if (a.state, a.role) in COLLECTIVE_ROLES and (b.state, b.role) in COLLECTIVE_ROLES:
                continue
            if pa == pb or frozenset({pa, pb}) in SUSPENSIONS | DISPUTED.keys():
                continue
            (a0, a1), (b0, b1) = span(a), span(b)
            overlap = min(a1, b1) - max(a0, b0)
            if overlap > TOLERANCE:
                problems.append((key, pa, a.start, pb, b.start, overlap.days))
    assert not problems, problems


def test_suspension_exceptions_are_real_overlaps(by_id: dict[str, PersonRef]) -> None:
    for pair in SUSPENSIONS | DISPUTED.keys():
        a, b = (by_id[i] for i in sorted(pair))
        assert any(
            ta.state == tb.state and span(ta)[0] < span(tb)[1] and span(tb)[0] < span(ta)[1]
            for ta in a.terms
            for tb in b.terms
        ), pair


@pytest.mark.parametrize(
    ("state", "office", "on", "person"),
    [
        ("PRK", "head_of_state", "1950-06-25", "kim-il-sung"),
        ("CHN", "head_of_state", "2024-10-06", "xi-jinping"),
        ("USA", "head_of_state", "2024-04-10", "joe-biden"),
        ("USA", "head_of_government", "2024-04-10", "joe-biden"),
        ("JPN", "head_of_government", "2024-04-10", "fumio-kishida"),
        ("RUS", "head_of_state", "2022-02-24", "vladimir-putin"),
        ("USA", "head_of_state", "2025-06-01", "donald-trump"),
        ("USA", "head_of_state", "1962-10-22", "john-f-kennedy"),
        ("GBR", "head_of_government", "1940-06-04", "winston-churchill"),
        ("GBR", "head_of_government", "2025-06-01", "keir-starmer"),
        ("GBR", "head_of_state", "2000-01-01", "elizabeth-ii"),
        ("GBR", "head_of_state", "2023-05-06", "charles-iii"),
        ("FRA", "head_of_state", "1968-05-20", "charles-de-gaulle"),
        ("FRA", "head_of_government", "1954-07-21", "pierre-mendes-france"),
        ("FRA", "head_of_government", "2024-10-01", "michel-barnier"),
        ("SUN", "head_of_state", "1962-10-22", "nikita-khrushchev"),
        ("SUN", "head_of_state", "1989-11-09", "mikhail-gorbachev"),
        ("SUN", "head_of_government", "1970-01-01", "alexei-kosygin"),
        ("RUS", "head_of_state", "1993-10-04", "boris-yeltsin"),
        ("RUS", "head_of_government", "2010-01-01", "vladimir-putin"),
        ("CHN", "head_of_state", "1966-08-01", "mao-zedong"),
        ("CHN", "head_of_state", "1984-01-01", "deng-xiaoping"),
        ("CHN", "head_of_government", "1972-02-21", "zhou-enlai"),
        ("PRK", "head_of_state", "2006-10-09", "kim-jong-il"),
        ("PRK", "head_of_state", "2018-06-12", "kim-jong-un"),
        ("KOR", "head_of_state", "2000-06-13", "kim-dae-jung"),
        ("KOR", "head_of_state", "2025-07-01", "lee-jae-myung"),
        ("JPN", "head_of_state", "1945-08-15", "hirohito"),
        ("JPN", "head_of_government", "1951-09-08", "shigeru-yoshida"),
        ("JPN", "head_of_government", "2025-11-01", "sanae-takaichi"),
        ("DEU", "head_of_government", "1989-11-09", "helmut-kohl"),
        ("DEU", "head_of_government", "2025-06-01", "friedrich-merz"),
        ("CAN", "head_of_government", "2025-06-01", "mark-carney"),
        ("IND", "head_of_government", "1971-12-16", "indira-gandhi"),
        ("SAU", "head_of_government", "2023-01-01", "mohammed-bin-salman"),
        ("SAU", "head_of_state", "2023-01-01", "salman-bin-abdulaziz"),
        ("ISR", "head_of_government", "1973-10-06", "golda-meir"),
        ("EGY", "head_of_state", "1973-10-06", "anwar-sadat"),
        ("IRN", "head_of_state", "1985-01-01", "ruhollah-khomeini"),
        ("UKR", "head_of_state", "2022-02-24", "volodymyr-zelensky"),
        ("TUR", "head_of_state", "2020-01-01", "recep-tayyip-erdogan"),
        ("JOR", "head_of_state", "1994-10-26", "hussein-bin-talal"),
        ("VNM", "head_of_state", "1954-05-07", "ho-chi-minh"),
        ("PHL", "head_of_state", "2023-01-01", "ferdinand-marcos-jr"),
        ("VEN", "head_of_state", "2020-01-01", "nicolas-maduro"),
        ("VEN", "head_of_state", "2020-01-01", "juan-guaido"),
        ("ETH", "head_of_government", "2020-11-04", "abiy-ahmed"),
        ("IRQ", "head_of_state", "1990-08-02", "saddam-hussein"),
        ("TWN", "head_of_state", "2022-08-02", "tsai-ing-wen"),
        ("TWN", "head_of_state", "1971-10-25", "chiang-kai-shek"),
        ("QAT", "head_of_state", "2022-11-20", "tamim-bin-hamad-al-thani"),
        ("SYR", "head_of_state", "2013-08-21", "bashar-al-assad"),
        ("SYR", "head_of_state", "1982-02-02", "hafez-al-assad"),
        ("LBY", "head_of_state", "2011-03-19", "muammar-gaddafi"),
        ("CUB", "head_of_government", "1962-10-22", "fidel-castro"),
        ("CUB", "head_of_state", "2016-03-21", "raul-castro"),
        ("YUG", "head_of_state", "1970-01-01", "josip-broz-tito"),
        ("YUG", "head_of_state", "1999-03-24", "slobodan-milosevic"),
        ("PSE", "head_of_state", "2000-07-11", "yasser-arafat"),
        ("PSE", "head_of_state", "2023-10-07", "mahmoud-abbas"),
        ("MMR", "head_of_government", "2019-12-11", "aung-san-suu-kyi"),
        ("KHM", "head_of_government", "1977-01-01", "pol-pot"),
        ("KHM", "head_of_government", "2015-01-01", "hun-sen"),
        ("BLR", "head_of_state", "2020-08-09", "alexander-lukashenko"),
        ("KAZ", "head_of_state", "2022-01-05", "kassym-jomart-tokayev"),
        ("KAZ", "head_of_state", "2010-01-01", "nursultan-nazarbayev"),
        ("AZE", "head_of_state", "2020-09-27", "ilham-aliyev"),
        ("ARM", "head_of_government", "2020-09-27", "nikol-pashinyan"),
        ("DDR", "head_of_state", "1989-10-07", "erich-honecker"),
        ("DDR", "head_of_state", "1961-08-13", "walter-ulbricht"),
        ("POL", "head_of_state", "1992-01-01", "lech-walesa"),
        ("CSK", "head_of_state", "1990-06-01", "vaclav-havel"),
        ("ROU", "head_of_state", "1989-12-01", "nicolae-ceausescu"),
        ("ALB", "head_of_state", "1970-01-01", "enver-hoxha"),
        ("CHL", "head_of_state", "1980-01-01", "augusto-pinochet"),
        ("ARG", "head_of_state", "1950-01-01", "juan-peron"),
        ("PAN", "head_of_state", "1988-01-01", "manuel-noriega"),
        ("ZWE", "head_of_state", "2008-03-29", "robert-mugabe"),
        ("UGA", "head_of_state", "1975-01-01", "idi-amin"),
        ("ETH", "head_of_state", "1960-01-01", "haile-selassie"),
        ("GHA", "head_of_state", "1962-01-01", "kwame-nkrumah"),
        ("KEN", "head_of_state", "1970-01-01", "jomo-kenyatta"),
        ("TZA", "head_of_state", "1970-01-01", "julius-nyerere"),
        ("PAK", "head_of_government", "2019-02-26", "imran-khan"),
        ("PAK", "head_of_state", "1985-01-01", "muhammad-zia-ul-haq"),
        ("PAK", "head_of_state", "2005-01-01", "pervez-musharraf"),
        ("BGD", "head_of_government", "2020-01-01", "sheikh-hasina"),
        ("SGP", "head_of_government", "1965-08-09", "lee-kuan-yew"),
        ("MYS", "head_of_government", "2019-01-01", "mahathir-mohamad"),
        ("ESP", "head_of_state", "1960-01-01", "francisco-franco"),
        ("NGA", "head_of_state", "2020-01-01", "muhammadu-buhari"),
        ("NZL", "head_of_state", "2020-01-01", "elizabeth-ii"),
        ("JAM", "head_of_state", "2023-01-01", "charles-iii"),
        ("BIH", "head_of_state", "2020-01-01", "milorad-dodik"),
    ],
)
def test_spot_checks(
    leaders: tuple[PersonRef, ...], state: str, office: str, on: str, person: str
) -> None:
    found = holders(leaders, state, office, on)
    assert person in found, (state, office, on, found)


# (state, office, first month, last month or None): every month in between has a holder on its
# first day, except in the gaps listed in KNOWN_GAPS (interregnums, acting heads not recorded).
COVERAGE = [
    ("USA", "head_of_state", "1945-01", None),
    ("USA", "head_of_government", "1945-01", None),
    ("GBR", "head_of_state", "1945-01", None),
    ("GBR", "head_of_government", "1945-01", None),
    ("FRA", "head_of_state", "1945-01", None),
    ("FRA", "head_of_government", "1945-01", None),
    ("SUN", "head_of_state", "1945-01", "1991-12"),
    ("SUN", "head_of_government", "1945-01", "1991-08"),
    ("RUS", "head_of_state", "1992-01", None),
    ("RUS", "head_of_government", "1991-12", None),
    ("CHN", "head_of_state", "1949-10", None),
    ("CHN", "head_of_government", "1949-10", None),
    ("PRK", "head_of_state", "1948-10", None),
    ("KOR", "head_of_state", "1948-08", None),
    ("JPN", "head_of_state", "1945-01", None),
    ("JPN", "head_of_government", "1945-05", None),
    ("ARG", "head_of_state", "1990-01", None),
    ("AUS", "head_of_state", "1990-01", None),
    ("AUS", "head_of_government", "1990-01", None),
    ("BRA", "head_of_state", "1990-01", None),
    ("CAN", "head_of_state", "1990-01", None),
    ("CAN", "head_of_government", "1990-01", None),
    ("DEU", "head_of_state", "1990-01", None),
    ("DEU", "head_of_government", "1990-01", None),
    ("IND", "head_of_state", "1990-01", None),
    ("IND", "head_of_government", "1990-01", None),
    ("IDN", "head_of_state", "1990-01", None),
    ("ITA", "head_of_state", "1990-01", None),
    ("ITA", "head_of_government", "1990-01", None),
    ("MEX", "head_of_state", "1990-01", None),
    ("SAU", "head_of_state", "1990-01", None),
    ("SAU", "head_of_government", "1990-01", None),
    ("ZAF", "head_of_state", "1990-01", None),
    ("TUR", "head_of_state", "1990-01", None),
    ("TUR", "head_of_government", "1990-01", None),
    ("UKR", "head_of_state", "1992-01", None),
    ("UKR", "head_of_government", "1992-01", None),
    ("EGY", "head_of_state", "1990-01", None),
    ("EGY", "head_of_government", "1990-01", None),
    ("ISR", "head_of_state", "1990-01", None),
    ("ISR", "head_of_government", "1990-01", None),
    ("JOR", "head_of_state", "1990-01", None),
    ("JOR", "head_of_government", "1990-01", None),
    ("VNM", "head_of_state", "1990-01", None),
    ("VNM", "head_of_government", "1990-01", None),
    ("IRN", "head_of_state", "1990-01", None),
    ("IRN", "head_of_government", "1990-01", None),
    ("PHL", "head_of_state", "1990-01", None),
    ("TWN", "head_of_state", "1950-03", None),
    ("TWN", "head_of_government", "2015-01", None),
    ("VEN", "head_of_state", "2015-01", None),
    ("ETH", "head_of_state", "2015-01", None),
    ("ETH", "head_of_government", "2015-01", None),
    ("NGA", "head_of_state", "2015-01", None),
    ("KEN", "head_of_state", "2015-01", None),
    ("PAK", "head_of_state", "2015-01", None),
    ("PAK", "head_of_government", "2015-01", None),
    ("IRQ", "head_of_state", "2015-01", None),
    ("IRQ", "head_of_government", "2015-01", None),
    ("SYR", "head_of_state", "2015-01", None),
    ("QAT", "head_of_state", "2015-01", None),
    ("ARE", "head_of_state", "2015-01", None),
    ("POL", "head_of_state", "2015-01", None),
    ("POL", "head_of_government", "2015-01", None),
    ("ESP", "head_of_state", "2015-01", None),
    ("ESP", "head_of_government", "2015-01", None),
    ("CHE", "head_of_state", "2015-01", None),
    ("BLR", "head_of_state", "2015-01", None),
    ("KAZ", "head_of_state", "2015-01", None),
    ("PRK", "head_of_government", "2015-01", None),
]
KNOWN_GAPS: dict[tuple[str, str], list[tuple[str, str]]] = {
    # Mao's death to Hua Guofeng's election as party chairman
    ("CHN", "head_of_state"): [("1976-09-09", "1976-10-07")],
    # Zhou Enlai's death to Hua Guofeng's appointment as acting premier
    ("CHN", "head_of_government"): [("1976-01-08", "1976-02-04")],
    # acting presidents after Rhee's fall (Heo Jeong and others); Choi Sang-mok's hours on 1 May 2025
    ("KOR", "head_of_state"): [("1960-04-26", "1960-08-13"), ("2025-05-01", "2025-05-02")],
    # Valentyn Symonenko acting after Fokin's resignation
    ("UKR", "head_of_government"): [("1992-10-01", "1992-10-13")],
    # Dalia Itzik acting between Katsav's resignation and Peres's inauguration
    ("ISR", "head_of_state"): [("2007-07-01", "2007-07-15")],
}


# UN member states (ISO 3166-1 alpha-3): each has a recorded head of state or government on every
# first of the month since 2015, except the states in UNRECORDED.
UN_MEMBERS = """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH
BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD
DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR
LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD
NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT
WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS
TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE""".split()  # noqa: SIM905 (a block of codes reads better than a list)
UNRECORDED = {
    "SMR": "two Captains Regent every six months, not recorded",
}
# months in which neither office has a recorded holder: vacancies and acting heads not recorded
UN_GAPS = {
    "HTI": [("2021-07-08", "2021-07-20")],  # after Moïse's assassination, Claude Joseph acting
    "COL": [
        ("2026-08-07", "2026-11-29")
    ],  # Petro's successor (inaugurated 2026-08-07) not recorded
    "PER": [("2026-07-28", "2026-11-29")],  # the president inaugurated 2026-07-28 not recorded
    "KOR": [("2025-05-01", "2025-05-02")],  # see KNOWN_GAPS
}


def test_un_members_have_a_leader_every_month_since_2015(leaders: tuple[PersonRef, ...]) -> None:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193
    spans: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for p in leaders:
        for t in p.terms:
            spans[t.state].append(span(t))
    problems = {}
    for state in UN_MEMBERS:
        if state in UNRECORDED:
            continue
        gaps = [(to_date(a), to_date(b)) for a, b in UN_GAPS.get(state, [])]
        missing = [
            day.isoformat()[:7]
            for day in _months("2015-01", None)
            if not any(a <= day < b for a, b in spans[state])
            and not any(a <= day < b for a, b in gaps)
        ]
        if missing:
            problems[state] = missing
    assert not problems, problems


def _months(start: str, end: str | None):
    day, last = to_date(start), to_date(end) if end else AS_OF
    while day <= last:
        yield day
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)


@pytest.mark.parametrize(("state", "office", "start", "end"), COVERAGE)
def test_coverage_without_gaps(
    leaders: tuple[PersonRef, ...], state: str, office: str, start: str, end: str | None
) -> None:
    gaps = [(to_date(a), to_date(b)) for a, b in KNOWN_GAPS.get((state, office), [])]
    missing = [
        day.isoformat()[:7]
        for day in _months(start, end)
        if not holders(leaders, state, office, day.isoformat())
        and not any(a <= day < b for a, b in gaps)
    ]
    assert not missing, (state, office, missing)
