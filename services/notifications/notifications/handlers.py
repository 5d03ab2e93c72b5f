"""What the notifications worker does with each event it consumes (routing as data: :meth:`mapping`).

- Plan events and ReportIssued → notices (:mod:`notifications.domain.notices`), dispatched on every
  channel; a plan's submission also gives its submitter a receipt.
- Directory, catalogue and round events → the service's projections (:mod:`notifications.projections`).
- IndicatorSubmitted/IndicatorRevised → the submission is recorded, and values beyond a threshold
  alert the commune and the city once per (round, school, indicator).
- Approval of indicator reports (SubmissionCompleted/Returned/Confirmed, ValueFlagged) → notices
  (:func:`notifications.domain.notices.report_notices`), keyed by report and action so replays repeat nothing.
- ReportingRoundOpened → the round's projection, then a notice to every school of its levels
  (:func:`notifications.domain.notices.round_opened`) unless a later event of the round is held.
- DeadlineApproaching (from this service's scheduler) → the school's reminder, unless it has
  submitted meanwhile or the deadline has moved since.

Every effect is keyed so that a redelivered event changes nothing (see :mod:`notifications.dispatch`).
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from edu71.contracts import Contracts, Event
from notifications import projections
from notifications.adapters.documents import Catalogue, DirectorySchool, KnownRound, RoundSubmission
from notifications.config import DeliverySettings
from notifications.deliveries import DeliveryQueue
from notifications.dispatch import Dispatcher
from notifications.domain.alerts import alerts
from notifications.domain.deadlines import reminder
from notifications.domain.notices import Notice, notices_for, plan_submission_receipt, report_notices
from notifications.domain.notices import round_opened as round_opened_notices

log = logging.getLogger(__name__)


class NotificationHandlers:
    def __init__(self, contracts: Contracts, dispatcher: Dispatcher | None = None):
        self.contracts = contracts
        self.dispatcher = dispatcher or Dispatcher(contracts, DeliveryQueue(contracts, DeliverySettings(), {}))

    def mapping(self) -> dict:
        """Event name → handler, for the worker's spec (its topics follow from these names)."""
        notify = self.handle
        return {
            "PlanSubmitted": self.plan_submitted,
            "PlanApproved": notify,
            "PlanReturned": notify,
            "ReportIssued": notify,
            "IndicatorSubmitted": self.indicator_reported,
            "IndicatorRevised": self.indicator_reported,
            "DeadlineApproaching": self.deadline_approaching,
            "SubmissionCompleted": self.report_event,
            "SubmissionReturned": self.report_event,
            "SubmissionConfirmed": self.report_event,
            "ValueFlagged": self.report_event,
            "UserRegistered": projections.user,
            "UserChanged": projections.user,
            "SchoolRegistered": DirectorySchool.keep,
            "SchoolChanged": DirectorySchool.keep,
            "CataloguePublished": projections.catalogue,
            "ReportingRoundOpened": self.round_opened,
        }

    def _dispatch(self, event: Event, notices: list[Notice]) -> int:
        occurred = datetime.fromisoformat(event.time).astimezone(timezone.utc)
        return sum(1 for notice in notices
                   if self.dispatcher.dispatch(notice, source_event_id=event.id, source_event_type=event.name,
                                               occurred_at=occurred))

    def handle(self, event: Event) -> int:
        """Notify about a plan event; return how many in-app notifications were new."""
        return self._dispatch(event, notices_for(event.name, event.data))

    def plan_submitted(self, event: Event) -> int:
        """The reviewer's notice (:meth:`handle`) and the submitter's receipt."""
        receipt = plan_submission_receipt(event.data)
        return self.handle(event) + self._dispatch(event, [receipt] if receipt is not None else [])

    def indicator_reported(self, event: Event) -> int:
        data = event.data
        projections.submission(data)
        catalogue = Catalogue.objects(id=data["school"]["province_code"]).first()
        if catalogue is None or not catalogue.thresholds:
            return 0
        rnd = KnownRound.objects(id=data["round_id"]).first()
        return self._dispatch(event, alerts(data, catalogue.thresholds, rnd.name if rnd else data["round_id"]))

    def report_event(self, event: Event) -> int:
        """Notify about the approval of a school's indicator report; return how many notifications were new."""
        rnd = KnownRound.objects(id=event.data["round_id"]).first()
        return self._dispatch(event, report_notices(event.name, event.data, rnd.name if rnd else "không rõ tên"))

    def round_opened(self, event: Event) -> int:
        """Keep the round, then tell its schools; an out-of-date event (the round held is newer) tells no one."""
        projections.round_opened(event)
        data = event.data
        held = KnownRound.objects(id=data["round_id"]).first()
        if held is not None and held.due_at != datetime.fromisoformat(data["due_at"]):
            log.info("round %s: a later opening is held; no notice for %s", data["round_id"], event.id)
            return 0
        schools = [s.as_contract() for s in DirectorySchool.objects(active=True)]
        return self._dispatch(event, round_opened_notices(data, schools))

    def deadline_approaching(self, event: Event) -> int:
        data = event.data
        if RoundSubmission.objects(id=f"{data['round_id']}:{data['school']['code']}").first() is not None:
            log.info("reminder %s: %s has submitted meanwhile; not sent", event.id, data["school"]["code"])
            return 0
        rnd = KnownRound.objects(id=data["round_id"]).first()
        if rnd is not None and rnd.due_at != datetime.fromisoformat(data["due_at"]):
            log.info("reminder %s: the deadline has moved since; not sent", event.id)
            return 0
        return self._dispatch(event, [reminder(data)])
