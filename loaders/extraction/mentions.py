"""State, organization and leader mentions with character offsets.

Names come from the reference data (see lexicon.py); this module decides which matches are
real mentions of a state, an organization or a leader:

- a country name inside a geographic feature is a place ("South China Sea", "Taiwan Strait",
  "Gulf of Mexico", "Korean Peninsula"), as is a capital used as a location ("a think tank
  in Washington", a dateline);
- "Jordan", "Chad" and "Georgia" followed by a surname (or after a given name or "Mr.") are
  people; "Georgia" with US-state cues (Atlanta, governor, county) is the US state;
- "Moscow" before 1991-12-26 is the Soviet Union: a capital shared by a former and a current
  state goes to the one that existed at the date;
- leaders are found by full name, by title and short form ("President Xi"), and by short
  form alone once introduced; a bare "Kim" is the most recently mentioned Kim. A leader
  stands for the state they led at the article's date (reference terms). A leader missing
  from the reference data is taken from the text: "Prime Minister X of Y", "Y's President
  X", "<demonym> President X".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from loaders.extraction import lexicon as lx
from loaders.extraction.sentences import Sentence
from ontology.reference_data import PersonRef

STATE = "state"
ORGANIZATION = "org"
PERSON = "person"

_GEO_SUFFIX = re.compile(
    r"[ \t]+(?:Sea|Seas|Strait|Straits|Gulf|Ocean|Peninsula|Bay|Channel|River|Islands|Island|"
    r"Canal|Desert|Plateau|Basin|Lake|Mountains|Mountain|Valley|Shoal|Reef|Shelf|Range|"
    r"Highlands|Delta|Archipelago|Sound|Heights|Corridor|Border|Lowlands|Trench)\b"
)
_GEO_PREFIX = re.compile(
    r"\b(?:Gulf|Sea|Strait|Straits|Bay|Isthmus|Cape|Horn|Sea of|Lake|Mount|River)\s+of\s+(?:the\s+)?$"
)
_WAR_SUFFIX = re.compile(r"[ \t]+War\b")
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|around|across|based in|held in|from)\s+(?:the\s+)?(?:capital\s+|city\s+of\s+)?$",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w .]+)?\s*(?:—|–|-|:)")
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Miss|Coach|Sen|Rep|Gov)\.?\s+$")
_CAP_WORD_AFTER = re.compile(r"[ \t]+([A-Z][a-z][\w'’-]*)")
_CAP_WORD_BEFORE = re.compile(r"([A-Z][a-z][\w'’-]*)[ \t]+$")
_QUOTED_NICK_BEFORE = re.compile(r"([A-Z][a-z][\w-]*)[ \t]+[\"“‘'][^\"”’']{2,20}[\"”’'][ \t]+$")
_PEOPLE_NAMED_STATES = frozenset({"Jordan", "Chad", "Georgia", "India", "Israel", "Kenya"})
_GEORGIA_US = re.compile(
    r"\b(?:Atlanta|Savannah|Augusta|Peach State|Gov\.|governor|county|Senate race|Republican|"
    r"Democrat|Democratic|Braves|Bulldogs|U\.S\. state|US state|Georgians? voters?)\b"
)
_GEORGIA_COUNTRY = re.compile(
    r"\b(?:Tbilisi|Georgian|Abkhazia|South Ossetia|Caucasus|Kremlin|Russia)\b"
)
_FUNCTION = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "And",
        "But",
        "Of",
        "For",
        "To",
        "With",
        "By",
        "From",
        "As",
        "After",
        "Before",
        "While",
        "When",
        "During",
        "Over",
        "Under",
        "Since",
        "Both",
        "That",
        "This",
        "These",
        "Those",
        "Its",
        "His",
        "Her",
        "Their",
        "Our",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "According",
        "Amid",
        "Despite",
        "However",
        "Meanwhile",
        "Then",
        "Neither",
        "Nor",
        "Either",
        "Or",
        "If",
        "Though",
        "Although",
        "Because",
        "Unlike",
        "Like",
        "Until",
        "Upon",
        "Within",
        "Without",
        "Between",
        "Among",
        "Against",
        "Toward",
        "Towards",
        "Into",
        "Onto",
        "Across",
    ]
)
_NOT_NAMES_AFTER = frozenset(
    [
        "Administration",
        "Government",
        "Cabinet",
        "Doctrine",
        "Jr",
        "Sr",
        "Foundation",
        "Library",
        "Presidency",
        "Era",
        "Says",
        "Said",
        "Warns",
        "Visits",
        "Meets",
        "Calls",
    ]
)
_HEAD_TITLES = (
    r"President|Prime\s+Minister|PM|Premier|Chancellor|King|Queen|Emperor|Emir|Amir|Sultan|"
    r"Supreme\s+Leader|leader|Leader|Taoiseach|Shah|Tsar|Czar|Crown\s+Prince|Monarch|dictator|"
    r"strongman|President-elect|Prime\s+Minister-designate|chief\s+executive"
)
_NON_HEAD_TITLES = (
    r"General\s+Secretary|Secretary[- ]General|Party\s+(?:chief|leader|Secretary)|Chairman|"
    r"Chairwoman|Chair|Speaker|Foreign\s+Minister|Foreign\s+Secretary|Defen[cs]e\s+Minister|"
    r"Minister|Secretary\s+of\s+State|Secretary|Ambassador|Amb\.|Envoy|envoy|spokes(?:person|man|woman)|"
    r"Vice\s+President|Vice-President|Vice\s+Premier|Deputy|Governor|Senator|Sen\.|Mayor|"
    r"diplomat|adviser|advisor|opposition\s+leader|First\s+Lady|Gen\.|General|Admiral|Marshal|"
    r"Field\s+Marshal|Commander|Chief\s+of\s+Staff"
)
_HEAD_BEFORE = re.compile(
    rf"(?:\b(?:former|late|then|then-|ex-)\s*)?\b(?P<title>{_HEAD_TITLES})\s+$"
)
_NON_HEAD_BEFORE = re.compile(
    rf"\b(?P<title>{_NON_HEAD_TITLES})(?:\s+of\s+the\s+[A-Z][\w ]{{2,40}}?)?\s+$"
)
_ANY_TITLE_BEFORE = re.compile(
    rf"\b(?:{_HEAD_TITLES}|{_NON_HEAD_TITLES}|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+$"
)
_ROLE_OF_TITLE = {
    "president": "president", "prime minister": "prime minister", "pm": "prime minister",
    "premier": "premier", "chancellor": "chancellor", "king": "king", "queen": "queen",
    "emperor": "emperor", "emir": "emir", "amir": "emir", "sultan": "sultan",
    "supreme leader": "supreme leader", "leader": "leader", "taoiseach": "prime minister",
    "shah": "shah", "tsar": "tsar", "czar": "tsar", "crown prince": "crown prince",
    "monarch": "king", "dictator": "leader", "strongman": "leader",
    "president-elect": "president", "chief executive": "president",
}  # fmt: skip
_NAME = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Za-zà-ÿ]+)?|bin|al-[A-Z][a-z]+|el-[A-Z][a-z]+|de|da|van|von)"
_UNKNOWN_LEADER = re.compile(
    rf"\b(?P<title>President|Prime\s+Minister|Premier|Chancellor|King|Queen|Emir|Sultan|"
    rf"Supreme\s+Leader|leader)\s+(?P<name>[A-Z][a-zà-ÿ'’-]+(?:\s+{_NAME}){{1,3}}(?:\s+(?:Jr\.|Sr\.|II|III))?)"
)
_OF_STATE_AFTER = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
_ROLE_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:(?:US|U\.S\.|Chinese|Russian|[A-Z][a-z]+)\s+)?(chief executive|president|President|prime minister|Prime Minister|premier|chancellor)\b"
)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # STATE | ORGANIZATION | PERSON
    code: str  # state or organization code; for persons the state they stand for ("" unknown)
    via: str  # lexicon kind: name, alias, demonym, capital, metonym, org, person, short, anaphor
    sentence: int
    person: str | None = None  # person id, or "text:<name>" for a leader known from the text
    head: bool = True  # persons: presented as head of state or government


@dataclass(slots=True)
class LeaderInfo:
    person: str
    name: str  # fullest form the text uses
    state: str
    role: str
    first: int  # offset of the first mention
    from_text: bool = True  # the name is a form the text uses (else the reference name)
    head_title: bool = False  # introduced with a head-of-state/government title
    non_head_title: bool = False  # introduced with another title (party chief, minister)
    in_office: bool = False


@dataclass
class Mentions:
    mentions: list[Mention] = field(default_factory=list)  # states, orgs and persons, in order
    leaders: dict[str, LeaderInfo] = field(default_factory=dict)
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)

    def in_sentence(self, index: int) -> list[Mention]:
        return self.by_sentence.get(index, [])


def _boundary_ok(text: str, start: int, end: int) -> bool:
    if start > 0:
        c = text[start - 1]
        if c.isalnum() or c == "_":
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum() or c == "_":
            return False
        # "Indo-Pacific": a hyphen joining two capitalised words makes a new name,
        # but "Vietnam-US relations" and "U.S.-led" keep the state.
    return True


def _is_place(text: str, start: int, end: int, key: str, entry: lx.Entry) -> bool:
    """A state's name used for a place, not the state."""
    if _GEO_SUFFIX.match(text, end) and not text.startswith(" Coast Guard", end):
        return True
    before = text[max(0, start - 30) : start]
    if _GEO_PREFIX.search(before):
        return True
    return bool(entry.kind == lx.STATE_DEMONYM and _WAR_SUFFIX.match(text, end) and key == "Korean")


