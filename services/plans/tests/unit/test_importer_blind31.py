"""Plan importer: the reading rules the blind31 set called for (fixtures/plans_heldout/blind31, ordinary plans from
industrial and peri-urban places written by someone who never read the importer), one test per rule, on sentences
and tables written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import json
from pathlib import Path

from plans.domain.catalogue import CatalogueView
from plans.domain.importer.indicators import propose
from .importer_probes import GOAL, got

CATALOGUE = CatalogueView.from_contract(json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "catalogue_31.json").read_text(encoding="utf-8")))


# ---------------------------------------------------------------------------- what a target waits on
def test_a_count_in_a_when_clause_is_the_condition_not_a_target():
    text = (GOAL + "2. Chỉ tiêu đến hết năm 2027\n"
            "- Quy mô 30 lớp, sĩ số không quá 38 học sinh/lớp khi đưa vào sử dụng 08 phòng học mới.\n"
            "- Xây mới 02 phòng học bộ môn.\n")
    assert got(text) == [("=", 30, "lớp", 2027), ("<=", 38, "học sinh/lớp", 2027), ("=", 2, "phòng", 2027)]


def test_a_count_after_the_word_for_air_is_still_a_target():
    text = GOAL + "2. Chỉ tiêu đến năm 2030\n- Trang bị phòng thực hành cơ khí 02 phòng.\n"
    assert got(text) == [("=", 2, "phòng", 2030)]


# ---------------------------------------------------------------------------- ranks in a table
def test_a_rank_cell_is_at_most_that_rank_under_its_columns_year():
    text = (GOAL + "2. Chỉ tiêu\n"
            "Chỉ tiêu | Năm 2027 | Đến năm 2030\n"
            "Tỷ lệ học sinh bỏ học | 1% | 0,5%\n"
            "Xếp hạng điểm thi vào lớp 10 so với toàn tỉnh | Tốp 20 | Tốp 10\n")
    assert got(text) == [("=", 1, "%", 2027), ("=", 0.5, "%", 2030), ("<=", 20, "hạng", 2027),
                         ("<=", 10, "hạng", 2030)]


# ---------------------------------------------------------------------------- class sizes
def test_no_class_above_a_size_is_a_cap_even_with_the_classes_named_at_length():
    text = GOAL + "2. Chỉ tiêu đến năm 2030\n- Phấn đấu trước năm 2029 không còn lớp trung học cơ sở có sĩ số trên 45 học sinh.\n"
    assert got(text) == [("<=", 45, "học sinh/lớp", 2028)]


def test_the_size_of_a_class_is_not_a_number_of_classes():
    text = (GOAL + "2. Chỉ tiêu năm học 2026 - 2027\n- Sĩ số lớp học không quá 42 học sinh.\n"
            "- Không tăng số lớp có trên 40 học sinh.\n")
    assert got(text) == [("<=", 42, "học sinh/lớp", 2027)]


def test_a_class_size_row_for_children_and_pupils_takes_each_level_columns_own_unit():
    text = (GOAL + "2. Chỉ tiêu đến năm 2030\n"
            "Chỉ tiêu | Mầm non | Tiểu học | THCS\n"
            "Sĩ số tối đa (trẻ, học sinh/lớp) | 30 | 35 | 40\n")
    assert got(text) == [("<=", 30, "trẻ/lớp", 2030), ("<=", 35, "học sinh/lớp", 2030),
                         ("<=", 40, "học sinh/lớp", 2030)]


# ---------------------------------------------------------------------------- a year a PDF cut at a line's end
def test_a_year_cut_after_nam_at_a_lines_end_is_joined_back():
    text = (GOAL + "2. Giai đoạn 2026 - 2030\n"
            "- Tỷ lệ học sinh lớp 5 đạt chuẩn tiếng Anh đạt 55% vào năm 2027 và 75% vào năm 20\n29.\n"
            "- Có 12 lớp vào năm 203\n0.\n")
    assert got(text) == [("=", 55, "%", 2027), ("=", 75, "%", 2029), ("=", 12, "lớp", 2030)]


# ---------------------------------------------------------------------------- indicators
def test_a_share_of_schools_at_a_national_standard_level_is_no_schools_level():
    text = "Phấn đấu 90% trường tiểu học đạt chuẩn quốc gia mức độ 2"
    assert propose(text, "%", CATALOGUE, None, text).code is None
    level = "Trường đạt chuẩn quốc gia mức độ 2"
    assert propose(level, "mức", CATALOGUE, None, level).code == "NATIONAL_STANDARD_LEVEL"


def test_going_on_to_grade_6_is_the_move_to_lower_secondary_not_completion():
    text = "100% học sinh lớp 5 hoàn thành chương trình tiểu học; học sinh tiếp tục học lớp 6 đạt 100%"
    assert propose(text, "%", CATALOGUE, None, "học sinh tiếp tục học lớp 6 đạt 100%").code == "PROGRESSION_PRIMARY_THCS"


def test_staff_trained_in_ai_is_their_training_not_their_use_of_ai():
    text = "100% giáo viên được bồi dưỡng về chuyển đổi số và trí tuệ nhân tạo"
    assert propose(text, "%", CATALOGUE, None, text).code == "STAFF_DIGITAL_TRAINED"
    used = "80% giáo viên ứng dụng trí tuệ nhân tạo trong soạn bài"
    assert propose(used, "%", CATALOGUE, None, used).code == "STAFF_USING_AI"


def test_a_schools_books_kept_digitally_are_its_records_not_public_procedures():
    text = "100% hồ sơ, sổ sách chuyên môn được lưu trữ trên môi trường số"
    assert propose(text, "%", CATALOGUE, None, text).code == "RECORDS_DIGITAL"
    procedures = "100% thủ tục hành chính được thực hiện trên môi trường số"
    assert propose(procedures, "%", CATALOGUE, None, procedures).code == "ADMIN_PROCEDURES_ONLINE"


def test_a_rank_is_no_share_of_pupils():
    text = "Kết quả thi vào lớp 10 THPT của trường nằm trong tốp 10 của huyện"
    assert propose(text, "hạng", CATALOGUE, None, "nằm trong tốp 10 của huyện").code is None


def test_an_age_groups_enrolment_is_not_pupils_moving_on_from_lower_secondary():
    text = "Trên 90% thanh niên trong độ tuổi 16 - 18 theo học THPT và tương đương"
    assert propose(text, "%", CATALOGUE, None, text).code != "PROGRESSION_THPT_VOC"


def test_a_count_naming_its_own_rooms_borrows_no_other_items_indicator():
    text = "Có 02 phòng học thông minh, 01 phòng thí nghiệm STEM"
    assert propose(text, "phòng", CATALOGUE, None, "Có 02 phòng học thông minh").code == "SMART_CLASSROOMS"
    assert propose(text, "phòng", CATALOGUE, None, "01 phòng thí nghiệm STEM").code is None


def test_a_when_clause_before_the_only_figure_says_whom_it_counts():
    text = GOAL + "2. Chỉ tiêu đến năm 2030\n- Tỷ lệ học viên có việc làm sau khi học nghề tối thiểu 75 %.\n"
    assert got(text) == [(">=", 75, "%", 2030)]
