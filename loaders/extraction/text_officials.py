"""Officials the text introduces with a title and a state ("Iran's Foreign Minister Hossein
Amir-Abdollahian", "Amani Wekesa, Kenya's foreign minister", "Foreign Minister Shimon Peres of
Israel"): ministers, secretaries and ambassadors, who are no leaders (the `leaders` key holds
heads of state and government only, as the annotation rules say) but are people the graph
should know (issue 28, item 4). Each comes with the offset of its name."""

from __future__ import annotations

import re

from loaders.extraction import lexicon as lx
from loaders.extraction.text_leaders import known_person, name_tokens

_TITLE = (
    r"(?P<title>(?i:foreign|defen[cs]e|interior|finance|trade|economy|energy|home)\s+"
    r"(?i:minister|secretary)|(?i:minister)\s+of\s+(?i:foreign\s+affairs|defen[cs]e)|"
    r"(?i:secretary)\s+of\s+(?i:state)|(?i:deputy\s+(?:prime\s+|foreign\s+)?minister)|"
    r"(?i:vice[\s-]president)|(?i:(?:national\s+)?security\s+advis[eo]r)|"
    r"(?i:(?:foreign\s+ministry\s+)?spokes(?:man|woman|person))|"
    r"(?i:(?:special\s+)?(?:ambassador|envoy))(?:\s+to\s+[A-Z][\w'’-]*)?)"
)
_WORD = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Za-zà-ÿ]+)*"
_NAME = rf"(?P<name>{_WORD}(?:\s+(?:{_WORD}|bin|al-[A-Z][a-z]+|de|da|van|von)){{1,4}})"
_STATE_WORD = r"(?P<state>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)"
_FORMS = (
    # "Iran's Foreign Minister X", "Iranian Foreign Minister X", "Kenya's foreign minister, X"
    re.compile(rf"(?<![\w.]){_STATE_WORD}(?:['’]s)?[ \t]+{_TITLE}[ \t]*,?[ \t]+{_NAME}"),
    # "X, Kenya's foreign minister", "X, the Iranian foreign minister"
    re.compile(rf"{_NAME},[ \t]+(?:the[ \t]+)?{_STATE_WORD}(?:['’]s)?[ \t]+{_TITLE}\b"),
    # "Foreign Minister X of Israel"
    re.compile(rf"{_TITLE}[ \t]+{_NAME}[ \t]+of[ \t]+(?:the[ \t]+)?{_STATE_WORD}"),
)


def _state(word: str, lex: lx.Lexicon) -> str | None:
    word = word.rstrip(".,")
    found = lex.demonym_of.get(word) or lex.state_names.get(word)
    if found is None and " " in word:
        last = word.split()[-1]
        found = lex.demonym_of.get(last) or lex.state_names.get(last)
    return found


def _role(title: str) -> str:
    role = re.sub(r"\s+", " ", title.lower())
    role = re.sub(r"^minister of foreign affairs$", "foreign minister", role)
    role = re.sub(r"^(?:foreign ministry )?spokes(?:man|woman|person)$", "spokesperson", role)
    return re.sub(r"^(?:special )?(ambassador|envoy)(?: to .*)?$", r"\1", role)


def text_officials(text: str, lex: lx.Lexicon) -> dict[str, tuple[str, str, int]]:
    """name -> (state, role, offset of the name) for each official the text introduces."""
    found: dict[str, tuple[str, str, int]] = {}
    for form in _FORMS:
        for m in form.finditer(text):
            state = _state(m.group("state"), lex)
            kept = name_tokens(m.group("name"), lex)
            name = " ".join(kept)
            if state is None or len(kept) < 2 or known_person(lex, name):
                continue
            found.setdefault(name, (state, _role(m.group("title")), m.start("name")))
    return found
