// title: Graph counts
// description: Node, relationship, entity and document counts for `newsgraph status`.
// mode: read
OPTIONAL MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
WITH nodes, count(r) AS relationships
OPTIONAL MATCH (e:Entity)
WITH nodes, relationships, count(e) AS entities
OPTIONAL MATCH (d:Document)
RETURN nodes, relationships, entities, count(d) AS documents
