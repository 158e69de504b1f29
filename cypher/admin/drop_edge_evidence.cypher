// title: Migrate: edges keep counts and a source sample, not sentences
// description: Remove the sentence lists (ev_*) and per-source counts an edge copied from
//   its sample's evidence records (the records keep them): edges written before this
//   shape, or just moved by admin/migrate_edges. Set-like.
// mode: write
MATCH (:Entity)-[r]->(:Entity)
WHERE r.ev_doc IS NOT NULL OR r.source_counts IS NOT NULL
SET r.ev_doc = null, r.ev_sentence = null, r.ev_start = null, r.ev_end = null,
    r.ev_rule = null, r.ev_confidence = null, r.source_counts = null
