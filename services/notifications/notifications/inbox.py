"""Inbox use cases: a caller sees, counts and marks read the notifications addressed to its org unit and role
(except the kinds the caller muted)."""
from __future__ import annotations


from edu71.auth import Principal
from edu71.bus.outbox import StaleDocument
from edu71.errors import NotFound
from notifications.adapters.documents import Notification
from notifications.adapters.inbox import Inbox
from notifications.adapters.preferences import UserPreferences
from notifications.deliveries import Clock, utc_now


class InboxService:
    def __init__(self, inbox: Inbox, preferences: UserPreferences, clock: Clock = utc_now):
        self.inbox = inbox
        self.preferences = preferences
        self.clock = clock

    def _muted(self, principal: Principal) -> set[str]:
        return set(self.preferences.get(principal.user_id).muted)

    def page(self, principal: Principal, page: int, page_size: int,
             unread_only: bool = False) -> tuple[int, list[Notification], int]:
        """One page of the caller's inbox, newest first: (how many match, the page, how many are unread)."""
        return self.inbox.page(principal.role.value, principal.org_unit, page, page_size,
                               muted=self._muted(principal), unread_only=unread_only)

    def unread_count(self, principal: Principal) -> int:
        return self.page(principal, 1, 0)[2]

    def mark_read(self, principal: Principal, notification_id: str) -> Notification:
        """Mark one of the caller's notifications read (again: no change). Anyone else's is "not found"."""
        notification = self.inbox.get(notification_id)
        if (notification is None or notification.recipient_org_unit != principal.org_unit
                or notification.recipient_role != principal.role.value
                or notification.kind in self._muted(principal)):
            raise NotFound("Không tìm thấy thông báo.")
        while notification.read_at is None:
            # A new version like any change (an inserted change document, never an update): of two readers at
            # once one stores it, the other meets that version and keeps it, so the first time it was read is kept.
            notification.read_at = self.clock()
            try:
                self.inbox.save(notification)
            except StaleDocument:
                pass
            notification = self.inbox.get(notification_id)
        return notification
