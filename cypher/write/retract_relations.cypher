// title: Retract documents from relations
// description: Walk from the given documents to their evidence records (STATES), and
//   recompute each edge they support from its other records (found by the indexed edge
//   key): counts, datasets, confidence, first and last seen, provenance and the source
//   sample. Edges left with no record are deleted. Cost: the documents' own records and the
//   records of the edges they touch, never every edge of the entities they mention. Run
//   before write/retract_evidence, which deletes the records.
// mode: write
// param doc_ids: list -- ids of the documents to retract
// param sample: int -- how many sources an edge keeps in its lists
UNWIND $doc_ids AS doc_id
MATCH (d:Document {id: doc_id})-[:STATES]->(v:Evidence)
WITH DISTINCT v.src AS src, v.type AS rel_type, v.dst AS dst, v.edge AS edge
MATCH (a:Entity {id: src})
MATCH (b:Entity {id: dst})
WITH a, b, rel_type, edge  // both ends bound first: the edge is found between them
MATCH (a)-[r]->(b)
WHERE type(r) = rel_type
WITH r, edge
OPTIONAL MATCH (w:Evidence {edge: edge})
WHERE NOT w.doc IN $doc_ids
WITH r, w
ORDER BY w.date DESC, w.doc DESC
WITH r, collect(w) AS rest
WITH r, rest,
     [w IN rest WHERE w.provenance = 'text'] AS texts,
     [w IN rest WHERE w.provenance = 'reference'] AS refs
WITH r, rest, texts, refs, reverse(texts[..$sample]) AS kept,
     reduce(acc = [], w IN refs |
            CASE WHEN w.dataset IN acc THEN acc
                 ELSE [x IN acc WHERE x < w.dataset] + w.dataset + [x IN acc WHERE x > w.dataset] END) AS datasets
SET r.sources = [w IN kept | w.doc],
    r.source_dates = [w IN kept | w.date],
    r.source_count = size(texts),
    r.evidence_count = reduce(t = 0, w IN texts | t + w.count),
    r.reference_count = size(refs),
    r.datasets = datasets,
    r.provenance = CASE WHEN size(texts) > 0 THEN 'text' ELSE 'reference' END,
    r.confidence = reduce(m = head(rest).confidence, w IN rest |
                          CASE WHEN w.confidence > m THEN w.confidence ELSE m END),
    r.first_seen = reduce(m = head(rest).date, w IN rest | CASE WHEN w.date < m THEN w.date ELSE m END),
    r.last_seen = reduce(m = head(rest).date, w IN rest | CASE WHEN w.date > m THEN w.date ELSE m END)
FOREACH (_ IN CASE WHEN size(rest) = 0 THEN [1] ELSE [] END | DELETE r)
