// title: Refresh entity summaries
// description: Recompute mention_count, document_count, aliases (sorted, distinct),
//   alias_text, first_seen and last_seen of the given entities from their MENTIONS.
//   Run for entities touched by a retraction; entities without mentions are left to
//   write/delete_orphan_entities.
// mode: write
// param ids: list -- entity ids
UNWIND $ids AS id
MATCH (e:Entity {id: id})<-[m:MENTIONS]-(:Document)
WITH e, count(m) AS documents, toInteger(sum(m.count)) AS mentions,
     min(m.date) AS first_seen, max(m.date) AS last_seen, collect(m.aliases) AS lists
UNWIND reduce(acc = [], l IN lists | acc + l) AS alias
WITH e, documents, mentions, first_seen, last_seen, alias
ORDER BY alias
WITH e, documents, mentions, first_seen, last_seen, collect(DISTINCT alias) AS aliases
SET e.document_count = documents,
    e.mention_count = mentions,
    e.first_seen = first_seen,
    e.last_seen = last_seen,
    e.aliases = aliases,
    e.alias_text = reduce(t = '', a IN aliases | t + CASE WHEN t = '' THEN '' ELSE ' | ' END + a)
