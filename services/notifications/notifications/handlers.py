"""What the notifications worker does with each event it consumes.

For each notification an event causes, the notification and its
NotificationDelivered event are written in ONE insert (``save_with_events``):
either both exist or neither. The insert is keyed by the dedupe key
``<source event id>:<recipient org unit>:<channel>`` (unique index, and the
document id is derived from it), so a re-delivered event hits a duplicate key
and is skipped: it was already done, NotificationDelivered included. Order does
not matter: notifications are independent facts, shown newest first by the time
their source event happened.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from mongoengine import NotUniqueError

from edu71.bus.outbox import save_with_events
from edu71.contracts import Contracts, Event
from notifications.adapters.documents import Notification
from notifications.domain.notices import BUILDERS, IN_APP, Notice, dedupe_key, notification_id, notices_for

log = logging.getLogger(__name__)

SOURCE = "/edu71/notifications"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class NotificationHandlers:
    def __init__(self, contracts: Contracts):
        self.contracts = contracts

    def mapping(self) -> dict:
        """Event name → handler, for the worker's spec."""
        return {name: self.handle for name in BUILDERS}

    def handle(self, event: Event) -> int:
        """Create the notifications ``event`` causes; return how many were new."""
        return sum(1 for notice in notices_for(event.name, event.data) if self._deliver(event, notice))

    def _deliver(self, event: Event, notice: Notice) -> bool:
        key = dedupe_key(event.id, notice.recipient.org_unit, IN_APP)
        now = datetime.now(timezone.utc)
        notification = Notification(
            id=notification_id(key),
            dedupe_key=key,
            source_event_id=event.id,
            source_event_type=event.name,
            recipient_org_unit=notice.recipient.org_unit,
            recipient_role=notice.recipient.role.value,
            kind=notice.kind,
            channel=IN_APP,
            title=notice.title,
            body=notice.body,
            school_code=notice.school["code"],
            school_name=notice.school["name"],
            reference=notice.reference,
            occurred_at=datetime.fromisoformat(event.time).astimezone(timezone.utc),
            created_at=now,
            attempts=1,
        )
        delivered = self.contracts.new_event(
            "NotificationDelivered",
            {
                "notification_id": notification.id,
                "source_event_id": event.id,
                "kind": notice.kind,
                "recipient": {
                    "user_id": notice.recipient.user_id,
                    "org_unit": notice.recipient.org_unit,
                    "role": notice.recipient.role.value,
                },
                "channel": IN_APP,
                "status": "delivered",
                "attempts": 1,
                "at": _iso(now),
            },
            subject=notice.recipient.org_unit,
            source=SOURCE,
        )
        try:
            save_with_events(notification, delivered)
        except NotUniqueError:
            log.info("%s %s: notification %s already exists; skipped", event.name, event.id, key)
            return False
        return True
