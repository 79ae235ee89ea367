"""One entry point for every kind of input: files, folders, globs and http(s) URLs in,
Articles and LoadErrors out, so one bad input is reported and never stops the rest."""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from loaders._files import DEFAULT_MAX_BYTES, read_limited
from loaders.acled.sniff import NOT_YET as ACLED_NOT_YET
from loaders.acled.sniff import looks_like_acled_export
from loaders.article import Article
from loaders.errors import LoadError
from loaders.formats import EXTENSIONS, Kind, sniff_kind
from loaders.gdelt.sniff import NOT_YET, looks_like_events_export
from loaders.html_loader import read_html_file
from loaders.input_limits import text_problem
from loaders.jsonl_loader import iter_jsonl_file
from loaders.rss_loader import read_feed_file
from loaders.text_loader import read_text_file
from loaders.url_loader import DEFAULT_TIMEOUT, load_url

log = logging.getLogger(__name__)

Result = Article | LoadError
# Not articles, though they share an extension with them; skipped inside folders and globs.
_NOT_ARTICLES = frozenset({"readme", "license", "licence", "changelog", "contributing"})
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class FileInput:
    """A file of one article (text or HTML, by its extension) not read yet: `load` reads
    it where it is called, so a worker process can (kg.ingest_workers)."""

    path: Path
    spec: str  # the input as given, or the file's path when a folder or glob found it
    max_bytes: int = DEFAULT_MAX_BYTES

    def load(self) -> list[Result]:
        found = _guarded(load_file(self.path, self.max_bytes), self.spec)
        return [r for r in found if not isinstance(r, FileInput)]  # load_file gives none


def iter_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
) -> Iterator[Result]:
    """Articles from each input in order, with a LoadError for each one that fails.

    An input is an http(s) URL, a file (kind by extension, else by its first bytes), a
    folder (searched recursively in sorted order) or a glob. Folders and globs take only
    files with a known article extension and skip hidden files, `*.gold.json` annotations
    and README/LICENSE-style files. `max_bytes` bounds one file, one download, or one
    JSON line. Unexpected failures inside a loader are turned into LoadErrors too.
    """
    for found in iter_inputs(inputs, max_bytes=max_bytes, timeout=timeout):
        yield from found.load() if isinstance(found, FileInput) else [found]


def iter_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
) -> Iterator[Result | FileInput]:
    """iter_articles, with each file of one article left to read (FileInput): the same
    results, in the same order, once each FileInput is loaded."""
    for raw in inputs:
        spec = os.fspath(raw)
        yield from _guarded(_one_input(spec, max_bytes, timeout), spec)


def _guarded(results: Iterator[Result | FileInput], spec: str) -> Iterator[Result | FileInput]:
    """Pass results through, turning any failure into a LoadError for `spec`, and an article
    over the input limits (loaders.input_limits) into a LoadError naming it."""
    try:
        for result in results:
            yield result if isinstance(result, FileInput) else _within_limits(result, spec)
    except LoadError as error:
        yield error
    except Exception as exc:  # a library failing on odd input must not stop the batch
        log.exception("unexpected failure loading %s", spec)
        yield LoadError(f"{spec} could not be loaded: {type(exc).__name__}: {exc}.", spec)


def _within_limits(result: Result, spec: str) -> Result:
    if isinstance(result, LoadError):
        return result
    problem = text_problem(result.text) or _field_problem(result)
    if problem is None:
        return result
    where = result.source if result.source and result.source != spec else spec
    line = _line_of(where, spec)
    return LoadError(f"{where} was not loaded: {problem}.", spec, line)


def _field_problem(article: Article) -> str | None:
    """The title or url of an article cannot hold what UTF-8 cannot write."""
    for name, value in (("title", article.title), ("url", article.url)):
        if value is not None and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return f"its {name} holds a lone surrogate, which is not text"
    return None


def _line_of(where: str, spec: str) -> int | None:
    """The line number of a JSON Lines record's source ("file.jsonl:3"), if it is one."""
    tail = where.removeprefix(spec + ":")
    return int(tail) if tail != where and tail.isdigit() else None