_ARRIVAL_BEFORE = re.compile(r"\b(?:arrived|arrives|arriving|landed|lands)\s+in\s+$", re.IGNORECASE)


def _capital_is_location(text: str, start: int, end: int, sentence_start: int) -> bool:
    before = text[max(0, start - 40) : start]
    if _LOCATIVE.search(before) and not _ARRIVAL_BEFORE.search(before):
        return True
    if (
        start - sentence_start < 3
        and sentence_start == 0
        and _DATELINE.match(text[sentence_start : end + 40])
    ):
        return True
    prefix = text[sentence_start:start]
    if not prefix.strip() and (
        text[end : end + 3].lstrip().startswith(("—", "–", ":")) or text[start:end].isupper()
    ):
        return True  # a dateline: "KYIV:" "NEW DELHI —"
    m = _CAP_WORD_AFTER.match(text, end)
    if m and m.group(1) not in _FUNCTION and not m.group(1).endswith(("day", "days")):
        return True  # "Washington Post", "Moscow State University"
    mb = _CAP_WORD_BEFORE.search(text, max(0, start - 30), start)
    if (
        mb
        and mb.group(1) not in _FUNCTION
        and (
            mb.start() > sentence_start
            or not mb.group(1).endswith(("ing", "ed", "ly", "ern", "ish"))
        )
    ):
        return True  # "George Washington"; "Mexico City" is handled by the longest match
    return text.startswith(", D.C.", end) and bool(_LOCATIVE.search(before))


