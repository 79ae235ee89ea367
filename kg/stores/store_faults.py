"""What the embedded store's folder does wrong, as sentences a user can act on: another
process holds it, or it cannot be written (a full disk, a read-only or lost folder, a file
over the size limit). pyoxigraph raises OSError for all of them, and the SQLite caches
beside it raise sqlite3's errors; callers (the CLI, the API's 503) show StoreError's
message and nothing else, so no traceback reaches a user (docs/reliability.md, "The
store's disk full or read-only")."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.stores.base import StoreError, StoreLockedError


class StoreWriteFailed(StoreError):
    """A write the store's folder refused. The transaction it was in left nothing (RocksDB
    writes it whole or not at all); what was written before it is whole."""


def open_failure(path: Path, exc: OSError) -> StoreError:
    """RocksDB's failure to open the folder: another process's lock, or any other cause."""
    if "lock" in str(exc).lower():
        return StoreLockedError(
            f"The store at {path} is in use by another process (for example a running "
            "`kg serve`); stop it or point --store at another folder."
        )
    return StoreError(f"Cannot open the store at {path}: {' '.join(str(exc).split())}.")


@contextmanager
def write_failures(path: Path | None) -> Iterator[None]:
    """Run a write; the OS's or SQLite's refusal of it becomes StoreWriteFailed."""
    try:
        yield
    except (OSError, sqlite3.OperationalError) as exc:
        reason = " ".join(str(exc).split()).rstrip(".")
        raise StoreWriteFailed(
            f"The store at {path or 'memory'} could not be written ({reason}); the write that "
            "failed left nothing and what was written before it is whole: free space or make "
            "the folder writable, then run the same command or request again to complete it."
        ) from None
