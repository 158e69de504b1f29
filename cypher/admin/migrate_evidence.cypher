// title: Migrate: evidence records from source lists
// description: For relations in the old shape (every source in parallel lists on the edge),
//   one Evidence record per source document, linked from the Document by STATES, holding
//   that document's sentences from the ev_* lists. Set-like: rerunning adds nothing.
// mode: write
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.sources IS NOT NULL AND r.source_count IS NULL
UNWIND range(0, size(r.sources) - 1) AS i
WITH a, r, b, i, r.sources[i] AS doc, a.id + '|' + type(r) + '|' + b.id AS edge
MATCH (d:Document {id: doc})
WITH a, r, b, i, doc, edge, d,
     [j IN range(0, size(coalesce(r.ev_doc, [])) - 1) WHERE r.ev_doc[j] = doc] AS idx
MERGE (v:Evidence {id: edge + '|' + doc})
ON CREATE SET v.edge = edge, v.src = a.id, v.type = type(r), v.dst = b.id, v.doc = doc,
              v.date = r.source_dates[i], v.count = coalesce(r.source_counts[i], size(idx)),
              v.provenance = 'text',
              v.confidence = reduce(m = 0.0, j IN idx |
                                    CASE WHEN r.ev_confidence[j] > m THEN r.ev_confidence[j] ELSE m END),
              v.sentences = [j IN idx | r.ev_sentence[j]], v.starts = [j IN idx | r.ev_start[j]],
              v.ends = [j IN idx | r.ev_end[j]], v.rules = [j IN idx | r.ev_rule[j]],
              v.confidences = [j IN idx | r.ev_confidence[j]]
MERGE (d)-[:STATES]->(v)
