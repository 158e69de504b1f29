// title: Migrate: mention dates to date values
// description: MENTIONS edges whose date is ISO text get a Cypher date. Set-like.
// mode: write
MATCH (:Document)-[m:MENTIONS]->(:Entity)
WHERE toString(m.date) = m.date
SET m.date = date(m.date)
