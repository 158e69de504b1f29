"""The ingest job end to end with the real extractor: idempotence, updates, forget, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_ingest_writer import dump_graph, edge

from newsgraph.graph.errors import BadInputError
from newsgraph.graph.settings import Settings
from newsgraph.graph.stores import GraphStore
from newsgraph.ingest.extract import EXTRACTOR_VERSION, Extractor
from newsgraph.ingest.forget import forget_documents
from newsgraph.ingest.jobs import IngestOptions, IngestSummary, run_ingest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One spaCy pipeline for the module."""
    return Extractor(Settings())


def ingest(
    store: GraphStore, extractor: Extractor, *paths: Path, batch_size: int = 5
) -> IngestSummary:
    """Run the job as the CLI does."""
    options = IngestOptions(
        paths=tuple(str(p) for p in paths),
        batch_size=batch_size,
        extractor_version=EXTRACTOR_VERSION,
    )
    return run_ingest(store, extractor, options)


def records(path: Path) -> list[dict[str, Any]]:
    """The JSON lines of a file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write records as JSONL and return the path."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def latest_run(store: GraphStore) -> dict[str, Any]:
    """The newest IngestRun node."""
    statement = store.library.get("ingest/ingest_runs").text
    return store.run(statement, {"limit": 1}).records()[0]


def test_ingesting_twice_changes_nothing(any_store: GraphStore, extractor: Extractor) -> None:
    first = ingest(any_store, extractor, EXAMPLES)
    assert (first.documents_new, first.documents_failed) == (17, 0)
    before = dump_graph(any_store)
    second = ingest(any_store, extractor, EXAMPLES)
    assert (second.documents_new, second.documents_unchanged, second.entities) == (0, 17, 0)
    assert dump_graph(any_store) == before  # ingested_at is left out, but it would differ too
    run = latest_run(any_store)
    assert (run["status"], run["documents_unchanged"], run["failures"]) == ("completed", 17, [])


def test_changing_one_article_changes_only_its_contributions(
    any_store: GraphStore, extractor: Extractor, tmp_path: Path
) -> None:
    rows = records(next(EXAMPLES.glob("*.jsonl")))
    changed = [dict(r) for r in rows]
    target = next(i for i, r in enumerate(changed) if r["id"] == "byd-overtakes-tesla")
    changed[target]["text"] = changed[target]["text"].replace(
        "BYD competes with Tesla on price", "BYD partnered with Tesla on price"
    )
    ingest(any_store, extractor, write_jsonl(tmp_path / "corpus.jsonl", rows))
    summary = ingest(any_store, extractor, write_jsonl(tmp_path / "corpus.jsonl", changed))
    assert (summary.documents_updated, summary.documents_unchanged) == (1, 16)
    updated = dump_graph(any_store)
    competes = edge(any_store, "company:byd", "COMPETES_WITH", "company:tesla")
    assert competes is None or "byd-overtakes-tesla" not in competes["sources"]
    # the same graph as a clean run that writes the changed article last
    any_store.write([(any_store.library.get("admin/delete_all").text, {})])
    others = [r for r in changed if r["id"] != "byd-overtakes-tesla"]
    ingest(any_store, extractor, write_jsonl(tmp_path / "others.jsonl", others))
    ingest(any_store, extractor, write_jsonl(tmp_path / "one.jsonl", [changed[target]]))
    assert dump_graph(any_store) == updated


def test_forget_removes_evidence_and_keeps_shared_facts(
    any_store: GraphStore, extractor: Extractor
) -> None:
    ingest(any_store, extractor, EXAMPLES)
    met = edge(any_store, "person:elon-musk", "MET_WITH", "person:li-qiang")
    assert met is not None and "cac-clears-tesla-data" in met["sources"]
    assert forget_documents(any_store, ["cac-clears-tesla-data"]) == ["cac-clears-tesla-data"]
    met = edge(any_store, "person:elon-musk", "MET_WITH", "person:li-qiang")
    assert met is not None
    assert "cac-clears-tesla-data" not in met["sources"]
    assert set(met["sources"]) == {"musk-lands-in-beijing", "li-qiang-receives-musk"}
    assert edge(any_store, "regulator:cyberspace-administration-of-china", "REGULATES",
                "company:tesla") is None  # fmt: skip
    for line in dump_graph(any_store)["edges"]:
        assert "cac-clears-tesla-data" not in json.loads(line)[3].get("sources", [])
    with pytest.raises(BadInputError, match="no-such-doc"):
        forget_documents(any_store, ["no-such-doc", "tesla-baidu-maps"])
    assert edge(any_store, "company:baidu", "PARTNERS_WITH", "company:tesla") is not None


def test_every_relation_has_evidence_slicing_the_document(
    any_store: GraphStore, extractor: Extractor
) -> None:
    ingest(any_store, extractor, EXAMPLES)
    graph = dump_graph(any_store)
    texts = {p["id"]: p["text"] for labels, p in map(json.loads, graph["nodes"])
             if "Document" in labels}  # fmt: skip
    relations = [json.loads(line) for line in graph["edges"]]
    relations = [r for r in relations if r[1] not in ("MENTIONS", "STATES")]
    assert len(relations) >= 40
    assert {r[1] for r in relations} >= {"MET_WITH", "RESTRICTS", "PARTNERS_WITH", "LOCATED_IN",
                                         "LEADS", "VISITED", "COMPETES_WITH"}  # fmt: skip
    stated = [r for r in relations if r[3]["provenance"] == "text"]
    from_reference = [r for r in relations if r[3]["provenance"] == "reference"]
    assert len(stated) + len(from_reference) == len(relations)
    records: dict[str, list[dict]] = {}
    for labels, props in map(json.loads, graph["nodes"]):
        if "Evidence" in labels:
            records.setdefault(props["edge"], []).append(props)
    for src, kind, dst, props in from_reference:  # a dataset's fact: no sentence to slice
        assert kind == "LOCATED_IN" and props["datasets"]
        assert all(not r.get("sentences") for r in records[f"{src}|{kind}|{dst}"])
    for src, kind, dst, props in stated:
        texts_of = [r for r in records[f"{src}|{kind}|{dst}"] if r["provenance"] == "text"]
        assert texts_of and set(props["sources"]) <= {r["doc"] for r in texts_of}
        for r in texts_of:
            for sentence, start, end in zip(r["sentences"], r["starts"], r["ends"], strict=True):
                assert texts[r["doc"]][start:end] == sentence


def test_bad_inputs_are_reported_and_skipped(
    any_store: GraphStore, extractor: Extractor, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners met in Paris.".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("Tesla opened a plant in Shanghai. " * 100)
    good = {"id": "good", "text": "Elon Musk met Li Qiang in Beijing on Sunday."}
    (tmp_path / "feed.jsonl").write_text(json.dumps(good) + "\n{not json\n")
    options = IngestOptions(
        paths=(str(tmp_path), str(tmp_path / "missing.txt")),
        max_article_bytes=1_000,
        extractor_version=EXTRACTOR_VERSION,
    )
    summary = run_ingest(any_store, extractor, options)
    assert (summary.documents_new, summary.documents_failed) == (1, 6)
    text = "\n".join(summary.failures)
    for expected in ("empty.txt", "binary.txt", "latin1.txt", "huge.txt", "feed.jsonl:2",
                     "missing.txt"):  # fmt: skip
        assert expected in text
    run = latest_run(any_store)
    assert run["status"] == "completed_with_failures" and len(run["failures"]) == 6
    assert edge(any_store, "person:elon-musk", "MET_WITH", "person:li-qiang") is not None


def test_a_repeated_id_is_unchanged_or_refused_within_and_across_batches(
    any_store: GraphStore, extractor: Extractor, tmp_path: Path
) -> None:
    """The ids a run has read are remembered (off the heap, ingest/seen.py) past its
    batches: a second copy with the same text is unchanged, with other text refused."""
    text = "Elon Musk met Li Qiang in Beijing on Sunday."
    rows = [{"id": f"d{n}", "text": f"{text} Story {n}."} for n in range(12)]
    rows[3] = rows[1]  # within the first batch of 5
    rows[8] = {"id": "d2", "text": "Other text."}  # a later batch
    rows[11] = rows[0]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    summary = ingest(any_store, extractor, tmp_path / "feed.jsonl")
    counts = (summary.documents_new, summary.documents_unchanged, summary.documents_failed)
    assert counts == (9, 2, 1)
    assert summary.failures == [f"{tmp_path / 'feed.jsonl'}: document id 'd2' appears "
                                "twice with different text; the first one was kept"]  # fmt: skip


def test_extraction_forgets_the_strings_of_new_words(extractor: Extractor) -> None:
    """spaCy would keep every unseen word's string for good (memory growing with a
    feed's vocabulary); each chunk runs in a memory zone, so the store stays as it was."""
    from newsgraph.graph.model import Document

    strings = extractor.nlp.vocab.strings
    list(extractor.extract([Document(text="Warm up.", id="w")]))
    before = len(strings)
    docs = [Document(text=f"Zorblax{n} met Quimbly{n} in Frandor{n}. Elon Musk visited "
                          f"Berlin on {n} May.", id=f"d{n}") for n in range(300)]  # fmt: skip
    done = list(extractor.extract(docs))
    assert len(done) == 300 and len(strings) == before
    assert "Zorblax7" not in strings


