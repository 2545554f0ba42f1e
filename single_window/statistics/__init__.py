"""Aggregates for statisticians: counts, never single records."""
