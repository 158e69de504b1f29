// title: Edge sample size (bench)
// description: The longest source sample and the most sources on one edge.
// mode: read
MATCH ()-[r]->()
WHERE r.source_count IS NOT NULL
RETURN max(size(r.sources)) AS sample, max(r.source_count) AS sources
