"""newsgraph: ingest package."""
