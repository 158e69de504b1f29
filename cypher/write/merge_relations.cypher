// title: Merge relations of one type
// description: One edge per fact. Each row carries the support for one fact from the
//   documents of a batch, at most one row per edge (FalkorDB does not see an edge merged
//   by an earlier row of the same statement). The row is appended to the parallel source
//   and evidence lists, and the summary properties (evidence_count, confidence,
//   first_seen, last_seen) are updated. Symmetric types arrive in canonical order
//   (smaller id first).
// mode: write
// template: __TYPE__ is replaced by the schema-checked relation type, backtick-quoted
//   (ingest.writer.fill_names, the only filler)
// param rows: list -- {src: string, dst: string, sources: [string], source_counts: [int],
//   source_dates: [string], evidence_count: int, first_seen: string, last_seen: string,
//   ev_doc: [string], ev_sentence: [string], ev_start: [int], ev_end: [int],
//   ev_rule: [string], ev_confidence: [float], confidence: float, version: string}
UNWIND $rows AS row
MATCH (a:Entity {id: row.src})
MATCH (b:Entity {id: row.dst})
MERGE (a)-[r:__TYPE__]->(b)
SET r.sources = coalesce(r.sources, []) + row.sources,
    r.source_counts = coalesce(r.source_counts, []) + row.source_counts,
    r.source_dates = coalesce(r.source_dates, []) + row.source_dates,
    r.evidence_count = coalesce(r.evidence_count, 0) + row.evidence_count,
    r.ev_doc = coalesce(r.ev_doc, []) + row.ev_doc,
    r.ev_sentence = coalesce(r.ev_sentence, []) + row.ev_sentence,
    r.ev_start = coalesce(r.ev_start, []) + row.ev_start,
    r.ev_end = coalesce(r.ev_end, []) + row.ev_end,
    r.ev_rule = coalesce(r.ev_rule, []) + row.ev_rule,
    r.ev_confidence = coalesce(r.ev_confidence, []) + row.ev_confidence,
    r.confidence = CASE WHEN r.confidence IS NULL OR row.confidence > r.confidence
                        THEN row.confidence ELSE r.confidence END,
    r.first_seen = CASE WHEN r.first_seen IS NULL OR row.first_seen < r.first_seen
                        THEN row.first_seen ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR row.last_seen > r.last_seen
                       THEN row.last_seen ELSE r.last_seen END,
    r.extractor_version = row.version
