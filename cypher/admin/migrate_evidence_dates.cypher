// title: Migrate: evidence record dates to date values
// description: Evidence records whose date is ISO text get a Cypher date. Set-like.
// mode: write
MATCH (v:Evidence)
WHERE toString(v.date) = v.date
SET v.date = date(v.date)
