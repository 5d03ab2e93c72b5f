"""Plan importer: the reading rules on running text the blind12 and blind13 sets called for
(fixtures/plans_heldout/blind12 and blind13, written by people who never read the importer), one test per rule, on
sentences written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer import extract_text

from .importer_probes import got
from .test_importer_text import build_pdf

GOAL = "II. CHỈ TIÊU ĐẾN NĂM 2030\n"


# ---------------------------------------------------------------------------- horizons
def test_a_year_labelled_item_keeps_its_year_to_itself_among_its_group():
    text = ("2. Giai đoạn 2026 - 2030\n"
            "- Năm 2026: 100% lớp học có ti vi kết nối mạng.\n"
            "- Năm học 2027 - 2028: có 03 phòng học bộ môn tin học.\n"
            "- Tỷ lệ học sinh tham gia câu lạc bộ thể thao đạt 60%.\n"
            "- Trường đạt kiểm định chất lượng giáo dục cấp độ 2.\n")
    assert [(v, y) for _, v, _, y in got(text)] == [(100, 2026), (3, 2028), (60, 2030), (2, 2030)]


def test_a_year_labelled_item_gives_its_year_to_the_items_under_it():
    text = ("2. Giai đoạn 2026 - 2030\n"
            "- Năm 2027: về chất lượng học sinh\n"
            "  + Tỷ lệ học sinh lên lớp đạt 97%.\n"
            "  + Có 15 học sinh giỏi cấp tỉnh.\n"
            "- Tỷ lệ học sinh lên lớp đạt 99%.\n")
    assert [(v, y) for _, v, _, y in got(text)] == [(97, 2027), (15, 2027), (99, 2030)]


def test_a_year_line_alone_heads_the_items_under_it():
    text = ("2. Giai đoạn 2026 - 2030\n"
            "Năm 2028:\n"
            "- Tỷ lệ giáo viên dạy giỏi cấp huyện đạt 30%.\n"
            "- Có 02 phòng học thông minh.\n")
    assert [(v, y) for _, v, _, y in got(text)] == [(30, 2028), (2, 2028)]



@pytest.mark.parametrize("sentence, year", [
    ("Ngay trong quý II năm 2027, 100% giáo viên được tập huấn sử dụng học bạ số.", 2027),
    ("100% cha mẹ học sinh được phổ biến kế hoạch trong Quý I/2028.", 2028),
    ("Chậm nhất trong tháng 3/2027, 100% lớp học có ti vi kết nối mạng.", 2027),
])
def test_a_quarter_or_a_month_set_as_the_deadline_gives_its_year(sentence, year):
    assert got("2. Mục tiêu cụ thể\n" + sentence) == [("=", 100, "%", year)]


def test_a_documents_symbol_cut_by_a_line_break_keeps_the_sentence_whole():
    text = ("2. Mục tiêu cụ thể\n100% đảng viên được học tập Chỉ thị số 15-\n"
            "CT/TU chậm nhất trong tháng 02/2027. Các chỉ tiêu khác như sau:\n")
    assert got(text) == [("=", 100, "%", 2027)]

# ---------------------------------------------------------------------------- units as written
@pytest.mark.parametrize("line, unit", [
    ("- Ký kết hợp tác với ít nhất 6 doanh nghiệp trên địa bàn.", "doanh nghiệp"),
    ("- Hằng năm có tối thiểu 3 dự án tham gia cuộc thi khoa học kỹ thuật.", "dự án"),
    ("- Mở mới 03 nghề sơ cấp cho lao động nông thôn.", "nghề"),
])
def test_a_count_of_a_two_syllable_noun_is_counted_in_the_whole_noun(line, unit):
    assert [u for _, _, u, _ in got(GOAL + line)] == [unit]


def test_a_centres_class_size_is_counted_in_learners():
    assert got(GOAL + "- Mỗi lớp bổ túc không quá 40 học viên/lớp.") == [("<=", 40, "học viên/lớp", 2030)]


@pytest.mark.parametrize("line", ["- Năm 2030: duy trì 14 nhóm, lớp.", "- Nam 2030: duy tri 14 nhom lop."])
def test_a_preschools_groups_and_classes_are_its_classes(line):
    assert got(GOAL + line) == [("=", 14, "lớp", 2030)]


# ---------------------------------------------------------------------------- figures that restate another
@pytest.mark.parametrize("line, want", [
    ("- 9/10 trường tiểu học tổ chức dạy 2 buổi/ngày (90%).", [("=", 90, "%", 2030)]),
    ("- 15/15 lớp có máy chiếu, ti vi (100%).", [("=", 100, "%", 2030)]),
])
def test_a_fraction_whose_share_follows_in_brackets_is_that_share(line, want):
    assert got(GOAL + line) == want


def test_a_fraction_and_a_bracketed_share_that_differ_are_two_figures():
    assert got(GOAL + "- 6/8 trường đạt chuẩn quốc gia (chiếm 40%).") == [("=", 6, "trường", 2030), ("=", 40, "%", 2030)]


# ---------------------------------------------------------------------------- general goals
def test_the_general_goals_words_are_no_target_before_the_specific_ones():
    text = ("II. MỤC TIÊU\n1. Mục tiêu chung\nXây dựng nhà trường đạt chuẩn quốc gia mức độ 2, là địa chỉ tin cậy.\n"
            "2. Mục tiêu cụ thể\na) Đến năm 2030\n- Trường đạt chuẩn quốc gia mức độ 2.\n")
    assert [(v, y) for _, v, _, y in got(text)] == [(2, 2030)]


def test_a_general_goal_without_specific_ones_keeps_its_figures():
    text = "II. MỤC TIÊU ĐẾN NĂM 2030\n1. Mục tiêu chung\nNâng tỷ lệ trường đạt chuẩn quốc gia lên 80%.\n"
    assert [v for _, v, _, _ in got(text)] == [80]


# ---------------------------------------------------------------------------- PDF lines cut mid-word
def test_a_pdf_that_cuts_words_at_the_margin_has_them_whole():
    data = build_pdf(["II. MỤC TIÊU ĐẾN NĂM 2030",
                      "- Tỷ lệ học sinh lớp 5 đạt chuẩn tiếng Anh bậc 1 là 60% vào năm 2027 và 75% và",
                      "o năm 2029; trường giữ vững chuẩn quốc gia mức đ",
                      "ộ 2 và đạt kiểm định chất lượng cấp đ",
                      "ộ 3."])
    text = extract_text(data, "ke-hoach.pdf").text
    assert "75% vào năm 2029; trường giữ vững chuẩn quốc gia mức độ 2 và đạt kiểm định chất lượng cấp độ 3." in text


def test_a_pdf_that_wraps_at_words_keeps_its_line_breaks():
    data = build_pdf(["II. MỤC TIÊU ĐẾN NĂM 2030",
                      "- 100% học sinh được học 2 buổi/ngày và",
                      "tham gia ít nhất một câu lạc bộ; cách trường 3 km",
                      "về phía nam xây dựng sân bóng"])
    text = extract_text(data, "ke-hoach.pdf").text
    assert "và\ntham" in text and "km\nvề" in text


# ---------------------------------------------------------------------------- smart classrooms called "lớp"
@pytest.mark.parametrize("sentence, want", [
    ("Năm 2027 có 03 lớp học thông minh, đến năm 2030 là 10 lớp.", [("=", 3, "phòng", 2027), ("=", 10, "phòng", 2030)]),
    ("Năm 2027 có 02 lớp học thông minh, năm 2030 tăng lên 06 lớp.", [("=", 2, "phòng", 2027), ("=", 6, "phòng", 2030)]),
])
def test_a_smart_classroom_called_lop_is_a_room_and_so_is_its_later_figure(sentence, want):
    assert got(GOAL + sentence) == want


@pytest.mark.parametrize("sentence", [
    "Trường có 02 lớp học thông minh, tổng số 24 lớp.",
    "Trường có 02 lớp học thông minh và duy trì 24 lớp học 2 buổi/ngày.",
])
def test_other_classes_beside_smart_classrooms_stay_classes(sentence):
    assert got(GOAL + sentence) == [("=", 2, "phòng", 2030), ("=", 24, "lớp", 2030)]


# ---------------------------------------------------------------------------- changes against a baseline
@pytest.mark.parametrize("sentence, want", [
    ("- Tỷ lệ học sinh yếu giảm 2% so với năm học trước.", [("=", 2, "%", 2030)]),
    ("- Ty le tre thua can giam 0,5% so voi dau nam hoc.", [("=", 0.5, "%", 2030)]),
])
def test_a_fall_against_a_baseline_alone_in_its_sentence_is_the_change_to_make(sentence, want):
    assert got(GOAL + sentence) == want


def test_a_fall_after_a_level_restates_the_level():
    assert got(GOAL + "- Tỷ lệ học sinh bỏ học dưới 1%, giảm 0,5% so với năm học trước.") == [("<", 1, "%", 2030)]


# ---------------------------------------------------------------------------- a cell that reaches without a figure
@pytest.mark.parametrize("word", ["Đạt", "Hoàn thành"])
def test_a_cell_that_says_reached_without_a_figure_leaves_the_rest_of_its_row(word):
    text = ("II. MỤC TIÊU\n2. Chỉ tiêu đến năm 2030\n"
            "Chỉ tiêu | Mầm non | Tiểu học | THCS | Ghi chú\n"
            "Huy động trẻ, học sinh ra lớp | 96% | 100% | Không dưới 97% | \n"
            f"Phổ cập giáo dục | {word} | Mức độ 3 | Mức độ 2 | THCS hiện mức độ 1\n")
    assert got(text) == [("=", 96, "%", 2030), ("=", 100, "%", 2030), (">=", 97, "%", 2030),
                         ("=", 3, "mức", 2030), ("=", 2, "mức", 2030)]
