// title: Dump graph edges
// description: Every relationship with its end ids, type and properties.
// mode: read
MATCH (a)-[r]->(b)
RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS properties
