"""Extraction time on hostile text: does any shape of input make extraction superlinear?

    .venv/bin/python bench/hostile_extraction.py [--sizes 10000,20000,40000,80000]
                                                 [--shapes NAME,...] [--max-ratio R]

Each shape (long capitalised words, runs of punctuation, digits or spaces, a 100,000-character
name, "the the the", a sentence without full stops, thousands of titled names, dated events or
undated meetings) is built at each size and extracted once; so is plain prose of the same
size, the reference measured in the same run. It prints, per shape, the seconds at each size, the ratio of each
time to the one at half the size (about 2 when extraction is linear, 4 when quadratic), and
the ratio to plain prose at the largest size. Time is CPU time of this process
(time.process_time), so other work on the machine does not count against it.

`--max-ratio R` exits 1 when a shape takes more than R times plain prose at any size (the unit
test tests/unit/loaders/extraction/test_hostile_text.py holds every shape to 20 at 100,000
characters). Issue 32: one 20,000-character capitalised word took 9 s on the server.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
import time
from collections.abc import Callable
from datetime import date

from loaders.article import Article
from loaders.extraction.extractor import extract

PROSE = (
    "Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing on March 3, "
    "2024, and the two sides signed an agreement on trade. Russia's President Vladimir Putin "
    "visited Pyongyang in June 2024, where he signed a treaty on comprehensive strategic "
    "partnership; the United States and Japan condemned the visit. India and China held "
    "talks on their border two days later, and Beijing said relations had improved since 2020.\n\n"
)
TAIL = " met Chinese President Xi Jinping in Beijing on March 3, 2024. "
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
STATES = ("China", "Japan", "Russia", "India", "France", "Germany", "Brazil", "Mexico", "Egypt")


def fill(unit: str, n: int) -> str:
    """`unit` repeated to exactly n characters."""
    return (unit * (n // len(unit) + 1))[:n]


def _names() -> list[str]:
    syllables = ("Ka", "Lo", "Mi", "Ne", "Po", "Ru", "Sa", "Te", "Vi", "Zo", "Bra", "Dre")
    return [a + b.lower() + c.lower() for a, b, c in itertools.product(syllables, repeat=3)]


def _many(make: Callable[[int], str], n: int) -> str:
    """make(0) + make(1) + ... up to n characters."""
    out: list[str] = []
    size = 0
    for i in itertools.count():
        if size >= n:
            return "".join(out)
        out.append(make(i))
        size += len(out[-1])
    raise AssertionError


def _titled_names(n: int) -> str:
    names = _names()
    k = len(names)
    return "HELSINKI — " + _many(
        lambda i: f"President {names[i % k]} {names[(7 * i + 3) % k]} said. ", n
    )


def _undated_meetings(n: int) -> str:
    names = _names()
    k = len(names)
    return _many(
        lambda i: (
            f"The Kuwaiti emir, Sheikh {names[i % k]} {names[(5 * i + 1) % k]}, met the "
            f"Qatari emir, Sheikh {names[(5 * i + 1) % k]} {names[i % k]}. "
        ),
        n,
    )


def _dated_events(n: int) -> str:
    return _many(
        lambda i: (
            f"{STATES[i % 9]} attacked {STATES[(i + 4) % 9]} on {MONTHS[i % 8]} "
            f"{i % 28 + 1}, {1950 + i % 70}. "
        ),
        n,
    )


# Every shape, at about n characters; "plain prose" is the reference.
SHAPES: dict[str, Callable[[int], str]] = {
    "plain prose": lambda n: fill(PROSE, n),
    "long capitalised word": lambda n: "President " + "A" * n + TAIL,
    "long mixed-case word": lambda n: "President " + fill("Ab", n) + TAIL,
    "long hyphenated word": lambda n: "President " + fill("A-", n) + TAIL,
    "long dotted initials": lambda n: "President " + fill("A.", n) + TAIL,
    "capital after lowercase": lambda n: "the " + fill("aA", n) + " emir, Sheikh Aaa Bbb" + TAIL,
    "100k-character name": lambda n: "Prime Minister " + "A" + "a" * n + " Bbbb of China" + TAIL,
    "run of capitalised words": lambda n: "President " + fill("Aaaa ", n) + TAIL,
    "run of punctuation": lambda n: "President " + fill(".,;:!?-", n) + TAIL,
    "run of dots": lambda n: "President " + "." * n + TAIL,
    "run of digits": lambda n: "President " + "1" * n + TAIL,
    "run of spaces": lambda n: "President " + " " * n + TAIL,
    "run of tabs and newlines": lambda n: "President " + fill("\t\n", n) + TAIL,
    "spaces after until 1990": lambda n: "Ties were frozen until 1990" + " " * n + "x." + TAIL,
    "dateline then spaces": lambda n: "A" + " " * n + "x —" + TAIL,
    "the the the": lambda n: "President " + fill("the ", n) + TAIL,
    "no full stops": lambda n: fill("the president of China met the leader of Korea and ", n),
    "titled names": _titled_names,
    "dated events": _dated_events,
    "undated meetings": _undated_meetings,
}
SIZES = (10_000, 20_000, 40_000, 80_000)
PUBLISHED = date(2024, 5, 1)


def seconds(text: str) -> float:
    """CPU seconds of one extraction of `text`."""
    article = Article(text=text, url="https://example.org/hostile", published=PUBLISHED)
    start = time.process_time()
    extract(article)
    return time.process_time() - start


def measure(names: list[str], sizes: list[int], stop: float) -> dict[str, list[float]]:
    """Seconds per shape and size; after a size that took over `stop` seconds the larger
    sizes of that shape are not run (nan)."""
    extract(Article(text=PROSE))  # the lexicon is built once per process
    times: dict[str, list[float]] = {}
    for name in names:
        row = times.setdefault(name, [])
        for n in sizes:
            row.append(seconds(SHAPES[name](n)) if not row or row[-1] <= stop else math.nan)
        print(f"  {name}: " + " ".join(f"{t:.3f}" for t in row), file=sys.stderr, flush=True)
    return times


def report(times: dict[str, list[float]], sizes: list[int]) -> float:
    """Print the table; return the largest ratio of a shape to plain prose at the same size."""
    prose = times["plain prose"]
    head = "".join(f"{n:>9,}" for n in sizes)
    print(f"{'shape':28}{head}   per doubling      vs prose")
    worst = 0.0
    for name, row in times.items():
        ratios = " ".join(f"{b / max(a, 1e-4):4.1f}" for a, b in itertools.pairwise(row))
        versus = max(
            (t / max(p, 1e-4) for t, p in zip(row, prose, strict=True) if t == t), default=0
        )
        if name != "plain prose":
            worst = max(worst, versus)
        cells = "".join(f"{t:9.3f}" for t in row)
        print(f"{name:28}{cells}   {ratios:16} {versus:6.2f}")
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--shapes", default="", help="comma-separated names (default: all)")
    parser.add_argument("--max-ratio", type=float, default=None)
    parser.add_argument("--stop", type=float, default=60.0, help="seconds: skip larger sizes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    chosen = [s for s in args.shapes.split(",") if s] or list(SHAPES)
    names = ["plain prose", *[s for s in chosen if s != "plain prose"]]
    worst = report(measure(names, sizes, args.stop), sizes)
    if args.max_ratio is not None and worst > args.max_ratio:
        print(f"a shape took {worst:.1f} times plain prose, above {args.max_ratio}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
