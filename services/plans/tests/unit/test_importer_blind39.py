"""Plan importer: the reading rules the blind39 set called for (fixtures/plans_heldout/blind39: plans that revise an
earlier one, "kế hoạch điều chỉnh, bổ sung", written by someone who never read the importer), one test per rule, on
sentences and tables written for the test (none copied from a fixture; pure, no files). A revision restates its
targets beside the figures they replace: only the target now in force is one."""
from __future__ import annotations

from plans.domain.importer.lines import tidy
from plans.domain.importer.parse import extract_targets

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- an amending text
AMENDING = ("I. MỤC ĐÍCH, YÊU CẦU\nCập nhật chỉ tiêu theo kết quả rà soát.\n"
            "II. NỘI DUNG SỬA ĐỔI, BỔ SUNG\n"
            "1. Sửa đổi khoản 2 Mục II (Mục tiêu năm học 2027 - 2028)\n"
            "a) Điểm b được sửa đổi như sau:\n"
            "\"b) Duy trì 24 lớp; tỷ lệ học sinh lưu ban dưới 0,8%.\"\n"
            "(Nội dung cũ: \"Duy trì 22 lớp, tỷ lệ lưu ban dưới 1%\").\n"
            "b) Bãi bỏ chỉ tiêu \"80% học sinh có chứng chỉ tin học\" tại điểm d khoản 2 Mục II.\n"
            "2. Sửa đổi khoản 3 Mục II (Mục tiêu đến năm 2031)\n"
            "\"a) Trường có không dưới 03 phòng học thông minh.\"\n"
            "III. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn triển khai thực hiện.\n")


def test_an_amending_texts_section_sets_targets_under_the_horizon_of_the_part_it_amends():
    assert got(AMENDING, plan_year=2027) == [("=", 24, "lớp", 2028), ("<", 0.8, "%", 2028), (">=", 3, "phòng", 2031)]


def test_the_old_wording_quoted_in_brackets_is_no_target():
    assert not any(t[1] in (22, 1) for t in got(AMENDING, plan_year=2027))


def test_a_withdrawn_target_is_no_target():
    assert not any(t[1] == 80 for t in got(AMENDING, plan_year=2027))


def test_an_amended_parts_heading_gives_its_horizon_only_when_numbered():
    # a plan's title ("Điều chỉnh chỉ tiêu … đến năm 2031") is no part of its targets' grouping
    text = ("Điều chỉnh chỉ tiêu thực hiện Nghị quyết số 71-NQ/TW đến năm 2031\n" + GOAL
            + "- Tỷ lệ học sinh bỏ học dưới 0,4%.\n")
    assert got(text, plan_year=2026, plan_horizon=2027) == [("<", 0.4, "%", 2027)]


# ---------------------------------------------------------------------------- the figure replaced, beside the new one
def test_a_bracket_that_opens_on_the_old_plan_holds_no_target_whatever_words_follow():
    text = (GOAL + "1. Đến năm 2029\n"
            "- Tỷ lệ học sinh bỏ học dưới 0,2% (KH cũ: dưới 0,6%).\n"
            "- Giáo viên đạt chuẩn trình độ đào tạo 100% (Kế hoạch số 14/KH-UBND: 92%).\n"
            "- Huy động trẻ ra lớp đạt 99% (Kế hoạch 30 giao 97%).\n"
            "- Tỷ lệ học sinh học 2 buổi/ngày đạt ít nhất 85% (nâng từ 70%).\n")
    assert got(text, plan_year=2026) == [("<", 0.2, "%", 2029), ("=", 100, "%", 2029), ("=", 99, "%", 2029),
                                         (">=", 85, "%", 2029)]


def test_a_bracket_that_rises_from_a_figure_to_another_still_gives_the_new_one():
    text = GOAL + "1. Đến năm 2029\n- Trường có 7 phòng học bộ môn (tăng từ 5 lên 7 phòng).\n"
    assert (">=", 5, "phòng", 2029) not in got(text, plan_year=2026)
    assert ("=", 7, "phòng", 2029) in got(text, plan_year=2026)


def test_an_assigned_figure_the_same_sentence_adjusts_is_replaced():
    text = (GOAL + "A. NĂM HỌC 2027 - 2028\n"
            "1. Tỷ lệ học sinh lưu ban: chỉ tiêu đã giao dưới 2% - chỉ tiêu điều chỉnh: dưới 1,2%.\n"
            "2. Sĩ số: chỉ tiêu đã giao không quá 40 học sinh/lớp - giữ nguyên.\n"
            "B. ĐẾN NĂM 2031\n"
            "3. Kiểm định chất lượng cấp độ 2 (chỉ tiêu đã giao cấp độ 3, điều chỉnh xuống cấp độ 2).\n")
    found = got(text, plan_year=2027)
    assert ("<", 2, "%", 2028) not in found and ("<", 1.2, "%", 2028) in found
    assert ("<=", 40, "học sinh/lớp", 2028) in found   # kept: still in force
    assert ("=", 3, "mức", 2031) not in found and ("=", 2, "mức", 2031) in found


