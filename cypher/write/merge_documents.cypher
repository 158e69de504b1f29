// title: Merge documents
// description: Upsert Document nodes by id, replacing every property (a changed article
//   loses metadata it no longer has). Runs in the same transaction as its
//   mentions and relations, so a stored Document always means a complete write.
// mode: write
// param rows: list -- one map per document: {id: string, props: map of scalar properties,
//   id included}
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d = row.props
