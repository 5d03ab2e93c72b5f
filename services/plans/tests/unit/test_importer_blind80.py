"""Plan importer: the reading rules the blind80 to blind83 sets called for (fixtures/plans_heldout/blind80..83, plans
written by someone who never read the importer), one test per rule, on documents and sentences written for the test
(none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, plan_targets


# ---------------------------------------------------------------------------- a part naming tasks and targets
def test_a_numbered_part_on_tasks_and_targets_goes_on_setting_targets():
    text = ("II. MỤC TIÊU\n1. Chỉ tiêu chung\n- Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 99%.\n"
            "2. Nhiệm vụ và chỉ tiêu từng cấp học\n2.1. Tiểu học: 100% lớp học 2 buổi/ngày; ít nhất 70% học sinh lớp 5 "
            "biết bơi.\n2.2. Trung học cơ sở: có thêm 2 trường đạt chuẩn quốc gia.\n"
            "III. TỔ CHỨC THỰC HIỆN\nCác trường xây dựng kế hoạch.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert ("=", 100, "%", 2027) in targets and (">=", 70, "%", 2027) in targets
    assert ("=", 2, "trường", 2027) in targets


def test_a_numbered_part_on_tasks_alone_still_ends_the_targets():
    text = ("II. MỤC TIÊU\n1. Chỉ tiêu chung\n- Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 99%.\n"
            "2. Nhiệm vụ, giải pháp\n- Tổ chức 3 hội thảo chuyên đề cho giáo viên.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert ("=", 99, "%", 2027) in targets and not any(t[1] == 3 for t in targets)


# ---------------------------------------------------------------------------- a part carrying out the Resolution
def test_a_part_carrying_out_the_resolution_by_a_year_after_the_tasks_sets_targets_due_by_that_year():
    text = ("II. NHIỆM VỤ, CHỈ TIÊU NĂM HỌC 2026 - 2027\n1. Chỉ tiêu chủ yếu\n- Tỷ lệ học sinh lên lớp đạt 98%.\n"
            "2. Nhiệm vụ, giải pháp\n- Tổ chức 3 hội thảo chuyên đề cho giáo viên.\n"
            "3. Triển khai Nghị quyết số 71-NQ/TW đến năm 2030\n- Có 4 phòng học bộ môn đạt chuẩn; 100% giáo viên "
            "dạy tiếng Anh đạt chuẩn.\nIII. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn xây dựng kế hoạch.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert ("=", 98, "%", 2027) in targets and not any(t[1] == 3 for t in targets)
    assert ("=", 4, "phòng", 2030) in targets and ("=", 100, "%", 2030) in targets


def test_a_part_naming_the_resolution_and_its_horizon_sets_its_items_year():
    text = ("II. CHỈ TIÊU NĂM HỌC 2026 - 2027\n1. Chất lượng\n- Tỷ lệ học sinh lên lớp đạt 98%.\n"
            "2. Nghị quyết số 71-NQ/TW - mục tiêu đến năm 2030\n- Có 3 phòng học bộ môn đạt chuẩn.\n"
            "3. Nghị quyết 71 - đến năm 2035\n- 100% giáo viên đạt trình độ thạc sĩ.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert ("=", 98, "%", 2027) in targets and ("=", 3, "phòng", 2030) in targets
    assert ("=", 100, "%", 2035) in targets


# ---------------------------------------------------------------------------- a part on tasks inside the targets'
SCHOOL_YEAR = ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG TIỂU HỌC BÌNH MINH\nSố: 52/KH-THBM\n\n"
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBình Minh, ngày 20 tháng 9 năm 2026\n\n"
               "KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2026 - 2027\n\n"
               "I. ĐẶC ĐIỂM TÌNH HÌNH\nTrường có 20 lớp với 640 học sinh.\n"
               "II. NHIỆM VỤ, CHỈ TIÊU VÀ GIẢI PHÁP\nA. Chỉ tiêu\n"
               "- Tỷ lệ học sinh hoàn thành chương trình lớp học đạt 99%.\n"
               "B. Nhiệm vụ và giải pháp\n{items}III. TỔ CHỨC THỰC HIỆN\nCác tổ khối xây dựng kế hoạch tháng.\n\n"
               "Nơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\n\nLê Thị Hoa\n")


def test_a_share_opening_an_item_of_a_tasks_part_inside_the_targets_section_is_a_target():
    items = ("1. Thư viện, đọc sách: duy trì 3 tiết đọc/tháng; 100% học sinh có thẻ thư viện.\n"
             "2. Tin học, ngoại ngữ: 90% học sinh lớp 4, 5 được học tin học; tổ chức 2 buổi giao lưu tiếng Anh.\n")
    targets = plan_targets(SCHOOL_YEAR.format(items=items))
    assert ("=", 100, "%", 2027) in targets and ("=", 90, "%", 2027) in targets
    assert not any(t[1] in (2, 3) for t in targets)   # the work to do


def test_a_bound_written_in_an_item_of_a_tasks_part_inside_the_targets_section_is_a_target():
    items = ("1. Giáo dục STEM: đổi mới sinh hoạt chuyên môn; ít nhất 3 bài học STEM/khối/học kỳ.\n"
             "2. Toán: điểm trung bình môn Toán kỳ khảo sát cuối năm đạt 6,0 trở lên; dạy 2 tiết ôn tập/tuần.\n")
    targets = plan_targets(SCHOOL_YEAR.format(items=items))
    assert (">=", 3, "bài học", 2027) in targets and (">=", 6, "điểm", 2027) in targets
    assert not any(t[1] == 2 for t in targets)


def test_a_bound_in_the_means_under_a_section_of_targets_alone_is_no_target():
    text = ("I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt Nghị quyết.\nII. CHỈ TIÊU NĂM HỌC 2026 - 2027\n1. Chỉ tiêu chủ yếu\n"
            "- Tỷ lệ học sinh lên lớp đạt 98%.\n"
            "2. Giải pháp\n- Tổ chức dạy học STEM ít nhất 3 chủ đề/khối/năm; bồi dưỡng giáo viên cốt cán.\n"
            "III. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn xây dựng kế hoạch.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert ("=", 98, "%", 2027) in targets and not any(t[1] == 3 for t in targets)


# ---------------------------------------------------------------------------- a rank
def test_a_rank_in_a_tables_cell_or_after_a_label_bounds_the_place():
    text = GOAL + ("Chỉ tiêu | Năm học 2025 - 2026 | Năm học 2026 - 2027\nĐiểm thi vào lớp 10 xếp thứ trong tỉnh | 87 | Tốp 50\n"
                   "- Kết quả thi học sinh giỏi cấp tỉnh: tốp 20.\n- Nhà trường phấn đấu xếp trong tốp 15.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert [t for t in targets if t[2] == "hạng"] == [("<=", 50, "hạng", 2027), ("<=", 20, "hạng", 2027),
                                                       ("<=", 15, "hạng", 2027)]
    assert not any(t[1] == 87 for t in targets)


def test_a_part_on_the_tasks_that_carry_out_the_targets_still_ends_them():
    text = ("II. MỤC TIÊU\n1. Chỉ tiêu chung\n- Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 99%.\n"
            "2. Nhiệm vụ, giải pháp thực hiện các chỉ tiêu\n- Tổ chức 3 hội thảo chuyên đề cho giáo viên.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert ("=", 99, "%", 2027) in targets and not any(t[1] == 3 for t in targets)
