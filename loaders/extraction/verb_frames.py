"""The parser backoff's vocabulary, read from `data/verb_frames.json` once: verb frames by
lemma, object-noun classes, and every inflected form of the verbs (generated here, with the
irregular forms the data lists), so a sentence without one is never parsed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data") / "verb_frames.json"
_VOWELS = "aeiou"


@dataclass(frozen=True)
class Frame:
    lemma: str
    type: str | None  # the type when the object (or a listed preposition) holds an actor
    objects: dict[str, str]  # object-noun lemma -> type ("talks" -> meeting)
    preps: tuple[str, ...] = ()
    object: str = "actor"  # actor | person | agent | organization
    subject: str = "any"  # any | person
    reverse: bool = False
    needs: tuple[str, ...] = ()
    under: frozenset[str] = frozenset()  # verbs of intention under which it still counts


@dataclass(frozen=True)
class Frames:
    by_lemma: dict[str, list[Frame]]
    forms: frozenset[str]  # every inflected form of every verb, lower case


def inflections(lemma: str, irregular: list[str] | None = None) -> set[str]:
    """The -s, -ed and -ing forms of a regular English verb, plus the irregular ones."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        third, past = lemma + "es", lemma + "ed"
    else:
        third, past = lemma + "s", (lemma + "d" if lemma.endswith("e") else lemma + "ed")
    return {lemma, third, past, stem + "ing", *(irregular or [])}


def _frames(entry: dict[str, Any], classes: dict[str, list[str]]) -> list[Frame]:
    objects = {
        noun: etype
        for cls, etype in dict(entry.get("objects") or {}).items()
        for noun in classes[cls]
    }
    return [
        Frame(
            lemma,
            entry.get("type"),
            objects,
            tuple(entry.get("preps") or ()),
            str(entry.get("object", "actor")),
            str(entry.get("subject", "any")),
            bool(entry.get("reverse", False)),
            tuple(entry.get("needs") or ()),
            frozenset(entry.get("under") or ()),
        )
        for lemma in entry["lemmas"]
    ]


@cache
def load_frames(path: Path = DATA) -> Frames:
    """The frames of the data file, indexed by verb lemma."""
    data = json.loads(path.read_text(encoding="utf-8"))
    by_lemma: dict[str, list[Frame]] = {}
    for entry in data["verbs"]:
        for frame in _frames(entry, data["objects"]):
            by_lemma.setdefault(frame.lemma, []).append(frame)
    irregular = data.get("irregular", {})
    forms = {f for lemma in by_lemma for f in inflections(lemma, irregular.get(lemma))}
    return Frames(by_lemma, frozenset(forms))
