"""What the identity worker does with each event it consumes: routing as data, by event name.

Identity follows only its own SchoolChanged: a school's accounts carry its name and place (in their
tokens and their events), so they follow it (``Accounts.follow_school``, idempotent).
"""
from __future__ import annotations

from typing import Callable

from edu71.contracts import Event
from identity.accounts import Accounts

#: Fields of SchoolChanged that the school's accounts carry.
ACCOUNT_FIELDS = {"name", "commune_code", "province_code", "level", "active"}


def routes(accounts: Accounts) -> dict[str, Callable[[Event], None]]:
    """Every event the worker handles."""

    def on_school_changed(event: Event) -> None:
        if ACCOUNT_FIELDS & set(event.data["changed"]):
            accounts.follow_school(event.data["school"]["code"])

    return {"SchoolChanged": on_school_changed}
