"""Inbox use cases: a caller sees, counts and marks read the notifications addressed to its org unit and role
(except the kinds the caller muted)."""
from __future__ import annotations

from datetime import datetime, timezone

from edu71.auth import Principal
from edu71.bus.outbox import StaleDocument, load, save_with_events
from edu71.problems import Problem
from notifications.adapters.documents import Notification
from notifications.dispatch import preferences_of


class InboxService:
    @staticmethod
    def _mine(principal: Principal, **filters):
        muted = preferences_of(principal.user_id).muted
        if muted:
            filters["kind__nin"] = sorted(muted)
        return Notification.objects(recipient_org_unit=principal.org_unit, recipient_role=principal.role.value,
                                    **filters)

    def list(self, principal: Principal, page: int, page_size: int, unread_only: bool = False):
        query = self._mine(principal, read_at=None) if unread_only else self._mine(principal)
        total = query.count()
        items = (query.order_by("-occurred_at", "-created_at", "-id")
                 .skip((page - 1) * page_size).limit(page_size))
        return total, list(items)

    def unread_count(self, principal: Principal) -> int:
        return self._mine(principal, read_at=None).count()

    def mark_read(self, principal: Principal, notification_id: str) -> Notification:
        """Mark one of the caller's notifications read (again: no change). Anyone else's is "not found"."""
        notification = self._mine(principal, id=notification_id).first()
        if notification is None:
            raise Problem(404, "Không tìm thấy thông báo.")
        while notification.read_at is None:
            # A new version like any change: of two readers at once one stores it, the other meets that
            # version and keeps it, so the first time it was read is kept.
            notification.read_at = datetime.now(timezone.utc)
            try:
                save_with_events(notification)
            except StaleDocument:
                pass
            notification = load(Notification, notification_id)
        return notification
