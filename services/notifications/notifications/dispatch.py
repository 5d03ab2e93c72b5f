"""Fan a notice out to its channels: the unit's inbox, each of its users' e-mail, each of its webhooks.

- In-app: one :class:`Notification` per (dedupe base, unit, channel), with its NotificationDelivered,
  in one insert.
- E-mail: one :class:`Delivery` per active user of the addressed unit and role whose preferences
  allow the kind, queued for the worker's sender.
- Webhook: one :class:`Delivery` per endpoint the unit registered (for this kind, or for all).

Every insert is keyed by its dedupe key, so dispatching the same notice again (a redelivered
event, a handler retried after a crash half-way) adds only what is missing. The in-app
notification is written last, so its presence means the whole fan-out was done.
"""
from __future__ import annotations

import logging
from datetime import datetime

from mongoengine import NotUniqueError

from edu71.auth import Role
from edu71.bus.outbox import load
from edu71.contracts import Contracts
from notifications import metrics
from notifications.adapters import inbox
from notifications.adapters.documents import Delivery, DirectoryUser, Notification, Preference, Webhook
from notifications.deliveries import Clock, DeliveryQueue, delivered_event, utc_now
from notifications.domain.kinds import EMAIL, IN_APP, WEBHOOK
from notifications.domain.notices import Notice, dedupe_key, notification_id
from notifications.domain.preferences import Preferences

log = logging.getLogger(__name__)


def preferences_of(user_id: str) -> Preferences:
    doc = Preference.objects(id=user_id).first()
    return Preferences(frozenset(doc.email_off), frozenset(doc.muted)) if doc else Preferences()


class Dispatcher:
    def __init__(self, contracts: Contracts, queue: DeliveryQueue, clock: Clock = utc_now):
        self.contracts = contracts
        self.queue = queue
        self.clock = clock

    def dispatch(self, notice: Notice, *, source_event_id: str, source_event_type: str,
                 occurred_at: datetime) -> bool:
        """Deliver ``notice`` on every channel; return whether its in-app notification is new."""
        base = notice.dedupe_base or source_event_id
        for user in DirectoryUser.objects(org_unit=notice.recipient.org_unit, role=notice.recipient.role.value,
                                          active=True):
            if preferences_of(user.id).wants(notice.kind, EMAIL):
                self.queue.enqueue(self._delivery(notice, base, source_event_id, source_event_type, occurred_at,
                                                  EMAIL, user.id, user.email, user.name))
        for hook in Webhook.objects(org_unit=notice.recipient.org_unit, role=notice.recipient.role.value):
            if not hook.kinds or notice.kind in hook.kinds:
                self.queue.enqueue(self._delivery(notice, base, source_event_id, source_event_type, occurred_at,
                                                  WEBHOOK, f"webhook:{hook.id}", hook.url, hook.description,
                                                  webhook_id=hook.id))
        return self._in_app(notice, base, source_event_id, source_event_type, occurred_at)

    def _scope(self, notice: Notice) -> dict[str, str | None]:
        school, recipient = notice.school, notice.recipient
        if school:
            return {"school_code": school["code"], "school_name": school["name"],
                    "commune_code": school["commune_code"], "province_code": school["province_code"]}
        return {"commune_code": recipient.org_unit if recipient.role is Role.COMMUNE else None,
                "province_code": recipient.org_unit if recipient.role is Role.CITY else None}

    def _delivery(self, notice: Notice, base: str, source_event_id: str, source_event_type: str,
                  occurred_at: datetime, channel: str, user_id: str, address: str, name: str | None,
                  webhook_id: str | None = None) -> Delivery:
        key = dedupe_key(base, user_id, channel)
        return Delivery(id=notification_id(key), dedupe_key=key, channel=channel, source_event_id=source_event_id,
                        source_event_type=source_event_type, kind=notice.kind, recipient_user_id=user_id,
                        recipient_name=name, recipient_org_unit=notice.recipient.org_unit,
                        recipient_role=notice.recipient.role.value, address=address, webhook_id=webhook_id,
                        title=notice.title, body=notice.body, reference=notice.reference, occurred_at=occurred_at,
                        **self._scope(notice))

    def _in_app(self, notice: Notice, base: str, source_event_id: str, source_event_type: str,
                occurred_at: datetime) -> bool:
        key = dedupe_key(base, notice.recipient.org_unit, IN_APP)
        now = self.clock()
        school = notice.school or {}
        notification = Notification(
            id=notification_id(key), dedupe_key=key, source_event_id=source_event_id,
            source_event_type=source_event_type, recipient_org_unit=notice.recipient.org_unit,
            recipient_role=notice.recipient.role.value, kind=notice.kind, channel=IN_APP, title=notice.title,
            body=notice.body, school_code=school.get("code"), school_name=school.get("name"),
            reference=notice.reference, occurred_at=occurred_at, created_at=now, attempts=1)
        delivered = delivered_event(
            self.contracts, notification_id=notification.id, source_event_id=source_event_id, kind=notice.kind,
            user_id=notice.recipient.user_id, org_unit=notice.recipient.org_unit,
            role=notice.recipient.role.value, channel=IN_APP, status="delivered", attempts=1, at=now)
        try:
            inbox.save(notification, delivered)
        except NotUniqueError:
            log.info("%s %s: notification %s already exists; skipped", source_event_type, source_event_id, key)
            # Listed again: a worker that died between storing and listing it left it out of its inbox.
            if (stored := load(Notification, notification.id)) is not None:
                inbox.record(stored)
            return False
        metrics.outcome(IN_APP, "delivered")
        return True