def _one_input(spec: str, max_bytes: int, timeout: httpx.Timeout) -> Iterator[Result | FileInput]:
    """Dispatch one input string to the URL, file, folder or glob reader."""
    if spec.startswith(("http://", "https://")):
        yield from load_url(spec, max_bytes=max_bytes, timeout=timeout)
        return
    path = Path(spec).expanduser()
    if path.is_dir():
        files = _folder_files(path)
        yield from _many(files, spec, "is a folder with no article files", max_bytes)
    elif path.is_file():
        yield from _file(path, spec, max_bytes)
    elif path.exists():
        raise LoadError(f"{spec} is not a regular file or folder.", spec)
    elif _GLOB_CHARS & set(spec):
        yield from _many(_glob_files(spec), spec, "matches no article files", max_bytes)
    else:
        raise LoadError(f"{spec} does not exist.", spec)


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Result]:
    """The results of one file, with the loader its extension (or else its content) calls for."""
    if path.name.endswith(".gold.json"):
        raise LoadError(f"{path} is a gold annotation, not an article.", str(path))
    kind = EXTENSIONS.get(path.suffix.lower()) or _sniff_file(path, max_bytes)
    if kind == "jsonl":
        yield from iter_jsonl_file(path, max_bytes)
    elif kind == "feed":
        yield from read_feed_file(path, max_bytes)
    elif kind == "html":
        yield read_html_file(path, max_bytes)
    else:
        yield read_text_file(path, max_bytes)


def _file(path: Path, spec: str, max_bytes: int) -> Iterator[Result | FileInput]:
    """A file of one article left to read; the results of any other file."""
    if EXTENSIONS.get(path.suffix.lower()) in ("text", "html"):
        yield FileInput(path, spec, max_bytes)
    else:
        yield from load_file(path, max_bytes)


def _many(files: list[Path], spec: str, empty: str, max_bytes: int) -> Iterator[Result | FileInput]:
    """Every file's results, each file failing on its own; no files at all is an error."""
    if not files:
        known = ", ".join(sorted(EXTENSIONS))
        raise LoadError(f"{spec} {empty} ({known}).", spec)
    for path in files:
        yield from _guarded(_file(path, str(path), max_bytes), str(path))


def _folder_files(folder: Path) -> list[Path]:
    """Article files under `folder`, recursively, in sorted order; hidden folders pruned."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        found.extend(Path(root) / name for name in sorted(names))
    return [path for path in found if _is_article_file(path)]


def _glob_files(pattern: str) -> list[Path]:
    """Article files a glob matches (`**` recurses); matched folders are searched too."""
    found: list[Path] = []
    for match in sorted(glob.glob(os.path.expanduser(pattern), recursive=True)):
        path = Path(match)
        found.extend(_folder_files(path) if path.is_dir() else [path])
    return [path for path in found if path.is_file() and _is_article_file(path)]


def _is_article_file(path: Path) -> bool:
    """Whether a file met while walking counts: known extension, not hidden, gold or README."""
    name = path.name
    if name.startswith(".") or name.endswith(".gold.json"):
        return False
    return path.suffix.lower() in EXTENSIONS and path.stem.lower() not in _NOT_ARTICLES


def _sniff_file(path: Path, max_bytes: int) -> Kind:
    """The kind of a file whose extension says nothing, from its first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise LoadError(f"{path} could not be read: {exc.strerror or exc}.", str(path)) from exc
    if looks_like_events_export(head):  # rows of facts, not an article's prose
        raise LoadError(NOT_YET.format(path=path), str(path))
    if looks_like_acled_export(head):
        raise LoadError(ACLED_NOT_YET.format(path=path), str(path))
    kind = sniff_kind(head) if head.strip() else "text"  # empty: the text loader says so
    if kind is None:
        read_limited(path, max_bytes)  # a size problem is the better message
        raise LoadError(f"{path} looks like a binary file (it contains NUL bytes).", str(path))
    return kind
