"""HTTP plumbing: content negotiation, request bodies, error rendering, request logs."""
