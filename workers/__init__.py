"""Celery app and thin stage tasks; every task takes ids and is idempotent."""
