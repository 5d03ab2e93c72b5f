"""Plan importer: the reading rules the blind65 set called for (fixtures/plans_heldout/blind65, ordinary plans of
schools in special circumstances: boarding, satellite sites, island, inclusive; written by someone who never read the
importer), one test per rule, on sentences and tables written for the test (none copied from a fixture; pure, no
files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, header, plan_targets


# ---------------------------------------------------------------------------- counts of pupils too large for shares
def test_figures_too_large_for_a_share_under_a_row_of_pupils_are_counts_of_them():
    table = ("TT | Đối tượng | Năm học 2026 - 2027 | Năm học 2028 - 2029\n"
             "1 | Học sinh ở nội trú | 1.240 | 1.380\n"
             "2 | Học sinh bán trú THCS | 865 | 910\n")
    targets = got(GOAL + table)
    assert ("=", 1240, "học sinh", 2027) in targets and ("=", 1380, "học sinh", 2029) in targets
    assert ("=", 865, "học sinh", 2027) in targets and ("=", 910, "học sinh", 2029) in targets


def test_small_bare_figures_under_a_row_of_pupils_are_still_not_read_as_counts():
    table = ("TT | Đối tượng | Năm học 2026 - 2027 | Năm học 2028 - 2029\n"
             "1 | Học sinh đạt giải thể thao | 45 | 60\n")
    assert not any(t[2] == "học sinh" for t in got(GOAL + table))   # a share with "%" left out, maybe


# ---------------------------------------------------------------------------- done away with altogether: none left
def test_doing_away_with_every_temporary_classroom_is_a_zero_target():
    targets = got(GOAL + "- Đến năm 2029, xóa toàn bộ phòng học tạm ở các thôn bản; 100% trường có nhà vệ sinh đạt chuẩn.\n")
    assert ("=", 0, "phòng", 2029) in targets and ("=", 100, "%", 2029) in targets
    assert ("=", 0, "phòng", 2028) in got(GOAL + "- Đến năm 2028 xóa hết phòng học mượn.\n")


# ---------------------------------------------------------------------------- a bracket that gives a past year's figure
def test_a_bracketed_figure_of_a_school_year_gone_by_is_a_baseline_and_no_horizon():
    text = ("UBND XÃ TÂN SƠN\nTRƯỜNG MẦM NON TÂN SƠN\nSố: 21/KH-MN\nTân Sơn, ngày 05 tháng 10 năm 2026\n"
            "KẾ HOẠCH\nThực hiện Nghị quyết 71 đến năm 2030\n" + GOAL
            + "Năm học 2026 - 2027: huy động 97% trẻ mẫu giáo ra lớp (năm học 2025 - 2026: 94,2%), 100% trẻ 5 tuổi học "
              "2 buổi/ngày. Đến năm 2030: huy động trên 99% trẻ mẫu giáo ra lớp.\n")
    targets = plan_targets(text)
    assert ("=", 97, "%", 2027) in targets and ("=", 100, "%", 2027) in targets and (">", 99, "%", 2030) in targets
    assert not any(t[1] == 94.2 for t in targets)


# ---------------------------------------------------------------------------- a recipient wrapped after a comma
def test_a_recipient_wrapped_after_a_comma_onto_a_capitalised_name_leaves_the_signature_block_whole():
    text = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BẮC SƠN\nTRUNG TÂM GDNN - GDTX BẢN MÒ\nSố: 40/KH-TT\n"
            "Bản Mò, ngày 12 tháng 10 năm 2026\nKẾ HOẠCH\nXóa mù chữ giai đoạn 2026 - 2030\n" + GOAL
            + "Đến năm 2030, 100% lớp xóa mù chữ được dạy song ngữ.\n"
              "Nơi nhận: GIÁM ĐỐC\n- Sở GD&ĐT (b/c);\n- UBND các xã Bản Mò, Lùng Phìn,\nTả Củ Tỷ;\n"
              "- Lưu: VT. Vàng Seo Dín\n")
    assert header(text, ("signer_title", "signer")) == {"signer_title": "GIÁM ĐỐC", "signer": "Vàng Seo Dín"}


# ---------------------------------------------------------------------------- a school's sites, counted
def test_sites_of_a_school_are_counted_in_prose_without_a_leading_zero():
    assert ("=", 3, "điểm trường", 2028) in got(GOAL + "- Đến năm 2028 xây dựng thêm 3 điểm trường có phòng học kiên cố.\n")


# ---------------------------------------------------------------------------- horizons among the tasks
TASKS = ("III. NHIỆM VỤ, GIẢI PHÁP\n"
         "1. Tiếng Việt cho trẻ: năm học 2026 - 2027, 100% trẻ mẫu giáo người dân tộc thiểu số được làm quen tiếng Việt; "
         "giáo viên người Ba Na hỗ trợ lớp 3 tuổi.\n"
         "2. Học liệu số: đến năm 2029, 100% trường có kho học liệu số dùng chung; 100% giáo viên được tập huấn khai "
         "thác học liệu số.\n"
         "3. Cơ sở vật chất: xây dựng 04 phòng học bộ môn; sửa chữa 2 nhà vệ sinh.\n")


def _plan(body: str) -> str:
    return ("UBND XÃ ĐAK TƠ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRƯỜNG TIỂU HỌC ĐAK TƠ\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 15/KH-TH\tĐak Tơ, ngày 20 tháng 10 năm 2026\n\n"
            "KẾ HOẠCH\nThực hiện Nghị quyết số 71-NQ/TW giai đoạn 2026 - 2030\n\n"
            "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng giáo dục vùng đồng bào dân tộc thiểu số.\n"
            "II. MỤC TIÊU\nĐến năm 2030, 100% học sinh học 2 buổi/ngày.\n" + body
            + "IV. TỔ CHỨC THỰC HIỆN\nHiệu trưởng chỉ đạo chung.\n\nNơi nhận:\n- Lưu: VT.\n\nHIỆU TRƯỞNG\n\nY Bloan\n")


def test_a_school_year_that_opens_a_tasks_clause_is_its_share_s_horizon():
    assert ("=", 100, "%", 2027) in plan_targets(_plan(TASKS))


def test_a_deadline_after_a_task_s_name_and_colon_holds_for_each_clause_of_its_sentence():
    targets = plan_targets(_plan(TASKS))
    assert targets.count(("=", 100, "%", 2029)) == 2
    assert not any(t[2] == "phòng" or t[1] == 2 for t in targets)   # work to do, no deadline of its own


def test_a_count_of_sites_that_only_says_where_or_by_how_many_they_fall_is_no_target():
    targets = got(GOAL + "- Đến năm 2028, 100% lớp học ở cả 3 điểm trường có ti vi kết nối Internet.\n")
    assert ("=", 100, "%", 2028) in targets and not any(t[2] == "điểm trường" for t in targets)
    assert not any(t[2] == "điểm trường" for t in got(GOAL + "- Đến năm 2029 giảm 35 điểm trường lẻ.\n"))


# ---------------------------------------------------------------------------- what a share's condition holds
def test_a_bound_on_what_each_school_has_after_a_listed_level_names_whom_the_share_counts():
    targets = got(GOAL + "- Đến năm 2030, 100% trường tiểu học, phổ thông có ít nhất 01 phòng học STEM.\n")
    assert targets == [("=", 100, "%", 2030)]


def test_rooms_after_a_building_counted_are_its_size():
    targets = got(GOAL + "- Đến năm 2029 xây mới 01 nhà ở bán trú 8 phòng.\n")
    assert ("=", 1, "nhà", 2029) in targets and not any(t[2] == "phòng" for t in targets)
    both = got(GOAL + "- Đến năm 2029 xây mới 01 nhà bếp và 01 nhà ăn cho học sinh bán trú.\n")
    assert both.count(("=", 1, "nhà", 2029)) == 2   # two buildings, each counted


def test_one_for_each_after_a_full_share_restates_the_share():
    targets = got(GOAL + "- Đến năm 2030, 100% học sinh khuyết tật có hồ sơ theo dõi, mỗi học sinh có 01 hồ sơ được cập nhật.\n")
    assert targets == [("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- a zero strived for among the tasks
def test_a_worded_zero_the_plan_strives_for_by_a_deadline_among_its_tasks_is_a_target():
    body = ("III. NHIỆM VỤ, GIẢI PHÁP\n"
            "1. Cơ sở vật chất: tham mưu UBND xã xây phòng học ở các điểm lẻ; phấn đấu đến năm 2029 100% điểm lẻ có nhà "
            "vệ sinh, không còn nhóm lớp học nhờ nhà dân.\n"
            "2. Nuôi dưỡng: kiểm tra bếp ăn hằng tuần, không còn học sinh ăn trưa ngoài trường.\n")
    targets = plan_targets(_plan(body))
    assert ("=", 100, "%", 2029) in targets and any(t[:2] == ("=", 0) and t[3] == 2029 for t in targets)
    assert not any(t[:2] == ("=", 0) and t[3] != 2029 for t in targets)   # a task's rule, no deadline strived for


# ---------------------------------------------------------------------------- a comma and a frequency open a clause
def test_a_bound_after_a_comma_and_each_week_is_a_target_of_its_own_beside_the_share():
    targets = got(GOAL + "- Đến năm 2029, 100% học sinh bán trú được ăn trưa tại trường, mỗi tuần ít nhất 4 bữa có trứng, sữa.\n")
    assert ("=", 100, "%", 2029) in targets and (">=", 4, "bữa", 2029) in targets
