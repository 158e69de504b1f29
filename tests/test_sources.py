"""Every input kind and every bad input of ingest.sources."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.graph.model import Document
from newsgraph.ingest.sources import SourceProblem, read_sources

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
