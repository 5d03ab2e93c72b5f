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
