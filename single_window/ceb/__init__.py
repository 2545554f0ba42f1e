"""The CEB standard of the 2022-05 edition as code: namespaces, the table of the 42 message types, their schemas,
their reading into plain records and their business rules. No database, no web: intake and receipts read it."""
