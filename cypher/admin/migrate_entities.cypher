// title: Migrate: per-alias document counts
// description: For entities written before aliases carried counts: alias_counts, parallel
//   to aliases, the number of documents whose MENTIONS use each alias (at least 1), so
//   retractions can take aliases out by deltas. Linear in the mentions.
// mode: write
MATCH (e:Entity)
WHERE e.alias_counts IS NULL
OPTIONAL MATCH (e)<-[m:MENTIONS]-(:Document)
UNWIND (CASE WHEN m IS NULL OR size(coalesce(m.aliases, [])) = 0 THEN [null] ELSE m.aliases END) AS alias
WITH e, alias, count(alias) AS n
WITH e, collect({alias: alias, n: n}) AS counted
SET e.alias_counts = [a IN coalesce(e.aliases, []) |
                      reduce(c = 1, x IN counted | CASE WHEN x.alias = a AND x.n > 0 THEN x.n ELSE c END)]
