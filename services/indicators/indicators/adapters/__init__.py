"""Storage of rounds and submissions (mongoengine documents in the indicators service's own database)."""
