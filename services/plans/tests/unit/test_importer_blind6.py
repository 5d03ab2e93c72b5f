"""Plan importer: the reading rules the blind6 set called for (fixtures/plans_heldout/blind6, thirteen plans from
thirteen provinces, written before reading the importer), one test per rule, on headers, tables and sentences written
for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer.parse import extract_targets, parse_plan


def got(text: str, **kw) -> list[tuple]:
    return [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year if t.horizon.value else None)
            for t in extract_targets(text, **kw)]


def header(text: str) -> dict:
    plan = parse_plan(text)
    return {name: (getattr(plan, name).value if getattr(plan, name) else None)
            for name in ("superior", "issuer", "number_symbol", "place", "title")}


GOAL = "II. CHỈ TIÊU\n"
BODY = "\n\nI. MỤC ĐÍCH, YÊU CẦU\nBảo đảm chất lượng.\n"


# ---------------------------------------------------------------------------- headers
@pytest.mark.parametrize("kind", ["BÁO CÁO", "PHỤ LỤC"])
def test_a_report_or_an_appendix_sent_alone_has_its_subject_as_title(kind):
    text = ("ỦY BAN NHÂN DÂN\nPHƯỜNG HÒA MINH\nSố: 41/BC-UBND      Hòa Minh, ngày 05 tháng 12 năm 2025\n\n"
            f"{kind}\nKết quả giáo dục năm 2025 và chỉ tiêu năm 2026\n\nCăn cứ Luật Giáo dục năm 2019;" + BODY)
    assert header(text) == {"superior": None, "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG HÒA MINH", "number_symbol": "41/BC-UBND",
                            "place": "Hòa Minh", "title": "Kết quả giáo dục năm 2025 và chỉ tiêu năm 2026"}


# ---------------------------------------------------------------------------- tables
@pytest.mark.parametrize("group", ["A | CƠ SỞ VẬT CHẤT", "II | Đội ngũ nhà giáo | | ", "Nhóm 1 | Chất lượng | |"])
def test_a_group_row_in_cells_of_its_own_is_passed_over_not_the_tables_end(group):
    table = ("TT | Nội dung | Năm 2027 | Năm 2030\n"
             f"{group}\n1 | Phòng học bộ môn đạt chuẩn (%) | 70 | 90\n"
             f"{group}\n2 | Giáo viên dạy STEM (%) | 50 | 80\n")
    assert got(GOAL + table) == [("=", 70, "%", 2027), ("=", 90, "%", 2030), ("=", 50, "%", 2027), ("=", 80, "%", 2030)]
