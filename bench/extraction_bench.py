"""Extraction speed on one core: articles per second for ~600-word articles.

    .venv/bin/python bench/extraction_bench.py [DEVSET_DIR] [--seconds N]

Articles are pairs of development-set bodies joined into ~550-600 words. Three passes over
the same texts, each timed for about N seconds:

- reference: a plain `re.split` sentence pass (the cheapest thing one can do to a text);
- extraction: `extract(article)` alone;
- graph: extraction plus `article_graph` (rdflib graph + SHACL validation), when present.

It prints articles/s for each and the ratio of each to the reference measured in the same
run, so the numbers compare across machines. Time is CPU time of this process
(time.process_time), so other work on the machine does not count against it.

`--floor N` exits 1 when extraction alone runs below N articles/s (the house floor is 200).
`--parser spacy` also times extraction with the optional parser backoff (KG_PARSER) and
prints its ratio to extraction alone: the backoff's cost.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.extraction.parse_model import parser_named
from loaders.text_loader import read_text_file

DEFAULT_DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def articles(folder: Path) -> list[Article]:
    singles = [read_text_file(p) for p in sorted(folder.glob("*.txt"))]
    out = []
    for i, a in enumerate(singles):
        b = singles[(i + 1) % len(singles)]
        out.append(
            Article(text=a.text + "\n\n" + b.text, url=f"{a.url}#{i}", published=a.published)
        )
    return out


def rate(fn: Callable[[Article], object], items: list[Article], seconds: float) -> float:
    """Articles per second over at least `seconds` of repeated passes."""
    for a in items:  # warm caches (the lexicon automaton is built once per process)
        fn(a)
    done = 0
    start = time.process_time()
    while True:
        for a in items:
            fn(a)
        done += len(items)
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return done / elapsed


_SPLIT = re.compile(r"(?<=[.!?])\s+")


def reference_pass(article: Article) -> object:
    return _SPLIT.split(article.text)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("devset", nargs="?", type=Path, default=DEFAULT_DEVSET)
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--floor", type=float, default=None, help="minimum extraction articles/s")
    ap.add_argument("--parser", choices=["spacy"], help="also time the parser backoff")
    args = ap.parse_args()
    items = articles(args.devset)
    words = sum(len(a.text.split()) for a in items) / len(items)
    print(f"{len(items)} articles, {words:.0f} words on average, one core")
    ref = rate(reference_pass, items, args.seconds)
    print(f"{'re.split sentence pass (reference)':<42}{ref:>12.0f} articles/s")
    ext = rate(extract, items, args.seconds)
    print(f"{'extraction':<42}{ext:>12.0f} articles/s   reference/extraction = {ref / ext:.0f}x")
    if args.floor is not None and ext < args.floor:
        raise SystemExit(f"extraction {ext:.0f} articles/s is below the floor of {args.floor:.0f}")
    if args.parser:
        _with_parser(args.parser, items, args.seconds, ext)
    try:
        from loaders.rdf.article_graph import article_graph
    except ImportError:
        print("graph building: loaders.rdf.article_graph not available")
        return

    def with_graph(article: Article) -> object:
        return article_graph(extract(article), "https://geokg.example.org/")

    gr = rate(with_graph, items, args.seconds)
    print(
        f"{'extraction + graph + SHACL':<42}{gr:>12.0f} articles/s   reference/this = {ref / gr:.0f}x"
    )


def _with_parser(name: str, items: list[Article], seconds: float, alone: float) -> None:
    """Extraction with the parser backoff, against extraction alone of the same run."""
    parser = parser_named(name)
    parsed = rate(lambda a: extract(a, parser=parser), items, seconds)
    print(
        f"{'extraction + ' + name + ' backoff':<42}{parsed:>12.0f} articles/s   alone/this = {alone / parsed:.1f}x"
    )


if __name__ == "__main__":
    main()
