"""Enterprise filing (企业备案): file once, amend with history, suspended or revoked by officers."""
