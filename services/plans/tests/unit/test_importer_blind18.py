"""Plan importer: the reading rules the blind18 set called for (fixtures/plans_heldout/blind18, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from datetime import date

from .importer_probes import GOAL, got, header


# ---------------------------------------------------------------------------- a school's registration form
def _registration(issuer: str, caption: str = "2. Bảng chỉ tiêu năm học 2027 - 2028\n") -> list[tuple]:
    text = (f"UBND XÃ TÂN HIỆP\n{issuer}\nSố: 31/KH-XX      Tân Hiệp, ngày 02 tháng 10 năm 2027\n\n"
            "KẾ HOẠCH\nĐăng ký chỉ tiêu năm học 2027 - 2028\n\nII. CHỈ TIÊU ĐĂNG KÝ\n" + caption
            + "Nội dung | Kết quả 2026-2027 | Chỉ tiêu được giao | Nhà trường đăng ký | Ghi chú\n"
            "Tỷ lệ học sinh lên lớp | 96,5% | 97% | ≥ 98% | \n"
            "Học sinh đạt giải cấp huyện | 8 giải | 10 giải | 12 giải | Môn Toán, Văn\n"
            "Phòng học bộ môn | 2 | 3 | 4 | Xã hội hóa\n")
    return got(text, own_kind="truong" if issuer.startswith("TRƯỜNG") else "ubnd")


def test_a_schools_form_commits_to_its_registration_not_to_the_figure_it_was_given_nor_last_years():
    assert _registration("TRƯỜNG TIỂU HỌC TÂN HIỆP") == [(">=", 98, "%", 2028), ("=", 12, "giải", 2028),
                                                        ("=", 4, "phòng", 2028)]


def test_the_assigning_communes_form_commits_to_what_it_gave():
    assert [v for _, v, _, _ in _registration("ỦY BAN NHÂN DÂN XÃ TÂN HIỆP")] == [97, 10, 3]


def test_a_table_caption_that_names_its_school_year_is_the_horizon_of_the_rows_under_it():
    caption = "3. Bảng chỉ tiêu năm học 2028 - 2029\n"
    assert {year for *_, year in _registration("TRƯỜNG TIỂU HỌC TÂN HIỆP", caption)} == {2029}


# ---------------------------------------------------------------------------- levels as columns beside a baseline
def test_a_baseline_column_before_the_levels_holds_todays_figures_not_targets():
    text = (GOAL + "2. Chỉ tiêu đến năm 2029 theo cấp học\n"
            "Nội dung | Thực trạng 2026 | Tiểu học | THCS\n"
            "Học sinh được học ngoại ngữ | 70% / 55% | 100% | ≥ 90%\n"
            "Phòng học kiên cố | 81% / 77% | 100% | 95%\n")
    assert got(text) == [("=", 100, "%", 2029), (">=", 90, "%", 2029), ("=", 100, "%", 2029), ("=", 95, "%", 2029)]


def test_without_a_baseline_heading_a_figure_column_before_the_levels_still_stops_the_table():
    text = (GOAL + "2. Chỉ tiêu đến năm 2029 theo cấp học\n"
            "Nội dung | Số trường 2026 | Tiểu học | THCS\n"
            "Phòng học kiên cố | 81% / 77% | 100% | 95%\n")
    assert (("=", 81, "%", 2029)) in got(text)


# ---------------------------------------------------------------------------- a scanner's letters for digits
def test_a_scanned_O_touching_digits_reads_as_zero():
    text = (GOAL + "1. Năm học 2027 - 2028\n"
            "- Tỷ lệ học sinh được học bơi đạt 7O%.\n"
            "- Sĩ số không vượt quá 3O học sinh/lớp.\n"
            "- Xây dựng O3 phòng học bộ môn.\n")
    assert got(text) == [("=", 70, "%", 2028), ("<=", 30, "học sinh/lớp", 2028), ("=", 3, "phòng", 2028)]


def test_an_O_in_a_word_stays_a_letter():
    assert got(GOAL + "1. Đến năm 2029\n- 100% học sinh tham gia CLB Olympic Toán.\n") == [("=", 100, "%", 2029)]


def test_a_scanned_date_with_an_O_for_a_zero_is_read():
    text = ("UBND XÃ NAM HÀ\nTRƯỜNG MẦM NON NAM HÀ\nSố: 12/KH-MN      Nam Hà, ngày O5 tháng lO năm 2027\n\n"
            "KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2027 - 2028\n\nI. MỤC ĐÍCH\n")
    assert header(text, ("place", "issued_on")) == {"place": "Nam Hà", "issued_on": date(2027, 10, 5)}


# ---------------------------------------------------------------------------- a body's name cut by a narrow column
def test_a_numeral_under_a_schools_name_ends_the_name():
    text = ("UBND XÃ PHÚ LỘC\nTRƯỜNG MẦM NON PHÚ LỘC\n2\nSố: 07/KH-MN      Phú Lộc, ngày 12 tháng 9 năm 2027\n\n"
            "KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2027 - 2028\n\nI. MỤC ĐÍCH\n")
    assert header(text, ("superior", "issuer")) == {"superior": "UBND XÃ PHÚ LỘC", "issuer": "TRƯỜNG MẦM NON PHÚ LỘC 2"}


def test_a_word_alone_under_a_name_ends_it_even_when_it_reads_as_a_bodys_kind():
    text = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTRUNG TÂM GDNN-GDTX HÒA\nPHONG\nSố: 19/KH-TT      Hòa Phong, ngày 03 tháng 3 năm 2027\n\n"
            "KẾ HOẠCH\nTuyển sinh năm 2027\n\nI. MỤC ĐÍCH\n")
    assert header(text, ("superior", "issuer")) == {"superior": "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                                                    "issuer": "TRUNG TÂM GDNN-GDTX HÒA PHONG"}


# ---------------------------------------------------------------------------- a mark that says whom a share counts
def test_a_mark_before_a_share_of_pupils_says_whom_the_share_counts():
    text = GOAL + "1. Năm học 2027 - 2028\n- Tỷ lệ học sinh có điểm trung bình môn Toán từ 5,0 trở lên đạt 85%.\n"
    assert got(text) == [("=", 85, "%", 2028)]


def test_a_mark_of_its_own_beside_a_share_is_still_a_target():
    text = GOAL + "1. Năm học 2027 - 2028\n- Điểm trung bình thi tốt nghiệp đạt 6,8 điểm; 90% học sinh đạt giỏi.\n"
    assert got(text) == [("=", 6.8, "điểm", 2028), ("=", 90, "%", 2028)]


# ---------------------------------------------------------------------------- a level a line break cut from its word
def test_a_roman_level_on_the_next_line_ends_the_level_word_before_it():
    text = (GOAL + "1. Đến năm 2029\n- Duy trì trường đạt chuẩn quốc gia mức độ\n"
            "II, kiểm định chất lượng giáo dục cấp độ 3.\n")
    assert got(text) == [("=", 2, "mức", 2029), ("=", 3, "mức", 2029)]
