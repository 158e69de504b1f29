// title: Index evidence records by edge
// description: Range index on the edge key of evidence records: an edge's records in one look-up.
// engine: falkordb
// mode: write
CREATE INDEX FOR (v:Evidence) ON (v.edge)
