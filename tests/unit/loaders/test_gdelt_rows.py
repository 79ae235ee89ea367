"""The GDELT 2.0 events export read row by row (loaders/gdelt): every odd row of the fixtures
is reported with its file and line, or skipped and counted, and never stops the file."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from loaders.gdelt.columns import COLUMNS
from loaders.gdelt.events import iter_events
from loaders.gdelt.model import GdeltEvent, Options, Summary
from loaders.gdelt.reader import RowError, iter_rows
from loaders.gdelt.sniff import looks_like_events_export
from loaders.sources import iter_articles

FIXTURES = Path(__file__).parents[2] / "fixtures" / "gdelt"
MAIN = FIXTURES / "20240619120000.export.CSV"


def _read(path: Path, options: Options = Options()) -> tuple[list[GdeltEvent | RowError], Summary]:
    summary = Summary()
    return list(iter_events(path, options, summary)), summary


def _events(path: Path, options: Options = Options()) -> dict[int, GdeltEvent]:
    return {e.line: e for e in _read(path, options)[0] if isinstance(e, GdeltEvent)}


def _errors(path: Path) -> dict[int | None, str]:
    return {e.line: str(e) for e in _read(path)[0] if isinstance(e, RowError)}


def test_the_columns_are_the_61_of_the_codebook_in_its_order() -> None:
    assert len(COLUMNS) == 61
    assert COLUMNS[:6] == (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        "Actor1Code",
    )
    assert COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert COLUMNS[35] == "Actor1Geo_Type" and COLUMNS[-3:] == (
        "ActionGeo_FeatureID",
        "DATEADDED",
        "SOURCEURL",
    )


def test_a_row_keeps_its_id_day_figures_and_source_url() -> None:
    visit = _events(MAIN)[1]
    assert visit == GdeltEvent(
        event_id="1180000001", line=1, type="state_visit", participants=("RUS", "PRK"),
        date="2024-06-19", cameo="042", root=True, quad_class=1, goldstein=1.9, mentions=10,
        sources=3, articles=10, tone=-1.25, url="https://news.example.org/1180000001",
        added="20240619231500",
    )  # fmt: skip


def test_the_summary_counts_every_row_read_once() -> None:
    _, summary = _read(MAIN)
    assert summary.read == 18
    assert summary.mapped == 9
    assert summary.read == summary.mapped + summary.skipped.total() + summary.malformed.total()


def test_a_missing_or_impossible_date_is_a_malformed_row_with_its_line() -> None:
    errors = _errors(MAIN)
    assert errors[11] == f"{MAIN} line 11: SQLDATE is empty."
    assert errors[12] == f"{MAIN} line 12: SQLDATE '20240231' is not a date (YYYYMMDD)."
    assert _read(MAIN)[1].malformed["no SQLDATE"] == 1
    assert _read(MAIN)[1].malformed["bad SQLDATE"] == 1


def test_a_row_with_another_number_of_columns_is_reported_and_the_next_row_is_read() -> None:
    errors = _errors(MAIN)
    assert errors[17] == f"{MAIN} line 17 has 60 columns, not the 61 of a GDELT 2.0 events row."
    assert errors[18] == f"{MAIN} line 18: NumSources 'ten' is not a whole number."
    assert sorted(errors) == [11, 12, 17, 18]


def test_windows_line_endings_are_read_as_any_other() -> None:
    rows = list(iter_rows(FIXTURES / "20240620120000.export.CSV"))
    assert [row[1][-1] for row in rows if isinstance(row, tuple)] == [
        "https://news.example.org/1180000101",
        "https://news.example.org/1180000102",
    ]
    events = _events(FIXTURES / "20240620120000.export.CSV")
    assert events[1].url == "https://news.example.org/1180000101"  # no '\r' left on it
    assert events[1].participants == ("RUS", "PRK")


def test_a_last_line_cut_mid_row_is_reported_as_cut_and_the_rows_before_it_stand() -> None:
    path = FIXTURES / "20240621120000.export.CSV"
    assert _errors(path) == {
        2: f"{path} line 2 is cut short: the file ends mid-row (43 of 61 columns)."
    }
    assert _events(path)[1].type == "message_exchange"
    assert _read(path)[1].malformed == {"truncated last line": 1}


def test_a_zip_gives_the_rows_of_the_file_it_holds() -> None:
    zipped = _read(FIXTURES / "20240619120000.export.CSV.zip")
    plain = _read(MAIN)
    assert [e for e in zipped[0] if isinstance(e, GdeltEvent)] == [
        e for e in plain[0] if isinstance(e, GdeltEvent)
    ]
    assert zipped[1] == plain[1]


def test_a_file_that_is_not_there_or_not_a_zip_is_one_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "gone.export.CSV"
    (error,) = _read(missing)[0]
    assert isinstance(error, RowError) and error.line is None
    assert str(error) == f"{missing} could not be read: No such file or directory."
    broken = tmp_path / "x.export.CSV.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert [str(e) for e in _read(broken)[0]] == [f"{broken} is not a readable zip file."]


def test_a_zip_of_two_exports_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.export.CSV", MAIN.read_text())
        archive.writestr("b.export.CSV", MAIN.read_text())
    assert [str(e) for e in _read(path)[0]] == [
        f"{path} holds 2 CSV files; a GDELT zip holds one export."
    ]


def test_blank_lines_are_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "gaps.export.CSV"
    path.write_text("\n" + MAIN.read_text().splitlines()[0] + "\n\r\n\n")
    events, summary = _read(path)
    assert [e.line for e in events if isinstance(e, GdeltEvent)] == [2]
    assert summary.read == 1


def test_memory_stays_flat_over_many_rows(tmp_path: Path) -> None:
    line = MAIN.read_text().splitlines()[0] + "\n"
    path = tmp_path / "many.export.CSV"
    path.write_text(line * 5_000)
    tracemalloc.start()
    count = sum(1 for _ in iter_events(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 5_000
    assert peak < 300_000  # the 5,000 events kept in a list take about 2 MB


def test_a_line_longer_than_any_row_is_reported_without_being_held_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.export.CSV"
    row = MAIN.read_text().splitlines()[0]
    path.write_text("x" * 200_000 + "\n" + row + "\n")
    events, summary = _read(path)
    assert [str(e) for e in events if isinstance(e, RowError)] == [
        f"{path} line 1 is over 65,536 characters: no GDELT row is."
    ]
    assert [e.line for e in events if isinstance(e, GdeltEvent)] == [2]
    assert summary.malformed == {"line too long": 1}


def test_a_binary_file_is_one_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "image.export.CSV"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert [str(e) for e in _read(path)[0]] == [
        f"{path} looks like a binary file (it contains NUL bytes), not a GDELT export."
    ]


def test_kg_ingest_tells_an_export_by_its_content_and_does_not_read_it_as_an_article(
    tmp_path: Path,
) -> None:
    renamed = tmp_path / "events"  # no extension: the content decides
    renamed.write_bytes(MAIN.read_bytes())
    for path in (MAIN, FIXTURES / "20240619120000.export.CSV.zip", renamed):
        assert [str(r) for r in iter_articles([path])] == [
            f"{path} is a GDELT 2.0 events export, not an article: kg ingest does not store "
            "its rows yet (loaders.gdelt reads them; docs/loaders.md, GDELT)."
        ]


def test_only_an_export_looks_like_one() -> None:
    row = MAIN.read_bytes().split(b"\n")[0]
    assert looks_like_events_export(row + b"\n")
    assert looks_like_events_export(row[:100])  # a head shorter than the first row
    assert not looks_like_events_export(b"\t".join(row.split(b"\t")[:60]) + b"\n")
    assert not looks_like_events_export(b"id\tdate\tcountry\n1\t2024\tRUS\n")
    assert not looks_like_events_export(b"url: https://news.example.org/a\n\nText.")
    assert not looks_like_events_export(b"PK\x03\x04" + bytes(22) + b"\x08\x00\x00\x00notes.md")
