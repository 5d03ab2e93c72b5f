"""Who is told about each step of the approval of a school's indicator report, without I/O."""
from __future__ import annotations

import pytest

from notifications.domain.notices import report_notices

from ..support import ReportEvents, THPT_HP, TH_HP


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
