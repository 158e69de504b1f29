// title: Sample entities (bench)
// description: Up to 50,000 entity ids, as request parameters.
// mode: read
MATCH (e:Entity)
RETURN e.id
LIMIT 50000
