"""A small Hải Phòng history for the official-report tests: rows as the handlers store them, from real events."""
from __future__ import annotations

from reports.handlers import HANDLERS

from .support import HP_WARD, HP_WARD_2, SCHOOLS, plan_target, ratio

THCS, TH, THCS2 = SCHOOLS["thcs_hp"], SCHOOLS["th_hp"], SCHOOLS["thcs_hp2"]
CODES = ["DROPOUT", "TEACHERS_QUALIFIED"]
__all__ = ["HP_WARD", "HP_WARD_2", "THCS", "TH", "THCS2", "CODES", "scenario_events", "rows_of"]


def scenario_events(events, round_id: str) -> list:
    """A baseline round of 2024–2025 and the current round, three schools in two wards, plans, values."""
    base = f"{round_id}-base"
    teachers_all = {**plan_target("TEACHERS_QUALIFIED", ">=", 100), "text": "100 % giáo viên đạt chuẩn"}
    return [
        events.catalogue(), events.school(THCS), events.school(TH), events.school(THCS2),
        events.round_opened(base, indicator_codes=CODES, name="Tổng kết năm học 2024–2025",
                            due_at="2025-06-15T17:00:00+07:00"),
        events.round_opened(round_id, indicator_codes=CODES),
        events.plan("PlanSubmitted", TH), events.plan("PlanApproved", TH, targets=[teachers_all]),
        events.plan("PlanSubmitted", THCS),
        events.values(THCS, 1, [ratio("DROPOUT", 8, 400), ratio("TEACHERS_QUALIFIED", 25, 30)], round_id=base),
        events.values(TH, 1, [ratio("DROPOUT", 3, 300), ratio("TEACHERS_QUALIFIED", 18, 25)], round_id=base),
        events.values(THCS2, 1, [ratio("DROPOUT", 5, 500), ratio("TEACHERS_QUALIFIED", 36, 40)], round_id=base),
        events.values(THCS, 1, [ratio("DROPOUT", 4, 400), ratio("TEACHERS_QUALIFIED", 27, 30)], round_id=round_id),
        events.values(TH, 1, [ratio("DROPOUT", 0, 300), ratio("TEACHERS_QUALIFIED", 20, 25)], round_id=round_id,
                      late=True),
    ]


def rows_of(event) -> list[tuple[str, dict]]:
    """(collection, row) the handlers store for ``event``."""
    return [(source.collection, row) for source, _, row in HANDLERS[event.name](event)]
