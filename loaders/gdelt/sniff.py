"""Telling a GDELT 2.0 events export by its first bytes (docs/loaders.md, "GDELT"), so that
`kg ingest` does not read one as an article's prose, whatever the file is named."""

from __future__ import annotations

import re

from loaders.gdelt.columns import WIDTH

ZIP_MAGIC = b"PK\x03\x04"
_ROW_START = re.compile(rb"\d+\t(\d{8})?\t(\d{6})?\t(\d{4})?\t")
NOT_YET = (
    "{path} is a GDELT 2.0 events export, not an article: kg ingest does not store its rows "
    "yet (loaders.gdelt reads them; docs/loaders.md, GDELT)."
)


def looks_like_events_export(head: bytes) -> bool:
    """Whether the first bytes are an events export: its first row starts with an event id
    and the date columns and has the 61 tab-separated columns (as many as the head holds,
    when the row is longer than it), or a zip whose first file is named `*.export.CSV`."""
    if head.startswith(ZIP_MAGIC):
        return _zip_member_name(head).lower().endswith(b".export.csv")
    first, newline, _ = head.partition(b"\n")
    if not _ROW_START.match(first):
        return False
    columns = first.count(b"\t") + 1
    return columns == WIDTH if newline else columns <= WIDTH


def _zip_member_name(head: bytes) -> bytes:
    """The file name in a zip's first local file header (offset 30, length at 26)."""
    if len(head) < 30:
        return b""
    length = int.from_bytes(head[26:28], "little")
    return head[30 : 30 + length]
