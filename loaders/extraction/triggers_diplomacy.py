"""Trigger patterns of diplomatic events: visits, meetings, messages, statements, protests,
treaties, alliances, diplomatic ties and vetoes. Each entry is (type, keywords, pattern);
the named group "t" is the trigger and "v" (or "v2", ...) marks a finite verb."""

from __future__ import annotations

DIPLOMACY: list[tuple[str, tuple[str, ...], str]] = [
    # visits
    ("state_visit", ("visit",), r"\b(?P<t>visit)\b(?!s|ed|ing)"),
    ("state_visit", ("visit",), r"\b(?P<t>(?P<v>visited)|visiting)\b"),
    (
        "state_visit",
        ("travel", "flew", "went", "trip", "journey"),
        r"\b(?P<t>(?P<v>travell?ed|flew|went)|trip|journey)\s+to\b",
    ),
    # troops or a delegation arriving are no state visit ("Kenyan troops arrived in tanks")
    (
        "state_visit",
        ("arrived", "landed"),
        (
            r"(?<!troops\s)(?<!forces\s)(?<!soldiers\s)(?<!units\s)(?<!delegation\s)"
            r"(?<!delegations\s)\b(?P<t>(?P<v>arrived|landed))\s+(?:in|at)\b"
        ),
    ),
    (
        "state_visit",
        ("hosted", "welcomed", "received"),
        r"\b(?P<t>(?P<v>hosted|welcomed|received))\s+(?=(?:the\s+)?[A-Z])",
    ),
    # meetings
    ("summit_meeting", ("summit",), r"\b(?P<t>summit)\b(?!s)"),
    (
        "meeting",
        ("met", "meeting"),
        (
            r"\b(?P<t>(?P<v>met)\b(?!\s+(?:by|with\s+(?:criticism|protests?|"
            r"resistance|opposition|skepticism|scepticism)))|meeting\s+(?:with|"
            r"between|of|in|on)\b)"
        ),
    ),
    (
        "meeting",
        ("shook", "meeting"),
        r"\b(?P<t>(?P<v>shook)\s+hands|meeting\s+(?:ever\s+|first\s+)?held\s+(?:with|between))\b",
    ),
    (
        "meeting",
        ("talks", "negotiations", "discussions"),
        r"\b(?:(?P<v>held)\s+)?(?P<t>talks|negotiations|discussions)\b",
    ),
    # messages
    (
        "message_exchange",
        ("exchanged",),
        (
            r"\b(?P<t>(?P<v>exchanged)\s+(?:\w+\s+){0,2}(?:messages|letters|"
            r"greetings|congratulations|notes))\b"
        ),
    ),
    (
        "message_exchange",
        ("sent", "wrote"),
        (
            r"\b(?P<t>(?P<v>sent|wrote)\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:message|"
            r"letter))\b"
        ),
    ),
    (
        "message_exchange",
        ("call", "conversation", "talks", "briefing"),
        r"\b(?P<t>(?:(?:tele)?phone|video)\s+(?:calls?|conversations?|talks|briefings?))\b",
    ),
    (
        "message_exchange",
        ("phone",),
        (
            r"\b(?P<t>(?P<v>spoke|talked)\s+(?:by|over\s+the|on\s+the)\s+(?:tele)?phone|"
            r"(?P<v2>telephoned|phoned))\b"
        ),
    ),
    (
        "message_exchange",
        ("phone",),
        (
            r"\b(?P<t>(?P<v>spoke|talked)\s+(?:with|to)\s+(?:[\w.'’-]+\s+){1,4}?(?:by|over\s+the|"
            r"on\s+the)\s+(?:tele)?phone)\b"
        ),
    ),
    (
        "message_exchange",
        ("letter",),
        r"\b(?:in|by)\s+(?:a|an)\s+(?:\w+\s+){0,2}(?P<t>letter)\s+to\b",
    ),
    # statements (not scored, kept for the graph)
    (
        "statement",
        ("joint",),
        r"\b(?P<t>joint\s+(?:\w+['’]?\s+)?(?:statement|declaration|communiqu[ée]))\b",
    ),
    # protests
    (
        "diplomatic_protest",
        ("summoned",),
        (
            r"\b(?P<t>(?P<v>summoned)\s+(?:the\s+|its\s+|a\s+)?(?:[A-Z][\w'’.]*\s+){0,3}(?:[Aa]mbassador|"
            r"envoy|[Cc]harg[ée]|[Hh]igh\s+[Cc]ommissioner|diplomats?))"
        ),
    ),
    (
        "diplomatic_protest",
        ("summoned",),
        (
            r"\b(?:[Aa]mbassador|envoy|[Cc]harg[ée]|[Hh]igh\s+[Cc]ommissioner|diplomats?)\b"
            r"[^.;]{0,40}?\b(?:was|were)\s+(?P<t>(?P<v>(?P<p>summoned)))\b"
        ),
    ),
    (
        "diplomatic_protest",
        ("protest",),
        (
            r"\b(?P<t>(?P<v>filed|lodged|launched|registered|issued|made)\s+(?:a|"
            r"an)\s+(?:\w+\s+){0,2}protest)\b"
        ),
    ),
    ("diplomatic_protest", ("protested",), r"\b(?P<t>(?P<v>protested)\s+(?:to|against|with))\b"),
    ("diplomatic_protest", ("verbale",), r"\b(?P<t>note\s+verbale)\b"),
    # treaties and alliances
    (
        "treaty_signed",
        ("signed", "concluded", "inked"),
        (
            r"\b(?P<t>(?P<v>signed|concluded|inked))\s+(?:a|an|the|"
            r"their)?\s*(?:[\w-]+\s+){0,4}(?:treaty|treaties|pacts?|accords?|agreements?|"
            r"deals?|conventions?|armistice|protocols?)\b"
        ),
    ),
    (
        "treaty_signed",
        ("signed", "concluded"),
        (
            r"\b(?:treaty|pact|accord|agreement|armistice)\s+(?:was|were)\s+(?P<t>(?P<v>signed|"
            r"concluded))\b"
        ),
    ),
    ("treaty_signed", ("signed",), r"\b(?:It|it)\s+was\s+(?P<t>(?P<v>signed))\s+by\b"),
    (
        "treaty_signed",
        ("signed",),
        r"\b(?:treaty|pact|accord|agreement|armistice|deal)\s+(?P<t>(?P<v>signed))\s+(?:with|by|between)\b",
    ),
    (
        "treaty_signed",
        ("signing",),
        (
            r"\b(?P<t>signing)\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}(?:treaty|"
            r"pact|accord|agreement|armistice)\b"
        ),
    ),
    (
        "alliance_formed",
        ("alliance", "pact", "coalition"),
        (
            r"\b(?P<t>(?P<v>formed|forged|unveiled|launched|created|established|"
            r"founded|announced|signed))\s+(?:a|an|the|their)?\s*(?:new\s+)?(?:[\w-]+\s+){0,3}(?:alliance|"
            r"defen[cs]e\s+pact|security\s+pact|military\s+pact|coalition)\b"
        ),
    ),
    (
        "alliance_formed",
        ("joined", "accession"),
        (
            r"\b(?P<t>(?P<v>joined)|accession\s+to)\s+(?:the\s+)?(?=NATO|"
            r"Nato|CSTO|AUKUS|ANZUS|SEATO|Warsaw\s+Pact)"
        ),
    ),
    (
        "alliance_formed",
        ("became",),
        (
            r"\b(?P<t>(?P<v>became)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:full\s+)?member\s+of)\s+(?:the\s+)?(?=NATO|"
            r"Nato|CSTO|AUKUS|ANZUS|SEATO|Warsaw\s+Pact)"
        ),
    ),
]
TIES: list[tuple[str, tuple[str, ...], str]] = [
    # ties
    (
        "diplomatic_relations_established",
        ("relations", "ties"),
        (
            r"\b(?P<t>(?:(?P<v>established|establish|restored|resumed|restore|"
            r"resume|re-established|reestablished|normali[sz]ed|forged|opened)|establishing|"
            r"restoring|resuming|normali[sz]ing)\s+(?:formal\s+|normal\s+|"
            r"full\s+|official\s+)?(?:diplomatic\s+)(?:relations|ties))\b"
        ),
    ),
    (
        "diplomatic_relations_established",
        ("relations", "ties"),
        (
            r"\b(?P<t>(?P<v>restored|resumed|restore|resume|re-established|"
            r"normali[sz]ed|normali[sz]e)\s+(?:\w+\s+)?(?:relations|ties))\b"
        ),
    ),
    (
        "diplomatic_relations_established",
        ("relations", "ties"),
        (
            r"\b(?P<t>(?:establishment|restoration|resumption|normali[sz]ation)\s+of\s+(?:formal\s+|normal\s+|"
            r"full\s+)?(?:diplomatic\s+)?(?:relations|ties))\b"
        ),
    ),
    (
        "diplomatic_relations_severed",
        ("relations", "ties"),
        (
            # not the adjective "after two decades of severed ties"
            r"(?<!\bof\s)\b(?P<t>(?P<v>cut|severed|broke\s+off|suspended|downgraded|"
            r"ended|froze|cuts|severs)\s+(?:off\s+)?(?:\w+\s+){0,2}(?:diplomatic\s+)?(?:ties|"
            r"relations))\b"
        ),
    ),
    (
        "diplomatic_relations_severed",
        ("relations", "ties"),
        (
            r"\b(?:ties|relations)\s+(?:were|was|had\s+been)\s+(?P<t>(?P<v>cut|"
            r"severed|broken\s+off|suspended|downgraded))\b"
        ),
    ),
    (
        "diplomatic_relations_severed",
        ("relations", "ties"),
        (
            r"\b(?P<t>(?:severance|severing|rupture|breaking\s+off|downgrading)\s+of\s+(?:diplomatic\s+)?(?:ties|"
            r"relations))\b"
        ),
    ),
    (
        "diplomatic_relations_severed",
        ("recalled",),
        r"\b(?P<t>(?P<v>recalled)\s+(?:its|their|the)\s+(?:\w+\s+)?(?:ambassadors?|envoys?))\b",
    ),
    # vetoes
    (
        "veto",
        ("veto",),
        (
            r"\b(?P<t>(?P<v>vetoed)|(?P<v2>cast|used|exercised)\s+(?:its|"
            r"a|their)\s+veto)\b"
        ),
    ),
]
