"""GDELT loader speed and memory: rows/s of loaders.gdelt over a synthetic N-row events export,
as a ratio to a plain csv-module pass over the same file in the same run, and the process's
resident memory sampled as the loader goes (it must stay flat: the loader streams).

    .venv/bin/python bench/gdelt_bench.py [--rows 1000000] [--zip] [--root-only --state-pairs]

The file is written in a temporary folder: rows of the 61 published columns, drawn with a
fixed seed from a mix of CAMEO codes (mapped, left out, without a type), countries (states,
a CAMEO exception, a region, none) and known groups, so every path of the mapping runs, and
one row in 1,000 has an impossible date (a malformed row, reported with its line).
Time is CPU time of this process (time.process_time): other work on the machine does not
count against it. The ratio is what compares across machines.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import tempfile
import time
import zipfile
from pathlib import Path

from loaders.gdelt.events import iter_events
from loaders.gdelt.model import Options, Summary

CODES = ["010", "020", "036", "040", "042", "043", "046", "051", "057", "0611", "112", "120",
         "130", "141", "163", "173", "190", "193", "999"]  # fmt: skip
COUNTRIES = ["USA", "CHN", "RUS", "PRK", "GBR", "FRA", "IRN", "ISR", "UKR", "ROM", "EUR", ""]
GEO = ["4", "Moscow, Moskva, Russia", "RS", "RS48", "", "55.7522", "37.6156", "-2960561"]


def _actor(rng: random.Random) -> list[str]:
    country = rng.choice(COUNTRIES)
    group = "UNO" if not country and rng.random() < 0.3 else ""
    code = (
        country + rng.choice(["", "GOV", "MIL", "OPP"]) if country else ("IGOUNO" if group else "")
    )
    return [code, country and "SOMEWHERE", country, group, "", "", "", code[3:6], "", ""]


def row(rng: random.Random, event_id: int) -> str:
    """One synthetic row of the 61 columns."""
    code = rng.choice(CODES)
    day = f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    day = "20240231" if event_id % 1000 == 0 else day  # one malformed row in 1,000
    fields = [str(event_id), day, day[:6], "2024", "2024.4658", *_actor(rng), *_actor(rng)]
    fields += ["1" if rng.random() < 0.6 else "0", code, code[:3], code[:2], str(rng.randint(1, 4))]
    fields += [f"{rng.uniform(-10, 10):.1f}", str(rng.randint(1, 50)), str(rng.randint(1, 9))]
    fields += [str(rng.randint(1, 50)), f"{rng.uniform(-10, 5):.6f}", *GEO, *GEO, *GEO]
    fields += [f"{day}231500", f"https://news.example.org/2024/story-{event_id}.html"]
    return "\t".join(fields)


def write_file(path: Path, rows: int) -> None:
    rng = random.Random(30)
    with path.open("w", encoding="utf-8", newline="") as out:
        for i in range(rows):
            out.write(row(rng, 1_180_000_000 + i) + "\n")


def csv_pass(path: Path) -> tuple[int, float]:
    """The reference: every row through csv.reader, and nothing else."""
    started, count = time.process_time(), 0
    with path.open(encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            count += 1
    return count, time.process_time() - started


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def loader_pass(path: Path, options: Options) -> tuple[Summary, float, list[float]]:
    """Every row through the loader; the RSS before, every 10,000 rows and at the end."""
    summary, samples = Summary(), [_rss_mb()]
    started = time.process_time()
    for count, _ in enumerate(iter_events(path, options, summary), 1):
        if count % 10_000 == 0:
            samples.append(_rss_mb())
    elapsed = time.process_time() - started
    return summary, elapsed, [*samples, _rss_mb()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--zip", action="store_true", help="read the file zipped, as published")
    parser.add_argument("--root-only", action="store_true")
    parser.add_argument("--state-pairs", action="store_true")
    args = parser.parse_args()
    options = Options(root_only=args.root_only, state_pairs=args.state_pairs)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "20240619120000.export.CSV"
        write_file(path, args.rows)
        size = path.stat().st_size
        rows, csv_seconds = csv_pass(path)
        if args.zip:
            with zipfile.ZipFile(path.with_suffix(".CSV.zip"), "w", zipfile.ZIP_DEFLATED) as z:
                z.write(path, path.name)
            path = path.with_suffix(".CSV.zip")
        summary, seconds, rss = loader_pass(path, options)
    csv_rate, rate = rows / csv_seconds, summary.read / seconds
    report = {
        "rows": rows, "megabytes": round(size / 1e6, 1), "zip": args.zip,
        "csv_rows_per_s": round(csv_rate), "loader_rows_per_s": round(rate),
        "ratio_to_csv": round(rate / csv_rate, 3), "mapped": summary.mapped,
        "rss_mb_before": round(rss[0], 1), "rss_mb_after_first_tenth": round(rss[len(rss) // 10 or 1], 1),
        "rss_mb_end": round(rss[-1], 1), "rss_mb_max": round(max(rss), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6, 1),
    }  # fmt: skip
    print(json.dumps(report, indent=1))
    print(
        json.dumps(
            {"skipped": summary.as_dict()["skipped"], "malformed": summary.as_dict()["malformed"]},
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
