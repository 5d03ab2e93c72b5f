"""Storage of plans (mongoengine documents in the plans service's own database)."""
