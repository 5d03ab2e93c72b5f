"""Storage of notifications (mongoengine documents in the notifications service's own database)."""
