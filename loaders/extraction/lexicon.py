"""Name lexicon: one pyahocorasick automaton over every state, organization and leader name
of the reference data, built once per ReferenceData and cached.

Matching is case-sensitive on the names as the reference spells them (so "US" is not "us"
and "Turkey" is not "turkey"), plus a few generated variants: plural demonyms ("Koreans"),
names without a leading "the", capitalised forms of acronyms ("Nato"), and leaders' short
forms (a surname, or a family name first for East Asian names), which the mention finder
only accepts once the person is introduced or after a title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import ahocorasick

from ontology.reference_data import PersonRef, ReferenceData, Term, load_reference

# Kinds of lexicon entry.
STATE_NAME = "name"
STATE_ALIAS = "alias"
STATE_DEMONYM = "demonym"
STATE_CAPITAL = "capital"
STATE_METONYM = "metonym"  # "the White House", "the Kremlin"
ORG = "org"
PERSON_FULL = "person"
PERSON_SHORT = "short"
BLOCK = "block"  # a longer name that contains a state name but is not one ("New Mexico")

# Institutions that stand for their state's government. Not place names: the reference
# data has no field for them, so they live here.
METONYMS = {
    "White House": "USA",
    "Kremlin": "RUS",
    "Élysée": "FRA",
    "Elysee Palace": "FRA",
    "Downing Street": "GBR",
    "Zhongnanhai": "CHN",
    "Blue House": "KOR",
    "Pentagon": "USA",
    "State Department": "USA",
}
# Names that contain a state name but are not that state.
BLOCKED = (
    "New Mexico", "New Jersey", "New England", "New Guinea", "Northern Ireland",
    "Latin America", "South America", "North America", "Central America", "the Americas",
    "Latin American", "South American", "North American", "Central American",
    "Native American", "Native Americans", "Indian Ocean", "Indian Army", "West Indies",
    "West Indian", "American Samoa", "Virgin Islands", "British Columbia", "New South Wales",
    "Indo-Pacific", "Asia-Pacific", "East Asia", "South Asia", "West Bank",
    "Washington Post", "Washington Times", "Jordan Times", "China Daily", "Japan Times",
    "Korea Herald", "Korea Times", "Moscow Times", "Tehran Times", "Kyiv Independent",
    "Chinese Taipei", "Congo River", "Niger River", "Georgia Tech", "Korean Central News Agency",
    "Korean Peninsula", "Dominican Republic", "Arab League",
)  # fmt: skip
# ISO 3166-1 entries that are dependent territories, not sovereign states: not matched.
DEPENDENT_TERRITORIES = frozenset(
    [
        "ABW",
        "AIA",
        "ALA",
        "ASM",
        "ATA",
        "ATF",
        "BES",
        "BLM",
        "BMU",
        "BVT",
        "CCK",
        "COK",
        "CUW",
        "CXR",
        "CYM",
        "FLK",
        "FRO",
        "GGY",
        "GIB",
        "GLP",
        "GRL",
        "GUF",
        "GUM",
        "HKG",
        "HMD",
        "IMN",
        "IOT",
        "JEY",
        "MAC",
        "MAF",
        "MNP",
        "MSR",
        "MTQ",
        "MYT",
        "NCL",
        "NFK",
        "NIU",
        "PCN",
        "PRI",
        "PYF",
        "REU",
        "SGS",
        "SHN",
        "SJM",
        "SPM",
        "SXM",
        "TCA",
        "TKL",
        "UMI",
        "VGB",
        "VIR",
        "WLF",
    ]
)
# Sub-organs reported under their parent in the organizations list.
ORG_PARENT = {"UNSC": "UN"}
# Well-known given-name variants, so "Joseph Biden" and "Joe Biden" meet.
NAME_VARIANTS = {
    "joe": "joseph", "bill": "william", "bob": "robert", "jim": "james", "jimmy": "james",
    "tony": "anthony", "mike": "michael", "dick": "richard", "ron": "ronald", "liz": "elizabeth",
    "ted": "edward", "tom": "thomas", "dan": "daniel", "nick": "nicholas", "ben": "benjamin",
    "vlad": "vladimir", "boris": "boris", "mo": "mohammed",
}  # fmt: skip
_NAME_SUFFIXES = ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")
# States where the press puts the family name first: "Xi", "Kim", "Moon".
_FAMILY_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "HKG", "MNG", "SGP"})
# Short forms that are ordinary words or common given names: only after a title.
_WEAK_SHORT = frozenset(
    [
        "May",
        "Major",
        "Brown",
        "Bush",
        "Ford",
        "Rice",
        "Young",
        "Power",
        "Hope",
        "Law",
        "King",
        "Long",
        "Wood",
        "Rich",
        "Major",
        "Heath",
        "Eden",
        "Peel",
        "Blair",
        "Abbott",
        "Ross",
        "Lee",
        "Park",
        "Kim",
        "Kang",
        "Chang",
        "Moon",
        "Lam",
        "Singh",
        "Khan",
        "Shah",
        "Ali",
        "Hassan",
        "Hussein",
        "Salman",
        "Abdullah",
        "Mohammed",
        "Muhammad",
        "Ahmed",
        "Ahmad",
        "Jean",
        "Paul",
        "John",
        "George",
        "Charles",
        "James",
        "Joseph",
        "Li",
        "Wang",
        "Zhang",
        "Liu",
        "Chen",
        "Yang",
        "Zhao",
        "Hu",
        "Zhou",
        "Wu",
        "Xu",
        "Sun",
        "Ma",
        "Zhu",
        "Deng",
        "Jiang",
        "Ho",
        "Pham",
        "Tran",
        "Le",
        "Nguyen",
        "Vo",
        "Do",
        "Truong",
        "Dang",
        "Phan",
        "Hoang",
        "Vu",
        "Sato",
        "Suzuki",
        "Tanaka",
        "Ito",
        "Ikeda",
        "Kan",
        "Mori",
        "Aso",
        "Noda",
        "Abe",
        "Uno",
        "Hata",
        "Miki",
        "Kishi",
        "Ohira",
        "Obuchi",
        "Fukuda",
        "Nakasone",
        "Koizumi",
        "Suga",
    ]
)


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    code: str  # state code, org code or person id
    text: str  # the key as matched


@dataclass
class Lexicon:
    automaton: ahocorasick.Automaton
    reference: ReferenceData
    persons: dict[str, PersonRef] = field(default_factory=dict)
    org_kind: dict[str, str] = field(default_factory=dict)
    demonym_of: dict[str, str] = field(default_factory=dict)  # "Chinese" -> "CHN"
    state_names: dict[str, str] = field(default_factory=dict)  # any state key -> code
    state_period: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    capital_states: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def matches(self, text: str) -> list[tuple[int, int, tuple[Entry, ...]]]:
        """Leftmost-longest matches of any key: (start, end, entries for that key)."""
        out: list[tuple[int, int, tuple[Entry, ...]]] = []
        for end_index, (key_len, entries) in self.automaton.iter_long(text):
            end = end_index + 1
            out.append((end - key_len, end, entries))
        return out


def _variants(name: str) -> list[str]:
    out = [name]
    if name.startswith("the "):
        out.append(name[4:])
        out.append("The " + name[4:])
    if "'" in name:
        out.append(name.replace("'", "’"))
    return out


def _short_forms(person: PersonRef) -> set[str]:
    """Forms a person is called by once introduced: 'Biden', 'Xi', 'Marcos Jr.'."""
    states = {t.state for t in person.terms}
    out: set[str] = set()
    for full in (person.name, *person.aliases):
        tokens = full.split()
        if len(tokens) < 2:
            continue
        suffix = tokens[-1] if tokens[-1] in _NAME_SUFFIXES else None
        core = tokens[:-1] if suffix else tokens
        if len(core) < 2:
            continue
        last = core[-1]
        if suffix:
            out.add(f"{last} {suffix}")
        if states & _FAMILY_FIRST:
            out.add(core[0])
            continue
        out.add(last)
        if "-" in last and last.split("-", 1)[0].lower() in ("el", "al", "ul"):
            out.add(last.split("-", 1)[1])
        if states & {"VNM"}:
            out.add(core[0])
    for name in list(out):
        if name.endswith("."):
            out.add(name[:-1])
    return {s for s in out if len(s) > 1 and s[0].isupper()}


def build_lexicon(reference: ReferenceData) -> Lexicon:
    """Build the automaton (a few milliseconds for the full reference data)."""
    keys: dict[str, list[Entry]] = {}

    def add(key: str, entry: Entry) -> None:
        if not key or not key.strip():
            return
        bucket = keys.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    lex = Lexicon(ahocorasick.Automaton(), reference)
    for state in reference.states:
        if state.code in DEPENDENT_TERRITORIES:
            continue
        lex.state_period[state.code] = (state.start, state.end)
        for name in (state.name, *state.aliases):
            for v in _variants(name):
                add(v, Entry(STATE_NAME if name == state.name else STATE_ALIAS, state.code, v))
                lex.state_names[v] = state.code
        if state.formal_name:
            add(state.formal_name, Entry(STATE_ALIAS, state.code, state.formal_name))
        for dem in state.demonyms:
            add(dem, Entry(STATE_DEMONYM, state.code, dem))
            lex.demonym_of[dem] = state.code
            if not dem.endswith(("s", "sh", "ch", "ese")):
                add(dem + "s", Entry(STATE_DEMONYM, state.code, dem + "s"))
        for cap in state.capitals:
            add(cap, Entry(STATE_CAPITAL, state.code, cap))
    for key in keys:
        for e in keys[key]:
            if e.kind == STATE_CAPITAL:
                lex.capital_states[key] = tuple(
                    x.code for x in keys[key] if x.kind == STATE_CAPITAL
                )
    for name, code in METONYMS.items():
        add(name, Entry(STATE_METONYM, code, name))
    for blocked in BLOCKED:
        keys[blocked] = [Entry(BLOCK, "", blocked)]
    for org in reference.organizations:
        lex.org_kind[org.code] = org.kind
        for name in {org.name, *org.aliases, org.code}:
            for v in _variants(name):
                add(v, Entry(ORG, org.code, v))
            if name.isupper() and len(name) >= 4 and name.isalpha():
                add(name.capitalize(), Entry(ORG, org.code, name.capitalize()))
    for person in reference.leaders:
        lex.persons[person.id] = person
        for name in {person.name, *person.aliases}:
            add(name, Entry(PERSON_FULL, person.id, name))
            if name.endswith("."):
                add(name[:-1], Entry(PERSON_FULL, person.id, name[:-1]))
        for short in _short_forms(person):
            if short not in keys or all(e.kind in (PERSON_SHORT, PERSON_FULL) for e in keys[short]):
                add(short, Entry(PERSON_SHORT, person.id, short))
    for key, entries in keys.items():
        lex.automaton.add_word(key, (len(key), tuple(entries)))
    lex.automaton.make_automaton()
    return lex


@lru_cache(maxsize=4)
def _cached(reference_id: int) -> Lexicon:
    return build_lexicon(_REFS[reference_id])


_REFS: dict[int, ReferenceData] = {}


def get_lexicon(reference: ReferenceData | None = None) -> Lexicon:
    """The lexicon of `reference` (default: the bundled reference data), built once."""
    ref = reference if reference is not None else load_reference()
    _REFS[id(ref)] = ref
    return _cached(id(ref))


def weak_short_form(short: str) -> bool:
    return short in _WEAK_SHORT


def given_names_match(text_given: str, ref_given: str) -> bool:
    """'Joseph' ~ 'Joe', 'Vladimir' ~ 'Vladimir'; initials compare by their letter."""
    a, b = text_given.lower().rstrip("."), ref_given.lower().rstrip(".")
    if a == b:
        return True
    if NAME_VARIANTS.get(a, a) == NAME_VARIANTS.get(b, b):
        return True
    return len(a) == 1 and b.startswith(a)


def term_at(person: PersonRef, when: date | None) -> Term | None:
    """The person's term in office on `when`; else their latest term before it; else any."""
    if not person.terms:
        return None
    if when is None:
        return person.terms[-1]
    iso = when.isoformat()
    current = [t for t in person.terms if t.start <= iso and (t.end is None or t.end >= iso)]
    if current:
        return current[0]
    before = [t for t in person.terms if t.start <= iso]
    if before:
        return max(before, key=lambda t: t.start)
    return min(person.terms, key=lambda t: t.start)


def in_office(person: PersonRef, when: date | None) -> bool:
    if when is None:
        return False
    iso = when.isoformat()
    return any(t.start <= iso and (t.end is None or t.end >= iso) for t in person.terms)