def _is_person_name(text: str, start: int, end: int, sentence_start: int, lex: lx.Lexicon) -> bool:
    """'Michael Jordan', 'Jordan Peterson', 'Chad Smith', 'Mr. Jordan'."""
    if _HONORIFIC_BEFORE.search(text, max(0, start - 8), start):
        return True
    m = _CAP_WORD_AFTER.match(text, end)
    if m:
        word = m.group(1)
        if word not in _FUNCTION and word not in lex.state_names and word not in lex.demonym_of:
            return True
    mb = _CAP_WORD_BEFORE.search(text, max(0, start - 30), start)
    if mb and (
        mb.start() > sentence_start or not mb.group(1).endswith(("ing", "ed", "ly", "ern", "ish"))
    ):
        word = mb.group(1)
        if (
            word not in _FUNCTION
            and word not in lex.state_names
            and word not in lex.demonym_of
            and not _ANY_TITLE_BEFORE.search(text[max(0, start - 30) : start])
        ):
            return True
    return False


def _georgia_is_us_state(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 200) : end + 200]
    if text.startswith(" state", end) or re.search(
        r"[A-Z][a-z]+,\s+$", text[max(0, start - 25) : start]
    ):
        return True
    us = len(_GEORGIA_US.findall(window))
    country = len(_GEORGIA_COUNTRY.findall(window))
    return us > country


