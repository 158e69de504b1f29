"""JSONL lines read in bounded pieces, for :mod:`ingest.sources`.

A line is read whole only up to :func:`line_limit`, the longest a line holding an
allowed article can be; a longer one is read in pieces of that size, counted and
dropped, so a broken or hostile feed (one 5 GB line) cannot fill memory. Lines that are
not valid UTF-8 or hold a raw NUL byte are refused too; a file with a UTF-16/32 BOM is
decoded as such.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from typing import IO, AnyStr

__all__ = ["BOMS", "jsonl_lines", "line_limit"]

BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip
"""Byte order marks and the encodings they announce."""


def line_limit(max_bytes: int) -> int:
    """The longest JSONL line read whole: the longest a line holding an article of
    ``max_bytes`` can be (JSON escapes take up to 6 bytes a byte, as ``\\u0001``),
    plus 1 MiB for the other fields. A longer line is read in pieces and dropped."""
    return 6 * max_bytes + (1 << 20)


def jsonl_lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, str | None, str]]:
    """``(line number, text, reason)`` of each line, streamed; text ``None`` and the
    reason for a line that is not valid UTF-8, holds a raw NUL byte or is longer than
    :func:`line_limit` (read in pieces of that size and dropped, never held whole). A
    file with a UTF-16/32 BOM is decoded as such."""
    limit = line_limit(max_bytes)
    head = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
    encoding = next((enc for bom, enc in BOMS if head.startswith(bom)), "utf-8-sig")
    if encoding.startswith("utf-8"):
        for number, raw in enumerate(_bounded_lines(handle.readline, limit, b"\n"), 1):
            if isinstance(raw, int):
                yield number, None, _overlong(raw, max_bytes)
                continue
            raw = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
            try:
                yield number, None if b"\x00" in raw else raw.decode("utf-8"), _NOT_TEXT
            except UnicodeDecodeError:
                yield number, None, _NOT_TEXT
        return
    reader = codecs.getreader(encoding)(handle)
    number = 0
    try:
        for number, line in enumerate(_bounded_lines(reader.readline, limit, "\n"), 1):
            if isinstance(line, int):
                yield number, None, _overlong(line, max_bytes)
            else:
                yield number, None if "\x00" in line else line, _NOT_TEXT
    except UnicodeDecodeError:
        yield number + 1, None, _NOT_TEXT


_NOT_TEXT = "not valid UTF-8 text (raw NUL or bad byte); line refused"


def _overlong(size: int, max_bytes: int) -> str:
    return (f"line is over {line_limit(max_bytes)} bytes ({size} read and skipped), too long "
            f"for an article of at most {max_bytes} bytes; line refused")  # fmt: skip


def _bounded_lines(
    readline: Callable[[int], AnyStr], limit: int, newline: AnyStr
) -> Iterator[AnyStr | int]:
    """Each line from ``readline``, or the length of a line over ``limit``, which is read
    in pieces and dropped."""
    while line := readline(limit):
        if len(line) < limit or line.endswith(newline):
            yield line
            continue
        size = len(line)
        while (piece := readline(limit)) and not piece.endswith(newline):
            size += len(piece)
        yield size + len(piece)
