"""Trigger patterns of coercive and military events: sanctions, arms transfers, exercises,
armed clashes, interventions and wars. Each entry is (type, keywords, pattern); the named
group "t" is the trigger and "v" (or "v2", ...) marks a finite verb."""

from __future__ import annotations

import re

MIL_OBJECTS = (
    r"(?:weapons?|arms|missiles?|jets?|fighters?|fighter\s+jets|aircraft|warplanes|tanks|"
    r"submarines?|warships?|frigates?|destroyers|drones?|artillery|ammunition|munitions|rockets?|"
    r"howitzers|air[\s-]defen[cs]es?|(?:military|nuclear|submarine|missile|defen[cs]e|weapons?)"
    r"(?:[\s-]\w+)?\s+technology|nuclear[\s-]powered\s+submarine\s+technology|helicopters|"
    r"radars?|interceptors?|bombers?|ballistic|shells|armou?r|(?:armou?red|fighting)\s+vehicles|"
    r"Leopards?|Abrams|HIMARS|Patriots?|F-1[56]s?|launchers|weaponry|armaments|"
    r"military\s+(?:aid|hardware|equipment|supplies))"
)
MIL_OBJECT_RE = re.compile(rf"\b{MIL_OBJECTS}\b", re.IGNORECASE)
ARMS_TRANSFER_VERB = (
    r"\b(?P<t>(?P<v>sold|supplied|delivered|provided|transferred|shipped|gave|sent|acquired|"
    r"bought|purchased|received|obtained))\b"
    rf"(?=(?:\s+[\w'’-]+){{0,6}}\s+{MIL_OBJECTS}\b)"
)

