"""The local folder beside a record held by a SPARQL server (KG_RECORD_URL): the caches the
embedded store keeps in its own folder (graph hashes, pair timelines, search index), the
retraction list, the note of a `kg serve` using it, and a lock, so that one process at a time
writes through it, as one process at a time opens the embedded store. The folder remembers the dataset it
serves: pointed at another, its caches are emptied (they described another record)."""

from __future__ import annotations

import fcntl
import re
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from kg.stores.base import StoreLockedError
from kg.stores.graph_hashes import FILE_NAME as HASHES_FILE
from kg.stores.search_index import FILE_NAME as SEARCH_FILE
from kg.stores.sqlite_timelines import FILE_NAME as TIMELINES_FILE

ROOT = Path(".geokg") / "record"
LOCK_NAME = "geokg-record.lock"
URL_NAME = "geokg-record-url.txt"
CACHE_FILES = (HASHES_FILE, TIMELINES_FILE, SEARCH_FILE)


def default_folder(dataset_url: str, root: Path = ROOT) -> Path:
    """`root`/<host>-<port>-<dataset path>, in characters any file system takes."""
    parts = urlsplit(dataset_url)
    name = f"{parts.hostname or 'local'}-{parts.port or ''}-{parts.path.strip('/')}"
    return root / (re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_-") or "record")


def _forget_other_record(folder: Path, dataset_url: str) -> None:
    stamp = folder / URL_NAME
    known = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
    if known == dataset_url:
        return
    for name in CACHE_FILES:
        for path in folder.glob(f"{name}*"):  # with SQLite's -wal and -shm files
            path.unlink(missing_ok=True)
    stamp.write_text(dataset_url + "\n", encoding="utf-8")


def claim(folder: Path, dataset_url: str) -> IO[str]:
    """Lock `folder` for this handle (StoreLockedError when another holds it) and make its
    caches those of `dataset_url`; closing the returned file releases the lock."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = (folder / LOCK_NAME).open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise StoreLockedError(
            f"The record folder {folder} of {dataset_url} is in use by another process (for "
            "example a running `kg serve`); stop it to write to the record from here."
        ) from None
    _forget_other_record(folder, dataset_url)
    return lock
