"""Broadened trigger lexicons: for each event type, the common English news synonyms and the
verb forms (present, past, participle, passive) and nouns beyond the core patterns of
`triggers_diplomacy` and `triggers_force`. Tried after them; a match overlapping a core
match of the same type is the same trigger. Each entry is (type, keywords, pattern); the
named group "t" is the trigger, "v" (or "v2", ...) a finite verb, "p" a passive whose
subject is the target.

The lists are generic (word families, not phrases of particular texts); the precision
guards of `guards` (planned, hypothetical, negated), `event_checks` (context, counted
plurals) and the two-state rule apply to them as to the core ones."""

from __future__ import annotations

_BE = r"(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being|are\s+being)"
_W = r"[\w'’-]+"
_ENVOY = (
    r"(?:ambassadors?|envoys?|diplomats?|diplomatic\s+staff|embassy\s+staff|attach[ée]s?|"
    r"charg[ée]s?\s+d['’]affaires|high\s+commissioners?|consuls?)"
)
_EXPELLED = (
    r"(?:ambassadors?|envoys?|diplomats?|attach[ée]s?|officials?|officers?|staff|"
    r"high\s+commissioners?|consuls?)"
)
_TREATY = (
    r"(?:treaty|treaties|pacts?|accords?|agreements?|deals?|conventions?|armistice|"
    r"protocols?|charter)"
)
_ALLIANCES = r"(?=NATO|Nato|CSTO|AUKUS|ANZUS|SEATO|Warsaw\s+Pact)"
DIPLOMACY_BROAD: list[tuple[str, tuple[str, ...], str]] = [
    # visits, trips, tours, arrivals
    (
        "state_visit",
        ("travel", "flew", "went", "headed", "journeyed", "travels", "flies"),
        (
            r"\b(?P<t>(?P<v>travell?ed|flew|went|headed|journeyed|travels|flies|heads)\s+"
            r"(?:(?!to\b)\w+\s+){1,3}?to)\s+(?=(?:the\s+)?[A-Z])"
        ),
    ),
    (
        "state_visit",
        ("tour", "stop", "set foot", "stepped off", "touched down"),
        (
            r"\b(?P<t>(?P<v>toured|tours)\s+(?=(?:the\s+)?[A-Z])|tour\s+of|(?P<v2>set)\s+foot\s+in|"
            r"(?P<v3>stepped\s+off|touched\s+down)\s+(?:[\w-]+\s+){0,5}?(?:in|at)|(?:made|paid)\s+"
            r"(?:a|an)\s+(?:[\w-]+\s+){0,2}stop(?:over)?\s+in)\b"
        ),
    ),
    ("state_visit", ("visits",), r"\b(?P<t>(?P<v>visits))\s+(?=(?:the\s+)?[A-Z])"),
    # meetings, talks, consultations
    (
        "meeting",
        ("meets", "sat down", "conferred", "huddled"),
        r"\b(?P<t>(?P<v>meets|sat\s+down|conferred|huddled))\s+with\b",
    ),
    (
        "meeting",
        ("consultations", "dialogue", "parleys"),
        r"\b(?:(?P<v>held)\s+)?(?P<t>consultations|dialogue|parleys)\s+(?:with|between|on)\b",
    ),
    # protests, complaints, summons, condemnation
    (
        "diplomatic_protest",
        ("summons", "summoning", "called in"),
        (
            r"\b(?P<t>(?P<v>summons|called\s+in)|summoning)\s+(?:the\s+|its\s+|a\s+)?"
            r"(?:[A-Z][\w'’.]*\s+){0,3}(?:[Aa]mbassador|envoy|[Cc]harg[ée]|[Hh]igh\s+"
            r"[Cc]ommissioner|diplomats?)"
        ),
    ),
    (
        "diplomatic_protest",
        ("complaint", "demarche", "démarche", "protest"),
        (
            r"\b(?P<t>(?P<v>lodged|lodges|filed|files|registered|made|delivered|issued|sent|"
            r"handed)\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:complaint|demarche|démarche|protest\s+note|"
            r"note\s+of\s+protest))\b"
        ),
    ),
    (
        "diplomatic_protest",
        ("complained", "protests"),
        r"\b(?P<t>(?P<v>complained|protests)\s+(?:to|against|with))\b",
    ),
    (
        "diplomatic_protest",
        ("condemn", "denounc"),
        (
            r"\b(?P<t>(?P<v>condemned|denounced|condemns|denounces))\s+(?=(?:the\s+|its\s+)?"
            r"(?:[A-Z]|invasion|attack|annexation|strikes?|bombing|incursion|occupation|"
            r"shooting|downing|seizure|test|launch|decision|move))"
        ),
    ),
    # treaties: more forms of signing
    (
        "treaty_signed",
        ("signs", "signing"),
        (
            r"\b(?P<t>(?P<v>signs)|signing)\s+(?:a|an|the|their)?\s*(?:[\w-]+\s+){0,4}"
            rf"{_TREATY}\b"
        ),
    ),
    (
        "treaty_signed",
        ("signed", "concluded", "inked"),
        (
            rf"\b{_TREATY}\s+(?:[\w,'’-]+\s+){{0,5}}?{_BE}\s+(?P<t>(?P<v>signed|concluded|"
            r"inked))\b"
        ),
    ),
    # alliances: joining forms
    (
        "alliance_formed",
        ("joins", "admitted", "entered"),
        (
            r"\b(?P<t>(?P<v>joins)|(?:was|were)\s+(?P<v2>admitted)\s+(?:in)?to|"
            rf"(?P<v3>entered))\s+(?:the\s+)?{_ALLIANCES}"
        ),
    ),
]

