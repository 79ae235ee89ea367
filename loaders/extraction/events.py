"""Dated events between states: trigger lexicons per event type, participants from the
sentence's state and leader mentions, dates from the sentence (or a neighbour).

Rules (DESIGN.md and the annotation rules of the development set):
- an event is kept only when the text places it in time, to a year at least;
- planned, hypothetical or negated events ("will visit", "plans to", "readied", "not") and
  domestic events (one state only) are left out;
- participants are states (an organization only where it acts as one: joining NATO);
  for directed types the initiator comes first (the visitor, the attacker, the protester);
- where the sentence's subject is a pronoun or "the two nations", participants come from the
  previous sentence;
- one event mentioned twice in an article is one event (same type, two shared participants,
  overlapping dates).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

import ahocorasick

from loaders.extraction import dates as dt
from loaders.extraction.mentions import ORGANIZATION, PERSON, STATE, Mention, Mentions
from loaders.extraction.sentences import Sentence
from ontology.namespace import DIRECTED_EVENT_TYPES

_I = re.IGNORECASE
_MIL_OBJECTS = (
    r"(?:weapons?|arms|missiles?|jets?|fighters?|fighter\s+jets|aircraft|warplanes|tanks|"
    r"submarines?|warships?|frigates?|destroyers|drones?|artillery|ammunition|munitions|rockets?|"
    r"howitzers|air[\s-]defen[cs]es?|(?:military|nuclear|submarine|missile|defen[cs]e|weapons?)"
    r"(?:[\s-]\w+)?\s+technology|nuclear[\s-]powered\s+submarine\s+technology|helicopters|"
    r"radars?|interceptors?|bombers?|ballistic|shells)"
)
_MIL_OBJECT_RE = re.compile(rf"\b{_MIL_OBJECTS}\b", re.IGNORECASE)
_MIL_CONTEXT = re.compile(
    r"\b(?:troops|soldiers|army|armies|military|militar\w+|navy|naval|coast\s+guard|warships?|"
    r"vessels?|ships?|border|forces|fighter|jets?|laser|water\s+cannon|artillery|missiles?|"
    r"drones?|gunfire|fire|shots?|frontier|patrol\w*)\b",
    _I,
)

# (type, pattern). The named group "t" is the trigger; "v" marks a finite verb form.
_SPECS: list[tuple[str, str]] = [
    # visits
    ("state_visit", r"\b(?P<t>visit)\b(?!s|ed|ing)"),
    ("state_visit", r"\b(?P<t>(?P<v>visited)|visiting)\b"),
    ("state_visit", r"\b(?P<t>(?P<v>travell?ed|flew|went)|trip|journey)\s+to\b"),
    ("state_visit", r"\b(?P<t>(?P<v>arrived))\s+in\b"),
    ("state_visit", r"\b(?P<t>(?P<v>hosted|welcomed|received))\s+(?=(?:the\s+)?[A-Z])"),
    # meetings
    ("summit_meeting", r"\b(?P<t>summit)\b(?!s)"),
    (
        "meeting",
        r"\b(?P<t>(?P<v>met)\b(?!\s+(?:by|with\s+(?:criticism|protests?|resistance|opposition|skepticism|scepticism)))|meeting\s+(?:with|between|of|in|on)\b)",
    ),
    ("meeting", r"\b(?:(?P<v>held)\s+)?(?P<t>talks|negotiations|discussions)\b"),
    # messages
    (
        "message_exchange",
        r"\b(?P<t>(?P<v>exchanged)\s+(?:\w+\s+){0,2}(?:messages|letters|greetings|congratulations|notes))\b",
    ),
    (
        "message_exchange",
        r"\b(?P<t>(?P<v>sent|wrote)\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:message|letter))\b",
    ),
    ("message_exchange", r"\b(?P<t>(?:(?:tele)?phone|video)\s+(?:call|conversation|talks))\b"),
    (
        "message_exchange",
        r"\b(?P<t>(?P<v>spoke|talked)\s+(?:by|over\s+the|on\s+the)\s+(?:tele)?phone|(?P<v2>telephoned|phoned))\b",
    ),
    # statements (not scored, kept for the graph)
    ("statement", r"\b(?P<t>joint\s+(?:\w+['’]?\s+)?(?:statement|declaration|communiqu[ée]))\b"),
    # protests
    (
        "diplomatic_protest",
        r"\b(?P<t>(?P<v>summoned)\s+(?:the\s+|its\s+|a\s+)?(?:[A-Z][\w'’.]*\s+){0,3}(?:[Aa]mbassador|envoy|[Cc]harg[ée]|diplomats?))",
    ),
    (
        "diplomatic_protest",
        r"\b(?P<t>(?P<v>filed|lodged|launched|registered|issued|made)\s+(?:a|an)\s+(?:\w+\s+){0,2}protest)\b",
    ),
    ("diplomatic_protest", r"\b(?P<t>(?P<v>protested)\s+(?:to|against|with))\b"),
    ("diplomatic_protest", r"\b(?P<t>note\s+verbale)\b"),
    # treaties and alliances
    (
        "treaty_signed",
        r"\b(?P<t>(?P<v>signed|concluded|inked|ratified))\s+(?:a|an|the|their)?\s*(?:[\w-]+\s+){0,4}(?:treaty|pact|accord|agreement|deal|convention|armistice|protocol)\b",
    ),
    (
        "treaty_signed",
        r"\b(?:treaty|pact|accord|agreement|armistice)\s+(?:was|were)\s+(?P<t>(?P<v>signed|concluded))\b",
    ),
    ("treaty_signed", r"\b(?:It|it)\s+was\s+(?P<t>(?P<v>signed))\s+by\b"),
    (
        "treaty_signed",
        r"\b(?P<t>signing)\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}(?:treaty|pact|accord|agreement|armistice)\b",
    ),
    (
        "alliance_formed",
        r"\b(?P<t>(?P<v>formed|forged|unveiled|launched|created|established|founded|announced|signed))\s+(?:a|an|the|their)?\s*(?:new\s+)?(?:[\w-]+\s+){0,3}(?:alliance|defen[cs]e\s+pact|security\s+pact|military\s+pact|coalition)\b",
    ),
    (
        "alliance_formed",
        r"\b(?P<t>(?P<v>joined)|accession\s+to)\s+(?:the\s+)?(?=NATO|Nato|CSTO|AUKUS|ANZUS|SEATO|Warsaw\s+Pact)",
    ),
    (
        "alliance_formed",
        r"\b(?P<t>(?P<v>became)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:full\s+)?member\s+of)\s+(?:the\s+)?(?=NATO|Nato|CSTO|AUKUS|ANZUS|SEATO|Warsaw\s+Pact)",
    ),
    # sanctions
    (
        "sanctions",
        r"\b(?P<t>(?P<v>imposed|slapped|announced|levied|introduced|tightened)\s+(?:\w+\s+){0,3}sanctions)\s+(?:on|against)\b",
    ),
    ("sanctions", r"\bsanctions\s+(?:were|was)\s+(?P<t>(?P<v>imposed))\b"),
    ("sanctions", r"\b(?P<t>(?P<v>sanctioned))\s+(?=[A-Z])"),
    # arms transfers
    (
        "arms_transfer",
        rf"\b(?P<t>(?P<v>sold|supplied|delivered|provided|transferred|shipped|gave|sent|acquired|bought|purchased|received|obtained))\b(?=(?:\s+[\w'’-]+){{0,6}}\s+{_MIL_OBJECTS}\b)",
    ),
    (
        "arms_transfer",
        r"(?<=[\s,])which\s+(?:[\w'’-]+\s+){0,2}(?P<t>(?P<v>acquired|bought|purchased|received|obtained))\b",
    ),
    ("arms_transfer", r"\b(?P<t>arms\s+(?:sale|deal|transfer|shipment))\s+to\b"),
    # military exercises
    (
        "military_exercise",
        r"\b(?P<t>(?:joint\s+)(?:\w+\s+){0,2}(?:exercises?|drills?|war\s+games|manoeuvres|maneuvers))\b",
    ),
    (
        "military_exercise",
        r"\b(?P<v>held|conducted|staged|launched|began|started)\s+(?:\w+\s+){0,3}(?P<t>(?:military|naval|air|live-fire)\s+(?:exercises?|drills?))\b",
    ),
    # armed clashes
    (
        "armed_clash",
        r"\b(?P<t>clash(?:es)?|(?P<v>clashed)|skirmish(?:es)?|brawls?|firefights?|gunfights?|(?P<v2>exchanged)\s+fire|exchange\s+of\s+fire|standoff)\b",
    ),
    ("armed_clash", r"\b(?P<t>(?:fight|fighting|battle)\s+(?P<v>broke\s+out|erupted))\b"),
    (
        "armed_clash",
        r"\b(?P<t>(?P<v>fought))\b(?!\s+(?:a\s+|an\s+|the\s+|two\s+|three\s+|four\s+|several\s+)?(?:\w+\s+)?wars?\b)",
    ),
    (
        "armed_clash",
        r"\b(?P<t>(?P<v>fired)\s+(?:on|at|upon)|(?P<v2>rammed)|water\s+cannons?|(?P<v3>shot\s+down))\b",
    ),
    ("armed_clash", r"\b(?P<t>incident|confrontation)\b(?!s)"),
    # interventions
    (
        "military_intervention",
        r"\b(?P<t>(?P<v>invaded)|invasion\s+of|(?P<v2>intervened)\s+militarily|military\s+intervention|(?P<v3>attacked)|(?P<v4>bombed)|(?P<v5>occupied)|(?P<v6>annexed)|annexation\s+of|incursion\s+into)\b",
    ),
    (
        "military_intervention",
        r"\b(?P<t>(?:(?P<v>launched)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3})?(?:attack|offensive|assault|air\s*strikes?|strikes?|missile\s+strikes?)\s+(?:on|against|into))\b",
    ),
    (
        "military_intervention",
        r"\b(?:carried\s+out|conducted|launched)\s+(?:\w+\s+){0,2}(?P<t>(?:air\s*)?strikes)\s+in\b",
    ),
    (
        "military_intervention",
        r"\b(?P<t>(?P<v>struck|shelled|raided))\s+(?=(?:\w+\s+){0,3}?(?:in\s+)?(?:the\s+)?[A-Z])(?!(?:a|an|the)\s+(?:\w+\s+)?(?:deal|agreement|accord|balance|tone|note|chord|compromise|bargain)\b)",
    ),
    (
        "military_intervention",
        r"\b(?P<t>(?P<v>intervened))\s+(?:\w+\s+){0,2}(?:on\s+\S+\s+behalf|in\s+the\s+war|in\s+support)",
    ),
    # wars
    ("war", r"\b(?P<t>(?P<v>fought|waged)\s+(?:a|the|their)\s+(?:[\w-]+\s+){0,2}war)\b(?!s)"),
    ("war", r"\b(?P<t>(?P<v>went)\s+to\s+war|(?P<v2>declared)\s+war)\b"),
    (
        "war",
        r"\b(?:1[0-9]{3}|20[0-9]{2})(?:\s*[-–]\s*(?:1[0-9]{3}|20[0-9]{2}|[0-9]{2}))?\s+(?P<t>war)\b(?!s)",
    ),
    ("war", r"\b(?P<t>war)\s+(?:with|against|between)\b"),
    ("war", r"\b(?P<t>(?:[A-Z][\w'’-]+\s+){1,2}War)\b"),
    # ties
    (
        "diplomatic_relations_established",
        r"\b(?P<t>(?P<v>established|establish|restored|resumed|restore|resume|re-established|reestablished|normali[sz]ed|forged|opened)\s+(?:formal\s+|full\s+|official\s+)?(?:diplomatic\s+)(?:relations|ties))\b",
    ),
    (
        "diplomatic_relations_established",
        r"\b(?P<t>(?P<v>restored|resumed|restore|resume|re-established|normali[sz]ed)\s+(?:\w+\s+)?(?:relations|ties))\b",
    ),
    (
        "diplomatic_relations_established",
        r"\b(?P<t>(?:establishment|restoration|resumption|normali[sz]ation)\s+of\s+(?:formal\s+|full\s+)?(?:diplomatic\s+)?(?:relations|ties))\b",
    ),
    (
        "diplomatic_relations_severed",
        r"\b(?P<t>(?P<v>cut|severed|broke\s+off|suspended|downgraded|ended|froze|cuts|severs)\s+(?:off\s+)?(?:\w+\s+){0,2}(?:diplomatic\s+)?(?:ties|relations))\b",
    ),
    (
        "diplomatic_relations_severed",
        r"\b(?:ties|relations)\s+(?:were|was|had\s+been)\s+(?P<t>(?P<v>cut|severed|broken\s+off|suspended|downgraded))\b",
    ),
    (
        "diplomatic_relations_severed",
        r"\b(?P<t>(?:severance|severing|rupture|breaking\s+off|downgrading)\s+of\s+(?:diplomatic\s+)?(?:ties|relations))\b",
    ),
    # vetoes
    ("veto", r"\b(?P<t>(?P<v>vetoed)|(?P<v2>cast|used|exercised)\s+(?:its|a|their)\s+veto)\b"),
]
# Words one of which a sentence must contain (lower-cased) before a pattern is tried: a cheap
# prefilter that keeps the extractor fast (most patterns cannot match most sentences).
_KEYWORDS: list[tuple[str, ...]] = [
    ("visit",),
    ("visit",),
    ("travel", "flew", "went", "trip", "journey"),
    ("arrived",),
    ("hosted", "welcomed", "received"),
    ("summit",),
    ("met", "meeting"),
    ("talks", "negotiations", "discussions"),
    ("exchanged",),
    ("sent", "wrote"),
    ("call", "conversation", "talks"),
    ("phone",),
    ("joint",),
    ("summoned",),
    ("protest",),
    ("protested",),
    ("verbale",),
    ("signed", "concluded", "inked", "ratified"),
    ("signed", "concluded"),
    ("signed",),
    ("signing",),
    ("alliance", "pact", "coalition"),
    ("joined", "accession"),
    ("became",),
    ("sanctions",),
    ("sanctions",),
    ("sanctioned",),
    (
        "sold",
        "suppl",
        "deliver",
        "provided",
        "transferred",
        "shipped",
        "gave",
        "sent",
        "acquired",
        "bought",
        "purchased",
        "received",
        "obtained",
    ),
    ("which",),
    ("arms",),
    ("joint",),
    ("exercise", "drill"),
    ("clash", "skirmish", "brawl", "fight", "fire", "standoff"),
    ("broke out", "erupted"),
    ("fought",),
    ("fired", "rammed", "cannon", "shot down"),
    ("incident", "confrontation"),
    ("inva", "interven", "attacked", "bombed", "occupied", "annex", "incursion"),
    ("attack", "offensive", "assault", "strike"),
    ("strikes",),
    ("struck", "shelled", "raided"),
    ("intervened",),
    ("war",),
    ("war",),
    ("war",),
    ("war",),
    ("war",),
    ("relations", "ties"),
    ("relations", "ties"),
    ("relations", "ties"),
    ("relations", "ties"),
    ("relations", "ties"),
    ("relations", "ties"),
    ("veto",),
]
_COMPILED = [
    (etype, re.compile(p, 0 if etype == "war" or "[A-Z]" in p else _I), keys)
    for (etype, p), keys in zip(_SPECS, _KEYWORDS, strict=True)
]


def _keyword_automaton(keywords: list[tuple[str, ...]]) -> ahocorasick.Automaton:
    """One automaton over every keyword: which pattern indexes a lower-cased text can match."""
    owners: dict[str, set[int]] = {}
    for index, keys in enumerate(keywords):
        for k in keys:
            owners.setdefault(k, set()).add(index)
    auto = ahocorasick.Automaton()
    for k, idx in owners.items():
        auto.add_word(k, frozenset(idx))
    auto.make_automaton()
    return auto


_KEYWORD_AUTOMATON = _keyword_automaton(_KEYWORDS)


def candidate_patterns(auto: ahocorasick.Automaton, lower: str) -> set[int]:
    found: set[int] = set()
    for _, idx in auto.iter(lower):
        found |= idx
    return found


# Words that make what follows them (within four words) planned, hypothetical, negated or
# stopped: "will visit", "plans to sign", "readied sanctions", "not attack", "frozen talks".
_GUARD_WORDS = frozenset(
    [
        "will",
        "would",
        "could",
        "may",
        "might",
        "shall",
        "should",
        "can",
        "cannot",
        "can't",
        "won't",
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "intends",
        "intended",
        "intention",
        "intentions",
        "expected",
        "set",
        "ready",
        "seeking",
        "seek",
        "seeks",
        "want",
        "wants",
        "wanted",
        "hope",
        "hopes",
        "hoping",
        "threaten",
        "threatened",
        "threatens",
        "threatening",
        "vow",
        "vowed",
        "vows",
        "vowing",
        "pledge",
        "pledged",
        "pledges",
        "pledging",
        "not",
        "never",
        "no",
        "readied",
        "readies",
        "readying",
        "preparing",
        "prepared",
        "prepares",
        "considering",
        "consider",
        "proposed",
        "propose",
        "proposal",
        "upcoming",
        "next",
        "future",
        "possible",
        "potential",
        "likely",
        "avoid",
        "prevent",
        "preventing",
        "risk",
        "risks",
        "prospect",
        "threat",
        "fear",
        "fears",
        "if",
        "whether",
        "without",
        "denying",
        "denied",
        "deny",
        "aim",
        "aims",
        "eyeing",
        "mull",
        "mulling",
        "mulled",
        "mulls",
        "any",
        "frozen",
        "froze",
        "freeze",
        "freezes",
        "suspend",
        "suspended",
        "suspends",
        "halt",
        "halted",
        "halts",
        "postpone",
        "postponed",
        "postpones",
        "cancel",
        "canceled",
        "cancelled",
        "cancels",
        "stalled",
        "collapsed",
        "ahead",
        "scheduled",
        "due",
    ]
)
_GUARD_PAIRS = frozenset(
    {("called", "for"), ("calls", "for"), ("call", "for"), ("need", "for"), ("push", "for"),
     ("aimed", "at"), ("called", "off")}
)  # fmt: skip
_MODALS = frozenset({"will", "would", "won't", "shall", "'ll", "’ll"})
_PAST_AGREE = frozenset({"agreed", "decided", "voted", "moved", "began", "started", "sought"})
_STRIP = "\"'“”‘’(),;:"


def guard_in(before: str) -> bool:
    """True when the words just before a trigger make it planned, hypothetical or negated."""
    # "May" with a capital is the month ("in May 1989"), not the modal.
    all_words = [w.strip(_STRIP).lower() for w in before[-120:].split() if w.strip(_STRIP) != "May"]
    all_words = [w for w in all_words if w]
    if not all_words:
        return False
    if any(w in _MODALS for w in all_words[-9:]):
        return True  # "will on Monday begin a state visit"
    words = all_words[-5:]
    if "to" in words[-3:]:
        k = len(words) - 1 - words[::-1].index("to")
        if k > 0 and words[k - 1] in _PAST_AGREE:
            return False  # "agreed to resume": the agreement happened
        if k == len(words) - 1 or (k == len(words) - 2 and words[-1].endswith("ly")):
            return True  # an infinitive: "to visit", "to officially recognise"
    last = words[-4:]
    if any(w in _GUARD_WORDS for w in last):
        return True
    return any((a, b) in _GUARD_PAIRS for a, b in zip(words[-5:], words[-4:], strict=False))


_PERFECT_BEFORE = re.compile(r"\b(?:has|have|'ve|’ve)\s+(?:\w+\s+){0,2}$", _I)
_PAST_PERFECT_BEFORE = re.compile(r"\bhad\s+(?:\w+\s+){0,1}$", _I)
_PAST_VERB = re.compile(
    r"(?<!\bhas )(?<!\bhave )(?<!\bhad )\b(?:\w{2,}ed|met|cut|held|took|made|came|went|fought|"
    r"broke|began|sent|gave|struck|won|led|saw|joined|was|were|flew|spoke|sought|told|said)\b"
)
_CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|:\s|\(|\)|,\s+(?=(?:which|who|while|as|after|before|when|where|although|though|"
    r"but|including|saying|leading|raising|adding|prompting|commemorating|marking|amid|despite|"
    r"whereas|even|further|since|and\s+(?:the|a)\b|(?:\w+\s+)?(?:days|weeks|months|years)\s+(?:after|before)|"
    r"[a-z]+ing\s+(?:the|a|an|his|her|its|their|up|out|off|in|on|to)\b)\b)"
)
_PRONOUN_START = re.compile(r"^\s*[\"“]?(?:He|She)\b")
_THEY_START = re.compile(r"^\s*[\"“]?(?:They|Both|The\s+two|The\s+pair)\b")
_PAIR_ANAPHOR = re.compile(
    r"\b(?:the\s+two\s+(?:[\w-]+\s+){0,2}(?:countries|nations|states|neighbou?rs|sides|governments|"
    r"leaders|adversaries|rivals|allies|powers|capitals)|both\s+(?:countries|nations|sides|leaders|"
    r"governments)|each\s+other|between\s+them|with\s+each\s+other)\b",
    _I,
)
_LEADERS_ANAPHOR = re.compile(
    r"\b(?:the\s+two\s+leaders|both\s+leaders|their\s+(?:[\w-]+\s+){0,2}summit)\b", _I
)
_PLURAL_COUNT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|series\s+of|"
    r"dozens\s+of|\d{1,2})\s+(?:[\w-]+\s+)?$",
    _I,
)
_NOT_WAR = re.compile(
    r"\b(?:Cold|Trade|Civil|Post|Culture|Price|Tariff|Tech|Chip|Currency|Proxy|Information|Drug|Shadow)\s+War\b|"
    r"\bwar\s+(?:crimes?|of\s+words|games|chest|room|zone|footing|criminals?|memorial|dead|veterans?|"
    r"on\s+(?:terror|drugs|poverty))\b|\b(?:trade|civil|cold|price|tariff|proxy|information|culture|"
    r"tech|chip|currency|shadow)[\s-]war\b",
    _I,
)
_TALKS_NOT = re.compile(
    r"\b(?:meeting|talks|discussions)\s+with\s+(?:the\s+)?(?:press|media|reporters|journalists)\b",
    _I,
)
_INVASION_WORDS = re.compile(
    r"\b(?:invaded|invasion|full-scale|wide-ranging|large-scale|all-out|offensive)\b", _I
)

# Interstate wars named in the news, with the states on each side (ISO 3166 codes).
NAMED_WARS: dict[str, tuple[str, ...]] = {
    "Korean War": ("PRK", "KOR", "CHN", "USA"),
    "Vietnam War": ("VNM", "USA"),
    "Six-Day War": ("ISR", "EGY", "SYR", "JOR"),
    "Yom Kippur War": ("EGY", "SYR", "ISR"),
    "October War": ("EGY", "SYR", "ISR"),
    "Suez Crisis": ("EGY", "ISR", "GBR", "FRA"),
    "Gulf War": ("IRQ", "KWT", "USA", "GBR", "SAU"),
    "Iraq War": ("USA", "IRQ", "GBR"),
    "Iran-Iraq War": ("IRN", "IRQ"),
    "Iran–Iraq War": ("IRN", "IRQ"),
    "Falklands War": ("GBR", "ARG"),
    "Sino-Indian War": ("CHN", "IND"),
    "Sino-Vietnamese War": ("CHN", "VNM"),
    "Kargil War": ("IND", "PAK"),
    "Russo-Georgian War": ("RUS", "GEO"),
    "Russo-Japanese War": ("RUS", "JPN"),
    "Russo-Ukrainian War": ("RUS", "UKR"),
    "Winter War": ("SUN", "FIN"),
    "Arab-Israeli War": ("ISR", "EGY", "SYR", "JOR", "IRQ"),
    "Bangladesh Liberation War": ("PAK", "IND", "BGD"),
    "Nagorno-Karabakh War": ("ARM", "AZE"),
    "Eritrean-Ethiopian War": ("ERI", "ETH"),
    "Kosovo War": ("YUG", "USA"),
    "Chaco War": ("BOL", "PRY"),
    "Football War": ("SLV", "HND"),
    "Sino-Japanese War": ("CHN", "JPN"),
}


@dataclass
class EventCandidate:
    type: str
    participants: list[str]
    date: str | None
    date_source: str  # own | report | offset | lead | narrative | merged
    sentence: Sentence
    start: int  # trigger offsets in the article text
    end: int
    confidence: float
    past: bool = False  # the trigger is a simple-past verb or sits in a past-tense sentence
    invasion: bool = False  # an invasion-like intervention (gives an at_war relation)
    extra: dict[str, str] = field(default_factory=dict)


_SUBORDINATE_START = re.compile(
    r"^\s*(?:While|Although|Though|Whereas|Because|If|Unless|As|When|Since|Even\s+as|Even\s+though)\b[^,]*,"
)


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause of `text` (a sentence) containing `pos`."""
    start, end = 0, len(text)
    sub = _SUBORDINATE_START.match(text)
    if sub:
        if pos < sub.end():
            end = sub.end() - 1
        else:
            start = sub.end()
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            continue
        if m.start() >= end:
            break
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _guarded(before: str) -> bool:
    return guard_in(before)


