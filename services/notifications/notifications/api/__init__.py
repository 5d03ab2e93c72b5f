"""HTTP API of the notifications service: the caller's inbox."""
