// title: Unique document ids
// description: Uniqueness constraint on the MERGE key of documents.
// engine: neo4j
// mode: write
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE
