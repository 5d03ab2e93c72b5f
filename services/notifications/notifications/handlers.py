"""What the notifications worker does with each event it consumes: routing as data, by event name.

The same table serves the worker's consumer and any rebuild of the projections it feeds (the directory's
users and schools, catalogue thresholds, rounds, submissions, the revoked accounts). What each event causes is
said in :mod:`notifications.notices` and :mod:`notifications.projections`; every effect is keyed, so a
redelivered event changes nothing.
"""
from __future__ import annotations

from typing import Callable

from edu71.auth.revocation import RevocationProjection
from edu71.contracts import Event
from notifications.notices import Notices
from notifications.projections import Projections


def routes(notices: Notices, projections: Projections) -> dict[str, Callable[[Event], object]]:
    """Event name → handler, for the worker's spec (its topics follow from these names)."""
    return {
        "PlanSubmitted": notices.plan_submitted,
        "PlanApproved": notices.plan_event,
        "PlanReturned": notices.plan_event,
        "ReportIssued": notices.plan_event,
        "IndicatorSubmitted": notices.indicator_reported,
        "IndicatorRevised": notices.indicator_reported,
        "DeadlineApproaching": notices.deadline_approaching,
        "SubmissionCompleted": notices.report_event,
        "SubmissionReturned": notices.report_event,
        "SubmissionConfirmed": notices.report_event,
        "ValueFlagged": notices.report_event,
        "ReportingRoundOpened": notices.round_opened,
        "UserRegistered": projections.user,
        "UserChanged": projections.user,
        "SchoolRegistered": projections.school,
        "SchoolChanged": projections.school,
        "CataloguePublished": projections.catalogue,
        **RevocationProjection.in_service_database("notifications").handlers(),
    }
