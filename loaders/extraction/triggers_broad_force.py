"""Broadened trigger lexicons of coercive and military events (sanctions, embargoes, tariffs,
trade bans; arms transfers; exercises; clashes; interventions; wars): the common English news
synonyms, verb forms (present, past, participle, passive) and nouns beyond the core patterns
of `triggers_force`. See `triggers_broad` for the conventions."""

from __future__ import annotations

from loaders.extraction.triggers_force import MIL_OBJECTS

_BE = r"(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being|are\s+being)"
_W = r"[\w'’-]+"
_PENALTY = (
    r"(?:sanctions|embargo(?:es)?|tariffs?|duties|levies|penalties|export\s+controls|"
    r"export\s+bans?|import\s+bans?|trade\s+(?:curbs|restrictions|barriers)|visa\s+bans?)"
)
_TRADE = r"(?:imports|exports|shipments|purchases|deliveries|goods|products|trade)"
_FORCES = (
    r"(?:troops|forces|soldiers|tanks|army|armies|armou?r|units|paratroopers|marines|"
    r"columns|divisions|brigades|battalions)"
)
_STRIKE_NOUN = (
    r"(?:bombing|bombardment|shelling|occupation|air\s+raids?|airstrikes?|air\s+strikes?|"
    r"missile\s+strikes?|drone\s+strikes?|rocket\s+attacks?|air\s+campaign|"
    r"bombing\s+campaign|incursions?)"
)
_EXERCISE = r"(?:exercises?|drills?|manoeuvres|maneuvers|war[\s-]?games)"


# Arms transfers, passive and arrival forms ("tanks ... have been delivered to Ukraine",
# "Britain's Challenger tanks reached Ukraine").
_ARMS: list[tuple[str, tuple[str, ...], str]] = [
    (
        "arms_transfer",
        ("deliver", "suppl", "sold", "sent", "shipped", "handed", "transferred", "provided"),
        (
            rf"\b{MIL_OBJECTS}\b(?:\s+{_W}){{0,6}}?\s+{_BE}\s+(?P<t>(?P<v>delivered|"
            r"supplied|sold|sent|shipped|handed\s+over|transferred|provided|donated))\s+to\b"
        ),
    ),
    (
        "arms_transfer",
        ("reached", "arrived"),
        rf"\b{MIL_OBJECTS}\b(?:\s+{_W}){{0,3}}?\s+(?P<t>(?P<v>reached|arrived\s+in))\s+(?=[A-Z])"
        r"(?![\w'’]+\s+(?:(?:territorial\s+)?waters|airspace|coast|shores?)\b)",
    ),
    (
        "arms_transfer",
        ("handed", "donated", "sends", "supplies", "delivers", "sells", "provides"),
        (
            r"\b(?P<t>(?P<v>handed\s+over|handed|donated|sends|supplies|delivers|sells|"
            rf"provides|exported))\b(?=(?:\s+{_W}){{0,6}}\s+{MIL_OBJECTS}\b)"
        ),
    ),
    (
        "arms_transfer",
        ("deliver", "shipment", "suppl", "sale", "transfer"),
        (
            r"\b(?P<t>(?:deliveries|delivery|shipments?|supplies|supply|sales?|transfers?)\s+"
            rf"of\s+(?:{_W}\s+){{0,3}}?{MIL_OBJECTS})\s+to\b"
        ),
    ),
]

