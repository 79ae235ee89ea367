"""Telling ACLED's CSV export by its header row (docs/loaders.md, "ACLED"), so that `kg ingest`
does not read one as an article's prose, whatever the file is named."""

from __future__ import annotations

import codecs

from loaders.acled.columns import REQUIRED

NOT_YET = (
    "{path} is an ACLED export, not an article: kg ingest does not store its rows yet "
    "(loaders.acled reads them; docs/loaders.md, ACLED)."
)


def looks_like_acled_export(head: bytes) -> bool:
    """Whether the first bytes start with ACLED's header row: comma-separated column names
    (a BOM, quotes and the case of older exports allowed) holding the columns the loader
    needs: event_id_cnty, event_date, event_type, actor1, actor2, country, fatalities."""
    first = head.removeprefix(codecs.BOM_UTF8).split(b"\n", 1)[0]
    names = {name.strip(b' "\r').lower() for name in first.split(b",")}
    return all(column.encode() in names for column in REQUIRED)
