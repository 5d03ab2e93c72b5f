"""HTTP API of the plans service."""
