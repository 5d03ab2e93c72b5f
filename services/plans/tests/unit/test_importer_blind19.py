"""Plan importer: the reading rules the blind19 set called for (fixtures/plans_heldout/blind19, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.parse import parse_plan

from .importer_probes import GOAL, got, plan_targets


# ---------------------------------------------------------------------------- the plan's column, then last year's
def test_last_years_results_after_the_plans_column_are_no_targets():
    text = (GOAL + "STT | Nội dung | ĐVT | KH 2027 | TH 2026 | Ghi chú\n"
            "1 | Số nhóm, lớp | lớp | 12 | 11 | Tăng 01 lớp\n"
            "2 | Tỷ lệ trẻ suy dinh dưỡng | % | <=3 | 4,1 | \n"
            "3 | Bếp ăn một chiều | bếp |  | 0 | Chờ vốn\n")
    assert got(text) == [("=", 12, "lớp", 2027), ("<=", 3, "%", 2027)]


def test_the_results_column_may_be_named_in_full_and_stand_last():
    text = (GOAL + "Chỉ tiêu | Kế hoạch năm học 2026 - 2027 | Thực hiện năm học 2025 - 2026\n"
            "Tỷ lệ trẻ 5 tuổi ra lớp (%) | 100 | 98,7\n"
            "Tỷ lệ giáo viên dạy giỏi cấp huyện (%) | 20 | 16\n")
    assert got(text) == [("=", 100, "%", 2027), ("=", 20, "%", 2027)]


# ---------------------------------------------------------------------------- rows named, columns what is counted
PRIZES = (GOAL + "3. Chỉ tiêu thi Olympic theo môn năm học 2026 - 2027\n"
          "Môn | Giải Olympic cấp tỉnh năm học 2026 - 2027 | Giải HSG cấp quốc gia năm học 2026 - 2027 | Ghi chú\n"
          "Nhóm môn tự nhiên\n"
          "Hóa học | ≥ 4 | 1 | Năm ngoái 3 giải\n"
          "Tin học | 6 học sinh | - | \n"
          "Nhóm môn xã hội\n"
          "Lịch sử | 5 giải |  | Chưa có giải QG\n"
          "III. NHIỆM VỤ\n")


def test_a_prize_column_counts_prizes_under_group_rows_a_pdf_left_without_cell_marks():
    assert got(PRIZES) == [(">=", 4, "giải", 2027), ("=", 1, "giải", 2027), ("=", 6, "học sinh", 2027),
                           ("=", 5, "giải", 2027)]


# ---------------------------------------------------------------------------- a share naming what it counts
def test_a_share_may_name_what_it_counts_in_the_rows_bracket_and_in_its_cell():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "Tổ chức bán trú (% trường) | 60 | 80 % trường\n")
    assert got(text) == [("=", 60, "%", 2027), ("=", 80, "%", 2030)]


def test_a_cell_saying_there_are_none_is_a_zero():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "Tỷ lệ trẻ bị tai nạn thương tích (%) | 0,2 | Không có\n")
    assert got(text) == [("=", 0.2, "%", 2027), ("=", 0, "%", 2030)]


# ---------------------------------------------------------------------------- a report in lettered parts
REPORT = ("TRƯỜNG MẦM NON HOA BAN\n"
          "Số: 21/BC-MNHB\n"
          "Mường Lay, ngày 28 tháng 5 năm 2026\n"
          "BÁO CÁO\n"
          "Tổng kết năm học 2025 - 2026 và phương hướng, nhiệm vụ năm học 2026 - 2027\n"
          "A. KẾT QUẢ NĂM HỌC 2025 - 2026\n"
          "1. Số lượng\n"
          "Nhà trường có 9 nhóm, lớp với 236 trẻ; 98% trẻ 5 tuổi ra lớp.\n"
          "B. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2026 - 2027\n"
          "1. Các chỉ tiêu năm học\n"
          "- Huy động 99% trẻ 5 tuổi ra lớp.\n"
          "2. Chăm sóc, nuôi dưỡng\n"
          "- Giảm tỷ lệ trẻ suy dinh dưỡng xuống dưới 4%.\n"
          "C. ĐỀ XUẤT, KIẾN NGHỊ\n"
          "Đề nghị UBND xã đầu tư xây 03 phòng học và bổ sung 02 giáo viên.\n"
          "HIỆU TRƯỞNG\n"
          "Lò Thị Mai\n")


def test_a_reports_results_part_describes_and_its_part_on_the_way_ahead_sets_the_targets():
    assert plan_targets(REPORT) == [("=", 99, "%", 2027), ("<", 4, "%", 2027)]


def test_a_reports_requests_set_no_targets():
    text = REPORT.replace("A. KẾT QUẢ", "I. KẾT QUẢ").replace("B. PHƯƠNG", "II. PHƯƠNG").replace("C. ĐỀ", "III. ĐỀ")
    assert not any(t[2] in ("phòng", "giáo viên") for t in plan_targets(text))


def test_a_reports_lettered_parts_are_its_sections():
    assert [s.key for s in parse_plan(REPORT).sections][:2] == ["ket_qua_nam_hoc_2025_2026", "nhiem_vu_giai_phap"]


def test_letters_before_horizons_group_targets_they_are_no_parts():
    text = ("Các chỉ tiêu cụ thể:\n"
            "A. ĐẾN HẾT NĂM 2026\n- 95% trẻ 5 tuổi ra lớp.\n"
            "B. PHẤN ĐẤU ĐẾN NĂM 2030\n- 100% trẻ 5 tuổi ra lớp.\n"
            "C. ĐỀ XUẤT\nĐề nghị bổ sung 02 giáo viên.\n")
    assert parse_plan(text).sections == []


# ---------------------------------------------------------------------------- counts and bounds in sentences
def test_a_count_of_school_sites_is_no_mark_and_a_facility_is_counted_whole():
    text = GOAL + "1. Đến năm 2028\n- Sáp nhập ít nhất 25 điểm trường lẻ.\n- Xây mới tối thiểu 02 cơ sở giáo dục hòa nhập.\n"
    assert got(text) == [(">=", 25, "điểm trường", 2028), (">=", 2, "cơ sở", 2028)]


def test_an_average_mark_stays_no_count():
    assert got(GOAL + "1. Đến năm 2028\n- Điểm thi vào lớp 10 ít nhất 6 điểm.\n") == []


def test_none_of_a_list_of_bodies_under_a_figure_bounds_every_one_from_below():
    text = GOAL + "1. Đến năm 2028\n- Trẻ 5 tuổi ra lớp: không có xã, thị trấn đạt dưới 90%; tỷ lệ bỏ học dưới 1%.\n"
    assert got(text) == [(">=", 90, "%", 2028), ("<", 1, "%", 2028)]


def test_a_level_a_line_break_cut_from_its_word_is_read_whole():
    text = GOAL + "1. Đến năm 2029\n- Thư viện đạt chuẩn mức độ 1, phổ cập giáo dục xóa mù chữ mức độ\n2; có 03 phòng bộ môn.\n"
    assert got(text) == [("=", 1, "mức", 2029), ("=", 2, "mức", 2029), ("=", 3, "phòng", 2029)]


def test_a_second_count_with_a_bound_of_its_own_is_its_own_target():
    text = GOAL + "1. Đến năm 2029\n- Mở ít nhất 02 lớp học nghề và tối thiểu 01 trung tâm học tập cộng đồng.\n"
    assert got(text) == [(">=", 2, "lớp", 2029), (">=", 1, "trung tâm", 2029)]
