"""Content negotiation by the Accept header (q-values honoured, wildcards answered with the
endpoint's default), shared by /sparql and /id."""

from __future__ import annotations

from api.errors import ApiError

WILDCARDS = ("*/*", "application/*", "text/*", "")


def _ranked(accept: str) -> list[tuple[float, str]]:
    ranked = []
    for index, part in enumerate(accept.split(",")):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            key, _, value = p.strip().partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranked.append((q, index, media.strip().lower()))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return [(q, media) for q, _, media in ranked]


def negotiate(accept: str, table: dict[str, str], default: str) -> tuple[str, str]:
    """The (media type, format) of the first acceptable media type in `table`, by q order;
    406 when nothing acceptable can be written."""
    if not accept.strip():
        return default, table[default]
    for q, media in _ranked(accept):
        if q <= 0:
            continue
        if media in table:
            return media, table[media]
        if media in WILDCARDS:
            return default, table[default]
    raise ApiError(
        406, f"cannot answer with {accept!r}; acceptable: {', '.join(table)}", "Not Acceptable"
    )
