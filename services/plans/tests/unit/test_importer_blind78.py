"""Plan importer: the reading rules the blind78–83 sets' leftovers called for (fixtures/plans_heldout/blind78 …
blind83, ordinary school and commune plans written by someone who never read the importer), one test per rule, on
documents and sentences written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, header


# ---------------------------------------------------------------------------- a symbol cut at its hyphen in the title
def test_a_resolutions_symbol_a_line_break_cut_after_its_hyphen_is_one_word_in_the_title():
    text = ("UBND XÃ ĐỒNG LẠC\nTRƯỜNG MẦM NON ĐỒNG LẠC\nSố: 12/KH-MNĐL\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n\nĐồng Lạc, ngày 3 tháng 10 năm 2026\n\nKẾ HOẠCH\n"
            "Triển khai các nhiệm vụ trọng tâm theo Nghị quyết số 71-\nNQ/TW của Bộ Chính trị\n\n"
            "I. MỤC ĐÍCH\nNâng cao chất lượng chăm sóc trẻ.\n")
    assert header(text, ("title",))["title"] == ("Triển khai các nhiệm vụ trọng tâm theo Nghị quyết số 71-NQ/TW của "
                                                 "Bộ Chính trị")


# ---------------------------------------------------------------------------- "không để … quá N": a ceiling
def test_not_letting_a_rate_pass_a_figure_bounds_it_from_above():
    assert ("<=", 4, "%", None) in got(GOAL + "- Không để trẻ bỏ học quá 4%.\n")
    # (the rate named at length between the negation and the figure)
    assert ("<=", 7, "%", None) in got(GOAL + "- Không để tỷ lệ trẻ mẫu giáo suy dinh dưỡng thể thấp còi vượt quá 7%.\n")
    assert ("=", 99, "%", None) in got(GOAL + "- Không để xảy ra tai nạn đuối nước; tỷ lệ chuyên cần đạt 99%.\n")


# ---------------------------------------------------------------------------- a bank of test papers, counted
def test_a_count_of_test_banks_is_counted_in_banks():
    assert (">=", 2, "ngân hàng đề", None) in got(GOAL + "- Mỗi tổ chuyên môn có ít nhất 02 ngân hàng đề trực tuyến.\n")


# ---------------------------------------------------------------------------- a bare year opening a clause on "đạt"
def test_a_bare_year_opening_a_clause_on_reach_labels_its_figure():
    targets = got(GOAL + "- Trẻ 5 tuổi được làm quen tiếng Anh: 2028 đạt 40%, 2030 đạt 70%.\n")
    assert ("=", 40, "%", 2028) in targets and ("=", 70, "%", 2030) in targets


# ---------------------------------------------------------------------------- a level's year, named or "the same"
def test_a_level_with_its_year_right_after_it_is_a_target_among_the_tasks_assigned():
    text = ("II. MỤC TIÊU\n- Tỷ lệ trẻ ra lớp đạt 98%.\nIII. NHIỆM VỤ GIAO CÁC ĐƠN VỊ\n"
            "- Trường THCS Tân Lập: đạt chuẩn quốc gia mức độ 2 năm 2028; sửa chữa nhà đa năng.\n")
    assert ("=", 2, "mức", 2028) in got(text)


def test_the_same_year_not_named_again_is_the_year_named_before_it_on_the_line():
    targets = got("II. MỤC TIÊU ĐẾN NĂM 2030\n- Trường đạt chuẩn quốc gia mức độ 1 vào năm 2028; đạt kiểm định chất "
                  "lượng giáo dục cấp độ 2 cùng năm.\n")
    assert ("=", 1, "mức", 2028) in targets and ("=", 2, "mức", 2028) in targets


# ---------------------------------------------------------------------------- a deadline closing its own clause
def test_a_deadline_closing_a_clause_that_lists_whom_it_counts_is_not_the_next_clauses():
    targets = got("II. MỤC TIÊU\nTrong năm học 2026-2027: 100% giáo viên, nhân viên hoàn thành bồi dưỡng kỹ năng số trước "
                  "ngày 15/12/2026; 90% lớp học có thiết bị trình chiếu.\n", plan_year=2026, plan_month=9)
    assert ("=", 90, "%", 2027) in targets
    # (under a heading's later year, the line's own school year still holds past the deadline that closed a clause)
    targets = got("II. MỤC TIÊU ĐẾN NĂM 2030\nRiêng năm học 2026-2027: 100% giáo viên, nhân viên hoàn thành bồi dưỡng "
                  "kỹ năng số trước ngày 15/12/2026; 90% lớp học có thiết bị trình chiếu.\n", plan_year=2026, plan_month=9)
    assert ("=", 90, "%", 2027) in targets


def test_a_year_opening_the_next_clause_on_a_level_reached_is_not_the_first_levels():
    targets = got("II. MỤC TIÊU ĐẾN NĂM 2030\n- Trường đạt chuẩn quốc gia mức độ 1, ngay trong năm 2027 đạt kiểm định "
                  "chất lượng giáo dục cấp độ 2.\n")
    assert ("=", 1, "mức", 2030) in targets and ("=", 2, "mức", 2027) in targets


# ---------------------------------------------------------------------------- a bounded staffing ratio among the tasks
def test_a_bounded_teachers_per_class_ratio_among_the_tasks_is_a_target():
    text = ("II. MỤC TIÊU\n- Tỷ lệ trẻ ra lớp đạt 98%.\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
            "1. Phát triển đội ngũ: bố trí đủ không dưới 1,4 giáo viên/lớp ở tiểu học; tổ chức bồi dưỡng hè.\n")
    assert (">=", 1.4, "giáo viên/lớp", None) in got(text)
