"""The must-show figures of issue 31 that are not articles/s of new articles: re-ingesting
unchanged articles, and memory over a long run.

    .venv/bin/python bench/ingest_scale_bench.py [--unchanged N] [--rss N] [--jobs J]

--unchanged N: N articles of bench/ingest_bench.py's corpus into a fresh embedded store
(untimed), both as Article objects and as a folder of N text files (`kg ingest folder/`'s
path: each file read where it is prepared); then the same N again, unchanged, timed by the
wall clock and the CPU of this process, as articles/s (target: 1,000/s or more).

--rss N: N articles into a fresh store in one `IngestService.ingest` (as `kg ingest`),
this process's resident memory (VmRSS) read after the first N/10 articles are reported and
after all N, and after the run (target: at N = 2,000, within 1.5x of the figure at 200).

--grown N [--keep DIR] [--articles A] [--repeat R] [--stages]: A articles (500) into a
fresh store and into a copy of a store of N other articles of the same corpus, taken in turn
R times, each in CPU seconds of this process with closing the store (as ingest_bench.py's
runs); the best of each, and fresh / grown (target: within 1.5 at N = 100,000). The store of
N is built once into DIR/store-of-N (kept, so later runs and other commits reuse it; built
with --jobs J in runs of 2,000 articles, from a copy of the largest smaller store kept there
if any), its stale pair timelines read, then copied for each run.

Extraction alone over the first 200 articles is printed too, for the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from ingest_bench import Stages, bodies, corpus, ingest_into

from kg import wiring
from kg.settings import Settings
from loaders.article import Article
from loaders.extraction.extractor import extract
from loaders.sources import iter_inputs


def rss_mib() -> float:
    """This process's resident set, MiB (Linux: /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ingest(
    folder: Path, items: Iterable[object], jobs: int, on: object = None
) -> tuple[float, float, int]:
    """Wall and CPU seconds of one `IngestService.ingest` into the store at `folder`, and
    how many reports said unchanged."""
    settings = Settings(store_path=folder)
    with wiring.open_store(settings) as store:
        service = wiring.ingest_service(settings, store, None)
        wall, cpu = time.perf_counter(), time.process_time()
        result = service.ingest(items, on, jobs=jobs)  # type: ignore[arg-type]
        return time.perf_counter() - wall, time.process_time() - cpu, len(result.unchanged)


def write_files(folder: Path, articles: list[Article]) -> None:
    folder.mkdir(parents=True)
    for i, a in enumerate(articles):
        (folder / f"{i:06d}.txt").write_text(a.text, encoding="utf-8")


def unchanged(n: int, jobs: int, tmp: Path) -> None:
    """N articles, then the same N again, as objects and as files."""
    articles, files = corpus(100_000, n, bodies()), tmp / "files"
    write_files(files, articles)
    for label, items in (
        ("Article objects", lambda: articles),
        ("text files", lambda: iter_inputs([files])),
    ):
        store = tmp / label.replace(" ", "-")
        first = ingest(store, items(), jobs)
        wall, cpu, same = ingest(store, items(), jobs)
        print(
            f"re-ingest {n} unchanged {label:<16} {n / wall:>8.0f} articles/s wall, "
            f"{n / cpu:>8.0f}/s CPU ({same} unchanged; first run {n / first[0]:.1f}/s)"
        )


