"""Plan importer: the reading rules the blind21 set called for (fixtures/plans_heldout/blind21, ordinary plans written
by someone who never read the importer), one test per rule, on sentences and tables written for the test (none copied
from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.header import sections
from plans.domain.importer.lines import Lines, tidy

from .importer_probes import GOAL, got

HEADS = "Chỉ tiêu | Năm học 2027 - 2028 | Năm 2029 | Ghi chú\n"


# ---------------------------------------------------------------------------- a row's label: its unit and its bound
def test_a_bound_in_brackets_after_a_rows_label_is_its_comparator_not_its_unit():
    text = GOAL + HEADS + "Số học sinh/lớp (tối đa) | 40 | 38 | Hiện nay 42\nSố trẻ/lớp mẫu giáo (không vượt quá) | 30 | 28 | \n"
    assert got(text) == [("<=", 40, "học sinh/lớp", 2028), ("<=", 38, "học sinh/lớp", 2029),
                         ("<=", 30, "trẻ/lớp", 2028), ("<=", 28, "trẻ/lớp", 2029)]


def test_a_unit_in_brackets_after_a_rows_label_is_still_its_unit():
    text = GOAL + HEADS + "Bếp ăn bán trú (bếp) | 2 | 3 | \n"
    assert got(text) == [("=", 2, "bếp", 2028), ("=", 3, "bếp", 2029)]


def test_a_bare_zero_cell_is_none_of_what_the_row_counts():
    text = GOAL + HEADS + "Trẻ bị tai nạn, thương tích tại trường | 0 | 0 | \n"
    assert got(text) == [("=", 0, "", 2028), ("=", 0, "", 2029)]


def test_a_bare_figure_other_than_zero_still_needs_a_unit():
    text = GOAL + HEADS + "Học sinh được hỗ trợ | 0 | 12 | \n"
    assert got(text) == []


# ---------------------------------------------------------------------------- a rank
def test_a_place_among_the_top_of_the_province_is_a_rank_bound_from_above():
    text = GOAL + "- Đến năm 2029, kết quả thi học sinh giỏi lớp 9 đứng trong tốp 5 của huyện.\n"
    assert got(text) == [("<=", 5, "hạng", 2029)]
    text = GOAL + "- Đến năm 2029, điểm thi tốt nghiệp THPT của trường xếp vào nhóm top 15 toàn tỉnh.\n"
    assert got(text) == [("<=", 15, "hạng", 2029)]


def test_a_share_after_top_is_no_rank():
    text = GOAL + "- Đến năm 2029, có 20% học sinh nằm trong top 10% điểm thi của tỉnh.\n"
    assert all(t[2] != "hạng" for t in got(text))


# ---------------------------------------------------------------------------- a section numbered twice
PLAN = ("I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng.\nII. MỤC TIÊU\n"
        "- Đến năm 2029, 100% giáo viên được bồi dưỡng kỹ năng số.\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n- Xây thêm 03 phòng học bộ môn.\n"
        "III. TỔ CHỨC THỰC HIỆN\nHiệu trưởng chỉ đạo chung.\n")


def test_a_numeral_typed_twice_before_a_heading_of_another_kind_still_ends_the_targets_section():
    assert [s[3] for s in sections(Lines(tidy(PLAN)))] == [
        "muc_dich_yeu_cau", "muc_tieu", "nhiem_vu_giai_phap", "to_chuc_thuc_hien"]
    assert got(PLAN) == [("=", 100, "%", 2029)]


def test_a_numeral_again_before_words_in_small_letters_or_the_same_kind_is_no_new_section():
    text = PLAN.replace("II. NHIỆM VỤ VÀ GIẢI PHÁP", "II. Nhiệm vụ và giải pháp")
    assert [s[3] for s in sections(Lines(tidy(text)))] == ["muc_dich_yeu_cau", "muc_tieu", "to_chuc_thuc_hien"]
    text = PLAN.replace("II. NHIỆM VỤ VÀ GIẢI PHÁP", "II. CÁC CHỈ TIÊU CỤ THỂ")
    assert [s[3] for s in sections(Lines(tidy(text)))] == ["muc_dich_yeu_cau", "muc_tieu", "to_chuc_thuc_hien"]


def test_a_row_naming_the_learners_admitted_counts_them():
    text = GOAL + HEADS + "Học sinh lớp 6 tuyển mới | 210 | 225 | \nTuyển sinh học viên lớp 10 GDTX | 90 | 120 | \n"
    assert got(text) == [("=", 210, "học sinh", 2028), ("=", 225, "học sinh", 2029),
                         ("=", 90, "học viên", 2028), ("=", 120, "học viên", 2029)]


# ---------------------------------------------------------------------------- (blind17) a preschool's classes, a level kept
def test_a_preschools_groups_and_classes_in_brackets_count_its_classes():
    text = GOAL + HEADS + "Số nhóm, lớp (nhóm/lớp) | 10 | 11 | \n"
    assert got(text) == [("=", 10, "lớp", 2028), ("=", 11, "lớp", 2029)]


def test_a_cell_that_keeps_a_level_gives_the_level():
    text = GOAL + HEADS + "Trường đạt chuẩn quốc gia | Giữ mức độ 1 | Mức độ 2 | \n"
    assert got(text) == [("=", 1, "mức", 2028), ("=", 2, "mức", 2029)]


def test_a_bound_on_the_pupils_a_class_has_is_a_class_size():
    assert got(GOAL + "- Đến năm 2029, giảm số học sinh bình quân/lớp THCS xuống không vượt quá 40.\n") == [
        ("<=", 40, "học sinh/lớp", 2029)]
    assert got(GOAL + "- Đến năm 2029, số trẻ trên một lớp mẫu giáo tối đa 30.\n") == [("<=", 30, "trẻ/lớp", 2029)]
    assert got(GOAL + "- Đến năm 2029, số học sinh được hỗ trợ không quá 40.\n") == [("<=", 40, "", 2029)]
