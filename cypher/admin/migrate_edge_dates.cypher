// title: Migrate: relation dates to date values
// description: Relations whose first_seen, last_seen or source_dates hold ISO text get
//   Cypher dates (date(toString(x)) leaves a date as it is, on either engine). Set-like.
// mode: write
MATCH (:Entity)-[r]->(:Entity)
WHERE toString(r.first_seen) = r.first_seen OR toString(r.last_seen) = r.last_seen
   OR any(x IN coalesce(r.source_dates, []) WHERE toString(x) = x)
SET r.first_seen = date(toString(r.first_seen)), r.last_seen = date(toString(r.last_seen)),
    r.source_dates = [x IN r.source_dates | date(toString(x))]
