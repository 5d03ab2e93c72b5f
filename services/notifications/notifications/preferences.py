"""Preference use cases: each user reads and replaces their own notification preferences."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping

from edu71.auth import Principal
from edu71.problems import Problem
from notifications.adapters.documents import Preference
from notifications.dispatch import preferences_of
from notifications.domain.preferences import InvalidPreferences, parse


class PreferenceService:
    def get(self, principal: Principal) -> dict[str, Any]:
        return {"user_id": principal.user_id, **preferences_of(principal.user_id).as_view()}

    def put(self, principal: Principal, body: Mapping[str, Any]) -> dict[str, Any]:
        try:
            prefs = parse(body, preferences_of(principal.user_id))
        except InvalidPreferences as exc:
            raise Problem(422, "Cài đặt thông báo không hợp lệ.", errors=exc.errors) from None
        # Only the user writes their own preferences, so the last write wins (no version needed).
        Preference(id=principal.user_id, email_off=sorted(prefs.email_off), muted=sorted(prefs.muted),
                   updated_at=datetime.now(timezone.utc)).save()
        return {"user_id": principal.user_id, **prefs.as_view()}
