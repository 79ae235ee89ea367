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


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[Suggestion, tuple[str, ...]], ...]:
    """Each entity once, with its name and aliases."""
    ref = load_reference()
    found: list[tuple[Suggestion, tuple[str, ...]]] = []
    for s in ref.states:
        names = (s.name, *((s.formal_name,) if s.formal_name else ()), *s.aliases)
        found.append(
            (
                Suggestion(code=s.code, name=s.name, kind="State", former=s.former, matched=s.code),
                names,
            )
        )
    for o in ref.organizations:
        found.append(
            (
                Suggestion(
                    code=o.code, name=o.name, kind="Organization", former=False, matched=o.code
                ),
                (o.name, *o.aliases),
            )
        )
    for a in ref.actors:
        found.append(
            (
                Suggestion(
                    code=a.code, name=a.name, kind="NonStateActor", former=False, matched=a.code
                ),
                (a.name, *a.aliases),
            )
        )
    return tuple(found)


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
