"""Plan importer: the reading rules the blind9 set called for (fixtures/plans_heldout/blind9, written by someone who
never read the importer; its first-sight figures in the commit that added it), one test per rule, on tables written
for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import io

from plans.domain.importer import extract_text

from .importer_probes import GOAL, got

NEXT = "III. GIẢI PHÁP\nTăng cường kiểm tra.\n"


def test_a_roadmap_column_after_the_horizons_holds_no_target():
    text = GOAL + ("STT | Nội dung | Năm 2027 | Năm 2030 | Lộ trình\n"
                   "1 | Tỷ lệ trẻ 5 tuổi học 2 buổi/ngày (%) | 96 | ≥ 99 | tăng 1% mỗi năm\n"
                   "2 | Số phòng học có máy chiếu | 12 phòng | 18 phòng | thêm 2 phòng/năm\n") + NEXT
    assert got(text, plan_year=2026) == [("=", 96.0, "%", 2027), (">=", 99.0, "%", 2030),
                                         ("=", 12.0, "phòng", 2027), ("=", 18.0, "phòng", 2030)]


def _two_row_heading_docx(years_over: str, under: tuple[str, str]) -> bytes:
    """A Word table whose heading spans two rows: "STT", "Nội dung" and "Năm 2027" merged down both, ``years_over``
    merged across the two columns named ``under``."""
    import docx

    document = docx.Document()
    document.add_paragraph("II. MỤC TIÊU")
    table = document.add_table(rows=4, cols=5)
    for col, text in enumerate(("STT", "Nội dung", "Năm 2027")):
        cell = table.cell(0, col).merge(table.cell(1, col))
        cell.text = text
    table.cell(0, 3).merge(table.cell(0, 4)).text = years_over
    table.cell(1, 3).text, table.cell(1, 4).text = under
    for row, cells in ((2, ("1", "Tỷ lệ học sinh khuyết tật học hòa nhập", "85%", "≥ 95%", "mỗi năm tăng 2%")),
                       (3, ("2", "Số phòng học bộ môn", "06 phòng", "10 phòng", "xây thêm 01 phòng/năm"))):
        for col, text in enumerate(cells):
            table.cell(row, col).text = text
    document.add_paragraph("III. GIẢI PHÁP")
    document.add_paragraph("Tăng cường kiểm tra.")
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def test_a_year_merged_across_its_target_and_its_roadmap_columns_gives_the_target_column_its_horizon():
    text = extract_text(_two_row_heading_docx("Giai đoạn đến năm 2030", ("Mục tiêu", "Lộ trình")), "kh.docx").text
    assert "STT | Nội dung | Năm 2027 | Giai đoạn đến năm 2030 | Lộ trình" in text.split("\n")
    assert got(text, plan_year=2026) == [("=", 85.0, "%", 2027), (">=", 95.0, "%", 2030),
                                         ("=", 6.0, "phòng", 2027), ("=", 10.0, "phòng", 2030)]


def test_a_year_merged_across_other_columns_is_read_row_by_row():
    text = extract_text(_two_row_heading_docx("Năm 2030", ("Tiểu học", "THCS")), "kh.docx").text
    assert "STT | Nội dung | Năm 2027 | Năm 2030" in text.split("\n")
    assert "STT | Nội dung | Năm 2027 | Tiểu học | THCS" in text.split("\n")


def test_level_columns_under_a_merged_cap_hoc_take_the_horizon_of_the_tables_caption():
    text = GOAL + ("Bảng 3. Chỉ tiêu năm học 2027 - 2028\n"
                   "STT | Nội dung | Cấp học\n"
                   "STT | Nội dung | Mầm non | Tiểu học | THCS\n"
                   "1 | Trẻ em, học sinh được khám sức khỏe định kỳ (%) | 100 | 98 | ≥ 95\n"
                   "2 | Học sinh biết bơi (%) | – | 60 | 70\n") + NEXT
    assert got(text, plan_year=2026) == [("=", 100.0, "%", 2028), ("=", 98.0, "%", 2028), (">=", 95.0, "%", 2028),
                                         ("=", 60.0, "%", 2028), ("=", 70.0, "%", 2028)]


def test_level_columns_named_in_the_heading_row_itself_take_the_horizon_in_force():
    text = GOAL + ("Chỉ tiêu đến năm 2030:\n"
                   "TT | Chỉ tiêu | Tiểu học | THCS | THPT\n"
                   "1 | Học sinh tham gia câu lạc bộ thể thao (%) | 50 | 60 | 70\n") + NEXT
    assert got(text, plan_year=2026) == [("=", 50.0, "%", 2030), ("=", 60.0, "%", 2030), ("=", 70.0, "%", 2030)]
