"""HTTP API of the indicators service."""
