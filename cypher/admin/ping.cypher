// title: Ping
// description: A trivial statement the store plans (never reads) to show it answers
//   (graph.stores.ping).
// mode: read
RETURN 1 AS ok
