"""Read articles from files and folders: ``.txt``, ``.md``, ``.html`` and ``.jsonl``.

Every input either becomes a :class:`~graph.model.Document` or a
:class:`SourceProblem` naming the file (and line) and the reason; nothing here
raises for bad input, so one broken file never stops a run. Bad text is refused
here, per document and before anything is written:

- a NUL character is refused (it means binary data or a broken export); other
  control characters (C0 but tab, newline, carriage return and form feed; DEL; C1)
  are replaced by a space, so character offsets stay those of the source;
- lone surrogates (possible in JSON ``\\ud800`` escapes) are refused;
- UTF-8 is read with or without its BOM, and UTF-16/UTF-32 text with a BOM is
  decoded; anything else is refused as not UTF-8 or as binary;
- an article longer than ``max_chars`` (spaCy's ``max_length``) is refused, as is
  one over ``max_bytes``;
- a document id with leading or trailing white space or a control character is
  refused (FalkorDB's index trims ids, so ``"coll "`` would overwrite ``"coll"``).

A ``.jsonl`` file is streamed line by line (never read whole), so a bad line, a raw
NUL byte included, rejects that line only; a line too long to hold an article within
the limit (:func:`line_limit`) is skipped in bounded pieces, never held whole. Folders
are walked in sorted order and an unreadable folder or file is reported, never skipped
silently.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from selectolax.lexbor import LexborHTMLParser

from newsgraph.graph.model import Document
from newsgraph.ingest.html import read_html
from newsgraph.ingest.lines import BOMS as _BOMS
from newsgraph.ingest.lines import jsonl_lines, line_limit

__all__ = [
    "MAX_CHARS",
    "TEXT_SUFFIXES",
    "SourceProblem",
    "clean_text",
    "line_limit",
    "parse_bytes",
    "read_sources",
    "record_document",
]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})
MAX_CHARS = 1_000_000
"""Longest article in characters: spaCy's default ``Language.max_length``."""
_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")
_CONTROL = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD_ID = re.compile("^\\s|\\s$|[\x00-\x1f\x7f-\x9f]")
_META = ("title", "url", "source", "published")


@dataclass(frozen=True)
class SourceProblem:
    """An input that could not be read: which file, which line (for JSONL), and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


def clean_text(text: str, what: str = "text") -> str | tuple[str] | None:
    """``text`` with stray control characters replaced by spaces, or ``(reason,)`` when it
    must be refused (a NUL, a lone surrogate). ``None`` passes through."""
    if (nul := text.find("\x00")) >= 0:
        return (f"{what} has a NUL character at character {nul}; refused (binary data?)",)
    if (bad := _SURROGATE.search(text)) is not None:
        return (f"{what} has a lone surrogate {bad.group()!a} at character {bad.start()}; "
                "refused (not valid Unicode)",)  # fmt: skip
    return _CONTROL.sub(" ", text)


def check_id(doc_id: str) -> str | None:
    """Why ``doc_id`` is refused, or ``None`` when it is fine."""
    if _BAD_ID.search(doc_id):
        return (f"document id {doc_id!r} has leading or trailing white space or a control "
                "character; refused (fix the id)")  # fmt: skip
    return None


def read_sources(
    paths: Iterable[str | Path], max_bytes: int, max_chars: int = MAX_CHARS
) -> Iterator[Document | SourceProblem]:
    """Yield a document for each readable article under ``paths`` (files or folders).

    Folders are walked recursively in sorted order; files with unknown
    extensions inside folders are skipped, but named directly they are a problem.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child, problem in _walk(path):
                if problem is not None:
                    yield SourceProblem(str(child), None, problem)
                elif child.suffix.lower() in TEXT_SUFFIXES:
                    yield from _read_file(child, max_bytes, max_chars)
        elif path.is_file():
            yield from _read_file(path, max_bytes, max_chars)
        elif path.exists():
            yield SourceProblem(str(path), None, "not a regular file or folder")
        else:
            yield SourceProblem(str(path), None, "no such file or folder")


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Files under ``root`` in sorted order, and the folders that could not be read."""
    problems: list[OSError] = []
    found: list[tuple[Path, str | None]] = []
    for folder, dirs, names in os.walk(root, onerror=problems.append):
        dirs.sort()
        found.extend((Path(folder) / name, None) for name in names)
    found.extend((Path(e.filename or root), f"cannot read folder: {e.strerror or e}")
                 for e in problems)  # fmt: skip
    found.sort(key=lambda item: item[0])
    return iter([f for f in found if f[1] is not None or f[0].is_file()])


def _read_file(path: Path, max_bytes: int, max_chars: int) -> Iterator[Document | SourceProblem]:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        yield SourceProblem(str(path), None, f"unknown file type {suffix or '(none)'!r}")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, max_bytes, max_chars)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield SourceProblem(str(path), None, f"cannot read: {exc.strerror or exc}")
        return
    yield from parse_bytes(path, data, max_bytes, max_chars)


def parse_bytes(
    path: Path, data: bytes, max_bytes: int, max_chars: int = MAX_CHARS
) -> Iterator[Document | SourceProblem]:
    """The articles (or problems) of one input file whose bytes are already read, exactly
    as :func:`read_sources` reads that file from disk (for engines that read files
    themselves, such as Ray Data)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_documents(path, io.BufferedReader(io.BytesIO(data)), max_bytes,
                                    max_chars)  # fmt: skip
        return
    text = _decode(path, data, max_bytes)
    if isinstance(text, SourceProblem):
        yield text
        return
    record: dict[str, Any] = {"id": path.stem, "text": text}
    if suffix in (".html", ".htm"):  # main text and metadata: ingest/html.py
        article = read_html(text, fallback=html_to_text(text))
        record |= {"text": article.text, **article.metadata()}
    yield _document(path, None, record, max_bytes, max_chars, id_from="file name")


