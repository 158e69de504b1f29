"""Benchmarks: synthetic corpora and timing scripts (not part of the installed package)."""
