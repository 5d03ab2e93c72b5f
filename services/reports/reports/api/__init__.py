"""HTTP API of the reports service."""
