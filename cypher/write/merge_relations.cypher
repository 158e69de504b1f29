// title: Merge relations of one type, with their evidence records
// description: One edge per fact, and one Evidence record per edge and document (linked from
//   its Document by STATES). An edge not stored yet is created whole, with the summaries
//   the writer computed from the batch's records (ingest/fresh_rows.py: a new edge's
//   records are all new). A stored edge gets only the records not stored yet, and
//   changes by their deltas only (source_count, evidence_count, reference_count,
//   datasets, confidence, first_seen, last_seen, provenance), so a replayed batch or a
//   second writer adds nothing. `sources` and `source_dates` (parallel) keep the $sample
//   newest text sources (by date, then id), oldest first: each new source newer than a
//   full sample's oldest is inserted in order, the oldest dropped. Every source's
//   sentences are in its record. The edge is looked up between the two entities found
//   by id (a MATCH of the whole pattern made FalkorDB walk every edge of the source, a
//   hub's included). The rows that created their edge are dropped after the aggregation,
//   by the empty list of their records (FalkorDB moves a WHERE on `r` alone below the
//   CREATE). At most one row per edge; symmetric types arrive in canonical order
//   (smaller id first). A record is created with its properties (absent ones are null
//   and not stored): `SET v = record` after the CREATE made FalkorDB index each record
//   twice, a cost that grew with the store.
// mode: write
// template: __TYPE__ is replaced by the schema-checked relation type, backtick-quoted
//   (ingest.writer.fill_names, the only filler)
// param rows: list -- {src: string, dst: string, version: string, records: [map] (the
//   edge's evidence records of this batch, by date then document: id, edge, src, type, dst,
//   doc, date (ISO text, stored as a Cypher date), count, confidence, provenance, and
//   either sentences/starts/ends/rules/confidences or dataset), and the edge's summaries
//   if it is new: source_count: int, evidence_count: int, reference_count: int, datasets:
//   [string], provenance: string, confidence: float, first_seen: string (ISO date),
//   last_seen: string (ISO date), sources: [string], source_dates: [string] (ISO dates)}
// param sample: int -- how many sources the edge keeps in its lists
UNWIND $rows AS row
MATCH (a:Entity {id: row.src})
MATCH (b:Entity {id: row.dst})
OPTIONAL MATCH (a)-[r:__TYPE__]->(b)
FOREACH (_ IN CASE WHEN r IS NULL THEN [1] ELSE [] END |
  CREATE (a)-[:__TYPE__ {source_count: row.source_count, evidence_count: row.evidence_count,
                        reference_count: row.reference_count, datasets: row.datasets,
                        provenance: row.provenance, confidence: row.confidence,
                        first_seen: date(row.first_seen), last_seen: date(row.last_seen),
                        sources: row.sources,
                        source_dates: [day IN row.source_dates | date(day)],
                        extractor_version: row.version}]->(b))
WITH r, row.version AS version, row.records AS records
UNWIND records AS record
OPTIONAL MATCH (stored:Evidence {id: record.id})
WITH r, version, record, stored
WHERE stored IS NULL
MATCH (d:Document {id: record.doc})
CREATE (d)-[:STATES]->(v:Evidence {id: record.id, edge: record.edge, src: record.src,
                                    type: record.type, dst: record.dst, doc: record.doc,
                                    date: date(record.date), count: record.count,
                                    provenance: record.provenance, confidence: record.confidence,
                                    sentences: record.sentences, starts: record.starts,
                                    ends: record.ends, rules: record.rules,
                                    confidences: record.confidences, dataset: record.dataset})
WITH r, version, collect(CASE WHEN r IS NULL THEN null ELSE v END) AS fresh
WHERE size(fresh) > 0
WITH r, version, fresh,
     [v IN fresh WHERE v.provenance = 'text'] AS texts,
     [v IN fresh WHERE v.provenance = 'reference'] AS refs,
     coalesce(r.sources, []) AS docs, coalesce(r.source_dates, []) AS dates
WITH r, version, fresh, texts, refs, docs, dates,
     [t IN texts WHERE size(docs) < $sample OR t.date > dates[0]
                       OR (t.date = dates[0] AND t.doc > docs[0])] AS entering,
     coalesce(r.source_count, 0) + size(texts) AS sources
WITH r, version, fresh, texts, refs, docs, dates, entering, sources,
     [v IN entering |
      [lt IN [size([d IN dates WHERE d < v.date])] |
       lt + size([i IN range(lt, size([d IN dates WHERE d <= v.date]) - 1)
                  WHERE docs[i] < v.doc])][0]] AS at
WITH r, version, fresh, texts, refs, sources, entering,
     CASE WHEN size(at) = 0 THEN docs
          ELSE (reduce(acc = [], j IN range(0, size(at) - 1) |
                       acc + docs[CASE WHEN j = 0 THEN 0 ELSE at[j - 1] END..at[j]]
                       + entering[j].doc) + docs[at[-1]..])[-$sample..] END AS kept_docs,
     CASE WHEN size(at) = 0 THEN dates
          ELSE (reduce(acc = [], j IN range(0, size(at) - 1) |
                       acc + dates[CASE WHEN j = 0 THEN 0 ELSE at[j - 1] END..at[j]]
                       + entering[j].date) + dates[at[-1]..])[-$sample..] END AS kept_dates
SET r.sources = kept_docs,
    r.source_dates = kept_dates,
    r.source_count = sources,
    r.evidence_count = coalesce(r.evidence_count, 0) + reduce(n = 0, v IN texts | n + v.count),
    r.reference_count = coalesce(r.reference_count, 0) + size(refs),
    r.datasets = reduce(acc = coalesce(r.datasets, []), v IN refs |
                        CASE WHEN v.dataset IN acc THEN acc
                             ELSE [x IN acc WHERE x < v.dataset] + v.dataset
                                  + [x IN acc WHERE x > v.dataset] END),
    r.provenance = CASE WHEN sources > 0 THEN 'text' ELSE 'reference' END,
    r.confidence = reduce(m = r.confidence, v IN fresh |
                          CASE WHEN m IS NULL OR v.confidence > m THEN v.confidence ELSE m END),
    r.first_seen = reduce(m = r.first_seen, v IN fresh |
                          CASE WHEN m IS NULL OR v.date < m THEN v.date ELSE m END),
    r.last_seen = reduce(m = r.last_seen, v IN fresh |
                         CASE WHEN m IS NULL OR v.date > m THEN v.date ELSE m END),
    r.extractor_version = version
