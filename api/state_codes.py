"""State codes in requests: upper-cased, checked against the known states, a state's name or
alias taken for its code as the CLI takes it ("North Korea", "DPRK"), and anything else
answered with a 404 that suggests close matches ("PRK" for "NKR"). Where a pair or an event
search allows it, an organization's or a non-state actor's code, name or alias is taken too
("HAMAS", "Ansar Allah")."""

from __future__ import annotations

from api.errors import ApiError
from kg.queries.base import GraphQueries
from kg.queries.models import StatePublic
from kg.queries.suggest import resolve_state_key, suggest_state_codes


class StateIndex:
    """The known states by code, in the query layer's order."""

    def __init__(self, states: list[StatePublic], queries: GraphQueries | None = None) -> None:
        self.states = states
        self.by_code = {s.code: s for s in states}
        self.queries = queries

    def suggest(self, text: str) -> list[str]:
        """Codes close to `text` (see kg.queries.suggest)."""
        return suggest_state_codes(self.states, text)

    def known(self, code: str, kinds: frozenset[str] = frozenset({"State"})) -> str:
        """The upper-cased code when the state exists, else the code of the state (or, as
        `kinds` allows, the organization or non-state actor) `code` names; a 404 with close
        matches otherwise."""
        upper = code.strip().upper()
        if upper in self.by_code:
            return upper
        if self.queries is None:
            found, close = None, self.suggest(code)
        else:
            found, close = resolve_state_key(self.queries, self.states, code, kinds)
        if found is not None:
            return found
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ApiError(404, f"unknown state code {code!r}{hint}", "Unknown state")
