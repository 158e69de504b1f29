// title: Bench: create entities
// description: Generated entities of one type (bench/export.py only; CREATE, no MERGE).
// mode: write
// template: __LABELS__ is replaced by the type's labels (graph.export_copy.fill_names)
// param rows: list -- {id, name, type, aliases, count}
UNWIND $rows AS row
CREATE (e:__LABELS__)
SET e.id = row.id, e.name = row.name, e.type = row.type, e.aliases = row.aliases,
    e.alias_text = row.name, e.mention_count = row.count, e.document_count = row.count,
    e.first_seen = date('2024-01-01'), e.last_seen = date('2024-12-31')
