"""Bad files, whatever their format: empty, binary, non-UTF-8 and too large."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from loaders._files import DEFAULT_MAX_BYTES, decode_text, read_limited, read_text
from loaders.errors import LoadError
from loaders.text_loader import read_text_file


def test_load_error_carries_message_and_source() -> None:
    error = LoadError("a.txt is empty.", "a.txt", line=3)
    assert str(error) == "a.txt is empty."
    assert (error.source, error.line) == ("a.txt", 3)
    assert error == LoadError("a.txt is empty.", "a.txt", line=3)
    assert "a.txt:3" in repr(error)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=r"empty\.txt is empty\.") as info:
        read_text_file(path)
    assert info.value.source == str(path)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(LoadError, match="binary file"):
        read_text_file(path)


def test_cp1252_falls_back_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "title: Caf\u00e9 talks \u2013 day one\n\nLeaders met in Paris.".encode("cp1252")
    )
    with caplog.at_level(logging.WARNING):
        article = read_text_file(path)
    assert article.title == "Caf\u00e9 talks \u2013 day one"
    assert "not valid UTF-8" in caplog.text and "cp1252" in caplog.text


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert decode_text(b"Body \x81 here", "x.txt") == "Body \x81 here"
    assert "latin-1" in caplog.text


def test_utf8_bom_is_dropped_and_utf16_with_bom_decodes() -> None:
    assert decode_text(b"\xef\xbb\xbfpublished: 2020-06-17", "a") == "published: 2020-06-17"
    assert decode_text("Body text.".encode("utf-16"), "b") == "Body text."


def test_nul_bytes_past_the_start_are_still_binary() -> None:
    with pytest.raises(LoadError, match="binary"):
        decode_text(b"x" * 10_000 + b"\x00", "late.bin")


def test_ten_megabyte_file_is_refused_by_default(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Words and more words.\n" * (10 * 1024 * 1024 // 22 + 1))
    with pytest.raises(LoadError, match=r"huge\.txt is 10\.0 MB, above the 5\.0 MB limit"):
        read_text_file(path)
    assert len(read_text(path, max_bytes=20 * 1024 * 1024)) > DEFAULT_MAX_BYTES


def test_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_bytes(b"x" * 100)
    assert len(read_limited(path, max_bytes=100)) == 100
    with pytest.raises(LoadError, match="limit"):
        read_limited(path, max_bytes=99)


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="could not be read"):
        read_limited(tmp_path / "absent.txt")
