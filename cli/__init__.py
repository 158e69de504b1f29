"""newsgraph: cli package."""
