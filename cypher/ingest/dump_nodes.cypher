// title: Dump graph nodes
// description: Every node but IngestRun records, with labels and properties (tests compare
//   whole graphs with it).
// mode: read
MATCH (n)
WHERE NOT n:IngestRun
RETURN labels(n) AS labels, properties(n) AS properties
