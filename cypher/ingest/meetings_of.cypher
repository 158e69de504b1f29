// title: Meetings of one person
// description: Everyone the named person met (MET_WITH, either direction), with the
//   documents and evidence sentences behind each meeting.
// mode: read
// param name: string -- canonical name of the person
MATCH (a:Person {name: $name})-[r:MET_WITH]-(p:Person)
RETURN p.name AS name, r.sources AS sources, r.ev_doc AS ev_doc, r.ev_sentence AS ev_sentence
