"""Plan importer: the reading rules the blind72 set called for (fixtures/plans_heldout/blind72, ordinary school plans
written by someone who never read the importer), one test per rule, on documents and sentences written for the test
(none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, plan_targets

PLAN = ("UBND XÃ ĐÔNG LĨNH\nTRƯỜNG TRUNG HỌC CƠ SỞ ĐÔNG LĨNH\nSố: 57/KH-THCSĐL\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐông Lĩnh, ngày 18 tháng 9 năm 2026\n\n"
        "KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2026-2027\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nBám sát hướng dẫn của ngành, phù hợp điều kiện nhà trường.\n"
        "II. CHỈ TIÊU\n- Tỷ lệ học sinh lên lớp đạt 98%.\n"
        "III. THỰC HIỆN NGHỊ QUYẾT 71-NQ/TW\n{line}\n- Có 5 phòng học bộ môn đạt chuẩn;\n"
        "- 100% hồ sơ học sinh được số hóa.\n"
        "IV. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn cụ thể hóa kế hoạch.\n\n"
        "Nơi nhận:\n- UBND xã;\n- Lưu: VT.\nHIỆU TRƯỞNG\n\nLê Thị Hoa\n")


# ---------------------------------------------------------------------------- a horizon in a line's last sentence
def test_a_lines_last_sentence_ending_on_a_colon_gives_the_items_under_it_its_year():
    targets = plan_targets(PLAN.format(line="Năm học trước trường có 21 lớp. Nhà trường phấn đấu đến năm 2030:"))
    assert ("=", 5, "phòng", 2030) in targets and ("=", 100, "%", 2030) in targets
    assert ("=", 98, "%", 2027) in targets   # the school year's own target keeps the plan's year


def test_items_under_a_line_without_a_year_keep_the_plans_year():
    targets = plan_targets(PLAN.format(line="Năm học trước trường có 21 lớp. Nhà trường phấn đấu:"))
    assert ("=", 5, "phòng", 2027) in targets


# ---------------------------------------------------------------------------- a superior body's figure quoted
def test_the_centres_aim_quoted_before_the_schools_own_is_no_target():
    targets = plan_targets(PLAN.format(
        line="Trung ương đặt mục tiêu đến năm 2030 có 85% học sinh hoàn thành THCS. Nhà trường phấn đấu đến năm 2030:"))
    assert not any(t[1] == 85 for t in targets) and ("=", 5, "phòng", 2030) in targets


def test_a_figure_a_superiors_plan_sets_quoted_in_a_schools_plan_is_no_target():
    targets = plan_targets(PLAN.format(
        line="Kế hoạch của Sở xác định toàn tỉnh phấn đấu 90% trường có phòng học bộ môn. Trường đề ra mục tiêu đến năm 2030:"))
    assert not any(t[1] == 90 for t in targets) and ("=", 100, "%", 2030) in targets


# ---------------------------------------------------------------------------- a baseline of the year before
def test_the_figure_a_rise_starts_from_last_school_year_is_a_baseline():
    targets = got(GOAL + "- Nâng tỷ lệ học sinh đạt chứng chỉ tin học từ 45,5% năm học trước lên 60%.\n", plan_year=2026)
    assert ("=", 60, "%", None) in targets and not any(t[1] == 45.5 for t in targets)


# ---------------------------------------------------------------------------- a part on rolling out the Resolution
PARTS = ("UBND XÃ ĐÔNG LĨNH\nTRƯỜNG TIỂU HỌC ĐÔNG LĨNH\nSố: 61/KH-THĐL\n\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐông Lĩnh, ngày 20 tháng 9 năm 2026\n\n"
         "KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2026-2027\n\n"
         "PHẦN I. MỤC ĐÍCH, YÊU CẦU\nBám sát hướng dẫn của ngành.\n"
         "PHẦN II. CHỈ TIÊU\n- Tỷ lệ học sinh lưu ban dưới 1%.\n"
         "PHẦN III. {heading}\nPhấn đấu đến năm 2030: trường đạt chuẩn quốc gia mức độ 2; đạt kiểm định chất lượng "
         "giáo dục cấp độ 3; có 04 phòng học thông minh.\n"
         "PHẦN IV. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn cụ thể hóa kế hoạch.\n\n"
         "Nơi nhận:\n- UBND xã;\n- Lưu: VT.\nHIỆU TRƯỞNG\n\nLê Văn Nam\n")


def test_a_part_on_rolling_out_the_resolution_sets_targets_as_the_targets_section_does():
    targets = plan_targets(PARTS.format(heading="TRIỂN KHAI NGHỊ QUYẾT SỐ 71-NQ/TW ĐẾN NĂM 2030"))
    assert ("=", 3, "mức", 2030) in targets and ("=", 4, "phòng", 2030) in targets


# ---------------------------------------------------------------------------- a school year over among the horizons
def test_a_column_of_a_school_year_over_between_the_horizons_is_results():
    table = ("II. CHỈ TIÊU NĂM HỌC 2026-2027\n"
             "Khối | Hoàn thành 2025-2026 | Hoàn thành 2026-2027 | Lên lớp 2025-2026 | Lên lớp 2026-2027\n"
             "Khối 6 | 97,3% | 98% | - | -\nKhối 8 | - | - | 95,2% | 96%\n")
    targets = got(table, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert targets == [("=", 98, "%", 2027), ("=", 96, "%", 2027)]
