"""Notifications about the approval of schools' indicator reports: who is told, once, whatever the order."""
from __future__ import annotations

import random

import pytest

from edu71.orgs import School, SchoolLevel

from ..support import ReportEvents, TH_HP, routes

TH_OTHER = School("TH-11560", "Trường Tiểu học Thuỷ Nguyên", SchoolLevel.TIEU_HOC, "11560", "31")


@pytest.fixture(scope="module")
def report_events(contracts):
    return ReportEvents(contracts)


@pytest.mark.integration
def test_replayed_or_reordered_approval_events_never_change_the_notifications(wired, report_events):
    from notifications.adapters.documents import Notification

    events = [report_events.completed(TH_HP, 1), report_events.returned(TH_HP, 2),
              report_events.completed(TH_HP, 3), report_events.confirmed(TH_HP, 4, 2, 3),
              report_events.confirmed(TH_OTHER, 1, 3, 3), report_events.flagged(TH_HP)]
    assert sum(routes(wired)[e.name](e) for e in events) == 5

    def snapshot():
        return sorted((n.dedupe_key, n.kind, n.recipient_org_unit, n.body)
                      for n in Notification.objects(channel="in_app"))

    before = snapshot()
    assert [k for _, k, _, _ in before].count("commune_reports_confirmed") == 1
    rng = random.Random(71)
    for _ in range(2):
        shuffled = events[:]
        rng.shuffle(shuffled)
        assert sum(routes(wired)[e.name](e) for e in shuffled) == 0
    # A late confirmation counted before the commune was complete adds nothing either.
    assert routes(wired)["SubmissionConfirmed"](report_events.confirmed(TH_HP, 5, 1, 3)) == 0
    assert snapshot() == before
