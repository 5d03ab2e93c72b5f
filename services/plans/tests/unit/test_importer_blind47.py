"""Plan importer: the reading rules the blind47 set called for (fixtures/plans_heldout/blind47, roadmaps written by
someone who never read the importer: a target's steps year by year), one test per rule, on sentences and tables
written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations


from plans.domain.importer import extract_text, parse_plan

from .importer_probes import GOAL, docx_plan, got


# ---------------------------------------------------------------------------- a column that sums the years
ROADMAP = ("Chỉ tiêu | Thực trạng 2025 | Năm 2026 | Năm 2027 | Năm 2028 | {total}\n"
           "Máy tính mới cho phòng tin học (bộ) | 12 | 30 | 40 | 50 | {sum}\n"
           "Tỷ lệ giáo viên dạy tiếng Anh đạt chuẩn (%) | 70 | 80 | 90 | 100 | -\n")


def test_a_last_column_summing_the_years_is_a_target_of_the_last_horizon():
    for total in ("Lũy kế đến 2028", "Tổng giai đoạn 2026 - 2028", "Cộng"):
        text = GOAL + "2. Lộ trình từng năm\n" + ROADMAP.format(total=total, sum="120")
        assert got(text) == [("=", 30, "bộ", 2026), ("=", 40, "bộ", 2027), ("=", 50, "bộ", 2028),
                             ("=", 120, "bộ", 2028),
                             ("=", 80, "%", 2026), ("=", 90, "%", 2027), ("=", 100, "%", 2028)], total


def test_a_total_column_naming_another_year_than_the_last_horizon_is_no_table_of_horizons():
    text = GOAL + "2. Lộ trình từng năm\n" + ROADMAP.format(total="Lũy kế đến 2030", sum="120")
    assert ("=", 120, "bộ", 2028) not in got(text)
    assert ("=", 120, "bộ", 2030) not in got(text)


def test_a_count_of_communes_is_counted_in_communes():
    text = (GOAL + "2. Lộ trình\nChỉ tiêu | Năm 2027 | Năm 2029\n"
            "Số xã, phường đạt chuẩn xóa mù chữ mức độ 2 (xã, phường) | 12 | 15\n")
    assert got(text) == [("=", 12, "xã", 2027), ("=", 15, "xã", 2029)]


# ---------------------------------------------------------------------------- a table set apart with its own title
ATTACHED = ("I. MỤC ĐÍCH, YÊU CẦU\nCụ thể hóa Nghị quyết.\n"
            "II. MỤC TIÊU\n1. Đến năm 2029, 100% trường có thư viện đạt chuẩn.\n"
            "2. Lộ trình từng năm: tại Bảng kèm theo.\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n1. Bố trí 40 tỷ đồng cho cơ sở vật chất.\n"
            "{title}\n{under}\n"
            "Chỉ tiêu | Năm 2027 | Năm 2028 | Năm 2029\n"
            "Tỷ lệ học sinh học bơi (%) | 50 | 60 | 75\n"
            "IV. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa - Xã hội báo cáo trước ngày 15/12 hằng năm.\n")


def test_a_table_of_targets_titled_as_coming_with_the_plan_is_read_between_two_sections():
    text = ATTACHED.format(title="BẢNG LỘ TRÌNH CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2027 - 2029",
                           under="(Kèm theo Kế hoạch số 88/KH-UBND ngày 05/3/2027 của UBND xã)")
    assert ("=", 60, "%", 2028) in got(text)
    assert {t for t in got(text) if t[2] == "%"} == {("=", 100, "%", 2029), ("=", 50, "%", 2027),
                                                    ("=", 60, "%", 2028), ("=", 75, "%", 2029)}


def test_a_table_among_the_tasks_without_such_a_title_is_still_no_target():
    text = ATTACHED.format(title="Bảng phân công nhiệm vụ", under="Các đơn vị thực hiện như sau:")
    assert ("=", 60, "%", 2028) not in got(text)
    text = ATTACHED.format(title="BẢNG KINH PHÍ THỰC HIỆN", under="(Kèm theo Kế hoạch số 88/KH-UBND)")
    assert ("=", 60, "%", 2028) not in got(text)


# ---------------------------------------------------------------------------- horizons as rows under a target's row
def _docx(rows: list[list[str]]) -> bytes:
    return docx_plan(("ỦY BAN NHÂN DÂN XÃ AN HÒA", "KẾ HOẠCH", "Phát triển giáo dục xã An Hòa giai đoạn 2026 - 2030",
                 "I. MỤC TIÊU", "1. Lộ trình theo cấp học"), rows)


def test_a_group_row_names_the_target_of_the_year_rows_under_it_and_the_columns_whom_it_is_for():
    data = _docx([["Năm", "Tiểu học", "THCS"],
                  ["1. Tỷ lệ học sinh được học ngoại ngữ (%)", "", ""],
                  ["Năm 2027", "70", "60"],
                  ["Năm 2029", "85", "75"],
                  ["2. Số câu lạc bộ STEM", "", ""],
                  ["Năm 2027", "2", "3"],
                  ["Năm 2029", "4", "-"]])
    plan = parse_plan(extract_text(data, "an_hoa.docx").text)
    found = [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year) for t in plan.targets]
    assert found == [("=", 70, "%", 2027), ("=", 60, "%", 2027), ("=", 85, "%", 2029), ("=", 75, "%", 2029),
                     ("=", 2, "câu lạc bộ", 2027), ("=", 3, "câu lạc bộ", 2027), ("=", 4, "câu lạc bộ", 2029)]
    assert plan.targets[0].text.startswith("Tỷ lệ học sinh được học ngoại ngữ (%) – Tiểu học")


def test_a_row_without_values_followed_by_no_year_row_heads_no_group():
    text = (GOAL + "2. Lộ trình\nNăm | Tiểu học | THCS\n"
            "Tỷ lệ học sinh học 2 buổi/ngày (%) |  | \n"
            "Trường Tiểu học số 1 | 90 | 80\n")
    assert got(text) == []


# ---------------------------------------------------------------------------- a row's unit wrapped under its cells
def test_a_rows_unit_a_pdf_wrapped_under_its_cells_gives_its_figures_their_unit():
    text = (GOAL + "2. Chỉ tiêu theo năm\nChỉ tiêu | Hiện trạng (2025) | 2027 | 2029\n"
            "Trẻ suy dinh dưỡng thể thấp còi | 6,1 | ≤ 5,5 | < 4\n(%)\n"
            "Giáo viên đạt chuẩn tiếng Anh | 5 | 8 | 12\n(người)\n")
    assert got(text) == [("<=", 5.5, "%", 2027), ("<", 4, "%", 2029), ("=", 8, "người", 2027), ("=", 12, "người", 2029)]


def test_a_bracket_on_its_own_line_after_a_sentence_is_no_rows_unit():
    text = GOAL + "- Tỷ lệ trẻ ra lớp đạt 98% vào năm 2027.\n(%)\n"
    assert got(text) == [("=", 98, "%", 2027)]


# ---------------------------------------------------------------------------- the year before the verb of the figure
def test_a_year_before_the_verb_that_brings_a_figure_there_is_its_horizon():
    text = GOAL + "- Tỷ lệ trẻ suy dinh dưỡng năm 2027 giảm còn 4 - 5%, đến năm 2030 dưới 3%.\n"
    assert got(text) == [("<=", 5, "%", 2027), ("<", 3, "%", 2030)]
    text = GOAL + "Đến năm 2030:\n- Tỷ lệ học sinh khá giỏi năm 2028 tăng lên 60%.\n"
    assert got(text) == [("=", 60, "%", 2028)]


# ---------------------------------------------------------------------------- a rank with its verb before it
def test_a_rank_placed_with_any_verb_is_a_bound_on_the_place():
    assert got(GOAL + "- Xếp tốp 5 của huyện về kết quả thi học sinh giỏi vào năm 2028.\n") == [("<=", 5, "hạng", 2028)]
    assert got(GOAL + "- Đến năm 2029 nhà trường đứng tốp 3 của tỉnh về điểm thi vào lớp 10.\n") == [("<=", 3, "hạng", 2029)]
