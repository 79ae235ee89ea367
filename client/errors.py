"""What the client raises: a server's problem (RFC 9457) or an unreachable server as one
exception with the server's sentence, and a clear word when the optional extra is missing."""

from __future__ import annotations

from typing import Any

EXTRA_HINT = "pip install 'geokg[client]'"


class MissingExtra(ImportError):
    """pandas or networkx is not installed: the client's optional extra."""


class GeokgError(Exception):
    """A request the server refused or could not answer: `status` (None when the server was
    not reached), `title` and `detail` as its application/problem+json said them."""

    def __init__(self, status: int | None, title: str, detail: str, url: str) -> None:
        self.status, self.title, self.detail, self.url = status, title, detail, url
        where = f"{status} {title}" if status is not None else title
        super().__init__(f"{where}: {detail} ({url})")


def problem_error(status: int, body: Any, reason: str, url: str) -> GeokgError:
    """The error for an answer of `status`: its problem's title and detail when the body is
    one, else the HTTP reason phrase and the start of the body."""
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return GeokgError(status, str(body.get("title") or reason), body["detail"], url)
    text = body if isinstance(body, str) else repr(body)
    return GeokgError(status, reason, text[:200] or "no detail in the answer", url)


def require(module: str) -> Any:
    """Import `module` (pandas or networkx), or say in one sentence how to get it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(
            f"geokg's notebook client needs {module}, which is not installed: {EXTRA_HINT}"
        ) from None