def _state_at(codes: tuple[str, ...], when: date | None, lex: lx.Lexicon) -> str:
    """Among states sharing a capital (Moscow: RUS, SUN), the one that existed at `when`."""
    if len(codes) == 1 or when is None:
        return codes[-1] if when is None and len(codes) > 1 else codes[0]
    iso = when.isoformat()
    for code in codes:
        start, end = lex.state_period.get(code, (None, None))
        if (start is None or start <= iso) and (end is None or iso < end):
            return code
    return codes[0]


_YEAR_IN = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


def _effective_date(sentence: Sentence, when: date | None) -> date | None:
    """The sentence's own explicit year, when it is before the article date, else `when`."""
    m = _YEAR_IN.search(sentence.text)
    if m:
        y = int(m.group(1))
        if when is None or y < when.year:
            return date(y, 6, 30)
    return when


def _title_before(text: str, start: int) -> tuple[str | None, bool | None]:
    """(role, is head title) of a title written just before a name, else (None, None)."""
    before = text[max(0, start - 70) : start]
    non_head = _NON_HEAD_BEFORE.search(before)
    head = _HEAD_BEFORE.search(before)
    if non_head and (head is None or non_head.start("title") < head.start("title")):
        return non_head.group("title").lower(), False
    if head:
        title = re.sub(r"\s+", " ", head.group("title").lower())
        return _ROLE_OF_TITLE.get(title, title), True
    return None, None


