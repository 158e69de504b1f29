// title: Index document ids
// description: Exact-match index on the MERGE key of documents.
// engine: falkordb
// mode: write
CREATE INDEX FOR (d:Document) ON (d.id)
