// title: Migrate: relation summaries from evidence records
// description: For relations in the old shape, once admin/migrate_evidence has written their
//   records: counts, provenance and the bounded sample (the $sample newest sources, oldest
//   first, with their evidence), exactly as write/merge_relations keeps them.
// mode: write
// param sample: int -- how many sources an edge keeps in its lists
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.sources IS NOT NULL AND r.source_count IS NULL
OPTIONAL MATCH (w:Evidence {edge: a.id + '|' + type(r) + '|' + b.id})
WITH r, w
ORDER BY w.date DESC, w.doc DESC
WITH r, collect(w) AS rest
WITH r, rest, reverse(rest[..$sample]) AS kept
WITH r, rest, kept,
     reduce(acc = [], w IN kept |
            acc + [i IN range(0, size(w.sentences) - 1) |
                   {doc: w.doc, sentence: w.sentences[i], start: w.starts[i], end: w.ends[i],
                    rule: w.rules[i], confidence: w.confidences[i]}]) AS evs
SET r.sources = [w IN kept | w.doc],
    r.source_counts = [w IN kept | w.count],
    r.source_dates = [w IN kept | w.date],
    r.ev_doc = [x IN evs | x.doc],
    r.ev_sentence = [x IN evs | x.sentence],
    r.ev_start = [x IN evs | x.start],
    r.ev_end = [x IN evs | x.end],
    r.ev_rule = [x IN evs | x.rule],
    r.ev_confidence = [x IN evs | x.confidence],
    r.source_count = size(rest),
    r.evidence_count = reduce(t = 0, w IN rest | t + w.count),
    r.reference_count = 0,
    r.datasets = [],
    r.provenance = 'text'
