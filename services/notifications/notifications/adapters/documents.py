"""What the notifications service stores.

- :class:`Notification` (in-app) and :class:`Delivery` (e-mail, webhook) carry the
  NotificationDelivered event of their outcome in their outbox.
- :class:`DeadlineReminder` is the claim of one deadline reminder and carries its DeadlineApproaching;
  :class:`RoundReminder` the claim of one reminder a city or commune asked for; :class:`DigestRun` the claim
  of one province's digest of one day.
- The rest are the service's own projections of other services' events (directory users and
  schools, catalogue thresholds, rounds, submissions) and the users' and units' settings.

Hot paths are inserts and ``_id`` reads; collections that are filtered (users of a unit,
webhooks of a unit, schools of a province, submissions of a round) stay small.
"""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine import BooleanField, DateTimeField, DictField, Document, IntField, ListField, StringField

from edu71.auth import Role
from edu71 import projections
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
    #: Empty for province-wide notices (the daily digest).
    school_code = StringField()
    school_name = StringField()
    #: What the notification is about, for links: e.g. {"plan_id": ..., "plan_version": 2}.
    reference = DictField()
    #: When the source event happened (the inbox is ordered by it, newest first).
    occurred_at = DateTimeField(required=True)
    created_at = DateTimeField(default=_now)
    read_at = DateTimeField(null=True)
    attempts = IntField(default=1)


class Delivery(VersionedDocument):
    """One e-mail or webhook call to make: pending until delivered or finally failed.

    Version 1 is inserted by the handler (the unique id is the dedupe key); each attempt's
    outcome is a new version, and the final one carries NotificationDelivered. The small
    ``delivery_queue`` collection lists the pending ones for the worker's sender loop.
    """

    meta = {"collection": "deliveries", "db_alias": "notifications"}

    #: Derived from ``dedupe_key``: ``<dedupe base>:<user id or webhook id>:<channel>``.
    id = StringField(primary_key=True)
    dedupe_key = StringField(required=True)
    channel = StringField(required=True, choices=["email", "webhook"])
    source_event_id = StringField(required=True)
    source_event_type = StringField(required=True)
    kind = StringField(required=True)
    #: The user (e-mail) or ``webhook:<id>``; the unit and role the notice was addressed to.
    recipient_user_id = StringField(required=True)
    recipient_name = StringField()
    recipient_org_unit = StringField(required=True)
    recipient_role = StringField(required=True)
    #: E-mail address or webhook URL.
    address = StringField(required=True)
    webhook_id = StringField()
    #: Scope of the delivery, for ``GET /deliveries``: the org units it concerns.
    school_code = StringField()
    school_name = StringField()
    commune_code = StringField()
    province_code = StringField()
    title = StringField(required=True)
    body = StringField(required=True)
    reference = DictField()
    occurred_at = DateTimeField(required=True)
    created_at = DateTimeField(default=_now)
    status = StringField(required=True, default="pending", choices=["pending", "delivered", "failed"])
    attempts = IntField(default=0)
    next_attempt_at = DateTimeField()
    last_error = StringField()
    finished_at = DateTimeField()


class DeadlineReminder(VersionedDocument):
    """The claim of one reminder (round, school, kind, deadline): inserting it is winning it.

    Its only version carries the DeadlineApproaching event, so the claim and the event are one insert.
    """

    meta = {"collection": "deadline_reminders", "db_alias": "notifications"}

    id = StringField(primary_key=True)
    round_id = StringField(required=True)
    school_code = StringField(required=True)
    kind = StringField(required=True)
    due_at = DateTimeField(required=True)
    claimed_at = DateTimeField(default=_now)


class RoundReminder(VersionedDocument):
    """The claim of one school's reminder of one day for one round: inserting it is winning it."""

    meta = {"collection": "round_reminders", "db_alias": "notifications"}

    id = StringField(primary_key=True)  # <round>:<school>:<yyyy-mm-dd>
    round_id = StringField(required=True)
    school_code = StringField(required=True)
    day = StringField(required=True)
    requested_by = StringField(required=True)
    requested_role = StringField(required=True)
    claimed_at = DateTimeField(required=True)


class DigestRun(VersionedDocument):
    """The claim of one province's digest of one day, with its content (fanned out from here)."""

    meta = {"collection": "digest_runs", "db_alias": "notifications"}

    id = StringField(primary_key=True)  # <province>:<yyyy-mm-dd>
    province_code = StringField(required=True)
    title = StringField(required=True)
    body = StringField(required=True)
    reference = DictField()
    claimed_at = DateTimeField(default=_now)


class DirectoryUser(Document):
    """A user as the directory last told us (highest version kept): who receives e-mail for a unit."""

    meta = {"collection": "directory_users", "db_alias": "notifications"}

    id = StringField(primary_key=True)
    version = IntField(required=True)
    name = StringField(required=True)
    email = StringField(required=True)
    role = StringField(required=True)
    org_unit = StringField(required=True)
    org_unit_kind = StringField()
    commune_code = StringField()
    province_code = StringField()
    active = BooleanField(required=True)


class DirectorySchool(projections.DirectorySchool):
    """The schools expected to report in a round."""

    meta = {"collection": "directory_schools", "db_alias": "notifications"}


class Preference(Document):
    """A user's own choices (see :mod:`notifications.domain.preferences`); absent = the defaults."""

    meta = {"collection": "preferences", "db_alias": "notifications"}

    id = StringField(primary_key=True)  # user id
    email_off = ListField(StringField())
    muted = ListField(StringField())
    updated_at = DateTimeField(default=_now)


class Webhook(Document):
    """An endpoint an org unit registered; notifications addressed to the unit are POSTed to it, signed."""

    meta = {"collection": "webhooks", "db_alias": "notifications"}

    id = StringField(primary_key=True)
    org_unit = StringField(required=True)
    role = StringField(required=True)
    url = StringField(required=True)
    #: Kept to sign each call (HMAC needs it); shown to the caller only when created.
    secret = StringField(required=True)
    #: Empty: every kind.
    kinds = ListField(StringField())
    description = StringField()
    created_by = StringField(required=True)
    created_at = DateTimeField(default=_now)


class Catalogue(Document):
    """The latest catalogue version per province, reduced to the alert thresholds."""

    meta = {"collection": "catalogues", "db_alias": "notifications"}

    id = StringField(primary_key=True)  # province code
    version = IntField(required=True)
    thresholds = DictField()


class KnownRound(Document):
    """A round as last opened, extended or reopened (the event that happened last wins)."""

    meta = {"collection": "rounds", "db_alias": "notifications"}

    id = StringField(primary_key=True)
    name = StringField(required=True)
    province_code = StringField(required=True)
    school_levels = ListField(StringField())
    opens_at = DateTimeField(required=True)
    due_at = DateTimeField(required=True)
    closes_at = DateTimeField(required=True)
    event_time = DateTimeField(required=True)


class RoundSubmission(Document):
    """A school has submitted for a round (inserted once; revisions change nothing here)."""

    meta = {"collection": "round_submissions", "db_alias": "notifications"}

    id = StringField(primary_key=True)  # <round>:<school>
    round_id = StringField(required=True)
    school_code = StringField(required=True)
    commune_code = StringField()
    submitted_at = DateTimeField()
