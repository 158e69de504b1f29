// title: Merge relations of one type, with their evidence records
// description: One edge per fact, and one Evidence record per edge and document (linked from
//   its Document by STATES). Only records not stored yet are created, and the edge changes
//   by their deltas only (source_count, evidence_count, reference_count, datasets,
//   confidence, first_seen, last_seen, provenance), so a replayed batch or a second writer
//   adds nothing. `sources` and `source_dates` (parallel) keep the $sample newest text
//   sources (by date, then id), oldest first: each new source is inserted in order, the
//   oldest dropped. Every source's sentences are in its record. At most one row per edge
//   (FalkorDB does not see an edge merged by an earlier row of the same statement).
//   Symmetric types arrive in canonical order (smaller id first). A record is created with
//   its properties (absent ones are null and not stored): `SET v = record` after the
//   CREATE made FalkorDB index each record twice, a cost that grew with the store.
// mode: write
// template: __TYPE__ is replaced by the schema-checked relation type, backtick-quoted
//   (ingest.writer.fill_names, the only filler)
// param rows: list -- {src: string, dst: string, version: string, records: [map] (the
//   edge's evidence records of this batch, by date then document: id, edge, src, type, dst,
//   doc, date (ISO text, stored as a Cypher date), count, confidence, provenance, and
//   either sentences/starts/ends/rules/confidences or dataset)}
// param sample: int -- how many sources the edge keeps in its lists
UNWIND $rows AS row
MATCH (a:Entity {id: row.src})
MATCH (b:Entity {id: row.dst})
MERGE (a)-[r:__TYPE__]->(b)
WITH r, row.version AS version, row.records AS records
UNWIND records AS record
OPTIONAL MATCH (stored:Evidence {id: record.id})
WITH r, version, record, stored
WHERE stored IS NULL
MATCH (d:Document {id: record.doc})
CREATE (d)-[:STATES]->(:Evidence {id: record.id, edge: record.edge, src: record.src,
                                   type: record.type, dst: record.dst, doc: record.doc,
                                   date: date(record.date), count: record.count,
                                   provenance: record.provenance, confidence: record.confidence,
                                   sentences: record.sentences, starts: record.starts,
                                   ends: record.ends, rules: record.rules,
                                   confidences: record.confidences, dataset: record.dataset})
WITH r, version,
     collect({doc: record.doc, date: record.date, count: record.count,
              confidence: record.confidence, provenance: record.provenance,
              dataset: record.dataset}) AS fresh
WITH r, version, fresh,
     [v IN fresh WHERE v.provenance = 'text'] AS texts,
     [v IN fresh WHERE v.provenance = 'reference'] AS refs,
     [i IN range(0, size(coalesce(r.sources, [])) - 1) |
      {doc: r.sources[i], date: r.source_dates[i]}] AS old
WITH r, version, fresh, texts, refs,
     reduce(acc = old, v IN [t IN texts | {doc: t.doc, date: date(t.date)}] |
            [x IN acc WHERE x.date < v.date OR (x.date = v.date AND x.doc < v.doc)]
            + v
            + [x IN acc WHERE x.date > v.date OR (x.date = v.date AND x.doc > v.doc)]) AS merged
WITH r, version, fresh, texts, refs, merged[-$sample..] AS kept,
     coalesce(r.source_count, 0) + size(texts) AS sources
SET r.sources = [k IN kept | k.doc],
    r.source_dates = [k IN kept | k.date],
    r.source_count = sources,
    r.evidence_count = coalesce(r.evidence_count, 0) + reduce(t = 0, v IN texts | t + v.count),
    r.reference_count = coalesce(r.reference_count, 0) + size(refs),
    r.datasets = reduce(acc = coalesce(r.datasets, []), v IN refs |
                        CASE WHEN v.dataset IN acc THEN acc
                             ELSE [x IN acc WHERE x < v.dataset] + v.dataset
                                  + [x IN acc WHERE x > v.dataset] END),
    r.provenance = CASE WHEN sources > 0 THEN 'text' ELSE 'reference' END,
    r.confidence = reduce(m = r.confidence, v IN fresh |
                          CASE WHEN m IS NULL OR v.confidence > m THEN v.confidence ELSE m END),
    r.first_seen = reduce(m = r.first_seen, v IN fresh |
                          CASE WHEN m IS NULL OR date(v.date) < m THEN date(v.date) ELSE m END),
    r.last_seen = reduce(m = r.last_seen, v IN fresh |
                         CASE WHEN m IS NULL OR date(v.date) > m THEN date(v.date) ELSE m END),
    r.extractor_version = version
