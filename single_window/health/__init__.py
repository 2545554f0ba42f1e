"""Liveness of the service's dependencies: database and broker."""
