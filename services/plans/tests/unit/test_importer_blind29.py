"""Plan importer: the reading rules the blind29 set called for (fixtures/plans_heldout/blind29, ordinary plans from
mountain, border and ethnic-minority areas written by someone who never read the importer), one test per rule, on
sentences and tables written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, header


# ---------------------------------------------------------------------------- school levels as columns
def test_level_columns_headed_cap_each_hold_a_target_for_the_horizon_in_force():
    text = (GOAL + "2. Chỉ tiêu cụ thể đến năm 2029\n"
            "STT | Chỉ tiêu | Cấp Tiểu học | Cấp THCS | Ghi chú\n"
            "1 | Số lớp | 15 | 08 | Theo quy mô dân số\n"
            "2 | Phòng học bộ môn | 02 | 05 | \n"
            "3 | Tỷ lệ học sinh hoàn thành chương trình | 99% | ≥ 97% | Năm học 2023 - 2024: 96,1%\n")
    assert got(text) == [("=", 15, "lớp", 2029), ("=", 8, "lớp", 2029), ("=", 2, "phòng", 2029),
                         ("=", 5, "phòng", 2029), ("=", 99, "%", 2029), (">=", 97, "%", 2029)]


def test_a_level_column_may_be_headed_bac_hoc():
    text = (GOAL + "2. Chỉ tiêu đến năm 2028\n"
            "TT | Nội dung | Bậc học Mầm non | Bậc học Tiểu học\n"
            "1 | Số nhóm, lớp | 6 | 12\n")
    assert got(text) == [("=", 6, "lớp", 2028), ("=", 12, "lớp", 2028)]


def test_a_cell_holding_two_targets_apart_by_a_semicolon_gives_both():
    text = (GOAL + "2. Chỉ tiêu đến năm 2029\n"
            "TT | Chỉ tiêu | Mầm non | Tiểu học\n"
            "1 | Tỷ lệ trẻ được ăn bán trú | ≥ 60% (nhà trẻ); 95% (mẫu giáo) | ≥ 80%\n"
            "2 | Tỷ lệ giáo viên đạt chuẩn | 100% | 100%\n")
    assert got(text) == [(">=", 60, "%", 2029), (">=", 80, "%", 2029), ("=", 95, "%", 2029),
                         ("=", 100, "%", 2029), ("=", 100, "%", 2029)]


# ---------------------------------------------------------------------------- a year's label and the items after it
def test_a_year_label_holding_its_own_targets_does_not_head_the_items_after_it():
    text = (GOAL + "2. Mục tiêu cụ thể đến năm 2030\n"
            "Năm 2026: 100% giáo viên được bồi dưỡng chương trình mới.\n"
            "Năm 2027: xây dựng 03 phòng học bộ môn.\n"
            "- Tỷ lệ học sinh bỏ học dưới 0,5%.\n"
            "- Có ít nhất 02 câu lạc bộ thể thao.\n")
    assert got(text) == [("=", 100, "%", 2026), ("=", 3, "phòng", 2027), ("<", 0.5, "%", 2030),
                         (">=", 2, "câu lạc bộ", 2030)]


def test_a_bare_year_label_still_heads_the_items_under_it():
    text = (GOAL + "2. Mục tiêu cụ thể đến năm 2030\n"
            "Năm 2027:\n"
            "- Tỷ lệ học sinh bỏ học dưới 0,5%.\n")
    assert got(text) == [("<", 0.5, "%", 2027)]


def test_a_yearly_change_over_a_named_period_is_due_at_its_end():
    text = GOAL + "- Tỷ lệ học sinh bỏ học giảm bình quân 0,2% mỗi năm giai đoạn 2026 - 2029.\n"
    assert [t[3] for t in got(text)] == [2029]



def test_a_step_towards_the_target_in_a_years_cell_sets_no_figure():
    text = (GOAL + "TT | Chỉ tiêu | Năm học 2026-2027 | Đến năm 2029\n"
            "1 | Trường đạt kiểm định chất lượng | Chuẩn bị hồ sơ | Cấp độ 2\n"
            "2 | Tỷ lệ học sinh lưu ban | ≤ 1% | ≤ 0,5%\n")
    assert got(text) == [("=", 2, "mức", 2029), ("<=", 1, "%", 2027), ("<=", 0.5, "%", 2029)]


def test_a_bare_khong_where_the_row_names_what_to_keep_down_is_a_zero():
    text = (GOAL + "2. Chỉ tiêu đến năm 2029\n"
            "TT | Chỉ tiêu | Cấp Tiểu học | Cấp THCS\n"
            "1 | Học sinh vi phạm pháp luật | Không | Không\n"
            "2 | Học sinh được học tiếng dân tộc | Không | 30%\n")
    assert got(text) == [("=", 0, "", 2029), ("=", 0, "", 2029), ("=", 30, "%", 2029)]


# ---------------------------------------------------------------------------- text pasted from a PDF
def test_a_school_year_cut_inside_its_first_year_is_joined_back():
    text = (GOAL + "- Tỷ lệ học sinh lưu ban dưới 2% trong năm học 2026-2027 và dưới 1% vào năm học 20\n"
            "28-2029.\n")
    assert got(text) == [("<", 2, "%", 2027), ("<", 1, "%", 2029)]



# ---------------------------------------------------------------------------- a part on the tasks inside the goals
def test_a_numbered_part_on_the_tasks_ends_the_targets():
    text = ("I. MỤC ĐÍCH, YÊU CẦU\nThực hiện nghiêm túc.\nII. MỤC TIÊU\n1. Mục tiêu cụ thể đến năm 2029\n"
            "- 100% học sinh lớp 1 được học tiếng Việt tăng cường.\n"
            "3. Nhiệm vụ, giải pháp\n"
            "3.1. Bồi dưỡng kỹ năng số cho 100% giáo viên trong hè.\n")
    assert got(text) == [("=", 100, "%", 2029)]


# ---------------------------------------------------------------------------- header
def test_a_schools_tr_before_capitals_stays_in_the_number_symbol():
    text = ("UBND XÃ NẬM CHÀY\nTRƯỜNG PTDTBT THCS NẬM CHÀY\nSố: 27/KH-TrTHCSNC Nậm Chày, ngày 09 tháng 02 năm 2026\n"
            "KẾ HOẠCH\nThực hiện Nghị quyết số 71-NQ/TW\n")
    assert header(text, ("number_symbol", "place")) == {"number_symbol": "27/KH-TrTHCSNC", "place": "Nậm Chày"}
