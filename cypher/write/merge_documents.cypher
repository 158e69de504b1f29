// title: Merge documents
// description: Upsert Document nodes by id, replacing every property (a changed article
//   loses metadata it no longer has). Runs in the same transaction as its
//   mentions and relations, so a stored Document always means a complete write.
//   `published` arrives as ISO text (YYYY-MM-DD) and is stored as a Cypher date (null when
//   the source gave none).
// mode: write
// param rows: list -- one map per document: {id: string, props: map of scalar properties,
//   id included; published: string (ISO date) or null}
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d = row.props, d.published = date(row.props.published)