def record_document(
    path: Path, number: int, record: Any, max_bytes: int, max_chars: int = MAX_CHARS
) -> Document | SourceProblem:
    """One article from a record shaped like a JSONL line (``id``, ``text``, ``title``,
    ``url``, ``published``, ``source``), e.g. a Parquet row, or why it is refused."""
    return _document(path, number, record, max_bytes, max_chars, id_from=None)


def _decode(path: Path, data: bytes, max_bytes: int) -> str | SourceProblem:
    if not data.strip():
        return SourceProblem(str(path), None, "no text (empty file)")
    if len(data) > max_bytes:
        return SourceProblem(str(path), None, f"article is {len(data)} bytes, over {max_bytes}")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:8192]:
        return SourceProblem(str(path), None, "binary file, not text (NUL bytes, no BOM)")
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        return SourceProblem(str(path), None,
                             f"not valid {encoding or 'UTF-8'} (byte {exc.start})")  # fmt: skip


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: blocks separated by blank lines, no scripts or nav."""
    tree = LexborHTMLParser(html)
    for node in tree.css(", ".join(_DROP_TAGS)):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        return ""
    nodes = root.css(", ".join(_BLOCK_TAGS))
    blocks = [" ".join(node.text(separator="").split()) for node in nodes]
    blocks = [b for b in blocks if b]
    if not blocks:
        blocks = [" ".join(root.text(separator=" ").split())]
    title = tree.css_first("title")
    heading = " ".join(title.text().split()) if title is not None else ""
    if heading and (not blocks or blocks[0] != heading):
        blocks.insert(0, heading)
    return "\n\n".join(b for b in blocks if b)


def _read_jsonl(path: Path, max_bytes: int, max_chars: int) -> Iterator[Document | SourceProblem]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below; a generator holds it)
    except OSError as exc:
        yield SourceProblem(str(path), None, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        yield from _jsonl_documents(path, handle, max_bytes, max_chars)


def _jsonl_documents(
    path: Path, handle: IO[bytes], max_bytes: int, max_chars: int
) -> Iterator[Document | SourceProblem]:
    empty = True
    try:
        for number, line, reason in jsonl_lines(handle, max_bytes):
            if line is None:
                empty = False
                yield SourceProblem(str(path), number, reason)
                continue
            if not line.strip():
                continue
            empty = False
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield SourceProblem(str(path), number, f"not valid JSON: {exc.msg}")
                continue
            yield _document(path, number, record, max_bytes, max_chars, id_from=None)
    except OSError as exc:
        yield SourceProblem(str(path), None, f"cannot read: {exc.strerror or exc}")
        return
    if empty:
        yield SourceProblem(str(path), None, "no text (empty file)")


def _document(
    path: Path, number: int | None, record: Any, max_bytes: int, max_chars: int,
    id_from: str | None,
) -> Document | SourceProblem:  # fmt: skip
    """One article from a JSONL record or a file's text, or the reason it is refused."""

    def problem(reason: str) -> SourceProblem:
        return SourceProblem(str(path), number, reason)

    if not isinstance(record, dict):
        return problem("a JSONL line must be an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return problem("missing or empty 'text'" if id_from is None else "no text (empty file)")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        return problem(f"article is {size} bytes, over {max_bytes}")
    if len(text) > max_chars:
        return problem(f"article is {len(text)} characters, over the extraction limit of "
                       f"{max_chars} (spaCy's max_length); split it into parts")  # fmt: skip
    meta = {k: record.get(k) for k in _META}
    if any(v is not None and not isinstance(v, str) for v in meta.values()):
        return problem("'title', 'url', 'source' and 'published' must be strings")
    doc_id = record.get("id")
    if (doc_id is not None and not isinstance(doc_id, (str, int))) or isinstance(doc_id, bool):
        return problem("'id' must be a string")
    doc_id = "" if doc_id is None else str(doc_id)
    cleaned: dict[str, Any] = {}
    for name, value in {"text": text, "id": doc_id, **meta}.items():
        result = value if value is None else clean_text(value, f"'{name}'")
        if isinstance(result, tuple):
            return problem(result[0])
        cleaned[name] = result
    if doc_id and (reason := check_id(doc_id)):
        return problem(reason if id_from is None else f"{reason} (from the {id_from})")
    return Document(text=cleaned["text"], id=doc_id, path=str(path),
                    **{k: cleaned[k] for k in _META})  # fmt: skip
