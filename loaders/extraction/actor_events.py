"""Events of non-state actors after the trigger rules: one-sided fire by an armed group on
a state ("Hezbollah opened fire on Israeli positions", "the Houthis fired missiles and
drones at Israel") is an attack (military_intervention), not a clash between two forces;
fire exchanged, or drones shot down, stays an armed_clash."""

from __future__ import annotations

import re

from loaders.extraction.event_model import EventCandidate

_ONE_SIDED = re.compile(r"(?:fired|opened\s+fire)\b", re.IGNORECASE)


def actor_attacks(events: list[EventCandidate], text: str, actor_codes: dict[str, str]) -> None:
    """Retype, in place, the clashes an actor opened with one-sided fire."""
    for e in events:
        if (
            e.type == "armed_clash"
            and e.participants
            and e.participants[0] in actor_codes
            and _ONE_SIDED.match(text, e.start)
        ):
            e.type = "military_intervention"
