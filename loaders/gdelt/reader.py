"""A GDELT 2.0 events export read row by row: tab-separated, no header, UTF-8, as the plain
file (`*.export.CSV`) or a `.zip` holding it; a row is its line number and its 61 fields.
Memory stays flat whatever the file's size; a malformed row is a RowError, never the end."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from loaders.errors import LoadError
from loaders.gdelt.columns import WIDTH
from loaders.gdelt.sniff import ZIP_MAGIC

Row = tuple[int, list[str]]
# Characters: a GDELT row is under 3,000; a longer line (a file without newlines) is read no
# further than this, so memory stays flat whatever the file holds.
MAX_LINE = 1 << 16


class RowError(LoadError):
    """One row that is not a GDELT row (or the file that could not be read: `line` None),
    with the short `reason` the summary counts it under."""

    def __init__(self, message: str, source: str, line: int | None, reason: str) -> None:
        super().__init__(message, source, line)
        self.reason = reason


def iter_rows(path: Path, source: str | None = None) -> Iterator[Row | RowError]:
    """Each row of the file (line number, fields), or a RowError for a row with the wrong
    number of columns, a cut last line, or a file that cannot be read at all."""
    name = source or str(path)
    try:
        handle = open_export(path, name)
    except RowError as error:
        yield error
        return
    with handle:
        try:
            yield from _rows(handle, name)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            yield RowError(f"{name} could not be read to its end: {exc}.", name, None, "unreadable")


def _rows(handle: IO[str], name: str) -> Iterator[Row | RowError]:
    readline, number = handle.readline, 0
    while line := readline(MAX_LINE):
        number += 1
        if len(line) == MAX_LINE and not line.endswith("\n"):
            while (rest := readline(MAX_LINE)) and not rest.endswith("\n"):
                pass  # the rest of the over-long line, never held whole
            message = f"{name} line {number} is over {MAX_LINE:,} characters: no GDELT row is."
            yield RowError(message, name, number, "line too long")
            continue
        fields = line.rstrip("\r\n").split("\t")
        if len(fields) == WIDTH:
            yield number, fields
        elif line.strip():  # a blank line is no row
            yield width_error(name, number, len(fields), ended=line.endswith("\n"))


def width_error(name: str, number: int, width: int, ended: bool) -> RowError:
    """A row with another number of columns; a last line without its newline was cut."""
    if not ended and width < WIDTH:
        message = f"{name} line {number} is cut short: the file ends mid-row ({width} of {WIDTH} columns)."
        return RowError(message, name, number, "truncated last line")
    message = (
        f"{name} line {number} has {width} columns, not the {WIDTH} of a GDELT 2.0 events row."
    )
    return RowError(message, name, number, "wrong column count")


def open_export(path: Path, name: str) -> IO[str]:
    """The export's text, from the file or from the one CSV inside a zip (told by its first
    bytes, not its name). Raises RowError (line None) for a file that cannot be opened."""
    try:
        with path.open("rb") as raw:
            head = raw.read(4096)
        zipped = head.startswith(ZIP_MAGIC)
        binary: IO[bytes] = _member(path, name) if zipped else path.open("rb")
    except OSError as exc:
        raise RowError(
            f"{name} could not be read: {exc.strerror or exc}.", name, None, "unreadable"
        ) from None
    if not zipped and b"\x00" in head:
        binary.close()
        message = f"{name} looks like a binary file (it contains NUL bytes), not a GDELT export."
        raise RowError(message, name, None, "unreadable")
    return io.TextIOWrapper(binary, encoding="utf-8", errors="replace", newline="\n")


def _member(path: Path, name: str) -> IO[bytes]:
    """The zip's one member, or its one `.csv` member; anything else is a RowError."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise RowError(f"{name} is not a readable zip file.", name, None, "unreadable") from None
    members = [i for i in archive.infolist() if not i.is_dir()]
    if len(members) > 1:
        members = [i for i in members if i.filename.lower().endswith(".csv")]
    if len(members) != 1:
        archive.close()
        found = "no file" if not members else f"{len(members)} CSV files"
        raise RowError(
            f"{name} holds {found}; a GDELT zip holds one export.", name, None, "unreadable"
        )
    return archive.open(members[0])
