"""The three published formats told apart by content, malformed lines reported by number and
skipped, and everything that is not Wikidata refused in one sentence."""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path

import pytest

from loaders.wikidata.model import WikidataFormatError
from loaders.wikidata.reader import read_wikidata

FIXTURES = Path(__file__).parents[3] / "fixtures" / "wikidata"
DUMP = FIXTURES / "dump-lines.json"


def test_dump_lines_read_with_the_malformed_line_reported() -> None:
    harvest = read_wikidata(DUMP)
    assert harvest.kind == "dump"
    assert harvest.read == 6  # Q30, Q6279, Q22686, Q40, the office, Q900000001
    assert harvest.errors == ["line 5: not JSON (Unterminated string starting at)"]
    assert harvest.skipped["malformed line"] == 1
    assert {"Q6279", "Q22686", "Q900000001"} <= set(harvest.people)


def test_dump_without_brackets_and_compressed(tmp_path: Path) -> None:
    lines = [line for line in DUMP.read_text(encoding="utf-8").splitlines() if line not in "[]"]
    plain = tmp_path / "lines.json"
    plain.write_text("\n".join(lines), encoding="utf-8")
    packed = tmp_path / "lines.json.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    squeezed = tmp_path / "lines.json.bz2"
    squeezed.write_bytes(bz2.compress(DUMP.read_bytes()))
    for path in (plain, packed, squeezed):
        harvest = read_wikidata(path)
        assert (harvest.kind, harvest.read, len(harvest.errors)) == ("dump", 6, 1)


def test_entitydata_and_missing_entities(tmp_path: Path) -> None:
    harvest = read_wikidata(FIXTURES / "entitydata-Q7747.json")
    assert (harvest.kind, harvest.read, list(harvest.people)) == ("entitydata", 1, ["Q7747"])
    data = json.loads((FIXTURES / "entitydata-Q7747.json").read_text(encoding="utf-8"))
    data["entities"]["Q404"] = {"id": "Q404", "missing": ""}
    path = tmp_path / "two.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # one line, still EntityData
    harvest = read_wikidata(path)
    assert harvest.read == 1 and harvest.skipped["missing entity"] == 1


def test_sparql_results() -> None:
    harvest = read_wikidata(FIXTURES / "sparql-leaders.json")
    assert (harvest.kind, harvest.read) == ("sparql", 4)
    assert harvest.skipped["deprecated statement"] == 1
    members = read_wikidata(FIXTURES / "sparql-memberships.json")
    assert len(members.memberships) == 4 and members.state_codes["Q33"] == "FIN"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'{"articles": []}', "neither 'entities' nor 'head' and 'results'"),
        (b"", "it is empty"),
        (b"state,start\nUSA,2020\n", "it is not JSON"),
        (b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}', "none of the variable sets"),
        (b"\xff\xfe\x00garbage", "cannot be read as UTF-8 text"),
    ],
)
def test_not_wikidata_is_one_sentence(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(content)
    with pytest.raises(WikidataFormatError) as caught:
        read_wikidata(path)
    assert why in str(caught.value) and "\n" not in str(caught.value)
