"""A school's values against its own plan's targets."""
from __future__ import annotations

from portal.domain.progress import against_plan

TARGETS = [
    {"indicator_code": "TEACHERS_QUALIFIED", "text": "99% giáo viên đạt chuẩn", "comparator": ">=", "value": 99,
     "unit": "%", "horizon": "2026-12-31"},
    {"indicator_code": "DROPOUT", "text": "Bỏ học không quá 0,5%", "comparator": "<=", "value": 0.5, "unit": "%",
     "horizon": "2026-12-31"},
    {"indicator_code": "CLASSES", "text": "38 lớp", "comparator": "=", "value": 38, "unit": "lớp",
     "horizon": "2026-12-31"},
    {"indicator_code": None, "text": "Không gắn chỉ tiêu", "comparator": ">=", "value": 1, "unit": "",
     "horizon": "2030-12-31"},
    {"indicator_code": "SMART_CLASSROOMS", "text": "Ít nhất 1 phòng", "comparator": ">=", "value": 1, "unit": "phòng",
     "horizon": "2030-12-31"},
]


def test_reported_values_are_compared_in_the_targets_terms():
    values = [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
              {"indicator_code": "DROPOUT", "numerator": 3, "denominator": 1250},
              {"indicator_code": "CLASSES", "value": 38},
              {"indicator_code": "PCGD_LEVEL", "level": 3}]
    rows = against_plan(values, TARGETS)
    assert [(r["indicator_code"], r["actual"], r["target"], r["met"]) for r in rows] == [
        ("TEACHERS_QUALIFIED", "95,7 %", "≥ 99 %", False),
        ("DROPOUT", "0,2 %", "≤ 0,5 %", True),
        ("CLASSES", "38 lớp", "= 38 lớp", True),
    ]
    assert rows[0]["horizon"] == "31/12/2026"


def test_an_empty_denominator_has_no_verdict():
    rows = against_plan([{"indicator_code": "DROPOUT", "numerator": 0, "denominator": 0}], TARGETS)
    assert rows[0]["actual"] == "–" and rows[0]["met"] is None
