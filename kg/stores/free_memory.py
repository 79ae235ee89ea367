"""Give memory the process has freed back to the operating system. RocksDB's memtables,
flushed, are freed to glibc's allocator, which keeps them for reuse: a server that takes a
steady stream of writes would hold its peak for good (docs/reliability.md, "Soak")."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache


@cache
def _trim() -> object | None:
    """glibc's malloc_trim, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def return_free_memory() -> bool:
    """Release the allocator's free pages (a few ms); False where that cannot be done."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)  # type: ignore[operator]
    return True
