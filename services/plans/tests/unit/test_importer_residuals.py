"""Plan importer: the reading rules the largest misses left on the held-out sets called for (issue 13), one test per
rule, on sentences and tables written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.pdf_tables import headed

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- "trên" that points back
def test_the_targets_above_give_the_items_under_them_no_bound():
    text = (GOAL + "1. Đến năm 2029\n"
            "Chỉ tiêu | Năm 2027 | Năm 2029\n"
            "Tỷ lệ trẻ học 2 buổi/ngày | 90% | 95%\n"
            "Bên cạnh các chỉ tiêu nêu trên:\n"
            "- 100% trẻ 5 tuổi được làm quen với tiếng Anh.\n")
    assert got(text)[-1] == ("=", 100, "%", 2029)


def test_a_lead_in_that_gives_the_figures_with_trên_still_bounds_the_items():
    text = (GOAL + "1. Đến năm 2029, tỷ lệ học sinh hoàn thành chương trình đạt trên:\n"
            "- Lớp 1: 97%;\n- Lớp 5: 99%.\n")
    assert got(text) == [(">", 97, "%", 2029), (">", 99, "%", 2029)]


# ---------------------------------------------------------------------------- an exam named by its year
def test_an_exam_named_by_its_year_is_when_its_marks_are_due():
    text = (GOAL + "1. Đến năm 2030\n"
            "- Điểm bình quân các môn thi vào lớp 10 năm 2028 của trường đạt từ 6,5 điểm trở lên.\n"
            "- 100% học sinh lớp 9 được tư vấn hướng nghiệp.\n")
    assert got(text) == [(">=", 6.5, "điểm", 2028), ("=", 100, "%", 2030)]


def test_the_exam_a_change_is_measured_from_sets_no_horizon():
    text = (GOAL + "1. Đến năm 2030\n"
            "- Điểm trung bình môn Toán thi tốt nghiệp tăng 0,5 điểm so với kỳ thi năm 2025.\n")
    assert [t[3] for t in got(text)] in ([], [2030])


# ---------------------------------------------------------------------------- a share and the bar each one clears
def test_the_mark_each_pupil_of_a_share_must_reach_is_no_target_of_its_own():
    text = (GOAL + "1. Đến năm 2028\n"
            "- Điểm trung bình thi vào lớp 10 môn Ngữ văn không thấp hơn 6,0 điểm; 95% học sinh dự thi đạt từ 4,0 "
            "điểm trở lên.\n")
    assert got(text) == [(">=", 6, "điểm", 2028), ("=", 95, "%", 2028)]


# ---------------------------------------------------------------------------- what a count written with its noun counts
def test_people_counted_in_a_teachers_row_keep_the_noun_written_with_them():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "Giáo viên đạt chứng chỉ tin học nâng cao | 4 người | 9 người\n"
            "Lao động được đào tạo nghề | 120 người | 200 người\n")
    assert got(text) == [("=", 4, "người", 2027), ("=", 9, "người", 2030),
                         ("=", 120, "người", 2027), ("=", 200, "người", 2030)]


def test_a_festival_or_contest_counted_in_prose_is_counted_by_its_own_noun():
    text = (GOAL + "1. Năm học 2027 - 2028\n"
                   "- Tổ chức 01 Hội thi giáo viên dạy giỏi cấp trường và 02 hội trại truyền thống.\n")
    assert got(text) == [("=", 1, "hội thi", 2028), ("=", 2, "hội trại", 2028)]


# ---------------------------------------------------------------------------- a table whose rows are the things counted
def test_the_label_columns_heading_names_what_the_rows_whole_numbers_count():
    text = (GOAL + "Lộ trình thành lập các đội văn nghệ, thể thao:\n"
            "Câu lạc bộ | Năm 2027 | Năm 2029 | Ghi chú\n"
            "Cờ vua, cờ tướng | 1 | 2 | Phòng thư viện\n"
            "Múa dân gian | 1 | 1 | \n")
    assert got(text) == [("=", 1, "câu lạc bộ", 2027), ("=", 2, "câu lạc bộ", 2029),
                         ("=", 1, "câu lạc bộ", 2027), ("=", 1, "câu lạc bộ", 2029)]


def test_a_label_column_that_names_whom_the_figures_are_set_for_counts_nothing():
    text = (GOAL + "Giáo viên | Năm 2027 | Năm 2029\n"
            "Tổ Toán - Tin | 3 | 4\n"
            "Tổ Ngữ văn | 2 | 3\n")
    assert not any(t[2] == "giáo viên" for t in got(text))


def test_a_rows_note_that_only_bounds_its_figures_gives_them_their_comparator():
    text = (GOAL + "Chỉ tiêu đến năm 2029 | Tiểu học | THCS | Ghi chú\n"
            "Máy tính cho học sinh (máy) | 20 | 35 | Tối thiểu mỗi trường\n"
            "Học sinh học 2 buổi/ngày (%) | 100 | 70 | Tối thiểu hai môn\n")
    assert got(text) == [(">=", 20, "máy", 2029), (">=", 35, "máy", 2029), ("=", 100, "%", 2029), ("=", 70, "%", 2029)]


# ---------------------------------------------------------------------------- cells that say more than a figure
def test_a_cell_that_names_whom_its_figure_counts_keeps_the_figure():
    text = (GOAL + "Chỉ tiêu đến năm 2029 | Mầm non | Tiểu học\n"
            "Tỷ lệ trẻ em, học sinh đi học đúng độ tuổi (%) | Trẻ 4 - 5 tuổi: 97 | ≥ 99\n"
            "Tỷ lệ được học bơi (%) | Mẫu giáo ≥ 40 | 80\n")
    assert got(text) == [("=", 97, "%", 2029), (">=", 99, "%", 2029), (">=", 40, "%", 2029), ("=", 80, "%", 2029)]


def test_a_cell_that_keeps_a_standard_in_words_leaves_the_rows_levels_read():
    text = (GOAL + "Chỉ tiêu đến năm 2029 | Mầm non | Tiểu học | THCS\n"
            "Tỷ lệ trẻ em, học sinh đi học (%) | 99 | 100 | 98\n"
            "Phổ cập giáo dục (mức độ) | Đạt chuẩn phổ cập giáo dục trẻ em 5 tuổi | Mức độ 2 | Mức độ 3\n"
            "Tỷ lệ bỏ học (%) | - | 0 | 1\n")
    assert ("=", 2, "mức", 2029) in got(text) and ("=", 3, "mức", 2029) in got(text)


def test_no_drop_outs_among_the_pupils_of_a_level_is_the_drop_out_rate_kept_at_zero():
    text = GOAL + "- Năm 2028: không có học sinh trung học cơ sở bỏ học.\n"
    assert got(text) == [("=", 0, "%", 2028)]


# ---------------------------------------------------------------------------- time spent
PLAN_WITH_TASKS = ("I. MỤC ĐÍCH, YÊU CẦU\n- Nâng cao thể lực học sinh.\nII. MỤC TIÊU\n1. Đến năm 2029\n{goal}\n"
                   "III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. {task}\nIV. TỔ CHỨC THỰC HIỆN\n- Hiệu trưởng chỉ đạo chung.\n")


def test_a_target_on_the_time_spent_is_its_bounded_hours():
    text = PLAN_WITH_TASKS.format(goal="- Thời gian đọc sách tại thư viện của mỗi học sinh tối thiểu 2 giờ/tuần.",
                                  task="Bố trí giáo viên phụ trách thư viện.")
    assert got(text) == [(">=", 2, "giờ/tuần", 2029)]


def test_time_spent_among_the_means_or_a_routine_without_it_is_no_target():
    text = PLAN_WITH_TASKS.format(goal="- Mỗi giáo viên dự ít nhất 18 tiết/năm học; 100% học sinh biết bơi.",
                                  task="Tăng thời gian đọc sách của học sinh lên ít nhất 45 phút/ngày.")
    assert got(text) == [("=", 100, "%", 2029)]


# ---------------------------------------------------------------------------- a share restated as a count
def test_a_count_in_brackets_after_a_share_and_its_long_noun_restates_the_share():
    text = GOAL + ("- Đến năm 2029 tuyển dụng đủ 100% số giáo viên tin học còn thiếu theo định mức "
                   "(1.250 giáo viên, ưu tiên vùng khó khăn).\n")
    assert got(text) == [("=", 100, "%", 2029)]


# ---------------------------------------------------------------------------- a PDF table's rows
def test_a_row_of_small_whole_numbers_under_rows_of_values_is_no_numbering_of_the_columns():
    rows = [["Chỉ tiêu", "Mầm non", "Tiểu học", "THCS"], ["Tỷ lệ giáo viên dạy STEM (%)", "60", "80", "85"],
            ["Phòng học ngoại ngữ (phòng)", "1", "2", "3"]]
    assert headed(rows) == rows
    assert headed([["Chỉ tiêu", "Mầm non", "Tiểu học"], ["", "(1)", "(2)"], ["Tỷ lệ (%)", "90", "85"]]) \
        == [["Chỉ tiêu", "Mầm non", "Tiểu học"], ["Tỷ lệ (%)", "90", "85"]]
