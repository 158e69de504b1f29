// title: Index documents by publication date
// description: Range index on Document.published (a date value): date-range filters such as
//   `d.published >= date($since)` use it.
// engine: neo4j
// mode: write
CREATE RANGE INDEX document_published IF NOT EXISTS FOR (d:Document) ON (d.published)
