"""Plan importer: the reading rules the blind61 set called for (fixtures/plans_heldout/blind61, ordinary plans of
communes, wards and provinces written by someone who never read the importer: appendices by school, tables by level),
one test per rule, on documents, sentences and tables written for the test (none copied from a fixture; pure, no
files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, plan_targets

PLAN = ("ỦY BAN NHÂN DÂN\nXÃ HÒA VANG\nSố: 31/KH-UBND\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHòa Vang, ngày 05 tháng 10 năm 2026\n\n"
        "KẾ HOẠCH\nPhát triển giáo dục xã Hòa Vang giai đoạn 2026 - 2030\n\n"
        "I. MỤC TIÊU ĐẾN NĂM 2030\n1. 100% trường có kết nối Internet cáp quang.\n"
        "II. TỔ CHỨC THỰC HIỆN\nCác trường xây dựng kế hoạch năm học.\n\n"
        "Nơi nhận:\n- Các trường;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nPhạm Văn Lực\n\n"
        "{appendix}")


# ---------------------------------------------------------------------------- an appendix's own school year
def test_an_appendix_headed_with_a_school_year_sets_its_rows_then_even_wrapped():
    for year in ("2026 - 2027", "2026 -\n2027"):
        appendix = (f"PHỤ LỤC: CHỈ TIÊU GIAO CÁC TRƯỜNG NĂM HỌC {year}\n(Kèm theo Kế hoạch số 31/KH-UBND)\n"
                    "TT | Đơn vị | Tỷ lệ chuyên cần (%) | Tỷ lệ biết bơi (%)\n"
                    "1 | Tiểu học Hòa Phú | 98 | 55\n2 | THCS Hòa Phú | 97 | 60\n")
        targets = plan_targets(PLAN.format(appendix=appendix))
        assert ("=", 100, "%", 2030) in targets   # the body's own horizon stands
        assert [t for t in targets if t[1] != 100] == [("=", 98, "%", 2027), ("=", 55, "%", 2027),
                                                       ("=", 97, "%", 2027), ("=", 60, "%", 2027)]


# ---------------------------------------------------------------------------- schools expected to reach a standard
def test_an_appendix_of_schools_expected_to_reach_the_standard_sets_each_its_level_in_its_year():
    appendix = ("PHỤ LỤC\nDANH SÁCH TRƯỜNG DỰ KIẾN ĐẠT CHUẨN QUỐC GIA GIAI ĐOẠN 2026 - 2030\n"
                "STT | Tên trường | Hiện trạng | Mức độ | Năm dự kiến | Ghi chú\n"
                "1 | Tiểu học Hòa Khương | Chưa đạt | 1 | 2028 | Cần thêm 03 phòng học\n"
                "2 | THCS Hòa Khương | Mức độ 1 | 2 | 2030 | \n")
    targets = plan_targets(PLAN.format(appendix=appendix))
    assert [t for t in targets if t[2] == "mức"] == [("=", 1, "mức", 2028), ("=", 2, "mức", 2030)]
    assert not any(t[1] == 3 for t in targets)   # the note is no target


# ---------------------------------------------------------------------------- a group row that lost its cell marks
def test_a_group_row_without_cell_marks_gives_the_rows_under_it_its_unit():
    table = ("Cấp học | Hiện trạng | Năm 2028 | Năm 2030\n"
             "Tỷ lệ phòng học kiên cố (%)\n"
             "Mầm non | 71,5 | 80 | 90\nTiểu học | 80,2 | 88 | 95\n"
             "Tỷ lệ trường có thư viện đạt chuẩn (%)\n"
             "Mầm non | 40 | 55 | 70\n")
    assert got(GOAL + table) == [("=", 80, "%", 2028), ("=", 90, "%", 2030), ("=", 88, "%", 2028),
                                 ("=", 95, "%", 2030), ("=", 55, "%", 2028), ("=", 70, "%", 2030)]


# ---------------------------------------------------------------------------- sites counted with a leading zero
def test_a_count_of_school_sites_with_a_leading_zero_is_read_as_sites_not_marks():
    assert got(GOAL + "- Sáp nhập 06 điểm trường lẻ vào điểm chính trước năm 2028.\n") == [("=", 6, "điểm trường", 2027)]


def test_sites_named_as_where_something_stands_are_no_count_to_reach():
    assert got(GOAL + "- Bếp ăn bán trú đạt chuẩn ở cả 04 điểm trường.\n") == []
    assert not any(t[2] == "điểm trường" for t in got(GOAL + "- Tổ chức 18 nhóm, lớp tại\n03 điểm trường.\n"))


# ---------------------------------------------------------------------------- a kindergarten's class size by school
def test_a_class_size_in_pupils_set_for_a_kindergarten_row_counts_children():
    table = ("3. Chỉ tiêu giao các trường đến năm 2028\n"
             "Trường | Tỷ lệ học sinh bán trú (%) | Sĩ số tối đa (HS/lớp)\n"
             "MN Hòa Tiến | 100 | 28\nTH Hòa Tiến | 85 | 35\n")
    assert got(GOAL + table) == [("=", 100, "%", 2028), ("<=", 28, "trẻ/lớp", 2028),
                                 ("=", 85, "%", 2028), ("<=", 35, "học sinh/lớp", 2028)]


# ---------------------------------------------------------------------------- the nation's share named after it
def test_a_share_said_to_be_the_nations_is_quoted_and_the_plans_own_after_it_is_read():
    line = ("- Nghị quyết đặt mục tiêu đến năm 2030 tỷ lệ trẻ mẫu giáo được học 2 buổi/ngày đạt 95% trên cả nước; "
            "xã phấn đấu đạt tối thiểu 90%.\n")
    assert got(GOAL + line) == [(">=", 90, "%", 2030)]


# ---------------------------------------------------------------------------- a note on the figures' source
def test_a_bracketed_note_on_where_a_tables_figures_come_from_sets_no_target():
    table = ("Chỉ tiêu | Đơn vị tính | Năm 2030\n"
             "Trường đạt chuẩn quốc gia | trường | 14\n"
             "(Số liệu năm học 2025 - 2026 theo báo cáo thống kê; trên địa bàn có 18 trường công lập.)\n")
    assert got(GOAL + table) == [("=", 14, "trường", 2030)]
