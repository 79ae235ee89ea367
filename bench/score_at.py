"""Score the extractor of any commit on annotated sets, beside the working tree's: the
before/after figures of docs/extraction.md.

    .venv/bin/python bench/score_at.py --before 794bd0c tests/fixtures/realnews4
    .venv/bin/python bench/score_at.py --parser spacy tests/fixtures/realnews5

For each set it writes the predictions of the working tree (and, with --before, of the
extraction code and reference data of that commit, taken with `git archive`; with
--parser, of the working tree with that parser's backoff as well) to a temporary
folder and runs ../shared/eval/score.py on them, printing its table."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
PREDICT = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from loaders.text_loader import read_text_file
from loaders.extraction.extractor import extract
parser = None
if sys.argv[4:]:
    from loaders.extraction.parse_model import parser_named
    parser = parser_named(sys.argv[4])
out = Path(sys.argv[3])
for f in sorted(Path(sys.argv[2]).glob("*.txt")):
    extraction = extract(read_text_file(f), parser=parser) if parser else extract(read_text_file(f))
    (out / (f.stem + ".json")).write_text(json.dumps(extraction.to_json()))
"""


def _code_at(commit: str, into: Path) -> Path:
    """The extraction code and reference data of `commit`, unpacked under `into`."""
    archive = subprocess.run(
        ["git", "archive", commit, "loaders", "ontology"], cwd=ROOT, capture_output=True
    )
    if archive.returncode != 0:
        sys.exit(f"git archive {commit}: {archive.stderr.decode().strip()}")
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def _score(code: Path, folder: Path, label: str, work: Path, parser: str | None = None) -> None:
    preds = work / f"{label}-{folder.name}"
    preds.mkdir()
    command = [sys.executable, "-c", PREDICT, str(code), str(folder), str(preds)]
    subprocess.run(command + ([parser] if parser else []), check=True)
    print(f"== {folder} ({label})", flush=True)
    subprocess.run([sys.executable, str(SCORER), "--predictions", str(preds), str(folder)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", type=Path, help="folders of NN_x.txt + .gold.json")
    parser.add_argument("--before", help="a commit whose extractor to score as well")
    parser.add_argument("--parser", help="also score the working tree with this parser (spacy)")
    args = parser.parse_args()
    if not SCORER.exists():
        sys.exit(f"the scorer is not at {SCORER} (../shared beside the repository)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old = _code_at(args.before, work / "before") if args.before else None
        for folder in args.sets:
            if old is not None:
                _score(old, folder.resolve(), "before", work)
            _score(ROOT, folder.resolve(), "after", work)
            if args.parser:
                _score(ROOT, folder.resolve(), f"after+{args.parser}", work, args.parser)


if __name__ == "__main__":
    main()