def memory(n: int, jobs: int, tmp: Path) -> None:
    """VmRSS after N/10 and after N articles of one run."""
    seen: dict[int, float] = {}
    count = [0]

    def on(_outcome: object) -> None:
        count[0] += 1
        if count[0] in (n // 10, n):
            seen[count[0]] = rss_mib()

    start = rss_mib()
    wall, _cpu, _same = ingest(tmp / "rss", corpus(0, n, bodies()), jobs, on)
    after = rss_mib()
    small, large = seen.get(n // 10, float("nan")), seen.get(n, float("nan"))
    print(
        f"RSS before {start:.0f} MiB; after {n // 10} articles {small:.0f} MiB; after {n} {large:.0f} MiB; after the run {after:.0f} MiB"
    )
    print(f"RSS after {n} / after {n // 10}: {large / small:.2f} ({n / wall:.1f} articles/s)")


def _smaller(keep: Path, n: int) -> tuple[Path | None, int]:
    """The largest store of fewer than N articles built into `keep` before, and its size."""
    sizes = [int(f.parent.name.rsplit("-", 1)[1]) for f in keep.glob("store-of-*/built")]
    m = max((x for x in sizes if x < n), default=0)
    return (keep / f"store-of-{m}" if m else None), m


def built(keep: Path, n: int, jobs: int) -> Path:
    """DIR/store-of-N: articles 0..N-1 of the corpus, built once (kept; from a copy of a
    smaller one kept there, when there is one), its stale pair timelines read (so each copy
    pays for its own writes only)."""
    folder = keep / f"store-of-{n}"
    if (folder / "built").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    smaller, done = _smaller(keep, n)
    if smaller is not None:
        shutil.copytree(smaller, folder)
        (folder / "built").unlink()
    singles, settings, began = bodies(), Settings(store_path=folder), time.perf_counter()
    with wiring.open_store(settings) as store:
        service = wiring.ingest_service(settings, store, None)
        for start in range(done, n, 2000):
            run = corpus(start, min(2000, n - start), singles)
            wall = time.perf_counter()
            service.ingest(run, jobs=jobs)
            rate = len(run) / (time.perf_counter() - wall)
            print(f"  built {start + len(run)}: {rate:.1f} articles/s", flush=True)
        service.refresh_record_cache(None)
    (folder / "built").write_text(f"{time.perf_counter() - began:.0f} s from {done}\n")
    print(f"store of {n} built from {done} in {time.perf_counter() - began:.0f} s", flush=True)
    return folder


def grown(args: argparse.Namespace, tmp: Path) -> None:
    """A articles into a fresh store and into a copy of the store of N, in turn."""
    source = built(Path(args.keep) if args.keep else tmp, args.grown, args.jobs)
    items, stages = corpus(100_000, args.articles, bodies()), Stages() if args.stages else None
    best = {"fresh": float("inf"), "grown": float("inf")}
    for i in range(args.repeat):
        for kind in best:
            folder = tmp / f"{kind}-{i}"
            if kind == "grown":
                shutil.copytree(source, folder)
            took = ingest_into(folder, items, stages)
            best[kind] = min(best[kind], took)
            print(f"  {kind:<6} run {i + 1}: {len(items) / took:.1f} articles/s", flush=True)
            shutil.rmtree(folder)
    fresh, more = (len(items) / best[k] for k in ("fresh", "grown"))
    print(f"ingest {len(items)}, fresh store {fresh:.1f} articles/s (CPU, best of {args.repeat})")
    print(f"ingest {len(items)}, store of {args.grown} {more:.1f} articles/s")
    print(f"fresh / store of {args.grown}: {fresh / more:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--unchanged", type=int, default=0, help="articles re-ingested unchanged")
    ap.add_argument("--rss", type=int, default=0, help="articles in the memory run")
    ap.add_argument("--jobs", type=int, default=1, help="kg ingest --jobs")
    ap.add_argument("--grown", type=int, default=0, help="articles in the grown store")
    ap.add_argument("--keep", default="", help="folder that keeps the grown store built")
    ap.add_argument("--articles", type=int, default=500, help="articles ingested (--grown)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each (--grown)")
    ap.add_argument("--stages", action="store_true", help="CPU per stage (--grown)")
    args = ap.parse_args()
    sample = corpus(100_000, 200, bodies())
    extract(sample[0])
    start = time.process_time()
    for a in sample:
        extract(a)
    print(f"extraction alone {len(sample) / (time.process_time() - start):.1f} articles/s (CPU)")
    with tempfile.TemporaryDirectory(prefix="ingest-scale-") as tmp:
        if args.unchanged:
            unchanged(args.unchanged, args.jobs, Path(tmp))
        if args.rss:
            memory(args.rss, args.jobs, Path(tmp))
        if args.grown:
            grown(args, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