FORCE: list[tuple[str, tuple[str, ...], str]] = [
    # sanctions
    (
        "sanctions",
        ("sanctions",),
        (
            r"\b(?P<t>(?P<v>imposed|slapped|announced|levied|introduced|tightened)\s+(?:\w+\s+){0,3}sanctions)\s+(?:on|"
            r"against)\b"
        ),
    ),
    ("sanctions", ("sanctions",), r"\bsanctions\s+(?:were|was)\s+(?P<t>(?P<v>imposed))\b"),
    ("sanctions", ("sanctioned",), r"\b(?P<t>(?P<v>sanctioned))\s+(?=[A-Z])"),
    (
        "sanctions",
        ("sanctions",),
        (
            r"\b(?P<t>(?P<v>reimposed|re-imposed|reinstated|reinstates|reimposes|restored|"
            r"restores)\s+(?:\w+\s+){0,3}sanctions)\b"
        ),
    ),
    (
        "sanctions",
        ("imports", "exports"),
        (
            r"\b(?P<t>(?P<v>suspended|banned|halted|blocked|barred|restricted)\s+(?:all\s+|"
            r"some\s+)?(?:imports|exports))\b"
        ),
    ),
    # arms transfers
    (
        "arms_transfer",
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
        ARMS_TRANSFER_VERB,
    ),
    (
        "arms_transfer",
        ("which",),
        (
            r"(?<=[\s,])which\s+(?:[\w'’-]+\s+){0,2}(?P<t>(?P<v>acquired|"
            r"bought|purchased|received|obtained))\b"
        ),
    ),
    ("arms_transfer", ("arms",), r"\b(?P<t>arms\s+(?:sale|deal|transfer|shipment))\s+to\b"),
    # military exercises
    (
        "military_exercise",
        ("joint",),
        (
            r"\b(?P<t>(?:joint\s+)(?:\w+\s+){0,2}(?:exercises?|drills?|war\s+games|"
            r"manoeuvres|maneuvers))\b"
        ),
    ),
    (
        "military_exercise",
        ("exercise", "drill"),
        (
            r"\b(?P<v>held|conducted|staged|launched|began|started)\s+(?:\w+\s+){0,3}(?P<t>(?:military|"
            r"naval|air|live-fire)\s+(?:exercises?|drills?))\b"
        ),
    ),
    # armed clashes
    (
        "armed_clash",
        ("clash", "skirmish", "brawl", "fight", "fire", "standoff"),
        (
            r"\b(?P<t>clash(?:es)?|(?P<v>clashed)|skirmish(?:es)?|brawls?|"
            r"firefights?|gunfights?|(?P<v2>exchanged)\s+fire|exchange\s+of\s+fire|"
            r"standoff)\b"
        ),
    ),
    (
        "armed_clash",
        ("broke out", "erupted"),
        r"\b(?P<t>(?:fight|fighting|battle)\s+(?P<v>broke\s+out|erupted))\b",
    ),
    (
        "armed_clash",
        ("fought",),
        (
            r"\b(?P<t>(?P<v>fought))\b(?!\s+(?:a\s+|an\s+|the\s+|two\s+|three\s+|"
            r"four\s+|several\s+)?(?:\w+\s+)?wars?\b)"
        ),
    ),
    (
        "armed_clash",
        ("fired", "rammed", "cannon", "shot down"),
        (
            r"\b(?P<t>(?P<v>fired)\s+(?:on|at|upon)|(?P<v2>rammed)|water\s+cannons?|"
            r"(?P<v3>shot\s+down))\b"
        ),
    ),
    ("armed_clash", ("incident", "confrontation"), r"\b(?P<t>incident|confrontation)\b(?!s)"),
    # interventions
    (
        "military_intervention",
        ("inva", "interven", "attacked", "bombed", "occupied", "annex", "incursion"),
        (
            r"\b(?P<t>(?P<v>invaded)|invasion\s+of|(?P<v2>intervened)\s+militarily|"
            r"military\s+intervention|(?P<v3>attacked)|(?P<v4>bombed)|(?P<v5>occupied)|"
            r"(?P<v6>annexed)|annexation\s+of|incursion\s+into)\b"
        ),
    ),
    (
        "military_intervention",
        ("attack", "offensive", "assault", "strike"),
        (
            r"\b(?P<t>(?:(?P<v>launched)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3})?(?:attack|"
            r"offensive|assault|air\s*strikes?|strikes?|missile\s+strikes?)\s+(?:on|"
            r"against|into))\b"
        ),
    ),
    (
        "military_intervention",
        ("strikes",),
        r"\b(?:carried\s+out|conducted|launched)\s+(?:\w+\s+){0,2}(?P<t>(?:air\s*)?strikes)\s+in\b",
    ),
    (
        "military_intervention",
        ("struck", "shelled", "raided"),
        (
            r"\b(?P<t>(?P<v>struck|shelled|raided))\s+(?=(?:\w+\s+){0,3}?(?:in\s+)?(?:the\s+)?[A-Z])(?!(?:a|"
            r"an|the)\s+(?:\w+\s+)?(?:deal|agreement|accord|balance|tone|"
            r"note|chord|compromise|bargain)\b)"
        ),
    ),
    (
        "military_intervention",
        ("crossed", "poured", "rolled", "moved", "advanced", "swept", "marched"),
        (
            r"\b(?:troops|forces|soldiers|tanks|army|armies|units)\s+(?:\w+\s+){0,2}?"
            r"(?P<t>(?P<v>crossed|poured|rolled|moved|advanced|swept|marched)\s+(?:in)?to)\b"
        ),
    ),
    (
        "military_intervention",
        ("intervened",),
        (
            r"\b(?P<t>(?P<v>intervened))\s+(?:\w+\s+){0,2}(?:on\s+\S+\s+behalf|"
            r"in\s+the\s+war|in\s+support)"
        ),
    ),
    # wars
    (
        "war",
        ("war",),
        r"\b(?P<t>(?P<v>fought|waged)\s+(?:a|the|their)\s+(?:[\w-]+\s+){0,2}war)\b(?!s)",
    ),
    ("war", ("war",), r"\b(?P<t>(?P<v>went)\s+to\s+war|(?P<v2>declared)\s+war)\b"),
    (
        "war",
        ("war",),
        (
            r"\b(?P<y>(?:1[0-9]{3}|20[0-9]{2})(?:\s*[-–]\s*(?:1[0-9]{3}|20[0-9]{2}|"
            r"[0-9]{2}))?)\s+(?P<t>war)\b(?!s)"
        ),
    ),
    ("war", ("war",), r"\b(?P<t>war)\s+(?:with|against|between)\b"),
    ("war", ("war",), r"\b(?P<t>(?:[A-Z][\w'’-]+\s+){1,2}War)\b"),
    ("war", ("war",), r"\b(?P<t>war)\s+in\s+(?=(?:1[0-9]{3}|20[0-9]{2})\b)"),
    (
        "war",
        ("fought",),
        (
            r"\b(?P<t>(?P<v>fought))\s+(?:\w+\s+){0,4}?(?=(?:from|between)\s+(?:1[0-9]{3}|"
            r"20[0-9]{2})\s+(?:to|and)\s+(?:1[0-9]{3}|20[0-9]{2})\b)"
        ),
    ),
    (
        "war",
        ("war", "fighting"),
        r"\b(?P<n>\d{1,3}|[a-z]+)\s+(?P<unit>day|week|month|year)s\s+of\s+(?P<t>war|fighting)\b",
    ),
]
