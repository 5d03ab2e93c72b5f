"""Deadline reminders without I/O: which stage is due, days left in Vietnam time, who is reminded, the text."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from notifications.domain.deadlines import days_left, reminder, reminders_due, stage

from ..support import DUE, ROUND, THCS_HCM, THPT_HP, TH_2, TH_HP, VN


@pytest.mark.parametrize("at, expected", [
    (datetime(2025, 12, 31, 12, 0, tzinfo=VN), None),           # before the round opens
    (DUE - timedelta(days=7, seconds=1), None),
    (DUE - timedelta(days=7), "due_in_7_days"),
    (DUE - timedelta(days=1, seconds=1), "due_in_7_days"),
    (DUE - timedelta(days=1), "due_in_1_day"),
    (DUE - timedelta(seconds=1), "due_in_1_day"),
    (DUE, "overdue"),
    (datetime(2026, 1, 31, 23, 58, tzinfo=VN), "overdue"),
    (datetime(2026, 1, 31, 23, 59, tzinfo=VN), None),           # closed
])
def test_which_reminder_is_due(at, expected):
    assert stage(at, ROUND) == expected


def test_days_left_counts_calendar_days_in_vietnam_time():
    # 23:30 UTC on the 14th is already 06:30 on the 15th in Hà Nội: the deadline day itself.
    assert days_left(datetime(2026, 1, 14, 23, 30, tzinfo=timezone.utc), DUE) == 0
    assert days_left(datetime(2026, 1, 14, 16, 0, tzinfo=timezone.utc), DUE) == 1
    assert days_left(DUE + timedelta(days=2), DUE) == -2


def test_only_schools_of_the_rounds_province_and_levels_that_have_not_submitted():
    schools = [s.as_contract() for s in (TH_HP, TH_2, THPT_HP, THCS_HCM)]
    due = reminders_due(DUE - timedelta(hours=3), ROUND, schools, submitted={TH_2.code})
    assert [(s["code"], kind) for s, kind in due] == [(TH_HP.code, "due_in_1_day")]


def test_reminder_text_in_vietnamese_with_dd_mm_yyyy():
    notice = reminder({"round_id": "rnd-1", "round_name": ROUND.name, "school": TH_HP.as_contract(),
                       "due_at": DUE.isoformat(), "kind": "due_in_7_days", "days_left": 7})
    assert notice.title == "Nhắc hạn nộp báo cáo: Sơ kết học kỳ I năm học 2026–2027 (còn 7 ngày)"
    assert "Hạn nộp: 17:00 ngày 15/01/2026 (giờ Việt Nam), còn 7 ngày." in notice.body
    overdue = reminder({"round_id": "rnd-1", "round_name": ROUND.name, "school": TH_HP.as_contract(),
                        "due_at": DUE.isoformat(), "kind": "overdue", "days_left": -1})
    assert overdue.kind == "deadline_overdue" and overdue.title.startswith("Quá hạn nộp báo cáo")
