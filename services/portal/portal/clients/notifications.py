"""The notifications service: the user's inbox, settings, reminders and the delivery log."""
from __future__ import annotations

from typing import Any

from portal.clients.base import ApiClient


class NotificationsClient(ApiClient):
    name = "thông báo"

    def inbox(self, page: int = 1, unread: bool = False) -> dict[str, Any]:
        return self.get_json("/inbox", params={"page": page, "page_size": 20, "unread": str(unread).lower()})

    def unread_count(self) -> int:
        return int(self.get_json("/inbox/unread-count").get("unread", 0))

    def mark_read(self, notification_id: str) -> dict[str, Any]:
        return self.send_json("POST", f"/inbox/{notification_id}/read", None)

    def preferences(self) -> dict[str, Any]:
        return self.get_json("/preferences")

    def change_preferences(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.send_json("PUT", "/preferences", body)

    def remind(self, round_id: str) -> dict[str, Any]:
        """Remind the caller's schools missing from the round (each at most once a day)."""
        return self.send_json("POST", f"/rounds/{round_id}/reminders", None)

    def deliveries(self, **query: Any) -> dict[str, Any]:
        """The delivery log as far as the caller may see (``status``, ``channel``, ``province_code``, ``page``)."""
        return self.get_json("/deliveries", params={k: v for k, v in query.items() if v not in (None, "")})
