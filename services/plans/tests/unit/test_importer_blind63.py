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
    targets = got(GOAL + "1. Mầm non: trẻ 5 tuổi ra lớp duy trì 100%; trẻ mẫu giáo ra lớp đạt 97% vào năm 2028.\n")
    assert ("=", 100, "%", None) in targets and ("=", 97, "%", 2028) in targets
