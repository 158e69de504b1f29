// title: Migrate: entity first and last seen to date values
// description: Entities whose first_seen or last_seen is ISO text get Cypher dates
//   (date(toString(x)) leaves a date as it is, on either engine). Set-like.
// mode: write
MATCH (e:Entity)
WHERE toString(e.first_seen) = e.first_seen OR toString(e.last_seen) = e.last_seen
SET e.first_seen = date(toString(e.first_seen)), e.last_seen = date(toString(e.last_seen))
