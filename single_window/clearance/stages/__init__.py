"""The stages' handlers: each loads a case's facts, asks the pure rules, and returns an outcome."""
