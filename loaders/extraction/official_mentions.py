"""Officials the text introduces ("Iran's Foreign Minister X", "U.S. envoy X") as mentions of
their state wherever the text names them again ("X said while on a visit to Moscow"):
ministers and envoys act for their states, as leaders do, but are no heads (a meeting of
theirs is talks, not a summit)."""

from __future__ import annotations

from collections.abc import Callable

from loaders.extraction import lexicon as lx
from loaders.extraction.mention_model import PERSON, Mention, Mentions
from loaders.extraction.name_matches import Spans, find_names
from loaders.extraction.sentences import Sentence
from loaders.extraction.text_officials import text_officials


def add_official_mentions(
    text: str, lex: lx.Lexicon, out: Mentions, sentence_of: Callable[[int], Sentence]
) -> None:
    """A PERSON mention standing for the official's state at each full or last name of an
    official, from where the text introduces them on; not where another mention is."""
    forms: dict[str, tuple[str, str, int]] = {}  # name form -> (person key, state, offset)
    for name, (state, _role, offset) in text_officials(text, lex).items():
        for form in {name, name.split()[-1]}:
            forms.setdefault(form, (f"official:{name}", state, offset))
    if not forms:
        return
    taken = Spans((m.start, m.end) for m in out.mentions)
    for start, end, form in find_names(text, forms):
        key, state, offset = forms[form]
        if start < offset or taken.overlaps(start, end):
            continue
        sentence = sentence_of(start).index
        out.mentions.append(
            Mention(start, end, form, PERSON, state, lx.PERSON_SHORT, sentence, key, head=False)
        )
