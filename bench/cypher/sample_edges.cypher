// title: Sample edges (bench)
// description: Up to 20,000 entity-to-entity edges, as request parameters for evidence_for.
// mode: read
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id, type(r), b.id
LIMIT 20000
