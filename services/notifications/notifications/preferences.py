"""Preference use cases: each user reads and replaces their own notification preferences
(the rules: :mod:`notifications.domain.preferences`)."""
from __future__ import annotations

from typing import Any, Mapping

from edu71.auth import Principal
from edu71.errors import FieldError, Invalid
from notifications.adapters.preferences import UserPreferences
from notifications.deliveries import Clock, utc_now
from notifications.domain.preferences import InvalidPreferences, parse


class PreferenceService:
    def __init__(self, preferences: UserPreferences, clock: Clock = utc_now):
        self.preferences = preferences
        self.clock = clock

    def get(self, principal: Principal) -> dict[str, Any]:
        return {"user_id": principal.user_id, **self.preferences.get(principal.user_id).as_view()}

    def put(self, principal: Principal, body: Mapping[str, Any]) -> dict[str, Any]:
        try:
            prefs = parse(body, self.preferences.get(principal.user_id))
        except InvalidPreferences as exc:
            raise Invalid("Cài đặt thông báo không hợp lệ.", errors=FieldError.all_of(exc.errors)) from None
        # Only the user writes their own preferences, so the last write wins (no version needed).
        self.preferences.put(principal.user_id, prefs, self.clock())
        return {"user_id": principal.user_id, **prefs.as_view()}
