"""Notifications service: who is told what, when, through which channel (in-app inbox, e-mail, webhook)."""
