"""Plan importer: the reading rules the blind63 set called for (fixtures/plans_heldout/blind63, ordinary school and
commune plans written by someone who never read the importer), one test per rule, on documents and sentences written
for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, plan_targets

# ---------------------------------------------------------------------------- a target the plan gives no year
PLAN = ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG TIỂU HỌC SUỐI LAU\nSố: 41/KH-THSL\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSuối Lau, ngày 14 tháng 10 năm 2026\n\n"
        "KẾ HOẠCH\n{subject}\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt đầy đủ tinh thần của Nghị quyết đến mọi giáo viên.\n"
        "II. CHỈ TIÊU\n- Hằng năm: tỷ lệ học sinh lưu ban dưới 1%; 100% học sinh được học bơi.\n"
        "- Có 03 phòng học tiếng Anh vào năm 2028.\n"
        "III. TỔ CHỨC THỰC HIỆN\nTổ chuyên môn xây dựng kế hoạch chi tiết.\n\n"
        "Nơi nhận:\n- Phòng GDĐT;\n- Lưu: VT.\nHIỆU TRƯỞNG\n\nHà Văn Dũng\n")


def test_a_target_with_no_year_in_a_plan_carrying_out_the_resolution_is_due_by_2030():
    targets = plan_targets(PLAN.format(subject="Triển khai Nghị quyết số 71-NQ/TW của Bộ Chính trị tại nhà trường"))
    assert ("<", 1, "%", 2030) in targets and ("=", 100, "%", 2030) in targets
    assert ("=", 3, "phòng", 2028) in targets   # a year of its own stays


def test_a_target_with_no_year_in_a_school_year_plan_is_due_by_its_end():
    targets = plan_targets(PLAN.format(subject="Thực hiện Nghị quyết 71 trong năm học 2026 - 2027"))
    assert ("<", 1, "%", 2027) in targets and ("=", 3, "phòng", 2028) in targets


def test_a_plan_naming_no_horizon_and_no_resolution_leaves_the_year_open():
    targets = plan_targets(PLAN.format(subject="Phát triển phong trào đọc sách trong nhà trường"))
    assert ("<", 1, "%", None) in targets


# ---------------------------------------------------------------------------- a year kept to its own clause
def test_a_year_after_a_semicolon_is_the_next_clauses_only():
    text = GOAL + "1. Mầm non: trẻ 5 tuổi ra lớp duy trì 100%; trẻ mẫu giáo ra lớp đạt 97% vào năm 2028.\n"
    targets = got(text, plan_due=2030)   # a plan carrying out the Resolution, its subject naming no year
    assert ("=", 100, "%", None) in targets and ("=", 97, "%", 2028) in targets
    assert ("=", 100, "%", 2028) in got(text)   # with nothing else to go by, the year on its line is the best guess


# ---------------------------------------------------------------------------- a year's result in a bracket
def test_a_bracket_giving_the_plans_year_its_result_is_neither_a_target_nor_the_targets_year():
    text = GOAL + "- Tỷ lệ học sinh lên lớp đạt từ 97% trở lên (năm 2026 đạt 95,8%).\n"
    targets = got(text, plan_year=2026, plan_month=11, plan_horizon=2030)
    assert (">=", 97, "%", 2030) in targets and not any(t[1] == 95.8 for t in targets)


def test_a_bracket_giving_a_later_year_a_figure_is_still_read():
    targets = got(GOAL + "- Tỷ lệ học sinh lên lớp đạt 97% (năm 2028 đạt 98%).\n", plan_year=2026, plan_month=11)
    assert ("=", 98, "%", 2028) in targets


# ---------------------------------------------------------------------------- a level kept beside a new one with a year
def test_a_level_kept_keeps_the_headings_year_beside_a_new_level_due_earlier():
    targets = got("II. MỤC TIÊU ĐẾN NĂM 2030\n- Giữ vững trường đạt chuẩn quốc gia mức độ 2, đạt kiểm định chất lượng "
                  "giáo dục cấp độ 3 vào năm 2028.\n")
    assert ("=", 2, "mức", 2030) in targets and ("=", 3, "mức", 2028) in targets


# ---------------------------------------------------------------------------- a road's last step before a semicolon
def test_a_roads_year_does_not_pass_a_semicolon_to_the_next_clause():
    targets = got(GOAL + "2. Tiểu học: học sinh lớp 5 biết bơi năm 2027 đạt 60%, đến năm 2029 đạt 85%; không để xảy ra "
                  "tai nạn đuối nước.\n", plan_horizon=2030)
    assert ("=", 60, "%", 2027) in targets and ("=", 85, "%", 2029) in targets
    assert any(t[1] == 0 and t[3] == 2030 for t in targets)


def test_a_year_opening_the_line_still_covers_its_clauses():
    targets = got(GOAL + "- Đến năm 2028: 95% học sinh biết bơi; không để xảy ra đuối nước.\n", plan_horizon=2030)
    assert ("=", 95, "%", 2028) in targets and any(t[1] == 0 and t[3] == 2028 for t in targets)


# ---------------------------------------------------------------------------- blind64: a table of average marks
MARKS = ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG THPT BẾN ĐÁ\nSố: 17/KH-THPTBĐ\n\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBến Đá, ngày 25 tháng {month} năm 2026\n\n"
         "KẾ HOẠCH\nNâng cao chất lượng giáo dục giai đoạn 2026 - 2030\n\n"
         "I. MỤC TIÊU\nĐiểm bình quân kỳ thi tốt nghiệp THPT các môn:\n"
         "Môn | Năm 2026 | Chỉ tiêu năm 2028\nVật lý | 6,35 | 6,9\nLịch sử | 7,02 | 7,5\n"
         "II. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn xây dựng kế hoạch ôn tập.\n\n"
         "Nơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\n\nĐinh Văn Hòa\n")


def test_a_caption_of_average_marks_gives_the_tables_bare_figures_their_unit():
    targets = plan_targets(MARKS.format(month=10))
    assert ("=", 6.9, "điểm", 2028) in targets and ("=", 7.5, "điểm", 2028) in targets


def test_the_plans_year_bare_beside_a_column_of_aims_is_its_results_once_the_school_year_is_over():
    assert not any(t[1] in (6.35, 7.02) for t in plan_targets(MARKS.format(month=10)))
    assert ("=", 6.35, "điểm", 2026) in plan_targets(MARKS.format(month="02"))   # before the exams: an aim


# ---------------------------------------------------------------------------- blind64: a list after a table's last row
def test_a_numbered_part_and_its_list_after_a_table_are_no_rows_of_it():
    text = GOAL + ("1. Tuyển sinh\nTT | Chỉ tiêu | Năm học 2025 - 2026 | Năm học 2026 - 2027\n"
                   "1 | Số lớp mẫu giáo | 8 | 9\n2 | Tỷ lệ trẻ 4 tuổi ra lớp (%) | 97 | 98\n3 | Tỷ lệ trẻ 3 tuổi ra lớp (%) | 90 | 92\n"
                   "2. Nuôi dưỡng\n- 100% trẻ được uống sữa học đường, 100% trẻ được theo dõi biểu đồ tăng trưởng.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert [t for t in targets if t[1] == 100] == [("=", 100, "%", 2027), ("=", 100, "%", 2027)]
    assert ("=", 92, "%", 2027) in targets
