"""Read articles from files and folders: ``.txt``, ``.md``, ``.html`` and ``.jsonl``.

Every input either becomes a :class:`~graph.model.Document` or a
:class:`SourceProblem` naming the file (and line) and the reason; nothing here
raises for bad input, so one broken file never stops a run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from newsgraph.graph.model import Document
from newsgraph.ingest.html import read_html

__all__ = ["TEXT_SUFFIXES", "SourceProblem", "read_sources"]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})
_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")


@dataclass(frozen=True)
class SourceProblem:
    """An input that could not be read: which file, which line (for JSONL), and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


def read_sources(paths: Iterable[str | Path], max_bytes: int) -> Iterator[Document | SourceProblem]:
    """Yield a document for each readable article under ``paths`` (files or folders).

    Folders are walked recursively in sorted order; files with unknown
    extensions inside folders are skipped, but named directly they are a problem.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in TEXT_SUFFIXES:
                    yield from _read_file(child, max_bytes)
        elif path.is_file():
            yield from _read_file(path, max_bytes)
        else:
            yield SourceProblem(str(path), None, "no such file or folder")


def _read_file(path: Path, max_bytes: int) -> Iterator[Document | SourceProblem]:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        yield SourceProblem(str(path), None, f"unknown file type {suffix or '(none)'!r}")
        return
    text = _decode(path, max_bytes if suffix != ".jsonl" else None)
    if isinstance(text, SourceProblem):
        yield text
    elif suffix == ".jsonl":
        yield from _read_jsonl(path, text, max_bytes)
    else:
        meta: dict[str, str | None] = {}
        if suffix in (".html", ".htm"):  # main text and metadata: ingest/html.py
            article = read_html(text, fallback=html_to_text(text))
            text, meta = article.text, article.metadata()
        if not text.strip():
            yield SourceProblem(str(path), None, "no text (empty file)")
        else:
            yield Document(text=text, id=path.stem, path=str(path), **meta)


def _decode(path: Path, max_bytes: int | None) -> str | SourceProblem:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SourceProblem(str(path), None, f"cannot read: {exc.strerror or exc}")
    if not data.strip():
        return SourceProblem(str(path), None, "no text (empty file)")
    if max_bytes is not None and len(data) > max_bytes:
        return SourceProblem(str(path), None, f"article is {len(data)} bytes, over {max_bytes}")
    if b"\x00" in data[:8192]:
        return SourceProblem(str(path), None, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SourceProblem(str(path), None, f"not valid UTF-8 (byte {exc.start})")


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


def _read_jsonl(path: Path, text: str, max_bytes: int) -> Iterator[Document | SourceProblem]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceProblem(str(path), number, f"not valid JSON: {exc.msg}")
            continue
        yield _record_document(path, number, record, max_bytes)


def _record_document(
    path: Path, number: int, record: Any, max_bytes: int
) -> Document | SourceProblem:
    def problem(reason: str) -> SourceProblem:
        return SourceProblem(str(path), number, reason)

    if not isinstance(record, dict):
        return problem("a JSONL line must be an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return problem("missing or empty 'text'")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return problem(f"article is {size} bytes, over {max_bytes}")
    meta = {k: record.get(k) for k in ("title", "url", "source", "published")}
    if any(v is not None and not isinstance(v, str) for v in meta.values()):
        return problem("'title', 'url', 'source' and 'published' must be strings")
    doc_id = record.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        return problem("'id' must be a string")
    return Document(text=text, id=str(doc_id or ""), path=str(path), **meta)
