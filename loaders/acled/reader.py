"""ACLED's CSV export read row by row: a header row, then comma-separated rows whose quoted
fields (notes) may hold commas and newlines; UTF-8 with or without a BOM, any line ending.
A row is the line it starts on and its fields; memory stays flat whatever the file's size,
and a malformed row is a RowError naming the file and line, never the end of the file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from loaders.acled.columns import Columns, read_header
from loaders.gdelt.reader import RowError

Row = tuple[int, list[str]]
# Characters: an ACLED line is under a few thousand; a longer one (a file without newlines)
# is read no further than this at a time. csv's own field limit (131,072) bounds a field.
MAX_LINE = 1 << 16


class _Lines:
    """The file's physical lines, counted, for csv.reader; a line over MAX_LINE characters
    is skipped as it is read (its number kept in `too_long`) and given as an empty line."""

    def __init__(self, handle: IO[str]) -> None:
        self._readline = handle.readline
        self.number = 0
        self.ended = True  # whether the last line read ended with a newline
        self.too_long: int | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._readline(MAX_LINE)
        if not line:
            raise StopIteration
        self.number += 1
        self.ended = line.endswith(("\n", "\r"))
        if len(line) == MAX_LINE and not self.ended:
            while (rest := self._readline(MAX_LINE)) and not rest.endswith(("\n", "\r")):
                pass  # the rest of the over-long line, never held whole
            self.too_long, self.ended = self.number, True
            return "\n"
        return line


def iter_rows(path: Path, source: str | None = None) -> Iterator[Columns | Row | RowError]:
    """The header's Columns first, then each row (its first line, fields), or a RowError for
    a malformed row; a file that cannot be read or has no ACLED header is one RowError."""
    name = source or str(path)
    try:
        handle = open_export(path, name)
    except RowError as error:
        yield error
        return
    with handle:
        try:
            yield from _rows(_Lines(handle), name)
        except OSError as exc:
            yield RowError(f"{name} could not be read to its end: {exc}.", name, None, "unreadable")


def _rows(lines: _Lines, name: str) -> Iterator[Columns | Row | RowError]:
    reader = csv.reader(lines, strict=True)
    columns = _header(reader, lines, name)
    yield columns
    if isinstance(columns, RowError):
        return
    while True:
        start = lines.number + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _csv_error(name, start, str(exc))
            continue
        if lines.too_long is not None:
            yield _too_long(name, lines.too_long)
            lines.too_long = None
        elif len(fields) == columns.width:
            yield start, fields
        elif fields:  # a blank line is no row
            yield width_error(name, start, len(fields), columns.width, lines.ended)


def _header(reader: Iterator[list[str]], lines: _Lines, name: str) -> Columns | RowError:
    """The first row, read as the header; a RowError (no line) when it is not ACLED's."""
    try:
        names = next(reader, [])
    except csv.Error:
        names = []
    found = read_header(names) if lines.too_long is None else "event_id_cnty"
    if isinstance(found, Columns):
        return found
    message = f"{name} is not an ACLED export: its header row has no column {found}."
    if not names and lines.number == 0:
        message = f"{name} is empty: an ACLED export starts with its header row."
    return RowError(message, name, None, "no ACLED header")


def _too_long(name: str, line: int) -> RowError:
    message = f"{name} line {line} is over {MAX_LINE:,} characters: no ACLED row is."
    return RowError(message, name, line, "line too long")


def _csv_error(name: str, line: int, error: str) -> RowError:
    """A row csv cannot read: cut inside a quoted field, a field over csv's limit, or a
    quote where none may be."""
    if "unexpected end of data" in error:
        message = f"{name} line {line} is cut short: the file ends inside a quoted field."
        return RowError(message, name, line, "truncated last line")
    if "field larger than field limit" in error:
        message = f"{name} line {line} has a field over {csv.field_size_limit():,} characters."
        return RowError(message, name, line, "field too long")
    return RowError(f"{name} line {line} is not valid CSV: {error}.", name, line, "bad quoting")


def width_error(name: str, line: int, width: int, expected: int, ended: bool) -> RowError:
    """A row with another number of columns; a last line without its newline was cut."""
    if not ended and width < expected:
        message = f"{name} line {line} is cut short: the file ends mid-row ({width} of {expected} columns)."
        return RowError(message, name, line, "truncated last line")
    message = f"{name} line {line} has {width} columns, not the {expected} of its header row."
    return RowError(message, name, line, "wrong column count")


def open_export(path: Path, name: str) -> IO[str]:
    """The export's text (a UTF-8 BOM dropped, invalid UTF-8 replaced, line endings kept for
    csv). Raises RowError (line None) for a file that cannot be opened or is binary."""
    try:
        binary = path.open("rb")
        head = binary.peek(4096)[:4096]
    except OSError as exc:
        raise RowError(
            f"{name} could not be read: {exc.strerror or exc}.", name, None, "unreadable"
        ) from None
    if b"\x00" in head:
        binary.close()
        message = f"{name} looks like a binary file (it contains NUL bytes), not an ACLED export."
        raise RowError(message, name, None, "unreadable")
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
