"""newsgraph: api package."""
