"""Reading raw inputs safely: size limit, binary detection and encoding fallback, shared by
every loader so that a bad file gives the same one-sentence LoadError whatever its format."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from loaders.errors import LoadError

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # 5 MB: far above any news article, far below a dump
_SNIFF_BYTES = 8192
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_limited(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole file, refusing (not truncating) one above `max_bytes`.

    Truncation would silently cut an HTML page, a JSON line or a feed in half, so a file
    over the limit is an error the user can act on (raise the limit, split the file).
    """
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                f"{source} is {_mb(size)}, above the {_mb(max_bytes)} limit for one input.",
                source,
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError(f"{source} could not be read: {exc.strerror or exc}.", source) from exc
    if len(data) > max_bytes:  # the file grew while we read it
        raise LoadError(f"{source} is above the {_mb(max_bytes)} limit for one input.", source)
    return data


def check_bytes(data: bytes, source: str) -> None:
    """Refuse empty input, and binary input: NUL bytes without a UTF-16 byte-order mark."""
    if not data.strip():
        raise LoadError(f"{source} is empty.", source)
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith(_UTF16_BOMS):
        raise LoadError(f"{source} looks like a binary file (it contains NUL bytes).", source)


def decode_text(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252 then latin-1.

    Empty and binary input are LoadErrors (see check_bytes); so are NUL bytes further in.
    """
    check_bytes(data, source)
    if data.startswith(_UTF16_BOMS):
        return _decode_utf16(data, source)
    if b"\x00" in data:
        raise LoadError(f"{source} looks like a binary file (it contains NUL bytes).", source)
    return decode_lenient(data, source)


def decode_lenient(data: bytes, source: str) -> str:
    """UTF-8 (a BOM is dropped), else cp1252, else latin-1, which never fails.

    Legacy encodings are a guess, so falling back logs a warning naming the input: the
    text loads, but a few characters may be wrong.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        log.warning("%s is not valid UTF-8; read it as %s", source, encoding)
        return text
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A file's text, with the size, binary and encoding checks of this module."""
    return decode_text(read_limited(path, max_bytes), str(path))


def _decode_utf16(data: bytes, source: str) -> str:
    """UTF-16 with a byte-order mark, as some Windows tools save text."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise LoadError(f"{source} starts like UTF-16 but does not decode as it.", source) from exc
    if not text.strip():
        raise LoadError(f"{source} is empty.", source)
    return text


def _mb(size: int) -> str:
    """A byte count in megabytes for messages: 10485760 -> '10.0 MB'."""
    return f"{size / (1024 * 1024):.1f} MB"
