"""Plan importer: the reading rules the blind44 set called for (fixtures/plans_heldout/blind44: reports, results first
and next year's targets last, written by someone who never read the importer), one test per rule, on sentences and
tables written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, header

REPORT = "I. KẾT QUẢ NĂM HỌC 2025 - 2026\n"


# ---------------------------------------------------------------------------- a report's table: results, then targets
SCHOOL_YEARS = ("STT | Nội dung | Năm học 2024-2025 | Năm học 2025-2026 | Chỉ tiêu năm học 2026-2027\n"
                "1 | Trẻ suy dinh dưỡng (%) | 3,1 | 2,6 | ≤ 2\n"
                "2 | Trẻ được học tiếng Anh làm quen (%) | 20 | 35 | 50\n")


def test_a_school_year_column_over_when_the_report_was_written_is_a_result():
    # written in November, after the school year 2025 - 2026 ended in May: only the next school year's column sets
    assert got(REPORT + SCHOOL_YEARS, plan_year=2026, plan_month=11) == [("<=", 2, "%", 2027), ("=", 50, "%", 2027)]


def test_a_school_year_column_still_under_way_is_a_horizon():
    assert got(GOAL + SCHOOL_YEARS, plan_year=2026, plan_month=3) == [
        ("=", 2.6, "%", 2026), ("<=", 2, "%", 2027), ("=", 35, "%", 2026), ("=", 50, "%", 2027)]


def test_last_years_plan_beside_its_results_is_no_horizon():
    text = (REPORT + "TT | Chỉ tiêu | Đơn vị | Kế hoạch năm 2025 | Thực hiện năm 2025 | Chỉ tiêu năm 2026\n"
            "1 | Lớp học có máy chiếu | % | 70 | 72,5 | 85\n"
            "2 | Nhà vệ sinh đạt chuẩn | công trình | 4 | 3 | 6\n")
    assert got(text, plan_year=2025, plan_month=12) == [("=", 85, "%", 2026), ("=", 6, "công trình", 2026)]


# ---------------------------------------------------------------------------- a group row names its rows' unit
def test_a_group_rows_unit_in_brackets_is_that_of_the_rows_under_it():
    text = (GOAL + "TT | Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "A. Cơ sở vật chất (phòng) |  |  | \n"
            "1 | Phòng học bộ môn | 6 | 9\n"
            "B. Sức khỏe học sinh (%) |  |  | \n"
            "2 | Học sinh được khám sức khỏe định kỳ | 98,5 | 100\n"
            "3 | Học sinh thừa cân, béo phì | Dưới 8 | Dưới 6\n")
    assert got(text, plan_year=2026) == [("=", 6, "phòng", 2027), ("=", 9, "phòng", 2030),
                                         ("=", 98.5, "%", 2027), ("=", 100, "%", 2030),
                                         ("<", 8, "%", 2027), ("<", 6, "%", 2030)]


# ---------------------------------------------------------------------------- the way ahead after the results
def test_a_pledge_in_a_reports_way_ahead_sets_targets_its_tasks_do_not():
    text = (REPORT + "Trường hoàn thành các nhiệm vụ năm học.\n"
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2026 - 2027\n"
            "1. Năm học tới, nhà trường phấn đấu: tỷ lệ học sinh đạt điểm giỏi môn Toán trên 30%; có ít nhất 08 giải "
            "Hội khỏe Phù Đổng cấp tỉnh.\n"
            "2. Tổ chức 04 chuyên đề cấp cụm; thăm lớp 12 tiết mỗi giáo viên.\n")
    assert got(text, plan_year=2026, plan_month=10) == [(">", 30, "%", None), (">=", 8, "giải", None)]


def test_a_line_opening_on_a_period_sets_targets_due_at_its_end():
    text = (REPORT + "Trường hoàn thành các nhiệm vụ năm học.\n"
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027\n"
            "- Giai đoạn 2026 - 2029, bồi dưỡng ít nhất 40 giáo viên cốt cán; 100% tổ chuyên môn sinh hoạt theo nghiên cứu "
            "bài học.\n")
    assert got(text, plan_year=2026) == [(">=", 40, "giáo viên", 2029), ("=", 100, "%", 2029)]


# ---------------------------------------------------------------------------- another's target, quoted
def test_a_national_figure_quoted_before_the_plans_own_is_not_a_target():
    text = (GOAL + "Đến năm 2030: Chính phủ đặt mục tiêu toàn quốc có ít nhất 90% trẻ mẫu giáo học 2 buổi/ngày; "
            "huyện phấn đấu đạt 95%.\n")
    assert got(text, plan_year=2026) == [("=", 95, "%", 2030)]


def test_a_figure_within_the_school_year_ahead_is_a_target_one_within_a_year_over_is_not():
    text = (REPORT + "Trường hoàn thành các nhiệm vụ năm học.\n"
            "II. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI\n"
            "1. Thư viện: trong năm học 2026 - 2027 hơn 60% học sinh mượn sách ở thư viện thân thiện.\n"
            "2. Bơi lội: trong năm học 2025 - 2026 đã có 40% học sinh biết bơi.\n"
            "3. Trong năm học 2026 - 2027, tổ chức 05 buổi ngoại khóa.\n")
    assert got(text, plan_year=2026, plan_month=10) == [(">", 60, "%", 2027)]


# ---------------------------------------------------------------------------- whose clause a year belongs to
def test_a_year_after_a_comma_opening_a_clause_with_its_own_figure_is_not_the_first_figures():
    text = (GOAL + "1. Chỉ tiêu năm học 2026 - 2027\n"
            "- Tỷ lệ trẻ được tiêm chủng đầy đủ đạt 97%, phấn đấu đến năm 2030 đạt 99%.\n")
    assert got(text, plan_year=2026) == [("=", 97, "%", 2027), ("=", 99, "%", 2030)]


def test_a_year_that_closes_a_figures_clause_before_the_next_is_still_its_own():
    text = (GOAL + "1. Chỉ tiêu năm học 2026 - 2027\n"
            "- 60% tổ trưởng, giáo viên cốt cán có chứng chỉ tin học nâng cao vào năm 2028 và 90% vào năm 2030.\n"
            "- Học sinh khối 6, khối 7 học tiếng Anh tăng cường đạt 40% ngay từ năm học 2026 - 2027.\n")
    assert got(text, plan_year=2026) == [("=", 60, "%", 2028), ("=", 90, "%", 2030), ("=", 40, "%", 2027)]


# ---------------------------------------------------------------------------- what a figure's words make of it
def test_a_bound_on_a_rule_spelled_out_in_a_bracket_bounds_the_bracket_s_figure():
    text = GOAL + "- Sĩ số mỗi nhóm trẻ không vượt quá định mức của Điều lệ (nhà trẻ 25 trẻ/lớp).\n"
    assert got(text, plan_year=2026) == [("<=", 25, "trẻ/lớp", None)]


def test_a_count_in_a_bracket_after_a_share_says_who_the_share_counts():
    text = GOAL + "- 100% giáo viên tiếng Anh đạt chuẩn năng lực ngoại ngữ bậc 5 (03 giáo viên đang học nâng chuẩn).\n"
    assert got(text, plan_year=2026) == [("=", 100, "%", None)]


def test_where_a_count_goes_is_no_count_of_its_own():
    text = GOAL + "- Xây dựng thêm 06 phòng học bộ môn tại 03 trường trung học cơ sở.\n"
    assert got(text, plan_year=2026) == [("=", 6, "phòng", None)]


def test_a_sentence_restating_a_tables_targets_sets_none_of_its_own():
    text = (GOAL + "Chỉ tiêu | Năm 2027\nHọc sinh được học bơi (%) | 80\n"
            "Nhà trường phấn đấu năm 2027 có 80% học sinh được học bơi như chỉ tiêu tại bảng trên; đến năm 2030 "
            "đạt 95%.\n")
    assert got(text, plan_year=2026) == [("=", 80, "%", 2027), ("=", 95, "%", 2030)]


# ---------------------------------------------------------------------------- the header
def test_a_symbol_ending_in_a_places_small_letters_is_kept_whole():
    text = ("UBND XÃ AN THỊNH\nTRƯỜNG TIỂU HỌC AN THỊNH\nSố: 34/BC-THATh\nAn Thịnh, ngày 02 tháng 12 năm 2026\n"
            "BÁO CÁO\nKết quả năm học\n")
    assert header(text, ("number_symbol", "place")) == {"number_symbol": "34/BC-THATh", "place": "An Thịnh"}
