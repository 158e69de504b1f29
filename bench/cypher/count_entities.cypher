// title: Count entities (bench)
// description: How many entities the store holds.
// mode: read
MATCH (n:Entity)
RETURN count(n)
