// title: Index evidence record ids
// description: Exact-match index on the MERGE key of evidence records (one per edge and document).
// engine: falkordb
// mode: write
CREATE INDEX FOR (v:Evidence) ON (v.id)
