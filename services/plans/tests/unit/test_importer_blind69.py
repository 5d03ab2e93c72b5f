"""Plan importer: the reading rules the blind69 set called for (fixtures/plans_heldout/blind69, ordinary school and
commune plans written by someone who never read the importer), one test per rule, on documents, sentences and tables
written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.pdf_tables import page_tables, table_lines

from .importer_probes import GOAL, got, plan_targets
from .test_importer_pdf_tables import lay_out, plain

# ---------------------------------------------------------------------------- a tasks section's part on the figures
PLAN = ("UBND XÃ BẮC SƠN\nTRƯỜNG THCS BẮC SƠN\nSố: 38/KH-THCSBS\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBắc Sơn, ngày 22 tháng 9 năm 2026\n\n"
        "KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2026 - 2027\n\n"
        "I. MỤC TIÊU NĂM HỌC\n- Tỷ lệ học sinh lên lớp đạt 99%.\n"
        "II. NHIỆM VỤ TRIỂN KHAI NGHỊ QUYẾT 71-NQ/TW\n1. Các chỉ tiêu\n"
        "TT | Chỉ tiêu | Năm học 2026 - 2027 | Đến năm 2030\n"
        "1 | Học sinh học tiếng Anh với người nước ngoài (%) | 30 | 60\n"
        "2 | Câu lạc bộ STEM (câu lạc bộ) | 2 | 4\n"
        "2. Giải pháp\n- Sửa chữa 03 phòng học bộ môn trong hè.\n"
        "III. TỔ CHỨC THỰC HIỆN\nHiệu trưởng chỉ đạo chung.\n\n"
        "Nơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\n\nVi Văn Toàn\n")


def test_a_part_naming_the_targets_inside_a_later_tasks_section_sets_them():
    targets = plan_targets(PLAN)
    assert ("=", 30, "%", 2027) in targets and ("=", 60, "%", 2030) in targets
    assert ("=", 2, "câu lạc bộ", 2027) in targets and ("=", 4, "câu lạc bộ", 2030) in targets
    assert not any(t[1] == 3 for t in targets)   # the solutions after it stay tasks


# ---------------------------------------------------------------------------- a numbered part over a table's caption
def test_a_numbered_part_over_a_tables_caption_is_no_heading_row_of_the_table():
    text = (GOAL + "1. Đến năm 2030\n- Có ít nhất 02 trường đạt chuẩn quốc gia.\n2. Chỉ tiêu giao các trường\n"
            "Chỉ tiêu năm học 2026 - 2027\nTT | Trường | Học sinh ăn bán trú (%) | Sĩ số tối đa (học sinh/lớp)\n"
            "1 | Tiểu học Pá Lau | 55 | 30\n2 | THCS Pá Lau | 70 | 38\n")
    targets = got(text, plan_year=2026, plan_month=10)
    assert ("=", 55, "%", 2027) in targets and ("<=", 30, "học sinh/lớp", 2027) in targets
    assert ("=", 70, "%", 2027) in targets and ("<=", 38, "học sinh/lớp", 2027) in targets


# ---------------------------------------------------------------------------- a sentence on what there is today
def test_a_sentence_opening_on_today_describes_through_its_clauses():
    targets = got(GOAL + "Hiện nay xã có 5 trường với 2.410 học sinh; 980 học sinh ăn bán trú.\n"
                  "- Tỷ lệ học sinh ăn bán trú đạt 60%.\n", plan_year=2026, plan_month=10)
    assert targets == [("=", 60, "%", None)]


def test_a_sentence_on_what_a_territory_has_describes_it():
    targets = got(GOAL + "Trên địa bàn xã có 7 trường (3 mầm non, 2 tiểu học, 2 THCS) với 3.265 học sinh.\n"
                  "- Có thêm 02 trường đạt chuẩn quốc gia.\n", plan_year=2026, plan_month=10)
    assert targets == [("=", 2, "trường", None)]


def test_a_clause_that_aims_after_a_sentence_opening_on_today_is_still_read():
    targets = got(GOAL + "Hiện nay xã có 3 trường đạt chuẩn quốc gia; phấn đấu có thêm 02 trường đạt chuẩn quốc gia.\n",
                  plan_year=2026, plan_month=10)
    assert targets == [("=", 2, "trường", None)]


# ---------------------------------------------------------------------------- make-up of the school year under way
def test_the_part_of_the_pupils_a_size_breaks_down_is_no_target():
    targets = got(GOAL + "Năm học 2026 - 2027 trường có 21 lớp với 610 học sinh, trong đó 240 học sinh ở bán trú.\n"
                  "- 100% học sinh bán trú được ăn trưa tại trường.\n", plan_year=2026, plan_month=10)
    assert targets == [("=", 100, "%", None)]


def test_the_share_of_the_pupils_who_are_of_a_people_is_no_target():
    targets = got(GOAL + "Trường có 82% học sinh là người Mông, Thái; 91% là học sinh dân tộc thiểu số.\n"
                  "- 98% học sinh dân tộc thiểu số được tăng cường tiếng Việt.\n"
                  "- Ít nhất 35% giáo viên là người dân tộc thiểu số.\n", plan_year=2026, plan_month=10)
    assert targets == [("=", 98, "%", None), (">=", 35, "%", None)]   # a share bounded is one to reach


# ---------------------------------------------------------------------------- a higher body's aim, then the own one
def test_a_higher_bodys_aim_before_the_communes_own_next_sentence_is_quoted():
    targets = got(GOAL + "- Huyện phấn đấu 70% học sinh được học bơi. Xã phấn đấu 85% học sinh được học bơi.\n",
                  own_kind="ubnd", plan_year=2026, plan_month=10)
    assert [t[1] for t in targets] == [85]


def test_a_higher_bodys_aim_before_the_communes_own_on_the_next_line_is_quoted():
    targets = got(GOAL + "Tỉnh phấn đấu 90% trường có bếp ăn bán trú.\nXã phấn đấu 100% trường có bếp ăn bán trú.\n",
                  own_kind="ubnd", plan_year=2026, plan_month=10)
    assert [t[1] for t in targets] == [100]


# ---------------------------------------------------------------------------- the Resolution's figure quoted
def test_the_resolutions_own_aim_quoted_before_the_schools_is_no_target():
    targets = got(GOAL + "- Nghị quyết đặt mục tiêu đến năm 2030 ít nhất 80% trường đạt chuẩn quốc gia; nhà trường "
                  "phấn đấu giữ vững chuẩn quốc gia mức độ 1.\n", plan_year=2026, plan_month=10)
    assert not any(t[1] == 80 for t in targets) and ("=", 1, "mức", 2030) in targets


# ---------------------------------------------------------------------------- a year labelling one line of prose
def test_the_sentence_after_a_line_of_prose_a_year_labels_is_back_under_the_plans_year():
    text = GOAL + ("Năm học 2026 - 2027: tỷ lệ học sinh lớp 9 được tư vấn hướng nghiệp đạt 100%.\n"
                   "Duy trì phổ cập giáo dục THCS mức độ 3.\n")
    targets = got(text, plan_year=2026, plan_month=11, plan_horizon=2030)
    assert ("=", 100, "%", 2027) in targets and ("=", 3, "mức", 2030) in targets
    # (a line a PDF wrapped before a name, "… tiếng" / "Việt …", is the same sentence: its year goes on)
    text = GOAL + "Năm 2028: 100% học sinh lớp 1 được chuẩn bị tiếng\nViệt; có 02 phòng học thông minh.\n"
    assert ("=", 2, "phòng", 2028) in got(text, plan_year=2026, plan_month=11, plan_horizon=2030)


def test_a_line_wrapped_before_a_list_of_abbreviations_goes_on():
    text = GOAL + ("Năm học 2026 - 2027: tỷ lệ học sinh lớp 9 tiếp tục vào học\n"
                   "THPT, GDTX, trung cấp nghề đạt 94%.\nDuy trì phổ cập giáo dục THCS mức độ 3.\n")
    targets = got(text, plan_year=2026, plan_month=11, plan_horizon=2030)
    assert ("=", 94, "%", 2027) in targets and ("=", 3, "mức", 2030) in targets


# ---------------------------------------------------------------------------- "NH" for "năm học"
def test_a_school_year_abbreviated_nh_in_prose_is_the_targets_year():
    targets = got(GOAL + "- Trẻ 6 tuổi vào lớp 1 đạt 100% NH 2026-2027.\n- HS lên lớp NH 2026-2027 đạt 98,5%.\n",
                  plan_year=2026, plan_month=10, plan_due=2030)
    assert targets == [("=", 100, "%", 2027), ("=", 98.5, "%", 2027)]


# ---------------------------------------------------------------------------- a later year with a zero in words
def test_a_year_opening_a_clause_that_sets_none_is_that_clauses_only():
    targets = got(GOAL + "- Tỷ lệ học sinh lưu ban năm học 2026 - 2027 dưới 0,8%, đến năm 2030 không còn học sinh "
                  "lưu ban.\n", plan_year=2026, plan_month=10, plan_due=2030)
    assert ("<", 0.8, "%", 2027) in targets and any(t[1] == 0 and t[3] == 2030 for t in targets)


# ---------------------------------------------------------------------------- a PDF table's label cut by a page break
HEADINGS = ["TT", "Chỉ tiêu", "ĐVT", "Năm 2027", "Năm 2030"]
WIDTHS = [30, 120, 40, 55, 55]


def test_the_rest_of_a_label_alone_atop_the_next_page_stays_in_the_table_over_the_next_row():
    first, _ = lay_out([HEADINGS, ["1", "Học sinh tham gia", "%", "70", "90"]], WIDTHS, top=120.0)
    carried = page_tables(plain(first), first)[1]
    assert carried is not None
    rest, _ = lay_out([["", "câu lạc bộ thể thao", "", "", ""], ["2", "Học sinh biết bơi", "%", "55", "80"]], WIDTHS,
                      top=800.0)
    assert [row for _, rows in table_lines(rest, carried) for row in rows] == [
        " | câu lạc bộ thể thao |  |  | ", "2 | Học sinh biết bơi | % | 55 | 80"]