TIES_BROAD: list[tuple[str, tuple[str, ...], str]] = [
    # ties established: more verb forms
    (
        "diplomatic_relations_established",
        ("relations", "ties", "ambassadors", "embassies"),
        (
            r"\b(?P<t>(?P<v>establishes|restores|resumes|normali[sz]es|upgraded)\s+(?:\w+\s+){0,2}?"
            r"(?:diplomatic\s+)?(?:relations|ties)|(?P<v2>exchanged)\s+ambassadors|"
            r"(?P<v3>opened)\s+embassies\s+in\s+each\s+other['’]s)\b"
        ),
    ),
    # ties severed or downgraded: expulsions, withdrawals, closures
    (
        "diplomatic_relations_severed",
        ("expel", "threw out", "throws out", "kicked out", "ordered out"),
        (
            r"\b(?P<t>(?:(?P<v>expelled|expels|threw\s+out|throws\s+out|kicked\s+out|ordered\s+out)|"
            rf"expelling)\s+(?:[\w'’-]+\s+){{0,4}}?{_EXPELLED})\b"
        ),
    ),
    (
        "diplomatic_relations_severed",
        ("expelled", "persona non grata", "ordered to leave"),
        (
            rf"\b{_EXPELLED}\b[^.;]{{0,40}}?\b{_BE}\s+(?P<t>(?P<v>(?P<p>expelled|declared\s+"
            r"persona\s+non\s+grata|ordered\s+to\s+leave)))\b"
        ),
    ),
    (
        "diplomatic_relations_severed",
        ("persona non grata",),
        r"\b(?P<t>(?P<v>declared|declares)\s+(?:[\w'’-]+\s+){0,5}?persona\s+non\s+grata)\b",
    ),
    (
        "diplomatic_relations_severed",
        ("withdrew", "withdraws", "pulled", "recalls", "recalled", "withdrawal"),
        (
            r"\b(?P<t>(?P<v>withdrew|withdraws|pulled|recalls|recalled)\s+(?:[\w'’-]+\s+){0,3}?"
            rf"{_ENVOY}|withdrawal\s+of\s+(?:its\s+|their\s+|the\s+)?{_ENVOY})\b"
        ),
    ),
    (
        "diplomatic_relations_severed",
        ("closed", "shut", "closes", "shutter"),
        (
            r"\b(?P<t>(?P<v>closed|closes|shut|shuttered)\s+(?:down\s+)?(?:\w+\s+){0,2}?"
            r"(?:embassy|embassies|consulates?|diplomatic\s+missions?))\b"
        ),
    ),
    (
        "diplomatic_relations_severed",
        ("relations", "ties"),
        (
            r"\b(?P<t>(?P<v>downgrades|severs|suspends|breaks\s+off|broke)\s+(?:off\s+)?"
            r"(?:\w+\s+){0,2}?(?:diplomatic\s+)?(?:relations|ties))\b"
        ),
    ),
    # vetoes
    (
        "veto",
        ("veto", "blocked", "torpedoed", "killed"),
        (
            r"\b(?P<t>(?P<v>vetoes)|vetoing|(?P<v2>blocked|torpedoed|killed)\s+(?:a|the)\s+"
            r"(?:[\w-]+\s+){0,4}?resolution)\b"
        ),
    ),
]
