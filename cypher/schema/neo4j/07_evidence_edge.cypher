// title: Index evidence records by edge
// description: Range index on the edge key of evidence records: an edge's records in one look-up.
// engine: neo4j
// mode: write
CREATE INDEX evidence_edge IF NOT EXISTS FOR (v:Evidence) ON (v.edge)