def find_mentions(
    text: str, sentences: list[Sentence], when: date | None, lex: lx.Lexicon
) -> Mentions:
    """All mentions of `text`; `when` is the article's date (for leaders' terms and capitals)."""
    starts = [s.start for s in sentences]
    out = Mentions()
    recent_by_short: dict[str, str] = {}  # short form -> person id most recently mentioned
    introduced: set[str] = set()
    text_leaders: dict[str, tuple[str, str, str]] = {}  # short form -> (key, name, state)

    def sentence_of(offset: int) -> Sentence:
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        return sentences[i]

    # Leaders the reference data does not know, from "<demonym> President X" and the like.
    unknown = _unknown_leaders(text, lex)
    for name, (state, role, offset) in unknown.items():
        key = f"text:{name}"
        tokens = name.split()
        for short in {tokens[-1], name}:
            text_leaders[short] = (key, name, state)
        out.leaders[key] = LeaderInfo(key, name, state, role, offset, head_title=True)

    matches = lex.matches(text)
    for start, end, entries in matches:
        if not _boundary_ok(text, start, end):
            continue
        key = text[start:end]
        if not sentences:
            break
        sent = sentence_of(start)
        kinds = {e.kind for e in entries}
        if lx.BLOCK in kinds:
            continue
        if lx.PERSON_FULL in kinds or (
            lx.PERSON_SHORT in kinds
            and not kinds
            & {lx.STATE_NAME, lx.STATE_ALIAS, lx.ORG, lx.STATE_DEMONYM, lx.STATE_CAPITAL}
        ):
            _person(
                text, start, end, key, entries, sent, when, lex, out, recent_by_short, introduced
            )
            continue
        state_entries = [
            e
            for e in entries
            if e.kind
            in (lx.STATE_NAME, lx.STATE_ALIAS, lx.STATE_DEMONYM, lx.STATE_CAPITAL, lx.STATE_METONYM)
        ]
        org_entries = [e for e in entries if e.kind == lx.ORG]
        if state_entries:
            entry = state_entries[0]
            if lx.PERSON_SHORT in kinds and _title_before(text, start)[1]:
                _person(
                    text,
                    start,
                    end,
                    key,
                    entries,
                    sent,
                    when,
                    lex,
                    out,
                    recent_by_short,
                    introduced,
                )
                continue
            if _is_place(text, start, end, key, entry):
                continue
            if entry.kind in (lx.STATE_NAME, lx.STATE_ALIAS) and key in _PEOPLE_NAMED_STATES:
                if _is_person_name(text, start, end, sent.start, lex):
                    continue
                if key == "Georgia" and _georgia_is_us_state(text, start, end):
                    continue
            if entry.kind == lx.STATE_CAPITAL:
                if _capital_is_location(text, start, end, sent.start):
                    continue
                code = _state_at(
                    lex.capital_states.get(key, (entry.code,)), _effective_date(sent, when), lex
                )
            elif entry.kind == lx.STATE_METONYM:
                if re.search(
                    r"\b(?:at|in|outside|inside)\s+the\s+$", text[max(0, start - 12) : start]
                ):
                    continue
                code = entry.code
            else:
                code = entry.code
            out.mentions.append(Mention(start, end, key, STATE, code, entry.kind, sent.index))
        elif org_entries:
            out.mentions.append(
                Mention(start, end, key, ORGANIZATION, org_entries[0].code, lx.ORG, sent.index)
            )

    # Short forms of leaders known only from the text ("Prime Minister X of Y" ... "X said").
    if text_leaders:
        pattern = re.compile(
            r"\b("
            + "|".join(re.escape(k) for k in sorted(text_leaders, key=len, reverse=True))
            + r")\b"
        )
        taken = [(m.start, m.end) for m in out.mentions]
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            key, name, state = text_leaders[m.group(1)]
            info = out.leaders[key]
            if m.start() < info.first:
                continue
            out.mentions.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group(0),
                    PERSON,
                    state,
                    lx.PERSON_SHORT,
                    sentence_of(m.start()).index,
                    key,
                )
            )

    _role_anaphors(text, sentences, out, sentence_of)
    out.mentions.sort(key=lambda m: m.start)
    for mention in out.mentions:
        out.by_sentence.setdefault(mention.sentence, []).append(mention)
    return out


def _role_anaphors(
    text: str,
    sentences: list[Sentence],
    out: Mentions,
    sentence_of: Callable[[int], Sentence],
) -> None:
    """'The chief executive', 'the prime minister': the last leader mentioned with that role."""
    persons = sorted(
        (m for m in out.mentions if m.kind == PERSON and m.code), key=lambda m: m.start
    )
    if not persons:
        return
    taken = [(m.start, m.end) for m in out.mentions]
    for m in _ROLE_ANAPHOR.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        after = text[m.end() : m.end() + 2]
        if after[:1] == " " and after[1:2].isupper():
            continue  # "the President Xi ..." is a title, not an anaphor
        role = m.group(1).lower()
        prior = [p for p in persons if p.start < m.start()]
        if not prior:
            continue
        wanted = "president" if role == "chief executive" else role
        pick = next(
            (
                p
                for p in reversed(prior)
                if p.person in out.leaders and out.leaders[p.person].role == wanted
            ),
            None,
        )
        if pick is None:
            continue
        out.mentions.append(
            Mention(
                m.start(),
                m.end(),
                m.group(0),
                PERSON,
                pick.code,
                "anaphor",
                sentence_of(m.start()).index,
                pick.person,
            )
        )


