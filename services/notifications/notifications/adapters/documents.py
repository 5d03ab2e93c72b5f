"""Notifications as stored; each carries the NotificationDelivered event of its delivery in its outbox."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine import DateTimeField, DictField, IntField, StringField

from edu71.auth import Role
from edu71.bus.outbox import VersionedDocument


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Notification(VersionedDocument):
    meta = {
        "collection": "notifications",
        "db_alias": "notifications",
        "indexes": [
            {"fields": ["dedupe_key"], "unique": True},
            ["recipient_org_unit", "recipient_role", "-occurred_at"],
        ],
    }

    #: Derived from ``dedupe_key`` (see :func:`notifications.domain.notices.notification_id`).
    id = StringField(primary_key=True)
    #: ``<source event id>:<recipient org unit>:<channel>``: the same event never notifies a unit twice.
    dedupe_key = StringField(required=True)
    source_event_id = StringField(required=True)
    source_event_type = StringField(required=True)
    #: School code, commune code or province code of the recipients.
    recipient_org_unit = StringField(required=True)
    recipient_role = StringField(required=True, choices=[r.value for r in Role])
    kind = StringField(required=True)
    channel = StringField(required=True, default="in_app", choices=["in_app", "email", "webhook"])
    title = StringField(required=True)
    body = StringField(required=True)
    school_code = StringField(required=True)
    school_name = StringField(required=True)
    #: What the notification is about, for links: e.g. {"plan_id": ..., "plan_version": 2}.
    reference = DictField()
    #: When the source event happened (the inbox is ordered by it, newest first).
    occurred_at = DateTimeField(required=True)
    created_at = DateTimeField(default=_now)
    read_at = DateTimeField(null=True)
    attempts = IntField(default=1)

    @classmethod
    def ensure_store_indexes(cls) -> None:
        """Called by the worker at start: also make sure the dedupe key's unique index exists."""
        super().ensure_store_indexes()
        cls.ensure_indexes()
