"""Ingest speed per core, end to end, how it holds as the store grows, and every core.

    .venv/bin/python bench/ingest_bench.py [--articles N] [--preload M] [--stages]
        [--jobs 1,2 [--repeat R]]

The corpus: every article body of the development set and the three evaluation sets
(../shared/devset, tests/fixtures/heldout, heldout2, realnews; 49 bodies), joined in pairs
(body i, then body j) into ~650-word articles with URLs and dates of their own, so the
articles are distinct but report the same events again and again, as a year of one outlet's
news does. Article k of the run is pair k of a fixed sequence; the preloaded store holds
other pairs.

It measures, in one process and on one core (CPU time of this process):

- extraction alone (`extract(article)`) over the N articles;
- `IngestService.ingest` of the N articles into a fresh embedded store;
- the same N articles into a store already holding M other articles (when --preload M);
- re-ingesting N of the M preloaded articles, unchanged.

Before the last two, the pair timelines the run before left stale are read, untimed: each
run pays for reading again what its own writes made stale, as `kg ingest` does.

It prints articles/s for each, and each as a ratio to extraction alone measured in the same
run (the machine is shared, so ratios compare across runs, articles/s do not). With
--stages it also prints where the time goes per stage (CPU ms per article, each stage
timed inclusively by wrapping its function) for each ingest. With --jobs 1,2 it then times
by the wall clock (worker processes' CPU is not this one's) extraction alone in this
process and the N articles into a fresh store at each --jobs, with the ratios and the
speed-up; --repeat R takes the best of R runs of each, in turn, and the load average is
printed beside them, since other processes share the cores.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from kg import wiring
from kg.settings import Settings
from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.text_loader import read_text_file

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [
    ROOT.parent / "shared" / "devset",
    ROOT / "tests" / "fixtures" / "heldout",
    ROOT / "tests" / "fixtures" / "heldout2",
    ROOT / "tests" / "fixtures" / "realnews",
]
# (label, module, attribute): the stages of one article's ingest, each timed inclusively
# (a stage's time holds the stages it calls); what a version of the code lacks is skipped.
STAGES = [
    ("extraction", "loaders.extraction.extractor", "extract"),
    ("rdflib graph building", "loaders.rdf.article_graph", "build_article_graph"),
    ("triples, no rdflib Graph", "loaders.rdf.article_graph", "build_article_triples"),
    ("SHACL gate (pyshacl)", "ontology.shacl", "validate"),
    ("SHACL gate (compiled)", "ontology.shacl", "fast_violations"),
    ("graph hash", "kg.ingest", "graph_hash"),
    ("statements", "kg.prepare", "statement_lines"),
    ("statements' hash", "kg.prepare", "lines_hash"),
    ("stored version / hash check", "kg.ingest", "_stored_version"),
    ("stored version / hash check", "kg.ingest_batch", "_stored_status"),
    ("refinement look-ups", "kg.ingest", "derived_graphs"),
    ("refinement look-ups (by index)", "kg.ingest", "refinement_changes"),
    ("group events (per run index)", "kg.ingest_batch", "group_events"),
    ("refinement changes", "kg.ingest_batch", "refinement_changes"),
    ("corroboration", "kg.ingest_batch", "corroborations"),
    ("record write, marks included", "kg.stores.oxigraph_store", "OxigraphStore._update"),
    ("  cache marks (pairs touched)", "kg.stores.oxigraph_store", "OxigraphStore._touched"),
    ("  cache marks (pairs touched)", "kg.stores.oxigraph_store", "touched_pairs"),
    ("stale timelines read again", "kg.services.ingest", "IngestService.refresh_record_cache"),
]


def bodies() -> list[Article]:
    return [read_text_file(p) for folder in FOLDERS for p in sorted(folder.glob("*.txt"))]


def corpus(start: int, count: int, singles: list[Article]) -> list[Article]:
    """Articles start..start+count-1: pair k joins body k % n with body (k // n + k + 1) % n."""
    n, out = len(singles), []
    for k in range(start, start + count):
        a, b = singles[k % n], singles[(k // n + k + 1) % n]
        day = date(2024, 1, 1) + timedelta(days=k % 700)
        text = a.text + "\n\n" + b.text
        out.append(Article(text=text, url=f"https://bench.example.org/{k}", published=day))
    return out


def cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


class Stages:
    """CPU seconds spent in each stage of STAGES while `timed` is on (the functions are
    wrapped where they are looked up, so a stage that another module imported by name is
    wrapped in that module)."""

    def __init__(self) -> None:
        self.seconds = {label: 0.0 for label, _m, _a in STAGES}
        self.on = False
        for label, module, attr in STAGES:
            self._wrap(label, module, attr)

    def _wrap(self, label: str, module: str, attr: str) -> None:
        try:
            owner: object = importlib.import_module(module)
        except ImportError:
            return
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)
        fn = getattr(owner, name, None)
        if fn is None:
            return

        @functools.wraps(fn)
        def timed(*args: object, **kwargs: object) -> object:
            if not self.on:
                return fn(*args, **kwargs)
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[label] += time.process_time() - start

        setattr(owner, name, timed)

    def table(self, title: str, articles: int, total: float) -> None:
        print(f"\n{title}: ms of CPU per article")
        print(f"  {'whole ingest':<34}{1000 * total / articles:>8.2f}")
        for label, seconds in self.seconds.items():
            if seconds:
                print(f"  {label:<34}{1000 * seconds / articles:>8.2f}")
        self.seconds = dict.fromkeys(self.seconds, 0.0)


def ingest_into(
    folder: Path, items: list[Article], stages: Stages | None = None, settle: bool = False
) -> float:
    """CPU seconds of one `IngestService.ingest` of `items` into the store at `folder`, and
    of closing the store after it (`kg ingest` does: RocksDB writes out what it holds in
    memory then); with `settle`, the stale pair timelines an earlier run left are read
    first, untimed (so a run pays for its own writes only)."""
    settings = Settings(store_path=folder)
    store = wiring.open_store(settings)
    try:
        service = wiring.ingest_service(settings, store, None)
        if settle:
            service.refresh_record_cache(None)
        if stages is not None:
            stages.on = True
        took = cpu(lambda: service.ingest(items))
        if stages is not None:
            stages.on = False
        took += cpu(store.close)
    finally:
        if stages is not None:
            stages.on = False
        store.close()
    if stages is not None:
        stages.table(f"per stage, {folder.name}", len(items), took)
    return took


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall_ingest(folder: Path, items: list[Article], jobs: int) -> tuple[float, float, float]:
    """Wall seconds of `IngestService.ingest(items, jobs=jobs)` into a fresh store (other
    processes' CPU does not show in this one's, so the clock is the measure here), and the
    CPU seconds of this process and of its workers."""
    settings = Settings(store_path=folder)
    with wiring.open_store(settings) as store:
        service = wiring.ingest_service(settings, store, None)
        start, main_cpu, workers = time.perf_counter(), time.process_time(), children_cpu()
        service.ingest(items, jobs=jobs)
        took = time.perf_counter() - start
        return took, time.process_time() - main_cpu, children_cpu() - workers


def every_core(items: list[Article], jobs: list[int], tmp: Path, repeat: int) -> None:
    """Wall-clock articles/s at each --jobs (the best of `repeat` runs, taken in turn, so a
    burst of load elsewhere does not fall on one setting), against extraction alone."""
    ext = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        for a in items:
            extract(a)
        ext = max(ext, len(items) / (time.perf_counter() - start))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nwall clock, best of {repeat} (load average {load}; {os.cpu_count()} cores)")
    print(f"{'extraction alone, one process':<36}{ext:>9.1f} articles/s")
    best: dict[int, tuple[float, float, float]] = {}
    for i in range(repeat):
        for n in jobs:
            run = wall_ingest(tmp / f"jobs-{n}-{i}", items, n)
            best[n] = min(best.get(n, run), run)
    for n in jobs:
        wall, main_cpu, workers = best[n]
        line(f"ingest --jobs {n}, fresh store", len(items), wall, ext)
        ms = [1000 * x / len(items) for x in (main_cpu, workers)]
        print(f"{'':<36}CPU ms an article: {ms[0]:.1f} writer, {ms[1]:.1f} workers")
    for n in jobs[1:]:
        print(f"{'':<36}--jobs {n} / --jobs {jobs[0]}: {best[jobs[0]][0] / best[n][0]:.2f}")


def line(label: str, articles: int, seconds: float, ext: float) -> float:
    rate = articles / seconds
    print(f"{label:<36}{rate:>9.1f} articles/s   ratio to extraction {rate / ext:.3f}")
    return rate


def run(args: argparse.Namespace) -> None:
    singles = bodies()
    items = corpus(100_000, args.articles, singles)
    words = sum(len(a.text.split()) for a in items) / len(items)
    print(f"{len(items)} articles of {words:.0f} words on average ({len(singles)} bodies)")
    for a in items[:20]:
        extract(a)  # warm the lexicon automaton
    ext = len(items) / cpu(lambda: [extract(a) for a in items])
    print(f"{'extraction alone':<36}{ext:>9.1f} articles/s")
    stages = Stages() if args.stages else None
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        took = ingest_into(Path(tmp) / "fresh", items, stages)
        fresh = line("ingest, fresh store", len(items), took, ext)
        if args.preload:
            grown(args, items, singles, Path(tmp), (ext, fresh), stages)
        if args.jobs:
            every_core(items, [int(n) for n in args.jobs.split(",")], Path(tmp), args.repeat)


def grown(
    args: argparse.Namespace,
    items: list[Article],
    singles: list[Article],
    tmp: Path,
    rates: tuple[float, float],
    stages: Stages | None,
) -> None:
    """The same articles into a store of --preload others, then N of those again."""
    (ext, fresh), folder = rates, tmp / f"store-of-{args.preload}"
    preload = corpus(0, args.preload, singles)
    line(f"(preloading {args.preload})", args.preload, ingest_into(folder, preload), ext)
    took = ingest_into(folder, items, stages, settle=True)
    more = line(f"ingest, store of {args.preload}", len(items), took, ext)
    print(f"{'':<36}fresh / store of {args.preload}: {fresh / more:.2f}")
    again = preload[-len(items) :]
    took = ingest_into(folder, again, stages, settle=True)
    line(f"re-ingest {len(again)} unchanged", len(again), took, ext)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--articles", type=int, default=200, help="articles ingested (N)")
    ap.add_argument("--preload", type=int, default=0, help="articles already in the store (M)")
    ap.add_argument("--stages", action="store_true", help="print the CPU time per stage")
    ap.add_argument("--jobs", default="", help="e.g. 1,2: wall-clock articles/s at each --jobs")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each --jobs (the best counts)")
    run(ap.parse_args())


if __name__ == "__main__":
    sys.exit(main())