def _unknown_leaders(text: str, lex: lx.Lexicon) -> dict[str, tuple[str, str, int]]:
    """Leaders the text introduces with a title and a state, missing from the reference data."""
    found: dict[str, tuple[str, str, int]] = {}
    for m in _UNKNOWN_LEADER.finditer(text):
        name = re.sub(r"['’]s$", "", m.group("name").rstrip(".,"))
        tokens = [re.sub(r"['’]s$", "", t) for t in name.split()]
        # The name ends at the first token that is a known word of another kind.
        kept: list[str] = []
        for t in tokens:
            if t in lex.state_names or t in lex.demonym_of or t in _FUNCTION:
                break
            kept.append(t)
        if len(kept) < 2:
            continue
        name = " ".join(kept)
        if any(e.kind in (lx.PERSON_FULL, lx.PERSON_SHORT) for e in _entries(lex, name)) or any(
            e.kind in (lx.PERSON_FULL, lx.PERSON_SHORT) for e in _entries(lex, kept[-1])
        ):
            continue
        state = None
        before = text[max(0, m.start() - 40) : m.start()]
        bm = re.search(r"(?<![\w.])([A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)(?:['’]s)?[ \t]+$", before)
        if bm:
            word = bm.group(1)
            state = lex.demonym_of.get(word) or lex.state_names.get(word)
            if state is None and " " in word:
                last = word.split()[-1]
                state = lex.demonym_of.get(last) or lex.state_names.get(last)
        if state is None:
            am = _OF_STATE_AFTER.match(text, m.start("name") + len(name))
            if am:
                words = am.group(1).split()
                for n in range(len(words), 0, -1):
                    state = lex.state_names.get(" ".join(words[:n]).rstrip(".,"))
                    if state:
                        break
        if state is None:
            continue
        title = re.sub(r"\s+", " ", m.group("title").lower())
        found.setdefault(name, (state, _ROLE_OF_TITLE.get(title, title), m.start("name")))
    return found


def _entries(lex: lx.Lexicon, key: str) -> tuple[lx.Entry, ...]:
    value = lex.automaton.get(key, None)
    return value[1] if value else ()


def _person(
    text: str,
    start: int,
    end: int,
    key: str,
    entries: tuple[lx.Entry, ...],
    sent: Sentence,
    when: date | None,
    lex: lx.Lexicon,
    out: Mentions,
    recent_by_short: dict[str, str],
    introduced: set[str],
) -> None:
    full = [e for e in entries if e.kind == lx.PERSON_FULL]
    shorts = [e for e in entries if e.kind == lx.PERSON_SHORT]
    if _NAMED_AFTER.match(text, end):
        return  # "John F. Kennedy International Airport", "the Nelson Mandela Foundation"
    role, head = _title_before(text, start)
    name = key
    person_id: str | None = None
    if full:
        candidates = [e.code for e in full]
        person_id = _pick(candidates, when, lex, role)
        # "Ferdinand “Bongbong” Marcos Jr.": the full form skips the nickname.
    else:
        # A short form: "Biden", "Xi", "Marcos Jr.", or a given name + short form.
        nick = _QUOTED_NICK_BEFORE.search(text, max(0, start - 40), start)
        given_m = nick or _CAP_WORD_BEFORE.search(text, max(0, start - 25), start)
        given = given_m.group(1) if given_m and given_m.start() >= sent.start else None
        if given in _FUNCTION or (given and given in lex.demonym_of):
            given = None
        if given and given in lex.state_names and given not in _PEOPLE_NAMED_STATES:
            given = None
        if (
            given
            and given_m is not None
            and given_m.start() == sent.start
            and not nick
            and given in _FUNCTION
        ):
            given = None
        after = _CAP_WORD_AFTER.match(text, end)
        if (
            after
            and after.group(1) not in _FUNCTION
            and after.group(1) not in _NOT_NAMES_AFTER
            and after.group(1) not in lex.state_names
            and after.group(1) not in lex.demonym_of
        ):
            return  # "Kim Yo Jong": a different person
        candidates = [e.code for e in shorts]
        if given is not None and not re.fullmatch(_HEAD_TITLES + "|" + _NON_HEAD_TITLES, given):
            compatible = [c for c in candidates if given_names_of(lex.persons[c], given)]
            if not compatible:
                return  # "Hunter Biden"
            candidates = compatible
            name = f"{given} {key}"
            start = given_m.start(1) if given_m else start
            person_id = _pick(candidates, when, lex, role)
        else:
            prior = [recent_by_short[key]] if key in recent_by_short else []
            if prior:
                person_id = prior[0]
            elif role is not None or head is not None:
                person_id = _pick(candidates, when, lex, role)
            elif not lx.weak_short_form(key):
                in_office = [c for c in candidates if lx.in_office(lex.persons[c], when)]
                person_id = in_office[0] if len(in_office) == 1 else None
            if person_id is None:
                return
    if person_id is None:
        return
    person = lex.persons[person_id]
    term = lx.term_at(person, when)
    state = term.state if term else ""
    for short in _all_shorts(person):
        recent_by_short[short] = person_id
    introduced.add(person_id)
    name = _LEADING_TITLE.sub("", name)
    is_full = bool(full) or " " in name
    info = out.leaders.get(person_id)
    if info is None:
        info = LeaderInfo(
            person_id,
            name if is_full else person.name,
            state,
            term.role if term else "leader",
            start,
            from_text=is_full,
            in_office=lx.in_office(person, when),
        )
        out.leaders[person_id] = info
    elif is_full and (not info.from_text or _fullness(name) > _fullness(info.name)):
        info.name = name
        info.from_text = True
    if head is True:
        info.head_title = True
    elif head is False:
        info.non_head_title = True
    out.mentions.append(
        Mention(
            start,
            end,
            text[start:end],
            PERSON,
            state,
            lx.PERSON_FULL if full else lx.PERSON_SHORT,
            sent.index,
            person_id,
            head is not False,
        )
    )


