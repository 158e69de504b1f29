"""Every input kind and every bad input of ingest.sources."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from newsgraph.graph.model import Document
from newsgraph.ingest.sources import SourceProblem, line_limit, read_sources

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def _read(*paths: Path, max_bytes: int = 100_000) -> list[Document | SourceProblem]:
    return list(read_sources(paths, max_bytes))


def test_txt_and_md_use_file_stem_as_id() -> None:
    docs = _read(FIXTURES / "acme_talks.txt", FIXTURES / "chip_curbs.md")
    assert [d.id for d in docs if isinstance(d, Document)] == ["acme_talks", "chip_curbs"]
    assert "CATL" in docs[0].text


def test_html_keeps_readable_text_only() -> None:
    (doc,) = _read(FIXTURES / "satellites.html")
    assert isinstance(doc, Document) and doc.id == "satellites"
    assert "Kuiper, a satellite internet service" in doc.text
    assert "var tracker" not in doc.text and "color: red" not in doc.text
    assert "Home" not in doc.text and "Contact us" not in doc.text


def test_jsonl_lines_carry_metadata() -> None:
    docs = _read(FIXTURES / "feeds.jsonl")
    assert [d.id for d in docs if isinstance(d, Document)] == ["feed-ev-01", "feed-reg-02"]
    first = docs[0]
    assert isinstance(first, Document)
    assert first.metadata() == {
        "title": "Toyota and Panasonic deepen ties",
        "url": "https://example.com/ev-01",
        "source": "Example Wire",
        "published": "2024-05-02",
    }


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("Alpha text.")
    (tmp_path / "b" / "c" / "d.md").write_text("Delta text.")
    (tmp_path / "b" / "notes.csv").write_text("ignored,in,folders")
    assert [d.id for d in _read(tmp_path)] == ["a", "d"]


def test_jsonl_without_id_derives_one(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": "Some text.", "url": "https://e.com/1"}) + "\n")
    (doc,) = _read(path)
    assert isinstance(doc, Document) and doc.id.startswith("doc:")


def _problem(items: list[Document | SourceProblem]) -> SourceProblem:
    problems = [i for i in items if isinstance(i, SourceProblem)]
    assert len(problems) == 1, items
    return problems[0]


def test_bad_files_are_problems_not_tracebacks(tmp_path: Path) -> None:
    cases = {
        "empty.txt": (b"", "empty"),
        "blob.txt": (b"\x00\x01\x02binary", "binary"),
        "latin.txt": ("café".encode("latin-1"), "UTF-8"),
        "page.pdf": (b"%PDF-1.4", "unknown file type"),
        "big.txt": (b"word " * 30_000, "over"),
    }
    for name, (data, reason) in cases.items():
        (tmp_path / name).write_bytes(data)
        problem = _problem(_read(tmp_path / name))
        assert problem.path.endswith(name) and problem.line is None
        assert reason in problem.reason


def test_missing_path(tmp_path: Path) -> None:
    problem = _problem(_read(tmp_path / "nope.txt"))
    assert "no such file" in problem.reason
    assert str(problem) == f"{tmp_path / 'nope.txt'}: no such file or folder"


def test_bad_jsonl_lines_name_the_line_and_the_rest_continue(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "Fine."}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "huge", "text": "x" * 200_000}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok2", "text": "Also fine."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = _read(path)
    assert [d.id for d in items if isinstance(d, Document)] == ["ok1", "ok2"]
    problems = {p.line: p.reason for p in items if isinstance(p, SourceProblem)}
    assert set(problems) == {2, 3, 4, 5}
    assert "JSON" in problems[2] and "text" in problems[3] and "over" in problems[4]
    assert str(next(p for p in items if isinstance(p, SourceProblem))).startswith(f"{path}:2: ")


def _by_line(items: list[Document | SourceProblem]) -> dict[int | None, str]:
    return {p.line: p.reason for p in items if isinstance(p, SourceProblem)}


def test_bad_text_is_refused_per_document_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "good-1", "text": "Plain words."}).encode()
    lines = [
        good,
        json.dumps({"id": "nul-escape", "text": "before\u0000after"}).encode(),
        b'{"id": "raw-nul", "text": "a\x00b"}',
        json.dumps({"id": "lone", "text": "bad \ud800 here"}).encode(),
        json.dumps({"id": "padded ", "text": "Fine text."}).encode(),
        json.dumps({"id": "ctl", "text": "bell\x07 and tab\tkept"}).encode(),
        b'{"id": "latin", "text": "caf\xe9"}',
        json.dumps({"id": "good-2", "text": "More words.", "title": "T\udc80"}).encode(),
        json.dumps({"id": "good-3", "text": "Last words."}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = _read(path)
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.id for d in docs] == ["good-1", "ctl", "good-3"]
    assert docs[1].text == "bell  and tab\tkept"  # control character replaced, offsets kept
    problems = _by_line(items)
    assert set(problems) == {2, 3, 4, 5, 7, 8}
    assert "NUL" in problems[2] and "character 6" in problems[2]
    assert "NUL" in problems[3] and "line refused" in problems[3]
    assert "surrogate" in problems[4] and "surrogate" in problems[8] and "'title'" in problems[8]
    assert "'padded '" in problems[5] and "white space" in problems[5]
    assert "UTF-8" in problems[7]


def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path) -> None:
    text = "Ministers met in Zürich — 東京 too."
    for name, encoding in (("le16.txt", "utf-16-le"), ("be16.md", "utf-16-be"),
                           ("le32.txt", "utf-32-le"), ("sig8.txt", "utf-8-sig")):  # fmt: skip
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
               "utf-32-le": b"\xff\xfe\x00\x00"}.get(encoding, b"")  # fmt: skip
        (tmp_path / name).write_bytes(bom + text.encode(encoding))
        (doc,) = _read(tmp_path / name)
        assert isinstance(doc, Document), doc
        assert doc.text == text
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\xff\xfe" + (json.dumps({"id": "u16", "text": text}) + "\n").encode(
        "utf-16-le"))
    (doc,) = _read(feed)
    assert isinstance(doc, Document) and doc.id == "u16" and doc.text == text


def test_a_nul_after_the_first_block_refuses_that_file_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Good text.")
    (tmp_path / "b.txt").write_bytes(b"x" * 9000 + b"\x00tail")
    items = _read(tmp_path)
    assert [d.id for d in items if isinstance(d, Document)] == ["a"]
    problem = _problem(items)
    assert problem.path.endswith("b.txt") and "NUL character at character 9000" in problem.reason


def test_oversize_articles_and_padded_file_names_are_refused(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("word " * 30)
    (tmp_path / "padded .txt").write_text("Fine.")
    items = list(read_sources([tmp_path], max_bytes=100_000, max_chars=100))
    problems = {Path(p.path).name: p.reason for p in items if isinstance(p, SourceProblem)}
    assert "over the extraction limit of 100" in problems["long.txt"]
    assert "white space" in problems["padded .txt"] and "file name" in problems["padded .txt"]


def test_jsonl_is_streamed_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": "t"}) + "\n" for i in range(50)))
    stream = read_sources([path], 1000)
    first = next(stream)
    assert isinstance(first, Document) and first.id == "d0"
    with path.open("a") as handle:  # lines appended after reading began are still read
        handle.write(json.dumps({"id": "late", "text": "t"}) + "\n")
    assert [d.id for d in stream if isinstance(d, Document)][-1] == "late"


def test_a_line_far_over_the_limit_is_skipped_unread_naming_file_and_line(
    tmp_path: Path,
) -> None:
    """A 40 MB line (400x the article limit) is refused with its file and line, the lines
    after it are read, and it is never held whole: reading stays within a few MB."""
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "before", "text": "First."}) + "\n")
        out.write('{"id": "huge", "text": "')
        for _ in range(40):
            out.write("x" * 1_000_000)
        out.write('"}\n')
        out.write(json.dumps({"id": "after", "text": "Last."}) + "\n")
    tracemalloc.start()
    try:
        items = list(read_sources([path], max_bytes=100_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.id for d in items if isinstance(d, Document)] == ["before", "after"]
    problem = _problem(items)
    assert (problem.path, problem.line) == (str(path), 2)
    size = len('{"id": "huge", "text": "') + 40_000_000 + len('"}\n')
    assert f"({size} read and skipped)" in problem.reason and "refused" in problem.reason
    assert peak < 8 * line_limit(100_000), peak  # a few 1.6 MB pieces, not 40 MB

