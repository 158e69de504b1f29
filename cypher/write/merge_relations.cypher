// title: Merge relations of one type
// description: One edge per fact, updated by the batch's new (`fresh`) evidence records
//   only, so a replayed batch or a second writer adds nothing. Counts and summaries change
//   by deltas (source_count, evidence_count, reference_count, datasets, confidence,
//   first_seen, last_seen, provenance); the parallel lists sources, source_counts,
//   source_dates and ev_* hold a bounded sample: the $sample newest text sources (by date,
//   then id), oldest first, with their evidence. The full evidence is in the records. At
//   most one row per edge (FalkorDB does not see an edge merged by an earlier row of the
//   same statement). Symmetric types arrive in canonical order (smaller id first).
// mode: write
// template: __TYPE__ is replaced by the schema-checked relation type, backtick-quoted
//   (ingest.writer.fill_names, the only filler)
// param rows: list -- {src: string, dst: string, records: [string] (evidence record ids),
//   version: string}
// param sample: int -- how many sources the edge keeps in its lists
UNWIND $rows AS row
MATCH (a:Entity {id: row.src})
MATCH (b:Entity {id: row.dst})
MERGE (a)-[r:__TYPE__]->(b)
WITH r, row
UNWIND row.records AS record
MATCH (v:Evidence {id: record})
WHERE v.fresh = true
WITH r, row, collect(v) AS fresh
WITH r, row, fresh,
     [v IN fresh WHERE v.provenance = 'text'] AS texts,
     [v IN fresh WHERE v.provenance = 'reference'] AS refs
WITH r, row, fresh, texts, refs,
     [i IN range(0, size(coalesce(r.sources, [])) - 1) |
      {doc: r.sources[i], date: r.source_dates[i], count: r.source_counts[i]}]
     + [v IN texts | {doc: v.doc, date: v.date, count: v.count}] AS candidates
UNWIND (CASE WHEN size(candidates) = 0 THEN [null] ELSE candidates END) AS c
WITH r, row, fresh, texts, refs, c
ORDER BY c.date DESC, c.doc DESC
WITH r, row, fresh, texts, refs, reverse(collect(c)[..$sample]) AS kept
WITH r, row, fresh, texts, refs, kept,
     [i IN range(0, size(coalesce(r.ev_doc, [])) - 1) |
      {doc: r.ev_doc[i], sentence: r.ev_sentence[i], start: r.ev_start[i], end: r.ev_end[i],
       rule: r.ev_rule[i], confidence: r.ev_confidence[i]}]
     + reduce(acc = [], v IN texts |
              acc + [i IN range(0, size(v.sentences) - 1) |
                     {doc: v.doc, sentence: v.sentences[i], start: v.starts[i],
                      end: v.ends[i], rule: v.rules[i], confidence: v.confidences[i]}]) AS entries
WITH r, row, fresh, texts, refs, kept,
     reduce(acc = [], k IN kept | acc + [x IN entries WHERE x.doc = k.doc]) AS evs,
     coalesce(r.source_count, 0) + size(texts) AS sources,
     reduce(acc = coalesce(r.datasets, []), v IN refs |
            CASE WHEN v.dataset IN acc THEN acc
                 ELSE [x IN acc WHERE x < v.dataset] + v.dataset + [x IN acc WHERE x > v.dataset] END) AS datasets
SET r.sources = [k IN kept | k.doc],
    r.source_counts = [k IN kept | k.count],
    r.source_dates = [k IN kept | k.date],
    r.ev_doc = [x IN evs | x.doc],
    r.ev_sentence = [x IN evs | x.sentence],
    r.ev_start = [x IN evs | x.start],
    r.ev_end = [x IN evs | x.end],
    r.ev_rule = [x IN evs | x.rule],
    r.ev_confidence = [x IN evs | x.confidence],
    r.source_count = sources,
    r.evidence_count = coalesce(r.evidence_count, 0) + reduce(t = 0, v IN texts | t + v.count),
    r.reference_count = coalesce(r.reference_count, 0) + size(refs),
    r.datasets = datasets,
    r.provenance = CASE WHEN sources > 0 THEN 'text' ELSE 'reference' END,
    r.confidence = reduce(m = r.confidence, v IN fresh |
                          CASE WHEN m IS NULL OR v.confidence > m THEN v.confidence ELSE m END),
    r.first_seen = reduce(m = r.first_seen, v IN fresh |
                          CASE WHEN m IS NULL OR v.date < m THEN v.date ELSE m END),
    r.last_seen = reduce(m = r.last_seen, v IN fresh |
                         CASE WHEN m IS NULL OR v.date > m THEN v.date ELSE m END),
    r.extractor_version = row.version
WITH fresh
UNWIND fresh AS v
SET v.fresh = null