def test_failures_past_the_cap_are_counted_not_listed(
    any_store: GraphStore, extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsgraph.ingest.jobs.MAX_FAILURES", 3)
    (tmp_path / "feed.jsonl").write_text("{bad\n" * 7)
    summary = ingest(any_store, extractor, tmp_path / "feed.jsonl")
    assert summary.documents_failed == 7
    assert [f.split(": ")[0][-1] for f in summary.failures[:3]] == ["1", "2", "3"]
    assert summary.failures[3:] == ["... and 4 more failures (not listed)"]
    assert latest_run(any_store)["failures"] == summary.failures


@pytest.mark.skipif(not (SHARED / "eval" / "seeds").is_dir(), reason="shared/eval absent")
def test_seed_articles_give_musk_meeting_the_premier(
    any_store: GraphStore, extractor: Extractor
) -> None:
    """Three seed articles report Musk meeting the premier; one of them (000) names him
    "Premier Li Keqiang", which the gold records as a meeting with Li Keqiang, so the
    edge to Li Qiang has evidence from the other two (001, 002), as in the gold."""
    seeds = sorted((SHARED / "eval" / "seeds").glob("*.txt"))
    summary = ingest(any_store, extractor, *seeds)
    assert summary.documents_failed == 0
    statement = any_store.library.get("ingest/meetings_of").text
    met = {r["name"]: r for r in any_store.run(statement, {"name": "Elon Musk"}).records()}
    assert "Li Qiang" in met, f"no MET_WITH between Elon Musk and Li Qiang: {met}"
    assert set(met["Li Qiang"]["ev_doc"]) == {"001_3c61ac2cbf909c47", "002_ae76c90e14592450"}
    assert set(met["Li Keqiang"]["ev_doc"]) == {"000_ff49de2daf2f56f5"}
    for row in met.values():
        assert all("Li" in sentence for sentence in row["ev_sentence"])
