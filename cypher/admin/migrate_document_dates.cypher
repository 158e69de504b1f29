// title: Migrate: document publication dates to date values
// description: Documents whose `published` is text get a Cypher date: the date the text
//   starts with (YYYY-MM-DD...), else null; text that says more than the date ("spring
//   2024", a time of day) is kept in published_text, as the writer keeps it. The text is checked field by field so that no value makes date()
//   fail. A date already converted is left alone, so running it twice changes nothing.
// mode: write
MATCH (d:Document)
WHERE toString(d.published) = d.published
WITH d, d.published AS p, d.published + '__________' AS q  // padded: substrings in range
WITH d, p, q, toInteger(substring(q, 0, 4)) AS y, toInteger(substring(q, 5, 2)) AS mo,
     toInteger(substring(q, 8, 2)) AS dd
WITH d, p, size(p) >= 10 AND substring(q, 4, 1) = '-' AND substring(q, 7, 1) = '-'
        AND y >= 1 AND mo >= 1 AND mo <= 12 AND dd >= 1
        AND dd <= [31, CASE WHEN y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0) THEN 29 ELSE 28 END,
                   31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] AS valid, y, mo, dd
SET d.published = date(CASE WHEN valid THEN {year: y, month: mo, day: dd} END),
    d.published_text = CASE WHEN valid AND size(p) = 10 THEN d.published_text ELSE p END
