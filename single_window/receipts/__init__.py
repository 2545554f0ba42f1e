"""Receipts (回执): the answers customs and the e-port send back, and each enterprise's pull queue."""
