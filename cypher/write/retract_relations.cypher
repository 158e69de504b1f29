// title: Retract documents from relations
// description: Remove the entries of the given documents from the parallel source and evidence
//   lists of every edge they support, recompute the summary properties, and delete edges
//   left with no source. Edges are found through the MENTIONS of the documents (both ends of a
//   relation are entities the document mentions), so run this before retract_mentions.
// mode: write
// param doc_ids: list -- ids of the documents to retract
MATCH (d:Document)-[:MENTIONS]->(:Entity)-[r]->(:Entity)
WHERE d.id IN $doc_ids AND d.id IN r.sources
WITH DISTINCT r
WITH r,
     [i IN range(0, size(r.sources) - 1) WHERE NOT r.sources[i] IN $doc_ids] AS keep,
     [i IN range(0, size(r.ev_doc) - 1) WHERE NOT r.ev_doc[i] IN $doc_ids] AS kept
WITH r, keep, kept,
     [i IN keep | r.source_counts[i]] AS counts,
     [i IN keep | r.source_dates[i]] AS dates,
     [i IN kept | r.ev_confidence[i]] AS confidences
SET r.sources = [i IN keep | r.sources[i]],
    r.source_counts = counts,
    r.source_dates = dates,
    r.evidence_count = reduce(t = 0, c IN counts | t + c),
    r.ev_doc = [i IN kept | r.ev_doc[i]],
    r.ev_sentence = [i IN kept | r.ev_sentence[i]],
    r.ev_start = [i IN kept | r.ev_start[i]],
    r.ev_end = [i IN kept | r.ev_end[i]],
    r.ev_rule = [i IN kept | r.ev_rule[i]],
    r.ev_confidence = confidences,
    r.confidence = reduce(m = head(confidences), c IN confidences | CASE WHEN c > m THEN c ELSE m END),
    r.first_seen = reduce(m = head(dates), x IN dates | CASE WHEN x < m THEN x ELSE m END),
    r.last_seen = reduce(m = head(dates), x IN dates | CASE WHEN x > m THEN x ELSE m END)
FOREACH (_ IN CASE WHEN size(keep) = 0 THEN [1] ELSE [] END | DELETE r)
