"""ACLED's CSV export read row by row (loaders/acled): every odd row of the fixtures is reported
with its file and line, or skipped and counted, and never stops the file."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from loaders.acled.columns import COLUMNS, Columns
from loaders.acled.events import iter_events
from loaders.acled.model import AcledEvent, Options, Summary
from loaders.acled.reader import RowError, iter_rows
from loaders.acled.sniff import looks_like_acled_export
from loaders.sources import iter_articles

FIXTURES = Path(__file__).parents[2] / "fixtures" / "acled"
MAIN = FIXTURES / "2024-06-19.csv"


def _read(path: Path, options: Options = Options()) -> tuple[list[AcledEvent | RowError], Summary]:
    summary = Summary()
    return list(iter_events(path, options, summary)), summary


def _events(path: Path) -> dict[int, AcledEvent]:
    return {e.line: e for e in _read(path)[0] if isinstance(e, AcledEvent)}


def _errors(path: Path) -> dict[int | None, str]:
    return {e.line: str(e) for e in _read(path)[0] if isinstance(e, RowError)}


def test_the_columns_are_the_31_of_the_export_in_its_order() -> None:
    assert len(COLUMNS) == 31
    assert COLUMNS[:8] == (
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
        "event_type", "sub_event_type", "actor1",
    )  # fmt: skip
    assert COLUMNS[17] == "country" and COLUMNS[-4:] == ("notes", "fatalities", "tags", "timestamp")
    assert MAIN.read_text().splitlines()[0] == ",".join(COLUMNS)


def test_a_row_keeps_its_id_date_fatalities_source_and_notes() -> None:
    strike = _events(MAIN)[2]
    assert strike == AcledEvent(
        event_id="UKR170001", line=2, type="military_intervention", participants=("RUS", "UKR"),
        date="2024-06-19", time_precision=1, event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actors=("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"),
        country="Ukraine", fatalities=3, source="Ukrainska Pravda; Reuters",
        notes="On 19 June 2024, Military Forces of Russia (2000-) and Military Forces of Ukraine (2019-).",
    )  # fmt: skip


def test_the_summary_counts_every_row_read_once() -> None:
    _, summary = _read(MAIN)
    assert summary.read == 27
    assert summary.mapped == 15
    assert summary.read == summary.mapped + summary.skipped.total() + summary.malformed.total()


def test_quoted_notes_with_commas_quotes_and_a_newline_are_one_field_and_one_row() -> None:
    events = _events(MAIN)
    assert events[17].notes == (
        'Turkish drones struck PKK positions near Batifa, Duhok, killing 2;\nthe PKK said "no losses".'
    )
    assert events[17].fatalities == 2
    assert 18 not in events and 19 not in events  # the next row starts on line 19, malformed


def test_a_bad_date_or_number_is_a_malformed_row_with_its_line() -> None:
    errors = _errors(MAIN)
    assert errors[19] == (
        f"{MAIN} line 19: event_date '31 February 2024' is not a date (16 May 2025 or 2025-05-16)."
    )
    assert errors[20] == f"{MAIN} line 20: fatalities 'unknown' is not a whole number."
    malformed = _read(MAIN)[1].malformed
    assert malformed == {"bad event_date": 1, "bad fatalities": 1, "wrong column count": 1}


def test_a_row_with_another_number_of_columns_is_reported_and_the_next_row_is_read() -> None:
    errors = _errors(MAIN)
    assert errors[24] == f"{MAIN} line 24 has 30 columns, not the 31 of its header row."
    assert sorted(errors) == [19, 20, 24]
    assert 27 in _events(MAIN)


def test_a_bom_and_windows_line_endings_are_read_as_any_other() -> None:
    path = FIXTURES / "2024-06-20-bom-crlf.csv"
    columns = next(iter_rows(path))
    assert isinstance(columns, Columns) and columns.event_id == 0  # the BOM is not in the name
    events = _events(path)
    assert [e.event_id for e in events.values()] == ["UKR170001", "UKR170101"]
    assert events[2].source == "Ukrainska Pravda; Reuters"  # no '\r' left on a field
    assert events[3].notes == "Shelling, then a clash;\r\nno casualties reported."
    assert events[3].date == "2024-06-20"


def test_a_last_line_cut_mid_row_is_reported_as_cut_and_the_rows_before_it_stand() -> None:
    path = FIXTURES / "2024-06-21-cut.csv"
    assert _errors(path) == {
        3: f"{path} line 3 is cut short: the file ends mid-row (26 of 31 columns)."
    }
    assert _events(path)[2].event_id == "UKR170001"
    assert _read(path)[1].malformed == {"truncated last line": 1}


def test_a_last_row_cut_inside_its_quoted_notes_is_reported_as_cut() -> None:
    path = FIXTURES / "2024-06-22-cut-in-notes.csv"
    assert _errors(path) == {3: f"{path} line 3 is cut short: the file ends inside a quoted field."}
    assert list(_events(path)) == [2]


def test_a_stray_quote_is_one_malformed_row(tmp_path: Path) -> None:
    lines = MAIN.read_text().splitlines()
    path = tmp_path / "quote.csv"
    path.write_text("\n".join([lines[0], lines[1].replace("Kharkiv,", '"Khar"kiv,', 1), lines[2]]))
    errors = _errors(path)
    assert errors == {2: f"{path} line 2 is not valid CSV: ',' expected after '\"'."}
    assert list(_events(path)) == [3]


def test_an_older_export_is_read_by_its_header_names() -> None:
    events = _events(FIXTURES / "2017.csv")
    assert events[2].participants == ("BOKOHARAM", "NGA") and events[2].type == "armed_clash"
    assert events[2].sub_event_type == "" and events[2].date == "2017-01-18"
    assert events[3].type == "military_intervention" and events[3].participants == ("TUR", "PKK")


def test_a_file_without_an_acled_header_is_one_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("id,date,actor1,actor2\n1,2024-06-19,A,B\n")
    assert [str(e) for e in _read(path)[0]] == [
        f"{path} is not an ACLED export: its header row has no column event_id_cnty."
    ]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert [str(e) for e in _read(empty)[0]] == [
        f"{empty} is empty: an ACLED export starts with its header row."
    ]
    header_only = tmp_path / "header.csv"
    header_only.write_text(MAIN.read_text().splitlines()[0] + "\n")
    assert _read(header_only) == ([], Summary())
    missing = tmp_path / "gone.csv"
    assert [str(e) for e in _read(missing)[0]] == [
        f"{missing} could not be read: No such file or directory."
    ]


def test_a_binary_file_is_one_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert [str(e) for e in _read(path)[0]] == [
        f"{path} looks like a binary file (it contains NUL bytes), not an ACLED export."
    ]


def test_blank_lines_are_no_rows(tmp_path: Path) -> None:
    lines = MAIN.read_text().splitlines()
    path = tmp_path / "gaps.csv"
    path.write_text(lines[0] + "\n\n" + lines[1] + "\n\r\n\n")
    events, summary = _read(path)
    assert [e.line for e in events if isinstance(e, AcledEvent)] == [3]
    assert summary.read == 1


def test_a_line_longer_than_any_row_is_reported_without_being_held_whole(tmp_path: Path) -> None:
    lines = MAIN.read_text().splitlines()
    path = tmp_path / "long.csv"
    path.write_text(lines[0] + "\n" + "x" * 200_000 + "\n" + lines[1] + "\n")
    events, summary = _read(path)
    assert [str(e) for e in events if isinstance(e, RowError)] == [
        f"{path} line 2 is over 65,536 characters: no ACLED row is."
    ]
    assert [e.line for e in events if isinstance(e, AcledEvent)] == [3]
    assert summary.malformed == {"line too long": 1}


def test_a_quoted_field_left_open_is_read_no_further_than_csvs_limit(tmp_path: Path) -> None:
    lines = MAIN.read_text().splitlines()
    path = tmp_path / "open.csv"
    path.write_text(lines[0] + "\n" + 'UKR1,"' + "word\n" * 40_000 + lines[1] + "\n")
    errors = [e for e in _read(path)[0] if isinstance(e, RowError)]
    assert str(errors[0]) == f"{path} line 2 has a field over 131,072 characters."


def test_memory_stays_flat_over_many_rows(tmp_path: Path) -> None:
    lines = MAIN.read_text().splitlines()
    path = tmp_path / "many.csv"
    path.write_text(lines[0] + "\n" + (lines[1] + "\n") * 5_000)
    tracemalloc.start()
    count = sum(1 for _ in iter_events(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 5_000
    assert peak < 300_000  # the 5,000 events kept in a list take about 3 MB


def test_kg_ingest_tells_an_export_by_its_header_and_does_not_read_it_as_an_article(
    tmp_path: Path,
) -> None:
    renamed = tmp_path / "events"  # no extension: the content decides
    renamed.write_bytes((FIXTURES / "2024-06-20-bom-crlf.csv").read_bytes())
    for path in (MAIN, FIXTURES / "2017.csv", renamed):
        assert [str(r) for r in iter_articles([path])] == [
            f"{path} is an ACLED export, not an article: kg ingest does not store its rows "
            "yet (loaders.acled reads them; docs/loaders.md, ACLED)."
        ]


def test_only_an_export_looks_like_one() -> None:
    assert looks_like_acled_export(MAIN.read_bytes()[:8192])
    assert looks_like_acled_export((FIXTURES / "2024-06-20-bom-crlf.csv").read_bytes())
    assert looks_like_acled_export((FIXTURES / "2017.csv").read_bytes())
    quoted = b'"event_id_cnty","event_date","event_type","actor1","actor2","country","fatalities"'
    assert looks_like_acled_export(quoted + b"\r\n")
    assert not looks_like_acled_export(b"event_id_cnty,event_date,event_type,actor1\n")
    assert not looks_like_acled_export(b"id,date,country\n1,2024,RUS\n")
    assert not looks_like_acled_export(b"Armed clash: event_id_cnty, actor1, actor2 and more.\n")
