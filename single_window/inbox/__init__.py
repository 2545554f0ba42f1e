"""The enterprise's pull queue: the receipts of its messages and the data it subscribed to, in one cursor.

It reads what receipts/ queued and what messages/ stored, so it sits above both, and only main.py imports it.
"""
