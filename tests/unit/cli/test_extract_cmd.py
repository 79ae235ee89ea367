"""`kg extract`: JSON, Turtle and JSON-LD on a real file; bad inputs give one sentence on
stderr, an empty result and exit code 1, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from cli import extract_cmd
from kg.settings import get_settings
from tests.conftest import in_ci

ARTICLE = """url: https://example.org/news/1
published: 2024-10-09
title: Test

Japan and India held joint naval exercises on Saturday. Japanese Prime Minister Fumio Kishida
visited India in March 2023.
"""

app = typer.Typer()


@app.callback()
def _main(ctx: typer.Context) -> None:
    ctx.obj = get_settings()


extract_cmd.register(app)
runner = CliRunner()


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["extract", *args])


def test_json_output(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = invoke(str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"states", "organizations", "leaders", "events", "relations"}
    assert data["states"][:2] == ["JPN", "IND"]
    assert {e["type"] for e in data["events"]} >= {"military_exercise", "state_visit"}


def test_turtle_and_jsonld(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    turtle = invoke(str(path), "--format", "turtle")
    assert turtle.exit_code == 0, turtle.output
    assert "geo:Event" in turtle.stdout
    jsonld = invoke(str(path), "--format", "jsonld")
    assert jsonld.exit_code == 0, jsonld.output
    assert json.loads(jsonld.stdout)


def _bad(result: Result) -> None:
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert json.loads(result.stdout)["events"] == []
    assert result.stderr.strip().startswith("error:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file(tmp_path: Path) -> None:
    _bad(invoke(str(tmp_path / "nope.txt")))


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("")
    _bad(invoke(str(path)))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00")
    _bad(invoke(str(path)))


def test_non_utf8_is_read_leniently(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Japan and India held joint naval exercises on Saturday in caf\xe9s.".encode("latin-1")
    )
    result = invoke(str(path))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["states"] == ["JPN", "IND"]


def test_non_english_text_warns(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text(
        "Der Bundeskanzler traf sich am Montag mit dem französischen Präsidenten in Berlin "
        "und sprach über die Lage und die Zusammenarbeit der beiden Länder in Europa.",
        encoding="utf-8",
    )
    result = invoke(str(path))
    assert "does not look like English" in result.stderr
    assert "Traceback" not in result.output


def test_huge_text_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Japan met India. " * 400_000, encoding="utf-8")  # about 6.8 MB
    _bad(invoke(str(path)))


def test_the_parser_option_adds_the_backoffs_events(tmp_path: Path) -> None:
    """`--parser spacy` (or KG_PARSER) adds what the parser backoff reads: here a severance
    told in a participle clause, which the rules alone leave out."""
    if not in_ci():
        pytest.importorskip("spacy")
    path = tmp_path / "a.txt"
    path.write_text(
        "url: https://example.org/news/2\npublished: 2024-10-09\n\n"
        "Moscow hit back on Tuesday, ordering 23 British diplomats out of the country.\n",
        encoding="utf-8",
    )
    found = {}
    for choice in ("none", "spacy"):
        result = invoke(str(path), "--parser", choice)
        assert result.exit_code == 0, result.output
        found[choice] = {(e["type"], tuple(e["participants"])) for e in json.loads(result.stdout)["events"]}  # fmt: skip
    severed = ("diplomatic_relations_severed", ("RUS", "GBR"))
    assert severed not in found["none"]
    assert severed in found["spacy"]
