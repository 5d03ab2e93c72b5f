"""One thin client per backing HTTP API; each call carries the signed-in user's bearer token."""