def _actors(mentions: list[Mention], with_orgs: bool = False) -> list[Mention]:
    return [
        m
        for m in mentions
        if (
            m.kind == STATE
            or (m.kind == PERSON and m.code)
            or (with_orgs and m.kind == ORGANIZATION)
        )
    ]


def _codes(mentions: list[Mention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.code and m.code not in out:
            out.append(m.code)
    return out


@dataclass
class _Context:
    text: str
    sentences: list[Sentence]
    mentions: Mentions
    date_mentions: list[dt.DateMention]
    anchor: date | None
    published: date | None
    lead_date: str | None
    dated_events: list[EventCandidate] = field(default_factory=list)
    by_sentence: dict[int, list[dt.DateMention]] = field(default_factory=dict)

    def dates_in(self, sent: Sentence) -> list[dt.DateMention]:
        """The date mentions that start inside a sentence, in order."""
        if not self.by_sentence and self.date_mentions:
            starts = [s.start for s in self.sentences]
            for d in self.date_mentions:
                i = bisect.bisect_right(starts, d.start) - 1
                if i >= 0 and d.start < self.sentences[i].end:
                    self.by_sentence.setdefault(i, []).append(d)
        return self.by_sentence.get(sent.index, [])


def _previous_actors(
    ctx: _Context, index: int, leaders_only: bool = False, first_person: bool = False
) -> list[str]:
    """States of the nearest earlier sentence that has actors."""
    for i in range(index - 1, max(-1, index - 4), -1):
        ms = _actors(ctx.mentions.in_sentence(i))
        if first_person:
            persons = [m for m in ms if m.kind == PERSON]
            if persons:
                return [persons[0].code]
            continue
        if leaders_only:
            ms = [m for m in ms if m.kind == PERSON]
        codes = _codes(ms)
        if len(codes) >= (2 if not first_person else 1):
            return codes
    return []


def _date_for(
    ctx: _Context,
    sent: Sentence,
    t_start: int,
    t_end: int,
    clause: tuple[int, int],
    others: list[tuple[int, int]] | None = None,
) -> tuple[str | None, str]:
    """The date of a trigger: the nearest date mention of its sentence (an offset phrase
    such as '16 months after' counts from the sentence's other date or the narrative date)."""
    best: tuple[int, dt.DateMention] | None = None
    report: dt.DateMention | None = None
    offset: dt.DateMention | None = None
    for d in ctx.dates_in(sent):
        if d.kind in (dt.SINCE, dt.UNTIL):
            continue
        if d.kind == dt.OFFSET:
            if d.end <= t_start and clause[0] <= d.start - sent.start:
                offset = d
            continue
        if d.kind == dt.REPORT:
            report = d
            continue
        distance = _distance(d, t_start, t_end, sent)
        if others and _owned_by_other(d, distance, sent, others):
            continue
        in_clause = clause[0] <= d.start - sent.start < clause[1]
        score = distance + (0 if in_clause else 150)
        if best is None or score < best[0]:
            best = (score, d)
    if offset is not None and offset.offset is not None:
        amount, unit, sign = offset.offset
        comma = sent.text.find(",", offset.end - sent.start)
        if offset.start - sent.start < 3 and 0 <= comma < t_start - sent.start:
            # "A day after X [date], Y": Y is measured forward from X's date.
            inner = [
                d
                for d in ctx.dates_in(sent)
                if offset.end <= d.start < sent.start + comma
                and d.kind in (dt.ABSOLUTE, dt.RELATIVE)
            ]
            if inner:
                shifted = dt.shift(inner[0].value, amount, unit, -sign)
                if shifted:
                    return shifted, "offset"
        else:
            # "The accord came 16 months after X": X is measured back from the accord's date.
            base = (
                best[1].value
                if best
                else _narrative_date(ctx, sent) or (ctx.anchor.isoformat() if ctx.anchor else None)
            )
            if base:
                shifted = dt.shift(base, amount, unit, sign)
                if shifted:
                    return shifted, "offset"
    if best is not None:
        return best[1].value, "own"
    if report is not None:
        return dt.to_month(report.value), "report"
    return None, ""


def _owned_by_other(
    d: dt.DateMention, distance: int, sent: Sentence, others: list[tuple[int, int]]
) -> bool:
    """A date belongs to the trigger nearest to it: 'a fight broke out on Monday ...
    fought a war in 1962' gives each its own date."""
    for o_s, o_e in others:
        other = _distance(d, sent.start + o_s, sent.start + o_e, sent)
        if 0 <= other < distance:
            return True
    return False


def _distance(d: dt.DateMention, t_start: int, t_end: int, sent: Sentence) -> int:
    """Characters between a date and a trigger. A date after its trigger binds closer than
    one before it ("the visit in May 1989 normalised ..."), except a date that opens the
    sentence ("On Monday night, a fight broke out")."""
    if d.end <= t_start:
        opening = d.start - sent.start <= 4
        return t_start - d.end + (0 if opening else 20)
    return d.start - t_end


def _narrative_date(ctx: _Context, sent: Sentence) -> str | None:
    """What the story is talking about: the date of the latest event dated before this
    sentence, else the latest date mentioned before it."""
    for ev in reversed(ctx.dated_events):
        if ev.sentence.index < sent.index and ev.date and ev.date_source in ("own", "lead"):
            return ev.date
    for index in range(sent.index - 1, -1, -1):
        for d in reversed(ctx.dates_in(ctx.sentences[index])):
            if d.kind in (dt.ABSOLUTE, dt.RELATIVE, dt.REPORT):
                return d.value
    return None


def _lead_date(
    sentences: list[Sentence], date_mentions: list[dt.DateMention], anchor: date | None
) -> str | None:
    """The news peg: a relative day in the first sentences (e.g. 'Wednesday'), else the anchor."""
    if anchor is None:
        return None
    limit = sentences[min(1, len(sentences) - 1)].end if sentences else 0
    for d in date_mentions:
        if d.start >= limit:
            break
        if d.kind in (dt.RELATIVE, dt.REPORT) and "/" not in d.value and len(d.value) == 10:
            return d.value
    return anchor.isoformat()


def _participants(
    ctx: _Context, etype: str, sent: Sentence, t_start: int, t_end: int, clause: tuple[int, int]
) -> tuple[list[str], list[Mention]]:
    """Participant codes (initiator first for directed types) and the mentions they came from."""
    all_ms = _actors(
        ctx.mentions.in_sentence(sent.index), with_orgs=etype in ("alliance_formed", "veto")
    )
    rel = [(m.start - sent.start, m) for m in all_ms]
    in_clause = [m for off, m in rel if clause[0] <= off < clause[1]]
    if etype == "alliance_formed":
        in_clause = [
            m
            for m in in_clause
            if m.kind != ORGANIZATION or m.start - sent.start > t_start - sent.start
        ]
    # Leave out mentions after "witnessed by", and a possessive that only modifies a place.
    chosen = in_clause if len(_codes(in_clause)) >= 2 else [m for _, m in rel]
    chosen = [
        m
        for m in chosen
        if not re.search(
            r"\bwitnessed\s+by\s+(?:\w+\s+){0,3}$", ctx.text[max(0, m.start - 40) : m.start]
        )
    ]
    codes = _codes(chosen)
    s_text = sent.text
    if (
        etype in ("summit_meeting", "meeting")
        and _LEADERS_ANAPHOR.search(s_text)
        and len([m for m in chosen if m.kind == PERSON]) < 2
    ):
        prev = _previous_actors(ctx, sent.index, leaders_only=True)
        codes = list(dict.fromkeys([*prev[:2], *codes]))
    if len(codes) < 2 and _PRONOUN_START.match(s_text):
        codes = list(dict.fromkeys([*_previous_actors(ctx, sent.index, first_person=True), *codes]))
    if len(codes) < 2 and (_PAIR_ANAPHOR.search(s_text) or _THEY_START.match(s_text)):
        prev = _previous_actors(ctx, sent.index)
        codes = list(dict.fromkeys([*codes, *prev[:2]]))
    if etype in DIRECTED_EVENT_TYPES and len(codes) >= 2:
        codes = _direct(ctx, etype, sent, t_start, t_end, chosen, codes)
    orgs = {m.code for m in chosen if m.kind == ORGANIZATION}
    if orgs and etype != "alliance_formed":
        codes = [c for c in codes if c not in orgs] + [c for c in codes if c in orgs]
    return codes, chosen


_BY_AFTER = re.compile(r"\s*by\s+(?:the\s+)?$", _I)
_TARGET_PREP = re.compile(
    r"\b(?:to|on|against|into|with|from|in)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", _I
)


def _direct(
    ctx: _Context,
    etype: str,
    sent: Sentence,
    t_start: int,
    t_end: int,
    chosen: list[Mention],
    codes: list[str],
) -> list[str]:
    """Order participants: initiator first."""
    text = ctx.text
    before = [m for m in chosen if m.end <= t_start]
    after = [m for m in chosen if m.start >= t_end]
    initiator: str | None = None
    target: str | None = None
    for m in after:
        if _BY_AFTER.search(text[max(0, m.start - 12) : m.start]) or (
            re.search(r"\bof\s+\W?$", text[max(0, m.start - 5) : m.start])
            and etype == "state_visit"
        ):
            initiator = m.code
            break
    receiving = (
        etype == "arms_transfer"
        and re.search(r"acquired|bought|purchased|received|obtained", text[t_start:t_end], _I)
    ) or (etype == "state_visit" and re.match(r"hosted|welcomed|received", text[t_start:t_end], _I))
    if receiving:
        target = before[-1].code if before else None
        initiator = next((c for c in codes if c != target), None)
        if re.search(r"\bfrom\b", text[t_end : sent.end]):
            src = next(
                (
                    m.code
                    for m in after
                    if re.search(r"\bfrom\s+(?:the\s+)?$", text[max(0, m.start - 10) : m.start])
                ),
                None,
            )
            initiator = src or initiator
    if initiator is None and before:
        # The subject: the nearest actor before the trigger not governed by a preposition.
        for m in reversed(before):
            if not _TARGET_PREP.search(text[max(0, m.start - 30) : m.start]) or m is before[0]:
                initiator = m.code
                break
    if target is None:
        for m in after:
            if m.code != initiator:
                target = m.code
                break
    if initiator is None:
        initiator = next((c for c in codes if c != target), codes[0])
    if target is None:
        target = next((c for c in codes if c != initiator), None)
    ordered = [initiator] + ([target] if target and target != initiator else [])
    return ordered + [c for c in codes if c not in ordered]


def _context_ok(etype: str, m: re.Match[str], sent: Sentence, ctx: _Context) -> bool:
    s = sent.text
    t = m.group("t")
    tl = t.lower()
    before = s[: m.start("t")]
    if etype == "armed_clash":
        if (
            tl in ("incident", "confrontation", "standoff")
            or tl.startswith(("clash", "skirmish"))
            or "fought" in tl
        ) and not _MIL_CONTEXT.search(s):
            return False
        if "fought" in tl and not re.search(
            r"\b(?:troops|soldiers|forces|guards|navies|armies)\b", s[: m.start("t")], _I
        ):
            return False
    if etype == "war":
        if _NOT_WAR.search(s[max(0, m.start("t") - 12) : m.end("t") + 25]):
            return False
        if re.fullmatch(r"(?:[A-Z][\w'’-]+\s+){1,2}War", t) and (
            t not in NAMED_WARS
            and not any(t.endswith(k) for k in NAMED_WARS)
            and not re.search(r"-", t)
        ):
            # An unknown "X War" is a war only when X names states ("Russo-Ukrainian War").
            return False
    if (
        etype == "arms_transfer"
        and s[m.start() : m.start() + 5] == "which"
        and not _MIL_OBJECT_RE.search(s[max(0, m.start() - 90) : m.start()])
    ):
        return False  # "... submarine technology with Australia, which Britain acquired"
    if etype == "state_visit" and m.group("t").lower() in ("hosted", "welcomed", "received"):
        # "Biden hosted Modi": a visit when a leader is the one received.
        t_abs = sent.start + m.end("t")
        after = [
            x
            for x in ctx.mentions.in_sentence(sent.index)
            if x.kind == PERSON and 0 <= x.start - t_abs <= 45 and x.person in ctx.mentions.leaders
        ]
        if not after:
            return False
    if etype == "state_visit" and m.group("t").lower() == "arrived":
        # "arrived in X": a visit only when a person or a delegation arrives.
        subject = s[max(0, m.start() - 80) : m.start()]
        if not re.search(
            r"\b(?:President|Minister|Premier|Chancellor|King|Queen|Prince|Speaker|Secretary|"
            r"delegation|leader|envoy|[A-Z][a-z]+\s+[A-Z][a-z]+)\b",
            subject,
        ):
            return False
    if etype == "meeting" and _TALKS_NOT.search(s[m.start("t") :]):
        return False
    if etype in ("meeting", "summit_meeting") and re.search(r"\bto\s+$", before[-4:]):
        return False
    return not (
        etype == "state_visit"
        and re.search(r"\b(?:exchanged|exchange|reciprocal)\b", before[-40:], _I)
    )


def _plural_skip(etype: str, m: re.Match[str], sent: Sentence) -> bool:
    """'four wars', 'several visits', 'eight notes verbale': counts are not one event."""
    before = sent.text[: m.start("t")]
    word = m.group("t").lower()
    plural = word.endswith("s") or word.endswith("verbale")
    return (
        plural
        and bool(_PLURAL_COUNT.search(before[-30:]))
        and etype
        in (
            "war",
            "state_visit",
            "diplomatic_protest",
            "armed_clash",
            "summit_meeting",
        )
    )


def find_events(
    text: str,
    sentences: list[Sentence],
    mentions: Mentions,
    date_mentions: list[dt.DateMention],
    anchor: date | None,
    published: date | None,
) -> list[EventCandidate]:
    ctx = _Context(
        text,
        sentences,
        mentions,
        date_mentions,
        anchor,
        published,
        _lead_date(sentences, date_mentions, anchor),
    )
    found: list[EventCandidate] = []
    for sent in sentences:
        actors = _actors(mentions.in_sentence(sent.index))
        if (
            not actors
            and not _PAIR_ANAPHOR.search(sent.text)
            and not _PRONOUN_START.match(sent.text)
            and not _THEY_START.match(sent.text)
        ):
            continue
        found.extend(_sentence_events(ctx, sent))
        found.extend(_followed_suit(ctx, sent))
    found.extend(_anniversaries(ctx))
    return _resolve(ctx, found)


_CONTAINER_BEFORE = re.compile(
    r"\b(?:during|amid|at|on\s+the\s+sidelines\s+of|in\s+the\s+course\s+of)\s+(?:\S+\s+){0,4}$", _I
)
_HELD_AFTER = re.compile(
    r"^\s*(?:\S+\s+){0,2}?(?:held|took\s+place|was\s+held|were\s+held|began|opened|ended)\b", _I
)
_HEAD_NOUNS = re.compile(
    r"\b(?:leaders?|heads\s+of\s+(?:state|government)|(?<!vice\s)(?<!vice-)president|"
    r"(?<!deputy\s)prime\s+minister|premier|chancellor|king|queen|emir)\b",
    _I,
)
_OFFICIALS = re.compile(
    r"\b(?:diplomats?|officials?|ministers?|minister|envoys?|negotiators?|delegations?|delegates|"
    r"secretary|secretaries|advisers?|advisors?|ambassadors?|generals?|commanders?)\b",
    _I,
)


@dataclass
class _Trigger:
    etype: str
    m: re.Match[str]
    clause: tuple[int, int]
    codes: list[str]
    chosen: list[Mention]
    container: bool  # "during the visit", "at the summit", a war: shares its date


def _sentence_events(ctx: _Context, sent: Sentence) -> list[EventCandidate]:
    s = sent.text
    triggers: list[_Trigger] = []
    seen_spans: list[tuple[int, int, str]] = []
    wanted = candidate_patterns(_KEYWORD_AUTOMATON, s.lower())
    for index, (etype, pattern, _keys) in enumerate(_COMPILED):
        if index not in wanted:
            continue
        for m in pattern.finditer(s):
            t_s, t_e = m.start("t"), m.end("t")
            if any(a < t_e and t_s < b and et == etype for a, b, et in seen_spans):
                continue
            clause = _clause_bounds(s, t_s)
            before = s[clause[0] : t_s]
            if _guarded(before[-60:]):
                continue
            if not _context_ok(etype, m, sent, ctx) or _plural_skip(etype, m, sent):
                continue
            a_start, a_end = sent.start + t_s, sent.start + t_e
            codes, chosen = _participants(ctx, etype, sent, a_start, a_end, clause)
            if etype == "alliance_formed" and re.match(
                r"(?:joined|accession|became)", m.group("t"), _I
            ):
                org = next((x for x in chosen if x.kind == ORGANIZATION and x.start >= a_end), None)
                subject = [x.code for x in chosen if x.kind != ORGANIZATION and x.end <= a_start]
                codes = [subject[-1], org.code] if org and subject else []
            real = etype
            if etype == "meeting":
                heads = [
                    x
                    for x in chosen
                    if x.kind == PERSON and x.head and x.person in ctx.mentions.leaders
                ]
                in_clause = [x for x in heads if clause[0] <= x.start - sent.start < clause[1]]
                if _OFFICIALS.search(s[clause[0] : t_s]) or (
                    not in_clause and _OFFICIALS.search(s[:t_s])
                ):
                    real = "talks"
                elif (
                    heads
                    or _LEADERS_ANAPHOR.search(s)
                    or _HEAD_NOUNS.search(s[clause[0] : clause[1]])
                ):
                    real = "summit_meeting"
                else:
                    real = "talks"
            if real == "war":
                named = next((k for k in NAMED_WARS if k in m.group("t")), None)
                if named:
                    article_states = {
                        x.code for x in ctx.mentions.mentions if x.kind == STATE or x.kind == PERSON
                    }
                    codes = list(
                        dict.fromkeys(
                            [*codes, *(c for c in NAMED_WARS[named] if c in article_states)]
                        )
                    )
            if len(codes) < 2:
                continue
            container = real == "war" or bool(_CONTAINER_BEFORE.search(s[max(0, t_s - 40) : t_s]))
            triggers.append(_Trigger(real, m, clause, codes, chosen, container))
            seen_spans.append((t_s, t_e, etype))

    out: list[EventCandidate] = []
    for trig in triggers:
        m = trig.m
        t_s, t_e = m.start("t"), m.end("t")
        a_start, a_end = sent.start + t_s, sent.start + t_e
        others = [
            (o.m.start("t"), o.m.end("t")) for o in triggers if o is not trig and not o.container
        ]
        date_value, source = _date_for(ctx, sent, a_start, a_end, trig.clause, others)
        finite = m.groupdict().get("v") or m.groupdict().get("v2")
        if date_value is None and others and finite:
            # A verb shares its sentence's date with the other events of the sentence:
            # "Gorbachev's visit to Beijing in May 1989 normalised relations".
            date_value, source = _date_for(ctx, sent, a_start, a_end, trig.clause)
        real = trig.etype
        if real == "war" and source != "own":
            date_value, source = None, ""  # a war is placed in time by its own sentence
        verb = m.groupdict().get("v") or m.groupdict().get("v2") or m.groupdict().get("v3")
        perfect = bool(_PERFECT_BEFORE.search(s[max(0, t_s - 30) : t_s]))
        if verb:
            past = not perfect and not _PAST_PERFECT_BEFORE.search(s[max(0, t_s - 20) : t_s])
        else:
            # A noun is placed in the story's time only as a held event or a container.
            held = bool(_HELD_AFTER.match(s[t_e:]))
            past = (held or trig.container) and bool(_PAST_VERB.search(s)) and not perfect
        conf = 0.8 if source == "own" else 0.6
        cand = EventCandidate(
            real, trig.codes, date_value, source, sent, a_start, a_end, conf, past
        )
        cand.extra["perfect"] = "1" if perfect else ""
        if real == "military_intervention" and _INVASION_WORDS.search(s):
            cand.invasion = True
        out.append(cand)
    return out


_FOLLOWED_SUIT = re.compile(r"\b(?P<t>followed\s+suit|did\s+the\s+same|did\s+likewise)\b", _I)
_RECOGNIZE = re.compile(
    r"\b(?:recogni[sz]e[ds]?|recognition\s+of)\s+(?P<obj>[A-Z][\w'’ -]{2,30})", 0
)


def _followed_suit(ctx: _Context, sent: Sentence) -> list[EventCandidate]:
    """'Jordan followed suit': the previous sentence's act (recognising Israel), by a new subject."""
    m = _FOLLOWED_SUIT.search(sent.text)
    if not m or sent.index == 0:
        return []
    subject = [
        x for x in _actors(ctx.mentions.in_sentence(sent.index)) if x.start - sent.start < m.start()
    ]
    if not subject:
        return []
    prev = ctx.sentences[sent.index - 1]
    rm = _RECOGNIZE.search(prev.text)
    if not rm:
        return []
    obj = [
        x
        for x in _actors(ctx.mentions.in_sentence(prev.index))
        if x.start - prev.start >= rm.start("obj")
    ]
    if not obj or obj[0].code == subject[-1].code:
        return []
    a_start, a_end = sent.start + m.start("t"), sent.start + m.end("t")
    date_value, source = _date_for(ctx, sent, a_start, a_end, (0, len(sent.text)))
    return [
        EventCandidate(
            "diplomatic_relations_established",
            [subject[-1].code, obj[0].code],
            date_value,
            source,
            sent,
            a_start,
            a_end,
            0.6,
            True,
        )
    ]


_N_YEARS_OF_TIES = re.compile(
    r"\b(?P<approx>(?:nearly|almost|about|around|over|more\s+than|some|roughly|close\s+to)\s+)?"
    r"(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)(?:th)?\s+(?:years?\s+of|anniversary\s+of(?:\s+the)?(?:\s+establishment\s+of)?)\s+"
    r"(?:the\s+)?(?:their\s+)?(?:bilateral\s+|formal\s+)?diplomatic\s+(?:relations|ties)\b",
    _I,
)
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def years_number(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    if "-" in token:
        a, b = token.split("-", 1)
        if a in _TENS and b in dt.NUMBERS and dt.NUMBERS[b] < 10:
            return _TENS[a] + dt.NUMBERS[b]
        return None
    return _TENS.get(token) or dt.NUMBERS.get(token)


def _anniversaries(ctx: _Context) -> list[EventCandidate]:
    """'75 years of diplomatic ties' (exact) -> relations established in published year - 75."""
    if ctx.anchor is None:
        return []
    out: list[EventCandidate] = []
    for sent in ctx.sentences:
        if "diplomatic" not in sent.text:
            continue
        for m in _N_YEARS_OF_TIES.finditer(sent.text):
            if m.group("approx"):
                continue
            n = years_number(m.group("n"))
            if n is None or n <= 0:
                continue
            clause = _clause_bounds(sent.text, m.start())
            a_start = sent.start + m.start()
            codes, _ = _participants(
                ctx,
                "diplomatic_relations_established",
                sent,
                a_start,
                sent.start + m.end(),
                (0, len(sent.text)),
            )
            if len(codes) < 2:
                continue
            del clause
            out.append(
                EventCandidate(
                    "diplomatic_relations_established",
                    codes[:2],
                    f"{ctx.anchor.year - n:04d}",
                    "own",
                    sent,
                    a_start,
                    sent.start + m.end(),
                    0.7,
                    True,
                )
            )
    return out


def _same_event(a: EventCandidate, b: EventCandidate) -> bool:
    if a.type != b.type:
        return False
    shared = set(a.participants) & set(b.participants)
    if len(shared) < min(2, len(a.participants), len(b.participants)):
        return False
    if a.date is None or b.date is None:
        return True
    return dt.overlap(a.date, b.date)


_SOURCE_RANK = {"own": 0, "offset": 1, "lead": 2, "narrative": 3, "report": 4, "merged": 5, "": 9}


def _resolve(ctx: _Context, found: list[EventCandidate]) -> list[EventCandidate]:
    dated = [c for c in found if c.date]
    undated = [c for c in found if not c.date]
    ctx.dated_events = sorted(dated, key=lambda c: c.start)
    # An undated mention takes the story's date (the news peg in the lead, else the date of
    # the event just told) unless it is the same event as one dated elsewhere.
    twins_of = {id(c): [d for d in dated if _same_event(c, d)] for c in undated}
    for c in undated:
        fallback: tuple[str, str, float] | None = None
        if ctx.anchor is not None and c.type != "war" and not _DURATION.search(c.sentence.text):
            nd = _narrative_date(ctx, c.sentence) if c.past else None
            if nd and _recent_or_near(ctx, nd, c.sentence):
                fallback = (nd, "narrative", 0.5)
            elif c.sentence.index <= 1 and (c.past or c.extra.get("perfect")) and ctx.lead_date:
                fallback = (ctx.lead_date, "lead", 0.55)
        twins = twins_of[id(c)]
        if twins and (fallback is None or any(_near(fallback[0], d.date or "") for d in twins)):
            continue  # the same event, dated elsewhere in the article
        if fallback is not None:
            c.date, c.date_source, c.confidence = fallback
            dated.append(c)
    # One event mentioned twice is one event: keep the best-dated mention.
    dated.sort(key=lambda c: (_SOURCE_RANK.get(c.date_source, 9), dt.width(c.date or ""), c.start))
    kept: list[EventCandidate] = []
    for c in dated:
        twin = next((k for k in kept if _same_event(k, c)), None)
        if twin is None:
            kept.append(c)
        elif (
            len(c.participants) > len(twin.participants)
            and set(twin.participants) <= set(c.participants)
            and c.type == "war"
        ):
            twin.participants = c.participants
    kept.sort(key=lambda c: c.start)
    return kept


_DURATION = re.compile(
    r"\b(?:over\s+the\s+(?:decades|years|past\s+\w+)|for\s+(?:years|decades|months|generations)|"
    r"(?:has|have)\s+long|repeatedly|continued\s+to|continues\s+to|traditionally|historically|"
    r"often|frequently|regularly|routinely|usually)\b",
    _I,
)


def _near(a: str, b: str, days: int = 7) -> bool:
    """Two dates that overlap or lie within `days` of each other."""
    ba, bb = dt.bounds(a), dt.bounds(b)
    if ba is None or bb is None:
        return False
    return (ba[0] - bb[1]).days <= days and (bb[0] - ba[1]).days <= days


def _recent_or_near(ctx: _Context, value: str, sent: Sentence) -> bool:
    """A narrative date carries over when it is the news peg (within a month of the anchor)
    or was given in this paragraph or the one before."""
    b = dt.bounds(value)
    if b and ctx.anchor and abs((ctx.anchor - b[1]).days) <= 31:
        return True
    for index in range(sent.index - 1, -1, -1):
        owner = ctx.sentences[index]
        if sent.paragraph - owner.paragraph > 1:
            break
        if any(d.value == value for d in ctx.dates_in(owner)):
            return True
    return False
