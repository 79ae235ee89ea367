"""LoadError: why one input could not become an Article, said in one sentence for the user."""

from __future__ import annotations


class LoadError(Exception):
    """One input that did not load: a one-sentence `message` naming it, and its `source`.

    Loaders return or yield these instead of crashing, so one bad file, line or feed entry
    never stops a batch; `line` is set for errors inside a multi-article file (JSON Lines).
    """

    def __init__(self, message: str, source: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"LoadError({self.message!r}, source={where!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LoadError):
            return NotImplemented
        return (self.message, self.source, self.line) == (other.message, other.source, other.line)

    def __hash__(self) -> int:
        return hash((self.message, self.source, self.line))
