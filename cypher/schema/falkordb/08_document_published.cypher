// title: Index documents by publication date
// description: Range index on Document.published (a date value): date-range filters such as
//   `d.published >= date($since)` use it.
// engine: falkordb
// mode: write
CREATE INDEX FOR (d:Document) ON (d.published)
