"""ACLED loader speed and memory: rows/s of loaders.acled over a synthetic N-row CSV export, as a
ratio to a plain csv-module pass over the same file in the same run, and the process's resident
memory sampled as the loader goes (it must stay flat: the loader streams).

    .venv/bin/python bench/acled_bench.py [--rows 1000000] [--state-pairs] [--min-fatalities 1]

The file is written in a temporary folder: a header row and rows of the 31 columns of the export
since 2023, drawn with a fixed seed from a mix of event and sub-event types near ACLED's own
(protests the most, then remote violence, battles, violence against civilians, riots,
strategic developments), actors (states' forces at home and abroad, known non-state actors,
civilians, protesters, unknown groups) and countries, with quoted notes holding commas and,
one row in 20, a newline; one row in 1,000 has an impossible date (a malformed row).
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
from pathlib import Path

from loaders.acled.columns import COLUMNS
from loaders.acled.events import iter_events
from loaders.acled.model import Options, Summary

TYPES = [("Protests", "Peaceful protest")] * 8 + [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Battles", "Armed clash"), ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"), ("Riots", "Mob violence"),
    ("Strategic developments", "Agreement"), ("Strategic developments", "Looting/property destruction"),
]  # fmt: skip
STATES = {"Ukraine": "Ukraine (2019-)", "Russia": "Russia (2000-)", "Israel": "Israel (2022-)",
          "Lebanon": "Lebanon (2021-)", "Nigeria": "Nigeria (2023-)", "Sudan": "Sudan (2019-)",
          "Myanmar": "Myanmar (2021-)", "Syria": "Syria (2024-)"}  # fmt: skip
KNOWN = ["Hezbollah", "Hamas Movement", "Al Shabaab", "Wagner Group", "Islamic State (Syria)",
         "RSF: Rapid Support Forces", "JNIM: Group for Support of Islam and Muslims"]  # fmt: skip
OTHERS = ["Civilians ({})", "Protesters ({})", "Unidentified Armed Group ({})", "Rioters ({})"]


def _actor(rng: random.Random, country: str) -> str:
    draw = rng.random()
    if draw < 0.45:
        forces = rng.choice(["Military Forces of ", "Military Forces of ", "Police Forces of "])
        return forces + STATES[rng.choice(list(STATES)) if draw < 0.1 else country]
    if draw < 0.6:
        return rng.choice(KNOWN)
    return "" if draw > 0.9 else rng.choice(OTHERS).format(country)


def row(rng: random.Random, number: int) -> list[str]:
    """One synthetic row of the 31 columns, in the export's order."""
    event_type, sub = rng.choice(TYPES)
    country = rng.choice(list(STATES))
    day = f"{rng.randint(1, 28)} {rng.choice(['January', 'June', 'November'])} 2024"
    day = "31 February 2024" if number % 1000 == 0 else day
    one, two = _actor(rng, country), _actor(rng, country)
    notes = f"On {day}, {one or 'an actor'} and {two or 'no one'} met near {country}, reports say."
    notes += "\nA second, later report: no change." if number % 20 == 0 else ""
    values = [f"{country[:3].upper()}{number}", day, "2024", str(rng.choice([1, 1, 1, 2, 3])),
              "Political violence", event_type, sub, one, "", "State forces", two, "",
              "Rebel groups", "State forces-Rebel groups", "", "804", "Europe", country,
              "Kharkiv", "Kharkivskyi", "", "Kharkiv", "49.9935", "36.2304", "1",
              "Ukrainska Pravda; Reuters", "National-International", notes,
              str(rng.choice([0, 0, 0, 1, 2, 5, 12])), "", "1718900000"]  # fmt: skip
    return values


def write_file(path: Path, rows: int) -> None:
    rng = random.Random(30)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for number in range(1, rows + 1):
            writer.writerow(row(rng, number))


def csv_pass(path: Path) -> tuple[int, float]:
    """The reference: every row through csv.reader, and nothing else."""
    started, count = time.process_time(), 0
    with path.open(encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle):
            count += 1
    return count - 1, time.process_time() - started  # the header is no row


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def loader_pass(path: Path, options: Options) -> tuple[Summary, float, list[float]]:
    """Every row through the loader; the RSS before, every 10,000 rows read and at the end."""
    summary, samples, sampled = Summary(), [_rss_mb()], 0
    started = time.process_time()
    for _ in iter_events(path, options, summary):
        if summary.read // 10_000 > sampled:
            sampled = summary.read // 10_000
            samples.append(_rss_mb())
    elapsed = time.process_time() - started
    return summary, elapsed, [*samples, _rss_mb()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--state-pairs", action="store_true")
    parser.add_argument("--min-fatalities", type=int, default=0)
    args = parser.parse_args()
    options = Options(state_pairs=args.state_pairs, min_fatalities=args.min_fatalities)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "acled-2024.csv"
        write_file(path, args.rows)
        size = path.stat().st_size
        rows, csv_seconds = csv_pass(path)
        summary, seconds, rss = loader_pass(path, options)
    csv_rate, rate = rows / csv_seconds, summary.read / seconds
    report = {
        "rows": rows, "megabytes": round(size / 1e6, 1),
        "csv_rows_per_s": round(csv_rate), "loader_rows_per_s": round(rate),
        "ratio_to_csv": round(rate / csv_rate, 3), "mapped": summary.mapped,
        "rss_mb_before": round(rss[0], 1), "rss_mb_after_first_tenth": round(rss[len(rss) // 10 or 1], 1),
        "rss_mb_end": round(rss[-1], 1), "rss_mb_max": round(max(rss), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6, 1),
    }  # fmt: skip
    print(json.dumps(report, indent=1))
    found = summary.as_dict()
    print(json.dumps({k: found[k] for k in ("skipped", "malformed")}, indent=1))


if __name__ == "__main__":
    main()
