"""Inbox use cases: a caller sees, counts and marks read the notifications addressed to its org unit and role
(except the kinds the caller muted)."""
from __future__ import annotations

from datetime import datetime, timezone

from edu71.auth import Principal
from edu71.bus.outbox import StaleDocument, load
from edu71.problems import Problem
from notifications.adapters import inbox
from notifications.adapters.documents import Notification
from notifications.dispatch import preferences_of


class InboxService:
    @staticmethod
    def _muted(principal: Principal) -> set[str]:
        return set(preferences_of(principal.user_id).muted)

    def inbox(self, principal: Principal, page: int, page_size: int,
              unread_only: bool = False) -> tuple[int, list[Notification], int]:
        """One page of the caller's inbox, newest first: (how many match, the page, how many are unread)."""
        return inbox.page(principal.role.value, principal.org_unit, page, page_size, muted=self._muted(principal),
                          unread_only=unread_only)

    def list(self, principal: Principal, page: int, page_size: int, unread_only: bool = False):
        total, items, _ = self.inbox(principal, page, page_size, unread_only)
        return total, items

    def unread_count(self, principal: Principal) -> int:
        return self.inbox(principal, 1, 0)[2]

    def mark_read(self, principal: Principal, notification_id: str) -> Notification:
        """Mark one of the caller's notifications read (again: no change). Anyone else's is "not found"."""
        notification = load(Notification, notification_id)
        if (notification is None or notification.recipient_org_unit != principal.org_unit
                or notification.recipient_role != principal.role.value
                or notification.kind in self._muted(principal)):
            raise Problem(404, "Không tìm thấy thông báo.")
        while notification.read_at is None:
            # A new version like any change: of two readers at once one stores it, the other meets that
            # version and keeps it, so the first time it was read is kept.
            notification.read_at = datetime.now(timezone.utc)
            try:
                inbox.save(notification)
            except StaleDocument:
                pass
            notification = load(Notification, notification_id)
        return notification