def test_the_adjusted_figure_takes_its_indicator_from_the_items_label():
    text = (GOAL + "1. Đến năm 2030\n"
            "- Tỷ lệ học sinh lưu ban: chỉ tiêu đã giao dưới 2% - chỉ tiêu điều chỉnh: dưới 1,2%.\n")
    assert [t.indicator_code.value for t in extract_targets(text, plan_year=2027)] == ["REPETITION"]


def test_a_deadline_moved_from_one_year_to_another_is_due_in_the_new_year():
    text = (GOAL + "1. Mục tiêu đến năm 2030\n"
            "- 100% trường có phòng học thông minh (lùi thời hạn từ năm 2028 sang năm 2030).\n"
            "- Năm 2027: xây dựng ít nhất 02 phòng học thông minh (điều chỉnh từ năm 2029 về năm 2027).\n")
    assert got(text, plan_year=2026) == [("=", 100, "%", 2030), (">=", 2, "phòng", 2027)]


def test_the_legal_basis_before_the_first_section_sets_no_targets():
    text = ("Căn cứ kết quả năm học 2026 - 2027: học sinh bỏ học 0,4%; 12 lớp 9 với 410 học sinh;\n"
            "I. MỤC ĐÍCH, YÊU CẦU\nĐiều chỉnh chỉ tiêu cho sát thực tế.\n"
            "II. NHIỆM VỤ, GIẢI PHÁP\n1. Đến năm 2030, tỷ lệ học sinh bỏ học dưới 0,2%.\n")
    assert got(text, plan_year=2027) == [("<", 0.2, "%", 2030)]


# ---------------------------------------------------------------------------- a revision table
REVISION_TABLE = (GOAL + "TT | Chỉ tiêu | Chỉ tiêu đã giao | Chỉ tiêu điều chỉnh | Ghi chú\n"
                  "A. Quy mô, chất lượng (năm học 2027 - 2028) |  |  |  | \n"
                  "1 | Số lớp | 18 | 21 | Tăng 03 lớp\n"
                  "2 | Tỷ lệ học sinh bỏ học | < 1% | Giữ nguyên | \n"
                  "B. Cơ sở vật chất (đến năm 2031) |  |  |  | \n"
                  "3 | Phòng học thông minh | 01 | 04 | \n"
                  "4 | Trường đạt chuẩn quốc gia | Mức độ 1 | Không điều chỉnh | \n")


def test_a_revision_table_reads_the_adjusted_column_under_each_groups_horizon():
    assert got(REVISION_TABLE, plan_year=2027) == [("=", 21, "lớp", 2028), ("<", 1, "%", 2028),
                                                   ("=", 4, "phòng", 2031), ("=", 1, "mức", 2031)]


def test_a_column_of_the_old_figures_after_the_targets_holds_no_target():
    text = (GOAL + "TT | Chỉ tiêu | Tiểu học | THCS | Chỉ tiêu cũ (KH 12)\n"
            "A. Năm học 2027 - 2028 |  |  |  | \n"
            "1 | Lớp học 2 buổi/ngày | 100% | 70% | TH 90%; THCS 50%\n"
            "2 | Tỷ lệ học sinh bỏ học | ≤ 0,2% | ≤ 0,4% | THCS ≤ 0,6%\n")
    assert got(text, plan_year=2027) == [("=", 100, "%", 2028), ("=", 70, "%", 2028),
                                         ("<=", 0.2, "%", 2028), ("<=", 0.4, "%", 2028)]


# ---------------------------------------------------------------------------- text pasted from a PDF
def test_a_share_cut_right_after_its_decimal_comma_is_joined_back():
    assert "không quá 0,3%" in tidy("tỷ lệ bỏ học không quá 0,\n3% mỗi năm")
    assert "lớp 9,\n10 học sinh" in tidy("lớp 9,\n10 học sinh")   # no share after the cut: left alone


def test_a_figure_raised_with_its_verb_before_lên_is_where_the_change_starts():
    text = GOAL + "1. Đến năm 2030\n- Tỷ lệ học sinh hoàn thành chương trình tiểu học từ 96% nâng lên 98,5%.\n"
    assert got(text, plan_year=2026) == [("=", 98.5, "%", 2030)]

