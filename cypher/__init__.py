"""The Cypher statements newsgraph runs, one per ``.cypher`` file (package data)."""
