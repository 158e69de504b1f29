// title: Full-text index on entity names and aliases
// description: RediSearch index over the canonical name and the alias text of entities.
// engine: falkordb
// mode: write
CALL db.idx.fulltext.createNodeIndex('Entity', 'name', 'alias_text')
