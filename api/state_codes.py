"""State codes in requests: upper-cased, checked against the known states, and an unknown
one answered with a 404 that suggests close matches ("PRK" for "NKR", North Korea)."""

from __future__ import annotations

from api.errors import ApiError
from kg.queries.models import StatePublic
from kg.queries.suggest import suggest_state_codes


class StateIndex:
    """The known states by code, in the query layer's order."""

    def __init__(self, states: list[StatePublic]) -> None:
        self.states = states
        self.by_code = {s.code: s for s in states}

    def suggest(self, text: str) -> list[str]:
        """Codes close to `text` (see kg.queries.suggest)."""
        return suggest_state_codes(self.states, text)

    def known(self, code: str) -> str:
        """The upper-cased code when the state exists; a 404 with close matches otherwise."""
        upper = code.strip().upper()
        if upper in self.by_code:
            return upper
        close = self.suggest(code)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ApiError(404, f"unknown state code {code!r}{hint}", "Unknown state")
