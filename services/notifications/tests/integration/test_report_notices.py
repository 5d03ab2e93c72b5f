"""Notifications about the approval of schools' indicator reports: who is told, once, whatever the order."""
from __future__ import annotations

import random

import pytest

from edu71.contracts import Contracts
from edu71.orgs import School, SchoolLevel
from notifications.domain.notices import report_notices

from ..support import city_reviewer, commune_reviewer, routes, THPT_HP, TH_HP

TH_OTHER = School("TH-11560", "Trường Tiểu học Thuỷ Nguyên", SchoolLevel.TIEU_HOC, "11560", "31")
ROUND = "2f0c8a1e-71a0-4c59-9a3e-0e7100000abc"


class ReportEvents:
    def __init__(self, contracts: Contracts):
        self.contracts = contracts

    def _event(self, name, school, approval, stage, previous, by, **extra):
        data = {"submission_id": f"5a1c2d3e-71a0-4c59-9a3e-{abs(hash(school.code)) % 10**12:012d}",
                "round_id": ROUND, "school": school.as_contract(), "revision": 2, "approval": approval,
                "stage": stage, "previous_stage": previous, "by": by, "at": "2026-01-13T08:30:00.000+07:00",
                **extra}
        return self.contracts.new_event(name, data, subject=school.code, source="/edu71/indicators")

    def completed(self, school, approval=1):
        by = {"user_id": f"user-{school.code}", "name": "Nguyễn Thị Thu Hà", "role": "school", "org_unit": school.code}
        return self._event("SubmissionCompleted", school, approval, "submitted", "draft", by)

    def returned(self, school, approval=2):
        return self._event("SubmissionReturned", school, approval, "returned", "submitted", commune_reviewer(school),
                           comment="Đề nghị kiểm tra lại.",
                           value_comments={"SMART_CLASSROOMS": "Số phòng tăng từ 3 lên 300?"},
                           indicator_names={"SMART_CLASSROOMS": "Số phòng học thông minh"})

    def confirmed(self, school, approval, confirmed, expected):
        return self._event("SubmissionConfirmed", school, approval, "confirmed", "submitted",
                           commune_reviewer(school), commune_progress={"confirmed": confirmed, "expected": expected})

    def flagged(self, school, flag_id="3b9d2f4e-8a61-4c2d-b7e0-5f1a9c3d7e21"):
        return self.contracts.new_event("ValueFlagged", {
            "submission_id": "5a1c2d3e-71a0-4c59-9a3e-000000000001", "round_id": ROUND, "school": school.as_contract(),
            "flag_id": flag_id, "indicator_code": "CLASSES", "indicator_name": "Số lớp",
            "note": "Số lớp tăng nhiều, đề nghị kiểm tra.", "by": city_reviewer(school),
            "at": "2026-01-13T08:35:00.000+07:00"}, subject=school.code, source="/edu71/indicators")


@pytest.fixture(scope="module")
def report_events(contracts):
    return ReportEvents(contracts)


def test_who_is_told_about_each_step(report_events):
    [n] = report_notices("SubmissionCompleted", report_events.completed(TH_HP).data, "Sơ kết học kỳ I")
    assert (n.recipient.org_unit, n.recipient.role.value, n.kind) == ("10744", "commune", "report_awaiting_review")
    assert "Trường Tiểu học Hiến Thành đã đánh dấu hoàn thành báo cáo số liệu đợt “Sơ kết học kỳ I”" in n.body
    [n] = report_notices("SubmissionCompleted", report_events.completed(THPT_HP).data, "Sơ kết học kỳ I")
    assert (n.recipient.org_unit, n.recipient.role.value) == ("31", "city") and "Sở GD&ĐT" in n.body
    [n] = report_notices("SubmissionReturned", report_events.returned(TH_HP).data, "Sơ kết học kỳ I")
    assert (n.recipient.org_unit, n.kind) == (TH_HP.code, "report_returned")
    assert "- “Số phòng học thông minh”: Số phòng tăng từ 3 lên 300?" in n.body and "SMART_CLASSROOMS" not in n.body
    [n] = report_notices("ValueFlagged", report_events.flagged(TH_HP).data, "Sơ kết học kỳ I")
    assert (n.recipient.org_unit, n.kind) == (TH_HP.code, "value_flagged") and "“Số lớp”" in n.body
    assert report_notices("SubmissionConfirmed", report_events.confirmed(TH_HP, 3, 2, 3).data, "Đợt") == []
    [n] = report_notices("SubmissionConfirmed", report_events.confirmed(TH_HP, 3, 3, 3).data, "Đợt")
    assert (n.recipient.org_unit, n.recipient.role.value, n.kind) == ("31", "city", "commune_reports_confirmed")
    assert n.body.startswith("Phường Nguyễn Đại Năng đã xác nhận báo cáo số liệu đợt “Đợt” của cả 3 trường")


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
