// title: Bench: create relations
// description: Generated relations of one type between generated entities (bench only).
// mode: write
// template: __TYPE__ is replaced by the relation type (graph.export_copy.fill_names)
// param rows: list -- {a, b, sources, evidence, confidence, date (ISO text), sentence}
UNWIND $rows AS row
MATCH (a:Entity {id: row.a})
MATCH (b:Entity {id: row.b})
CREATE (a)-[r:__TYPE__]->(b)
SET r.sources = row.sources, r.source_counts = [s IN row.sources | 1],
    r.source_dates = [s IN row.sources | date(row.date)], r.evidence_count = row.evidence,
    r.ev_doc = [row.sources[0]], r.ev_sentence = [row.sentence], r.ev_start = [0],
    r.ev_end = [size(row.sentence)], r.ev_rule = ['bench'], r.ev_confidence = [row.confidence],
    r.confidence = row.confidence, r.first_seen = date(row.date), r.last_seen = date(row.date)
