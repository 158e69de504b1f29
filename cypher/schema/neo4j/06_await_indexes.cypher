// title: Wait for the indexes
// description: Block until every index (the full-text one included) is online, at most 300 s, so the first search after set-up finds what is there.
// engine: neo4j
// mode: write
CALL db.awaitIndexes(300)
