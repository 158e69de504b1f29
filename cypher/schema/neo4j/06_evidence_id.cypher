// title: Unique evidence record ids
// description: Uniqueness constraint (and its index) on the MERGE key of evidence records.
// engine: neo4j
// mode: write
CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (v:Evidence) REQUIRE v.id IS UNIQUE