FORCE_BROAD: list[tuple[str, tuple[str, ...], str]] = [
    # sanctions, embargoes, tariffs, trade bans, blacklists, asset freezes
    (
        "sanctions",
        (
            "sanction",
            "embargo",
            "tariff",
            "dut",
            "lev",
            "penalt",
            "control",
            "ban",
            "curb",
            "restriction",
            "barrier",
        ),
        (
            r"\b(?P<t>(?:(?P<v>imposed|imposes|slapped|slaps|levied|levies|announced|announces|"
            r"introduced|introduces|expanded|extended|tightened|widened|placed|put|enforced)|"
            rf"imposing|slapping|levying)\s+(?:{_W}\s+){{0,4}}?{_PENALTY})\s+(?:on|against)\b"
        ),
    ),
    (
        "sanctions",
        ("sanction", "embargo", "tariff", "dut", "penalt"),
        rf"\b{_PENALTY}\s+(?:{_W}\s+){{0,3}}?{_BE}\s+(?P<t>(?P<v>imposed|slapped|levied))\s+on\b",
    ),
    (
        "sanctions",
        ("import", "export", "shipment", "purchase", "deliver", "goods", "product", "trade"),
        (
            r"\b(?P<t>(?P<v>banned|bans|halted|halts|suspended|suspends|stopped|stops|blocked|"
            r"blocks|barred|bars|restricted|restricts|curbed|curbs|cut\s+off|froze|freezes)\s+"
            rf"(?:{_W}\s+){{0,3}}?{_TRADE})\b"
        ),
    ),
    (
        "sanctions",
        ("import", "export", "clearing"),
        (
            r"\b(?P<t>(?:ban|embargo|halt|moratorium)\s+on\s+(?:\w+\s+){0,2}?(?:imports|exports)|"
            rf"(?P<v>stopped|halted)\s+clearing\s+{_TRADE})\b"
        ),
    ),
    (
        "sanctions",
        ("blacklist", "assets"),
        (
            r"\b(?P<t>(?P<v>blacklisted|blacklists)|(?P<v2>froze|freezes|seized)\s+(?:the\s+)?"
            r"(?:\w+\s+){0,3}?assets)\b"
        ),
    ),
    *_ARMS,
    # military exercises, drills, manoeuvres, war games
    (
        "military_exercise",
        ("exercise", "drill", "manoeuvre", "maneuver", "game"),
        (
            r"\b(?P<v>held|holds|conducted|conducts|staged|stages|launched|launches|began|begins|"
            r"started|starts|kicked\s+off|opened|wrapped\s+up|concluded|joined|took\s+part\s+in|"
            r"participated\s+in|carried\s+out)\s+(?:[\w-]+\s+){0,5}?(?P<t>(?:joint\s+|"
            r"military\s+|naval\s+|air\s+|live-fire\s+|large-scale\s+)*" + _EXERCISE + r")\b"
        ),
    ),
    (
        "military_exercise",
        ("exercise", "drill", "manoeuvre", "maneuver", "game"),
        (
            r"\b(?P<t>(?:joint\s+|military\s+|naval\s+|air\s+|live-fire\s+)+" + _EXERCISE + r")\s+"
            r"(?:with|involving|alongside|around|near|off)\b"
        ),
    ),
    # armed clashes
    (
        "armed_clash",
        ("down", "collided", "fire", "fired", "skirmish"),
        (
            r"\b(?P<t>(?P<v>downed|shoots\s+down)|(?:was|were)\s+(?P<v2>(?:shot\s+)?downed|shot\s+down)|"
            r"(?P<v3>collided)\s+with|(?P<v4>opened)\s+fire\s+(?:on|at)|(?P<v5>skirmished)|"
            r"(?P<v6>fired)\s+(?:\w+\s+){0,3}?(?:shots|missiles?|rockets?|shells|torpedoes|"
            r"flares|rounds)\s+(?:at|on)\b(?!\s+(?:the\s+)?(?:waters?|sea|ocean)))\b"
        ),
    ),
    # interventions: invasions, attacks, bombing, shelling, incursions, occupations
    (
        "military_intervention",
        ("inva", "attack", "bomb", "shell", "raid", "storm", "overr", "pound", "occup", "annex"),
        (
            r"\b(?P<t>(?P<v>invades|bombarded|bombards|pounded|stormed|storms|overran|overruns|"
            r"occupies|annexes)|(?P<v2>attacks|bombs|shells|pounds)(?=\s+(?:the\s+)?[A-Z]))\b"
        ),
    ),
    (
        "military_intervention",
        (
            "bomb",
            "shell",
            "strik",
            "attack",
            "strikes",
            "raid",
            "campaign",
            "invasion",
            "incursion",
            "assault",
            "offensive",
            "operation",
        ),
        (
            r"\b(?P<t>(?P<v>began|begins|started|starts|resumed|resumes|launched|launches)\s+"
            r"(?:bombing|shelling|striking|attacking|(?:air\s*|missile\s+|drone\s+)?strikes|"
            r"(?:air\s+)?raids|(?:a|an|its|the|their)\s+(?:[\w-]+\s+){0,3}?(?:invasion|"
            r"incursion|assault|offensive|attack|air\s+campaign|bombing\s+campaign|"
            r"military\s+operation)\s+(?:on|against|into|of|in)))\b"
        ),
    ),
    (
        "military_intervention",
        ("bomb", "shell", "occupation", "raid", "strike", "attack", "campaign", "incursion"),
        rf"\b(?P<t>{_STRIKE_NOUN})\s+(?:of|on|against|into)\b",
    ),
    (
        "military_intervention",
        ("sent", "send", "deployed", "dispatched", "moved"),
        rf"\b(?P<t>(?P<v>sent|sends|deployed|deploys|dispatched|moved)\s+(?:\w+\s+){{0,3}}?{_FORCES}\s+into)\b",
    ),
    (
        "military_intervention",
        (
            "cross",
            "pour",
            "roll",
            "push",
            "storm",
            "surge",
            "stream",
            "drove",
            "enter",
            "move",
            "advance",
            "swept",
            "march",
        ),
        (
            rf"\b{_FORCES}\s+(?:[\w-]+\s+){{0,3}}?(?P<t>(?P<v>crossed|poured|rolled|pushed|stormed|"
            r"surged|streamed|drove|moved|advanced|swept|marched)(?:\s+(?:across|over|through))?"
            r"(?:\s+the\s+(?:\w+\s+)?(?:border|frontier|line|river))?\s+into|(?P<v2>entered|"
            r"invaded|occupied|overran)(?=\s+(?:the\s+)?[A-Z]))"
        ),
    ),
    (
        "military_intervention",
        ("invasion",),
        r"(?:['’]s|-led)\s+(?:[\w-]+\s+){0,2}?(?P<t>invasion)\b(?!\s+(?:of|plans?|threats?|fears?))",
    ),
    # wars
    (
        "war",
        ("war",),
        (
            r"\b(?P<t>(?P<v>declared)\s+(?:a\s+)?state\s+of\s+war|state\s+of\s+war\s+(?:with|"
            r"against|between)|(?P<v2>waged|wages)\s+war\s+(?:on|against)|(?P<v3>gone|go)\s+to\s+"
            r"war|war\s+(?P<v4>broke\s+out|erupted))\b"
        ),
    ),
    (
        "war",
        ("war",),
        r"\b(?P<t>war)\s+(?:that|which)\s+(?:[\w'’-]+\s+){1,6}?(?:fought|waged)\b",
    ),
]
