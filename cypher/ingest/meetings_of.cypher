// title: Meetings of one person
// description: Everyone the named person met (MET_WITH, either direction), with the
//   documents and evidence sentences behind each meeting (from its evidence records).
// mode: read
// param name: string -- canonical name of the person
MATCH (a:Person {name: $name})-[r:MET_WITH]-(p:Person)
WITH p, r, startNode(r).id + '|MET_WITH|' + endNode(r).id AS edge
OPTIONAL MATCH (v:Evidence {edge: edge})
WITH p, r, v ORDER BY v.doc
WITH p, r, collect(v) AS records
RETURN p.name AS name, r.sources AS sources,
       reduce(acc = [], v IN records | acc + [s IN v.sentences | v.doc]) AS ev_doc,
       reduce(acc = [], v IN records | acc + v.sentences) AS ev_sentence
