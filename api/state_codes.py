"""State codes in requests: upper-cased, checked against the known states, and an unknown
one answered with a 404 that suggests close matches ("PRK" for "NKR", North Korea)."""

from __future__ import annotations

import difflib

from api.errors import ApiError
from kg.queries.models import StatePublic


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _abbreviates(query: str, name: str) -> bool:
    """'NKR' abbreviates 'North Korea': same first letter, the rest in order."""
    q, n = _letters(query), _letters(name)
    if not q or not n or q[0] != n[0]:
        return False
    rest = iter(n[1:])
    return all(c in rest for c in q[1:])


def _initials_match(query: str, name: str) -> bool:
    """'NKR' starts with the initials of 'North Korea'; 'UK' is those of 'United Kingdom'."""
    initials = "".join(w[0] for w in name.lower().split() if w[:1].isalpha())
    return len(initials) > 1 and _letters(query).startswith(initials)


class StateIndex:
    """The known states by code, in the query layer's order."""

    def __init__(self, states: list[StatePublic]) -> None:
        self.states = states
        self.by_code = {s.code: s for s in states}

    def suggest(self, text: str) -> list[str]:
        """Codes close to `text`: codes that look alike, names it abbreviates ('NKR' -> PRK
        for North Korea), then names that look alike; current states only."""
        upper = text.strip().upper()
        current = [s for s in self.states if not s.former]
        codes = [s.code for s in current]
        names = {s.name.upper(): s.code for s in current}
        short = sorted(
            (s for s in current if _abbreviates(upper, s.name)),
            key=lambda s: (not _initials_match(upper, s.name), len(s.name)),
        )
        close = difflib.get_close_matches(upper, codes, n=2, cutoff=0.8)
        close += [s.code for s in short[:2]]
        close += difflib.get_close_matches(upper, codes, n=3, cutoff=0.6)
        close += [names[n] for n in difflib.get_close_matches(upper, list(names), n=2, cutoff=0.8)]
        return list(dict.fromkeys(close))[:4]

    def known(self, code: str) -> str:
        """The upper-cased code when the state exists; a 404 with close matches otherwise."""
        upper = code.strip().upper()
        if upper in self.by_code:
            return upper
        close = self.suggest(code)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ApiError(404, f"unknown state code {code!r}{hint}", "Unknown state")
