"""Plan importer: the reading rules the blind17 set called for (fixtures/plans_heldout/blind17, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer import extract_text

from .importer_probes import GOAL, got, header


# ---------------------------------------------------------------------------- a registration form pasted as text
FORM = ("STT\tChỉ tiêu\tĐVT\tTH NH 2026-2027\tĐăng ký NH 2027-2028\tGhi chú\n"
        "1\tSố nhóm, lớp\tlớp\t12\t13\tMở thêm 01 lớp 5 tuổi\n"
        "2\tTỷ lệ trẻ suy dinh dưỡng thể thấp còi\t%\t4,2\t< 3\n"
        "3\tTỷ lệ trẻ 5 tuổi hoàn thành chương trình\t%\t97,5\t≥ 99\n")


def _pasted(text: str) -> str:
    return extract_text(text.encode(), "phieu.txt").text


def test_a_pasted_rows_blank_last_cells_keep_the_row_in_its_table():
    assert "| < 3 |" in _pasted(FORM)


def test_a_school_years_abbreviated_heading_gives_the_registered_column_and_last_years_results_are_no_target():
    assert got(_pasted(GOAL + FORM)) == [("=", 13, "lớp", 2028), ("<", 3, "%", 2028), (">=", 99, "%", 2028)]


def test_nh_abbreviates_a_school_year_only_as_a_word_of_its_own():
    # "Lộ trình 2027" ends in "…nh 2027" without being "NH 2027": its column is the roadmap's first year
    table = (GOAL + "TT | Tiêu chí | Lộ trình 2027 | 2029 | 2031\n"
             "1 | Tỷ lệ phòng học được kết nối Internet tốc độ cao (%) | 78 | ≥ 84% | 96\n")
    assert got(table) == [("=", 78, "%", 2027), (">=", 84, "%", 2029), ("=", 96, "%", 2031)]


def test_a_registration_forms_kind_is_no_part_of_its_title():
    text = ("UBND PHƯỜNG TÂN LẬP\nTRƯỜNG MẦM NON HOA MAI\nSố: 21/PĐK-MNHM\nTân Lập, ngày 18 tháng 9 năm 2027\n\n"
            "PHIẾU ĐĂNG KÝ CHỈ TIÊU\nĐăng ký chỉ tiêu năm học 2027 - 2028\n\nKính gửi: UBND phường Tân Lập.\n")
    assert header(text)["title"] == "Đăng ký chỉ tiêu năm học 2027 - 2028"
    assert header(text)["issuer"] == "TRƯỜNG MẦM NON HOA MAI"


def test_a_bracket_after_a_schools_name_gives_its_make_up_not_targets():
    text = (GOAL + "Trường Tiểu học Hòa Bình (31 lớp, 1.102 học sinh) phấn đấu năm 2028 có 100% lớp học 2 buổi/ngày.\n")
    assert got(text) == [("=", 100, "%", 2028)]


# ---------------------------------------------------------------------------- a plan revised
REVISION = ("I. SỰ CẦN THIẾT PHẢI ĐIỀU CHỈNH\n"
            "Năm học 2026 - 2027 trường có 18 lớp; tỷ lệ học sinh bỏ học 0,6%.\n"
            "II. NỘI DUNG ĐIỀU CHỈNH\n"
            "STT | Nội dung | Chỉ tiêu cũ | Chỉ tiêu điều chỉnh | Thời hạn | Lý do\n"
            "A. QUY MÔ | | | | | \n"
            "1 | Số lớp | 18 lớp | 20 lớp | Năm 2029 | Dân số tăng\n"
            "2 | Tỷ lệ học sinh bỏ học | Dưới 1% | Không quá 0,3% | NH 2027 - 2028 | Đã đạt 0,6%\n"
            "B. ĐỘI NGŨ\n"
            "3 | Giáo viên ứng dụng AI trong dạy học | 40% | Ít nhất 70% | Năm 2030 | \n"
            "III. TỔ CHỨC THỰC HIỆN\n")


def test_a_revision_table_sets_its_revised_column_each_row_due_by_its_own_deadline():
    assert got(REVISION) == [("=", 20, "lớp", 2029), ("<=", 0.3, "%", 2028), (">=", 70, "%", 2030)]


def test_a_revision_table_with_no_deadline_column_takes_the_heading_year():
    text = (GOAL + "2. Chỉ tiêu đến năm 2030\n"
            "TT | Chỉ tiêu | Kế hoạch đã ban hành | Sau điều chỉnh\n"
            "1 | Phòng học thông minh | 01 phòng | 03 phòng\n")
    assert got(text) == [("=", 3, "phòng", 2030)]
