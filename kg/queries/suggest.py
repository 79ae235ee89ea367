"""Close matches for a state code nobody knows ('NKR' -> PRK, North Korea), shared by the
CLI's and the API's error messages so both suggest the same codes."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from kg.queries.base import GraphQueries
from kg.queries.models import EntityPublic, StatePublic

# What may stand at either end of a pair (a timeline, a relation summary) or in an event
# search: a state, an organization (NATO joining), or a non-state actor (HAMAS, HOUTHIS).
PAIR_KINDS = frozenset({"State", "Organization", "NonStateActor"})


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


def _one_letter_off(text: str, codes: Sequence[str]) -> list[str]:
    """Codes of the same length and first letter with one other letter changed ('CHM' ->
    CHE, CHL, CHN), the longest shared prefix first."""

    def prefix(code: str) -> int:
        return next((i for i, (a, b) in enumerate(zip(code, text, strict=True)) if a != b), 0)

    near = [
        c for c in codes
        if len(c) == len(text) and c[:1] == text[:1]
        and sum(a != b for a, b in zip(c, text, strict=True)) == 1
    ]  # fmt: skip
    return sorted(near, key=lambda c: (-prefix(c), c))


def _name_len(state: StatePublic) -> int:
    return len(state.name)


def suggest_state_codes(states: Sequence[StatePublic], text: str, most: int = 4) -> list[str]:
    """Codes close to `text`, best first: codes or names that look very alike ('RUSIA' ->
    RUS), names whose initials it spells ('NKR' -> PRK for North Korea), codes one letter
    off ('CHM' -> CHN), names it merely abbreviates, then codes that look alike; current
    states only."""
    upper = text.strip().upper()
    current = [s for s in states if not s.former]
    codes = [s.code for s in current]
    names = {s.name.upper(): s.code for s in current}
    short = [s for s in current if _abbreviates(upper, s.name)]
    by_initials = sorted((s for s in short if _initials_match(upper, s.name)), key=_name_len)
    loosely = sorted((s for s in short if not _initials_match(upper, s.name)), key=_name_len)
    close = difflib.get_close_matches(upper, codes, n=2, cutoff=0.8)
    close += [names[n] for n in difflib.get_close_matches(upper, list(names), n=2, cutoff=0.8)]
    close += [s.code for s in by_initials[:2]]
    close += _one_letter_off(upper, codes)[:3]
    close += [s.code for s in loosely[:2]]
    close += difflib.get_close_matches(upper, codes, n=3, cutoff=0.6)
    return list(dict.fromkeys(close))[:most]


def no_entity_text(key: str, matches: Sequence[EntityPublic], total: int) -> str:
    """Why a lookup found no one entity, naming the ones its words fit ('Kim' -> Kim Il-sung
    (Person), ...), for the CLI's and the API's messages alike."""
    if not matches:
        return f"nothing in the graph is called {key.strip()!r}"
    named = ", ".join(f"{m.name or m.iri} ({m.code or ', '.join(m.types)})" for m in matches)
    more = f" and {total - len(matches)} more" if total > len(matches) else ""
    return f"{key.strip()!r} begins or ends the names of {total} entities: {named}{more}; give more of the name, or a code"


def resolve_state_key(
    queries: GraphQueries,
    states: Sequence[StatePublic],
    key: str,
    kinds: frozenset[str] = frozenset({"State"}),
) -> tuple[str | None, list[str]]:
    """The code `key` stands for: a known state code, or the code of what `queries.entity`
    finds for it (a state's name or alias; an organization or non-state actor when `kinds`
    allows: 'Ansar Allah' -> HOUTHIS). Else None and close matches, the entities of those
    kinds whose names its words begin or end ('Korea') first."""
    upper = key.strip().upper()
    if upper in {s.code for s in states}:
        return upper, []
    if not key.strip():
        return None, []
    found = queries.entity(key)
    if found is not None and found.code and kinds & set(found.types):
        return found.code, []
    named, _ = queries.entity_matches(key, most=5)
    close = [m.code for m in named if m.code and kinds & set(m.types)]
    return None, list(dict.fromkeys(close + suggest_state_codes(states, key)))[:4]