_LEADING_TITLE = re.compile(
    r"^(?:(?:Crown\s+Prince|King|Queen|President|Prime\s+Minister|Sheikh|Sheik|Emir|Amir|Sultan|"
    r"Prince|Premier|Chancellor|Supreme\s+Leader|Ayatollah|Field\s+Marshal|General|Gen\.)\s+)+"
)


_NAMED_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:International[ \t]+)?(?:Airport|Center|Centre|Street|Avenue|Boulevard|"
    r"Foundation|Library|Institute|University|School|College|Bridge|Stadium|Square|Museum|Prize|"
    r"Award|Park|Hall|Memorial|Hospital|Highway|Road|Station|Dam|Trust|Fund|Prize)\b"
)


def _fullness(name: str) -> int:
    return len(re.sub(r"[^A-Za-z]", "", name)) + 100 * len(name.split())


_SHORTS_CACHE: dict[str, tuple[str, ...]] = {}


def _all_shorts(person: PersonRef) -> tuple[str, ...]:
    cached = _SHORTS_CACHE.get(person.id)
    if cached is None:
        cached = tuple(lx._short_forms(person))
        _SHORTS_CACHE[person.id] = cached
    return cached


def given_names_of(person: PersonRef, given: str) -> bool:
    for full in (person.name, *person.aliases):
        tokens = full.split()
        if len(tokens) >= 2 and lx.given_names_match(given, tokens[0]):
            return True
    return False


def _pick(
    candidates: list[str], when: date | None, lex: lx.Lexicon, role: str | None
) -> str | None:
    """Among persons sharing a name, the one in office at `when` (with the title's role)."""
    if not candidates:
        return None
    unique = list(dict.fromkeys(candidates))
    if len(unique) == 1:
        return unique[0]
    in_office = [c for c in unique if lx.in_office(lex.persons[c], when)]
    if role:
        titled = [c for c in in_office if any(t.role == role for t in lex.persons[c].terms)]
        if titled:
            return titled[0]
    if in_office:
        return in_office[0]
    if when is not None:
        # The one whose terms are closest to the date.
        iso = when.isoformat()

        def distance(c: str) -> int:
            terms = lex.persons[c].terms
            return min(abs(int(t.start[:4]) - int(iso[:4])) for t in terms) if terms else 9999

        return min(unique, key=distance)
    return unique[0]
