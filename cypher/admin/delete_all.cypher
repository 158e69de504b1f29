// title: Delete the whole graph
// description: Removes every node and relationship (`newsgraph db reset`).
// mode: write
MATCH (n)
DETACH DELETE n
