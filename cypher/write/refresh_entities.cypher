// title: Refresh entity date bounds
// description: For the given entities marked `bounds_stale` by write/retract_mentions,
//   recompute first_seen and last_seen from their MENTIONS (only these two: counts and
//   aliases change by deltas). Entities without mentions are left to
//   write/delete_orphan_entities.
// mode: write
// param ids: list -- entity ids
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE e.bounds_stale = true
OPTIONAL MATCH (e)<-[m:MENTIONS]-(:Document)
WITH e, min(m.date) AS first_seen, max(m.date) AS last_seen
SET e.first_seen = first_seen, e.last_seen = last_seen, e.bounds_stale = null
