"""HTTP API of the notifications service: the inbox, preferences, webhooks and the delivery log."""
