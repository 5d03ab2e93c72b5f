"""Notices (use cases): what each event tells whom, and the fan-out of a notice to its channels.

What the events cause (:class:`Notices`, routed by :mod:`notifications.handlers`):

- Plan events and ReportIssued → notices (:mod:`notifications.domain.notices`), dispatched on every
  channel; a plan's submission also gives its submitter a receipt.
- IndicatorSubmitted/IndicatorRevised → the submission is recorded, and values beyond a threshold
  alert the commune and the city once per (round, school, indicator).
- Approval of indicator reports (SubmissionCompleted/Returned/Confirmed, ValueFlagged) → notices
  (:func:`notifications.domain.notices.report_notices`), keyed by report and action so replays repeat nothing.
- ReportingRoundOpened → the round's projection, then a notice to every school of its levels
  (:func:`notifications.domain.notices.round_opened`) unless a later event of the round is held.
- DeadlineApproaching (from this service's scheduler) → the school's reminder, unless it has
  submitted meanwhile or the deadline has moved since.

The fan-out (:class:`Dispatcher`): the unit's inbox, each of its users' e-mail, each of its webhooks.

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
from datetime import datetime, timezone

from edu71.auth import Role
from edu71.contracts import Contracts, Event
from notifications import metrics
from notifications.adapters.documents import Delivery, Notification
from notifications.adapters.inbox import Inbox, NotificationExists
from notifications.adapters.preferences import UserPreferences
from notifications.adapters.projections import Catalogues, DirectoryUsers, Rounds, Schools, Submissions
from notifications.adapters.webhooks import Webhooks
from notifications.deliveries import Clock, DeliveryQueue, delivered_event, utc_now
from notifications.domain.alerts import alerts
from notifications.domain.deadlines import reminder
from notifications.domain.kinds import EMAIL, IN_APP, WEBHOOK
from notifications.domain.notices import (
    Notice,
    dedupe_key,
    notices_for,
    notification_id,
    plan_submission_receipt,
    report_notices,
)
from notifications.domain.notices import round_opened as round_opened_notices
from notifications.projections import Projections

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(self, contracts: Contracts, queue: DeliveryQueue, *, inbox: Inbox, users: DirectoryUsers,
                 preferences: UserPreferences, webhooks: Webhooks, clock: Clock = utc_now):
        self.contracts = contracts
        self.queue = queue
        self.inbox = inbox
        self.users = users
        self.preferences = preferences
        self.webhooks = webhooks
        self.clock = clock

    def dispatch(self, notice: Notice, *, source_event_id: str, source_event_type: str,
                 occurred_at: datetime) -> bool:
        """Deliver ``notice`` on every channel; return whether its in-app notification is new."""
        base = notice.dedupe_base or source_event_id
        for user in self.users.active_of(notice.recipient.org_unit, notice.recipient.role.value):
            if self.preferences.get(user.id).wants(notice.kind, EMAIL):
                self.queue.enqueue(self._delivery(notice, base, source_event_id, source_event_type, occurred_at,
                                                  EMAIL, user.id, user.email, user.name))
        for hook in self.webhooks.of_unit(notice.recipient.org_unit, notice.recipient.role.value):
            if not hook.kinds or notice.kind in hook.kinds:
                self.queue.enqueue(self._delivery(notice, base, source_event_id, source_event_type, occurred_at,
                                                  WEBHOOK, f"webhook:{hook.id}", hook.url, hook.description,
                                                  webhook_id=hook.id))
        return self._in_app(notice, base, source_event_id, source_event_type, occurred_at)

    def fanned_out(self, notice: Notice) -> bool:
        """Was ``notice`` dispatched to the end (its in-app notification, written last, exists)?"""
        return self.inbox.get(notification_id(dedupe_key(notice.dedupe_base, notice.recipient.org_unit,
                                                          IN_APP))) is not None

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
            self.inbox.add(notification, delivered)
        except NotificationExists:
            log.info("%s %s: notification %s already exists; skipped", source_event_type, source_event_id, key)
            return False
        metrics.outcome(IN_APP, "delivered")
        return True


class Notices:
    """What each consumed event tells whom; each returns how many in-app notifications were new."""

    def __init__(self, dispatcher: Dispatcher, projections: Projections, *, rounds: Rounds, schools: Schools,
                 catalogues: Catalogues, submissions: Submissions):
        self.dispatcher = dispatcher
        self.projections = projections
        self.rounds = rounds
        self.schools = schools
        self.catalogues = catalogues
        self.submissions = submissions

    def _dispatch(self, event: Event, notices: list[Notice]) -> int:
        occurred = datetime.fromisoformat(event.time).astimezone(timezone.utc)
        return sum(1 for notice in notices
                   if self.dispatcher.dispatch(notice, source_event_id=event.id, source_event_type=event.name,
                                               occurred_at=occurred))

    def plan_event(self, event: Event) -> int:
        """Notify about a plan event (or a report issued) as :func:`~notifications.domain.notices.notices_for` says."""
        return self._dispatch(event, notices_for(event.name, event.data))

    def plan_submitted(self, event: Event) -> int:
        """The reviewer's notice (:meth:`plan_event`) and the submitter's receipt."""
        receipt = plan_submission_receipt(event.data)
        return self.plan_event(event) + self._dispatch(event, [receipt] if receipt is not None else [])

    def indicator_reported(self, event: Event) -> int:
        data = event.data
        self.projections.submission(data)
        limits = self.catalogues.thresholds(data["school"]["province_code"])
        if not limits:
            return 0
        rnd = self.rounds.get(data["round_id"])
        return self._dispatch(event, alerts(data, limits, rnd.name if rnd else data["round_id"]))

    def report_event(self, event: Event) -> int:
        """Notify about the approval of a school's indicator report."""
        rnd = self.rounds.get(event.data["round_id"])
        return self._dispatch(event, report_notices(event.name, event.data, rnd.name if rnd else "không rõ tên"))

    def round_opened(self, event: Event) -> int:
        """Keep the round, then tell its schools; an out-of-date event (the round held is newer) tells no one."""
        self.projections.round_opened(event)
        data = event.data
        held = self.rounds.get(data["round_id"])
        if held is not None and held.due_at != datetime.fromisoformat(data["due_at"]):
            log.info("round %s: a later opening is held; no notice for %s", data["round_id"], event.id)
            return 0
        return self._dispatch(event, round_opened_notices(data, self.schools.active()))

    def deadline_approaching(self, event: Event) -> int:
        data = event.data
        if self.submissions.has(data["round_id"], data["school"]["code"]):
            log.info("reminder %s: %s has submitted meanwhile; not sent", event.id, data["school"]["code"])
            return 0
        rnd = self.rounds.get(data["round_id"])
        if rnd is not None and rnd.due_at != datetime.fromisoformat(data["due_at"]):
            log.info("reminder %s: the deadline has moved since; not sent", event.id)
            return 0
        return self._dispatch(event, [reminder(data)])
