"""Type-ahead for the web UI: the states, organizations and non-state actors whose code, name
or alias begins with what was typed (or has a word that does: 'korea' -> North Korea), from
the bundled reference data, the same entities a pair (/timeline/{a}/{b}) accepts."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, Field

from ontology.reference_data import load_reference


class Suggestion(BaseModel):
    code: str
    name: str
    kind: str = Field(description="State, Organization or NonStateActor")
    former: bool = Field(False, description="a state that no longer exists (SUN, YUG)")
    matched: str = Field(description="the code, name or alias the text matched")


_KIND_ORDER = {"State": 0, "Organization": 1, "NonStateActor": 2}


Entry = tuple[Suggestion, tuple[str, ...]]


def _entry(code: str, name: str, kind: str, names: tuple[str, ...], former: bool = False) -> Entry:
    return Suggestion(code=code, name=name, kind=kind, former=former, matched=code), names


@lru_cache(maxsize=1)
def _entries() -> tuple[Entry, ...]:
    """Each entity once, with its name and aliases."""
    ref = load_reference()
    states = [
        _entry(
            s.code, s.name, "State", (s.name, *filter(None, [s.formal_name]), *s.aliases), s.former
        )
        for s in ref.states
    ]
    orgs = [_entry(o.code, o.name, "Organization", (o.name, *o.aliases)) for o in ref.organizations]
    actors = [_entry(a.code, a.name, "NonStateActor", (a.name, *a.aliases)) for a in ref.actors]
    return tuple(states + orgs + actors)


def _rank(text: str, code: str, names: tuple[str, ...]) -> tuple[int, str] | None:
    """How well `text` (case-folded) fits: 0 the code, 1 a whole name, 2 the start of the
    code or a name, 3 the start of a later word; None when it does not."""
    folded = [(n.casefold(), n) for n in names]
    tries = (
        (code.casefold() == text, code),
        *((n == text, orig) for n, orig in folded),
        (code.casefold().startswith(text), code),
        *((n.startswith(text), orig) for n, orig in folded),
        *(
            (any(w.startswith(text) for w in n.replace("-", " ").split()[1:]), orig)
            for n, orig in folded
        ),
    )
    ranks = [0] + [1] * len(folded) + [2] + [2] * len(folded) + [3] * len(folded)
    return next(((rank, what) for rank, (hit, what) in zip(ranks, tries, strict=True) if hit), None)


def suggest(text: str, most: int = 10) -> list[Suggestion]:
    """Best first: by how well it fits, current before former states, states before
    organizations before non-state actors, then the shorter match."""
    key = " ".join(text.split()).casefold()
    if not key:
        return []
    ranked = []
    for entry, names in _entries():
        fit = _rank(key, entry.code, names)
        if fit is not None:
            order = (fit[0], entry.former, _KIND_ORDER[entry.kind], len(fit[1]), entry.name)
            ranked.append((order, entry.model_copy(update={"matched": fit[1]})))
    ranked.sort(key=lambda pair: pair[0])
    return [entry for _, entry in ranked[:most]]
