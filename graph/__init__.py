"""newsgraph: graph package."""
