"""Customs code tables and HS 2022, shipped with the package (sources in data/SOURCES.md)."""
