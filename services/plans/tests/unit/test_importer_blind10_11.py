"""Plan importer: reading defects the blind10 and blind11 sets still showed after their first fixes (counts in words,
words a PDF cut at a line's end, what a count counts), one test per rule, on sentences written for the test (none
copied from a fixture; pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer.parse import parse_plan

from .importer_probes import got

GOAL = "II. CHỈ TIÊU ĐẾN NĂM 2027\n"


@pytest.mark.parametrize("sentence, value, unit", [
    ("Tham mưu xây thêm hai phòng học tại điểm lẻ Nà Hừ.", 2, "phòng"),
    ("Thành lập ba câu lạc bộ tiếng Anh cho học sinh khối 4, 5.", 3, "câu lạc bộ"),
    ("Mở mười lớp học xóa mù chữ cho người lớn.", 10, "lớp"),
    ("Duy trì bốn nhóm trẻ tại các điểm thôn.", 4, "lớp"),
])
def test_a_count_written_in_words_is_read_as_its_figure(sentence, value, unit):
    assert [(v, u) for _, v, u, _ in got(GOAL + sentence)] == [(value, unit)]


def test_one_in_words_counts_only_after_a_floor():
    assert [(c, v, u) for c, v, u, _ in got(GOAL + "Mỗi khối có ít nhất một câu lạc bộ STEM.")] \
        == [(">=", 1, "câu lạc bộ")]
    assert got(GOAL + "Xây dựng trường thành một trường học hạnh phúc.") == []


@pytest.mark.parametrize("sentence", [
    "Tư vấn hướng nghiệp cho học sinh sau lớp 9 và sau lớp 12.",   # "sau" is "after" before a grade
    "Năm học sinh lớp 5 được khen thưởng cấp huyện.",                  # "năm" is never read: mostly the year
    "Đưa giáo dục Hải Phòng vào nhóm dẫn đầu cả nước.",               # the city folds like "hai phòng"
])
def test_words_that_only_look_like_a_count_are_not_one(sentence):
    assert got(GOAL + sentence) == []


@pytest.mark.parametrize("sentence, value", [
    ("Xây mới 04 (bốn) phòng học bộ môn.", 4),
    ("Có ba phòng học thông minh (03 phòng).", 3),
])
def test_a_count_given_both_in_figures_and_in_words_is_one_target(sentence, value):
    assert [(v, u) for _, v, u, _ in got(GOAL + sentence)] == [(value, "phòng")]


@pytest.mark.parametrize("cut, want", [
    ("Tỷ lệ học sinh lưu ban dướ\ni 1%.", ("<", 1, "%")),
    ("Mỗi điểm trường có ít nhấ\nt 2 phòng học kiên cố.", (">=", 2, "phòng")),
    ("Tỷ lệ học sinh chuyên cần trê\nn 97%.", (">", 97, "%")),
])
def test_a_word_a_pdf_cut_at_a_lines_end_is_joined(cut, want):
    assert want in [(c, v, u) for c, v, u, _ in got(GOAL + cut)]


def test_a_line_that_starts_with_a_word_of_its_own_is_not_joined():
    assert [(c, v) for c, v, _, _ in got(GOAL + "Tỷ lệ học sinh bỏ học không quá\n1%.")] == [("<=", 1)]


@pytest.mark.parametrize("sentence, unit", [
    ("Mở thêm 03 nghề đào tạo ngắn hạn cho học viên.", "nghề"),
    ("Tổ chức 04 chuyên đề cấp cụm trường về đổi mới phương pháp.", "chuyên đề"),
])
def test_trades_and_seminars_are_what_a_count_counts(sentence, unit):
    assert [u for _, _, u, _ in got(GOAL + sentence)] == [unit]



def test_a_table_cell_that_gives_a_fraction_and_its_share_is_the_share():
    table = ("Chỉ tiêu | Hiện trạng 2025 | Năm 2027 | Năm 2030\n"
             "Giáo viên đạt chuẩn trình độ | 20/25 | 23/25 (92%) | 25/25 (100%)\n")
    assert [(v, u, y) for _, v, u, y in got("II. CHỈ TIÊU\n" + table)] == [(92, "%", 2027), (100, "%", 2030)]


@pytest.mark.parametrize("label, unit", [
    ("Số phòng học thông minh (toàn trường)", "phòng"),
    ("Số câu lạc bộ STEM (cả xã)", "câu lạc bộ"),
    ("Giải học sinh giỏi cấp tỉnh (giải)", "giải"),
])
def test_a_bracket_at_a_labels_end_that_says_how_far_the_count_reaches_is_no_unit(label, unit):
    table = f"Chỉ tiêu | Năm 2030 | Ghi chú\n{label} | 04 | \n"
    assert [u for _, _, u, _ in got("II. CHỈ TIÊU\n" + table)] == [unit]


@pytest.mark.parametrize("sentence, target", [
    ("Đến hết năm 2027: tỷ lệ học sinh ở bán trú đạt 90% (hiện nay 84,2%, 160/190 em).", 90),
    ("100% giáo viên đạt chuẩn trong năm học 2026 - 2027 (hiện còn 2 giáo viên đang học đại học).", 100),
    ("Đến năm 2028 tỷ lệ phòng học kiên cố đạt 95% (hiện tại 80%).", 95),
])
def test_a_bracket_that_opens_on_today_gives_todays_figure_whatever_the_sentences_horizon(sentence, target):
    assert [v for _, v, _, _ in got("II. CHỈ TIÊU\n" + sentence, plan_year=2026)] == [target]

# ---------------------------------------------------------------------------- whose column
ASSIGNED_AND_REGISTERED = (
    "II. MỤC TIÊU\n"
    "Nội dung | Đơn vị tính | Phường giao đến năm 2030 | Trường đăng ký đến năm 2030 | Ghi chú\n"
    "Học sinh hoàn thành chương trình tiểu học | % | 97 | 99 | \n"
    "Phòng học bộ môn | phòng | 4 | 5 | Tự huy động\n"
)


def _table_of(issuer: str) -> list[tuple]:
    text = (f"UBND PHƯỜNG HÒA MINH\n{issuer}\nSố: 14/KH-XX      Hòa Minh, ngày 05 tháng 9 năm 2026\n\n"
            "KẾ HOẠCH\nThực hiện các chỉ tiêu giáo dục\n\n" + ASSIGNED_AND_REGISTERED)
    return [(t.value.value, t.unit.value, t.horizon.value.year) for t in parse_plan(text).targets]


def test_a_schools_plan_commits_to_its_registration_not_to_the_assignment_beside_it():
    assert _table_of("TRƯỜNG TIỂU HỌC HÒA MINH") == [(99, "%", 2030), (5, "phòng", 2030)]


def test_the_assigning_bodys_plan_commits_to_its_assignment():
    assert _table_of("ỦY BAN NHÂN DÂN PHƯỜNG HÒA MINH") == [(97, "%", 2030), (4, "phòng", 2030)]


# ---------------------------------------------------------------------------- class sizes and elided units
@pytest.mark.parametrize("sentence, want", [
    ("Sĩ số học sinh/lớp ở cấp THCS không vượt quá 42.", [("<=", 42, "học sinh/lớp", 2027)]),
    ("Sĩ số tiểu học tối đa 35 học sinh/lớp, THCS không quá 40.",
     [("<=", 35, "học sinh/lớp", 2027), ("<=", 40, "học sinh/lớp", 2027)]),
    ("Sĩ số nhóm trẻ, lớp mẫu giáo không quá 25.", [("<=", 25, "trẻ/lớp", 2027)]),
    ("Sĩ số lớp bổ túc THPT cho học viên tối đa 40.", [("<=", 40, "học viên/lớp", 2027)]),
])
def test_a_bare_bound_in_a_sentence_on_class_size_counts_per_class(sentence, want):
    assert got(GOAL + sentence) == want


def test_a_bare_bound_in_another_sentence_is_no_class_size():
    assert got(GOAL + "Số học sinh đạt giải cấp tỉnh không dưới 25.") == [(">=", 25, "", 2027)]


@pytest.mark.parametrize("sentence, want", [
    ("Tối đa 30 học sinh/lớp đối với lớp 1, 32 học sinh/lớp đối với lớp 2, 35 đối với các lớp còn lại.",
     [("<=", 30, "học sinh/lớp", 2027), ("<=", 32, "học sinh/lớp", 2027), ("<=", 35, "học sinh/lớp", 2027)]),
    ("Tỷ lệ học sinh học 2 buổi/ngày đạt 100% đối với tiểu học và 80 đối với THCS.",
     [("=", 100, "%", 2027), ("=", 80, "%", 2027)]),
])
def test_a_figure_listed_after_its_like_shares_the_unit_it_leaves_out(sentence, want):
    assert got(GOAL + sentence) == want


def test_a_bare_number_after_a_figure_that_names_no_one_it_is_for_is_no_target():
    assert got(GOAL + "Có 12 lớp học, 45 đối với toàn trường.") == [("=", 12, "lớp", 2027)]


@pytest.mark.parametrize("sentence, want", [
    ("Tỷ lệ học sinh bỏ học không \nvượt quá 0,5%.", [("<=", 0.5, "%", 2027)]),
    ("Mỗi lớp có ít \nnhất 02 máy tính kết nối mạng.", [(">=", 2, "máy", 2027)]),
    ("Học sinh giỏi cấp tỉnh không \ndưới 20 em.", [(">=", 20, "học sinh", 2027)]),
])
def test_comparator_words_a_line_break_parts_after_a_space_still_bound_the_figure(sentence, want):
    assert got(GOAL + sentence) == want


@pytest.mark.parametrize("sentence", [
    "Mở lớp nghề không quá 3 đến hết năm 2027.",
    "Số câu lạc bộ tối đa 4 vào cuối năm học.",
])
def test_a_word_after_a_bare_count_that_names_nothing_is_no_unit(sentence):
    assert [u for _, _, u, _ in got(GOAL + sentence)] == [""]


# ---------------------------------------------------------------------------- wrapped sentences, totals, baselines
def test_a_sentence_a_line_break_cut_before_an_abbreviation_goes_on():
    text = GOAL + ("- Điểm trung bình môn Lịch sử trong bài kiểm tra cuối năm của học sinh khối\n"
                   "THCS tăng tối thiểu 0,3 điểm so với năm 2025.\n")
    assert got(text) == [(">=", 0.3, "điểm", 2027)]


def test_an_abbreviation_opening_a_line_of_its_own_is_not_joined():
    text = GOAL + "- Tỷ lệ học sinh hoàn thành chương trình:\nTHCS đạt 99%.\n"
    assert got(text) == [("=", 99, "%", 2027)]


@pytest.mark.parametrize("sentence, want", [
    ("Xây thêm 03 phòng học bộ môn, nâng tổng số phòng bộ môn của trường lên 08 phòng.", [("=", 8, "phòng", 2027)]),
    ("Mua thêm 02 phòng máy tính, đưa tổng số lên 04 phòng.", [("=", 4, "phòng", 2027)]),
])
def test_an_addition_and_the_total_it_brings_are_one_target_the_total(sentence, want):
    assert got(GOAL + sentence) == want


def test_an_addition_beside_a_total_of_another_sentence_stays():
    assert got(GOAL + "Xây thêm 03 phòng học bộ môn; tổng số phòng học của trường là 30 phòng.") == [
        ("=", 3, "phòng", 2027), ("=", 30, "phòng", 2027)]


def test_the_base_of_a_change_before_a_figure_makes_it_no_past_result():
    text = GOAL + "- Tỷ lệ học sinh yếu giảm ít nhất 1 điểm phần trăm so với năm học trước, tỷ lệ lưu ban dưới 1%."
    assert got(text) == [(">=", 1, "điểm phần trăm", 2027), ("<", 1, "%", 2027)]


def test_a_past_result_stated_as_such_stays_one():
    assert got(GOAL + "- Năm học trước tỷ lệ học sinh lưu ban là 2%; năm học 2026 - 2027 dưới 1%.") == [("<", 1, "%", 2027)]


def test_a_figure_in_brackets_after_the_base_of_a_change_is_the_bases():
    text = GOAL + "- Tỷ lệ học sinh vào THPT đạt trên 85%, tăng so với năm học 2025 - 2026 (78,4%); bỏ học dưới 1%."
    assert got(text, plan_year=2026) == [(">", 85, "%", 2027), ("<", 1, "%", 2027)]


@pytest.mark.parametrize("sentence, want", [
    ("Số học sinh đạt giải cấp tỉnh tăng 10% so với năm học 2025 - 2026 (tức là không dưới 55 giải).",
     [(">=", 55, "giải", 2027)]),
    ("Số lượt mượn sách thư viện tăng 20% so với năm 2025 (tương đương 6.000 lượt).", [("=", 6000, "lượt", 2027)]),
])
def test_a_change_and_what_it_comes_to_in_brackets_are_one_target_what_it_comes_to(sentence, want):
    assert got(GOAL + sentence, plan_year=2026) == want


def test_a_count_after_trong_do_is_a_part_of_the_share_before_it():
    text = GOAL + "- Tỷ lệ giáo viên có trình độ thạc sĩ đạt 40%, trong đó tiến sĩ ít nhất 3 người."
    assert got(text) == [("=", 40, "%", 2027), (">=", 3, "người", 2027)]
