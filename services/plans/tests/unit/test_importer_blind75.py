"""Plan importer: the reading rules the blind75–77 sets called for (fixtures/plans_heldout/blind75 … blind77,
ordinary school-year plans written by someone who never read the importer), one test per rule, on documents and
sentences written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer import extract_text
from plans.domain.importer.pdf_tables import Fragment, table_lines

from .importer_probes import GOAL, got


def _pieces(lines: list[tuple[float, list[tuple[float, str]]]]) -> list[Fragment]:
    return [Fragment(x, x + 5.0 * len(text), y, text, 3.0, 10.0) for y, cells in lines for x, text in cells]

# ---------------------------------------------------------------------------- a part carrying out the Resolution
SCHOOL_YEAR = (GOAL + "1. Chỉ tiêu năm học 2026 - 2027\n- Tỷ lệ học sinh lên lớp đạt 98%.\n"
               "2. {part}\n- Trường đạt chuẩn quốc gia mức độ 2; sĩ số không quá 35 học sinh/lớp.\n")


def test_a_part_carrying_out_the_resolution_to_its_horizon_sets_that_year_for_its_items():
    for part in ("Thực hiện Nghị quyết số 71-NQ/TW, phấn đấu đến năm 2030", "Triển khai Nghị quyết 71 đến năm 2030"):
        targets = got(SCHOOL_YEAR.format(part=part), plan_year=2026, plan_month=9)
        assert ("=", 98, "%", 2027) in targets
        assert ("=", 2, "mức", 2030) in targets and ("<=", 35, "học sinh/lớp", 2030) in targets


def test_a_part_carrying_out_the_resolution_naming_no_year_leaves_the_items_the_plans_year():
    targets = got(SCHOOL_YEAR.format(part="Thực hiện Nghị quyết số 71-NQ/TW"), plan_year=2026, plan_month=9)
    assert not any(t[3] == 2030 for t in targets)


# ---------------------------------------------------------------------------- a part's heading between two PDF tables
def test_a_parts_heading_and_its_first_item_between_two_tables_end_the_first_table():
    page = _pieces([(400.0, [(85.0, "Cấp học"), (190.0, "Số trường"), (300.0, "Số lớp"), (410.0, "Số học sinh")]),
                    (385.0, [(85.0, "Mầm non"), (190.0, "4"), (300.0, "61"), (410.0, "1.874")]),
                    (370.0, [(85.0, "Tiểu học"), (190.0, "3"), (300.0, "88"), (410.0, "2.930")]),
                    (355.0, [(85.0, "IV. CHỈ TIÊU")]),
                    (340.0, [(85.0, "1. Quy mô lớp")]),
                    (325.0, [(85.0, "Cấp học"), (190.0, "Hiện nay"), (300.0, "Năm 2027"), (410.0, "Năm 2030")]),
                    (310.0, [(85.0, "Mầm non"), (190.0, "34"), (300.0, "32"), (410.0, "30")]),
                    (295.0, [(85.0, "Tiểu học"), (190.0, "41"), (300.0, "40"), (410.0, "35")])])
    tables = [rows for _, rows in table_lines(page)]
    assert tables[0] == ["Cấp học | Số trường | Số lớp | Số học sinh", "Mầm non | 4 | 61 | 1.874", "Tiểu học | 3 | 88 | 2.930"]
    assert tables[1][0] == "Cấp học | Hiện nay | Năm 2027 | Năm 2030" and len(tables) == 2
    # (a group row wrapped in the first column is still one row: "A. Chuyển" / "đổi số")
    wrapped = _pieces([(400.0, [(85.0, "Nội dung"), (190.0, "Năm 2027"), (300.0, "Năm 2030")]),
                       (385.0, [(85.0, "A. Chuyển")]), (375.0, [(85.0, "đổi số")]),
                       (360.0, [(85.0, "Học bạ số (%)"), (190.0, "90"), (300.0, "100")])])
    assert table_lines(wrapped)[0][1][1] == "A. Chuyển đổi số |  | "


# ---------------------------------------------------------------------------- a table by level, each column its year
def test_rows_by_level_are_read_under_columns_each_naming_its_year_with_no_year_above():
    table = (GOAL + "1. Quy mô lớp học\nCấp học | Bình quân năm học 2025-2026 | Tối đa năm học 2026-2027 (học sinh/lớp)"
             " | Tối đa năm 2030 (học sinh/lớp)\nTiểu học | 41 | 40 | 35\nTHCS | 46 | 45 | 40\n")
    targets = got(table, plan_year=2026, plan_month=9)
    assert ("<=", 40, "học sinh/lớp", 2027) in targets and ("<=", 35, "học sinh/lớp", 2030) in targets
    assert ("<=", 45, "học sinh/lớp", 2027) in targets and ("<=", 40, "học sinh/lớp", 2030) in targets
    assert not any(t[1] in (41, 46) for t in targets)   # the school year over: its figures, a baseline
    # (a column naming no year leaves such a table to the heading's year, which it has none of here)
    assert got(table.replace("Tối đa năm 2030", "Tối đa"), plan_year=2026, plan_month=9) == []


# ---------------------------------------------------------------------------- a table's columns named in its heading
def test_columns_a_heading_names_in_its_bracket_head_the_rows_typed_under_it():
    doc = ("II. MỤC TIÊU\n1. Giai đoạn 2026 - 2030 (nội dung | kết quả năm học 2025-2026 | năm 2030)\n"
           "Trẻ 5 tuổi học 2 buổi/ngày | 88% | 100%\nPhòng học tiếng Anh | 2 phòng | 5 phòng\n")
    text = extract_text(doc.encode(), "plan.txt").text
    assert "1. Giai đoạn 2026 - 2030\nnội dung | kết quả năm học 2025-2026 | năm 2030\n" in text
    targets = got(text, plan_year=2026, plan_month=9)
    assert ("=", 100, "%", 2030) in targets and ("=", 5, "phòng", 2030) in targets
    assert not any(t[1] in (88, 2) for t in targets)   # the school year over: its results
    # (a bracket with no rows of as many cells under it is the heading's own words)
    prose = "2. Chất lượng (mầm non | tiểu học | THCS)\n- Tỷ lệ học sinh lên lớp đạt 98%.\n"
    assert extract_text(prose.encode(), "plan.txt").text.startswith("2. Chất lượng (mầm non | tiểu học | THCS)\n")
