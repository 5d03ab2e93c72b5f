"""Plan importer: the reading rules the blind41 set called for (fixtures/plans_heldout/blind41: thematic plans, one
pillar of Resolution 71 each), one test per rule, on sentences written for the test (none copied from a fixture; pure,
no files)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from plans.domain.catalogue import CatalogueView
from plans.domain.importer.indicators import propose
from plans.domain.importer.parse import extract_targets

from .importer_probes import GOAL, got

CATALOGUE = CatalogueView.from_contract(json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "catalogue_31.json").read_text(encoding="utf-8")))


def one(line: str) -> list[tuple]:
    return got(GOAL + "1. Đến năm 2029\n- " + line + "\n")


# ---------------------------------------------------------------------------- what a count counts, in two words
@pytest.mark.parametrize("line, unit", [
    ("Cải tạo ít nhất 02 sân chơi có mái che cho trẻ.", "sân chơi"),
    ("Lắp đặt 01 bể bơi di động trong sân trường.", "bể bơi"),
    ("Tổ chức 03 ngày hội đọc sách trong năm học.", "ngày hội"),
    ("Mỗi tháng có ít nhất 02 hoạt động ngoại khóa bằng tiếng Anh.", "hoạt động"),
    ("Xây mới 01 sân bóng đá mini cỏ nhân tạo.", "sân"),
])
def test_a_count_is_of_the_noun_of_two_words_it_names(line, unit):
    assert [t[2] for t in one(line)] == [unit]


def test_a_noun_whose_first_word_is_a_span_of_time_is_still_counted():
    # "ngày" alone is a span of time (no count), "ngày hội" an event
    assert one("Tổ chức 02 ngày hội văn hóa dân gian.") == [("=", 2, "ngày hội", 2029)]
    assert one("Học sinh nghỉ 02 ngày sau kỳ thi.") == []


# ---------------------------------------------------------------------------- ratios of two counts
def test_a_decimal_ratio_of_teachers_per_class_is_read_in_its_own_unit():
    assert one("Bảo đảm bình quân 1,8 giáo viên/lớp ở tiểu học và 2,1 giáo viên/lớp ở THCS.") == [
        ("=", 1.8, "giáo viên/lớp", 2029), ("=", 2.1, "giáo viên/lớp", 2029)]


def test_teachers_per_class_is_no_class_size():
    targets = extract_targets(GOAL + "- Bố trí đủ 2 giáo viên/lớp mẫu giáo.\n")
    assert [(t.unit.value, t.indicator_code.value) for t in targets] == [("giáo viên/lớp", None)]


def test_pupils_per_computer_is_a_ratio():
    assert one("Phòng máy bảo đảm không quá 12 học sinh/máy tính.") == [("<=", 12, "học sinh/máy", 2029)]


def test_a_clause_naming_a_ratio_gives_its_bare_figure_that_unit():
    assert one("Tỷ lệ giáo viên/lớp của trường đạt 1,7.") == [("=", 1.7, "giáo viên/lớp", 2029)]
    assert one("Tỷ lệ học sinh/máy tính không quá 20.") == [("<=", 20, "học sinh/máy", 2029)]


def test_a_table_row_labelled_as_a_ratio_is_no_share():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2029\n"
            "Tỷ lệ học sinh/máy tính | ≤ 25 | ≤ 20\n")
    assert got(text) == [("<=", 25, "học sinh/máy", 2027), ("<=", 20, "học sinh/máy", 2029)]


# ---------------------------------------------------------------------------- indicators a thematic plan does not name
@pytest.mark.parametrize("sentence, unit", [
    # the professional standard's rating is not the training standard
    ("Phấn đấu 85% giáo viên được đánh giá chuẩn nghề nghiệp mức Khá trở lên.", "%"),
    # one subject's programme is no school level completed
    ("100% học sinh lớp 4 hoàn thành chương trình giáo dục thể chất, biết bơi.", "%"),
    # a grade in the subject's assessment, a club's members
    ("Trên 80% học sinh khối 5 hoàn thành tốt môn Tiếng Anh.", "%"),
    ("40% học sinh tiểu học tham gia CLB tiếng Anh của trường.", "%"),
    # courses of a learning centre are not a school's classes
    ("Mở ít nhất 12 lớp tin học văn phòng cho người dân.", "lớp"),
    ("Mở 15 lớp Bình dân học vụ số tại các thôn.", "lớp"),
])
def test_thematic_wording_of_another_measure_proposes_no_indicator(sentence, unit):
    assert propose(sentence, unit, CATALOGUE).code is None


def test_the_training_standard_and_the_english_standard_are_still_proposed():
    assert propose("100% giáo viên đạt chuẩn trình độ đào tạo theo Luật Giáo dục.", "%", CATALOGUE).code \
        == "TEACHERS_QUALIFIED"
    assert propose("75% học sinh lớp 9 đạt chuẩn năng lực tiếng Anh bậc 2.", "%", CATALOGUE).code \
        == "ENGLISH_PROFICIENCY"


# ---------------------------------------------------------------------------- a harm that does not happen
@pytest.mark.parametrize("line", ["Không có ngộ độc thực phẩm trong bữa ăn bán trú.",
                                  "Trong trường không còn tai nạn thương tích do đồ chơi hỏng."])
def test_a_harm_said_not_to_happen_is_a_zero_target(line):
    assert [(t[0], t[1]) for t in one(line)] == [("=", 0)]
