"""Plan importer: the reading rules the blind43 set called for (fixtures/plans_heldout/blind43, ordinary school-year
plans written by someone who never read the importer), one test per rule, on sentences and tables written for the
test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.parse import extract_targets, parse_plan

from .importer_probes import GOAL, got, header


# ---------------------------------------------------------------------------- columns named by groups of children
def test_columns_named_by_age_groups_are_columns_of_targets_each_the_rows_share():
    text = (GOAL + "2. Chỉ tiêu năm học 2027 - 2028\n"
            "Nội dung (%) | Nhà trẻ | Mẫu giáo | Trẻ 5 tuổi | Ghi chú (năm học 2026 - 2027)\n"
            "A. Nuôi dưỡng |  |  |  | \n"
            "Trẻ ăn bán trú | 90 | 100 | x | 88; 99\n"
            "Trẻ thấp còi | ≤ 4 | ≤ 3,5 | ≤ 3 | \n"
            "Trẻ làm quen chữ cái | x | x | từ 95 trở lên | \n")
    assert got(text) == [("=", 90, "%", 2028), ("=", 100, "%", 2028),
                         ("<=", 4, "%", 2028), ("<=", 3.5, "%", 2028), ("<=", 3, "%", 2028),
                         (">=", 95, "%", 2028)]


def test_columns_of_ages_in_months_and_years_are_groups_too():
    text = (GOAL + "2. Chỉ tiêu năm 2028\n"
            "Chỉ tiêu | Trẻ 24 - 36 tháng | Trẻ 3 - 4 tuổi | Trẻ 5 - 6 tuổi\n"
            "Tỷ lệ trẻ ra lớp | 40 | 95 | 100\n")
    assert got(text) == [("=", 40, "%", 2028), ("=", 95, "%", 2028), ("=", 100, "%", 2028)]


def test_without_groups_or_levels_a_heading_of_other_words_is_no_table_of_group_columns():
    text = (GOAL + "2. Chỉ tiêu năm 2028\n"
            "Chỉ tiêu (%) | Điểm chính | Điểm lẻ\n"
            "Trẻ ăn bán trú | 100 | 80\n")
    assert not any(t[3] == 2028 and t[1] == 80 and t[2] == "%" for t in got(text))


# ---------------------------------------------------------------------------- a unit the labels' heading gives
def test_the_labels_heading_gives_its_unit_to_rows_that_name_none():
    text = (GOAL + "2. Chỉ tiêu năm học 2027 - 2028\n"
            "Chỉ tiêu (%) | Mầm non | Tiểu học\n"
            "Học sinh được học bơi | 30 | 70\n"
            "Trẻ béo phì (thể nặng) | ≤ 2 | ≤ 3\n"
            "Số phòng học thông minh | 2 | 5\n")
    assert got(text) == [("=", 30, "%", 2028), ("=", 70, "%", 2028), ("<=", 2, "%", 2028), ("<=", 3, "%", 2028),
                         ("=", 2, "phòng", 2028), ("=", 5, "phòng", 2028)]


# ---------------------------------------------------------------------------- a department's guidance
GUIDANCE = ("UBND TỈNH HÒA BÌNH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1804/HD-SGDĐT\nHòa Bình, ngày 05 tháng 9 năm 2027\n"
            "HƯỚNG DẪN\nThực hiện nhiệm vụ năm học 2027 - 2028\n"
            "Căn cứ Chỉ thị số 20/CT-BGDĐT ngày 18/8/2027 của Bộ trưởng Bộ Giáo dục và Đào tạo;\n"
            "Sở Giáo dục và Đào tạo hướng dẫn các cơ sở giáo dục thực hiện nhiệm vụ năm học 2027 - 2028 như sau:\n"
            "I. ĐÁNH GIÁ CHUNG NĂM HỌC 2026 - 2027\n"
            "Năm học diễn ra nhiều thuận lợi, chất lượng giữ vững; tỷ lệ học sinh bỏ học dưới 0,4%.\n"
            "II. MỤC TIÊU, CHỈ TIÊU\n"
            "1. Các chỉ tiêu chung\n"
            "- Tỷ lệ học sinh lên lớp đạt trên 99,3%.\n"
            "- Kỳ thi chọn học sinh giỏi quốc gia: ít nhất 30 giải; xếp trong tốp\n"
            "25 toàn quốc.\n"
            "III. TỔ CHỨC THỰC HIỆN\n"
            "Các phòng chuyên môn thuộc Sở hướng dẫn chi tiết theo cấp học.\n")


def test_a_guidance_is_a_kind_of_document_its_subject_the_title():
    assert header(GUIDANCE, ("superior", "issuer", "title")) == {
        "superior": "UBND TỈNH HÒA BÌNH", "issuer": "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "title": "Thực hiện nhiệm vụ năm học 2027 - 2028"}


def test_a_guidances_targets_without_a_year_are_due_at_the_end_of_its_school_year():
    assert [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year) for t in parse_plan(GUIDANCE).targets] \
        == [(">", 99.3, "%", 2028), (">=", 30, "giải", 2028), ("<=", 25, "hạng", 2028)]


def test_the_overall_assessment_of_the_year_gone_by_sets_no_target():
    text = GUIDANCE.replace("- Tỷ lệ học sinh lên lớp đạt trên 99,3%.\n", "")
    assert 0.4 not in [t.value.value for t in parse_plan(text).targets]


def test_a_rank_cut_from_its_word_by_a_line_break_is_read():
    text = GOAL + "1. Chỉ tiêu năm 2028\n- Điểm thi tốt nghiệp THPT xếp trong tốp\n10 của tỉnh.\n"
    assert got(text) == [("<=", 10, "hạng", 2028)]


# ---------------------------------------------------------------------------- parts of the targets
def test_a_section_named_by_a_later_year_alone_goes_on_with_the_targets_until_the_part_of_tasks():
    text = ("A. ĐẶC ĐIỂM TÌNH HÌNH\nTrung tâm có 9 lớp với 350 học viên.\n"
            "B. MỤC TIÊU, CHỈ TIÊU\n"
            "I. Mục tiêu chung\nNâng cao chất lượng giáo dục thường xuyên.\n"
            "II. Chỉ tiêu năm học 2027 - 2028\n- Tỷ lệ học viên bỏ học không quá 4%.\n"
            "III. Đến năm 2030\n- Tỷ lệ học viên tốt nghiệp đạt trên 96%.\n- Trung tâm đạt kiểm định chất lượng cấp độ 3.\n"
            "C. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Dạy văn hóa: 05 môn bắt buộc và 02 môn tự chọn.\n"
            "2. Cơ sở vật chất: đề nghị Sở sửa chữa 06 phòng học.\n")
    assert got(text) == [("<=", 4, "%", 2028), (">", 96, "%", 2030), ("=", 3, "mức", 2030)]


# ---------------------------------------------------------------------------- horizons
def test_a_level_a_count_must_reach_is_part_of_its_clause_and_its_deadline_the_counts():
    text = GOAL + "Đến năm 2030: 100% trẻ được học bán trú; có 03 trường đạt chuẩn mức độ 2 trước năm 2029.\n"
    assert got(text) == [("=", 100, "%", 2030), ("=", 3, "trường", 2028)]


def test_a_past_school_years_aim_in_a_plan_issued_after_it_ended_is_no_target():
    text = ("TRƯỜNG THCS HÒA AN\nHòa An, ngày 12 tháng 9 năm 2027\nKẾ HOẠCH\nGiáo dục năm học 2027 - 2028\n"
            "II. MỤC TIÊU\n1. Chỉ tiêu năm học 2027 - 2028\n- Tỷ lệ học sinh lên lớp đạt 98%.\n"
            "Năm học 2026 - 2027 phấn đấu 03 học sinh đạt giải cấp tỉnh, 100% học sinh lớp 9 học hướng nghiệp.\n")
    assert [t.value.value for t in parse_plan(text).targets] == [98]
    mid_year = text.replace("ngày 12 tháng 9 năm 2027", "ngày 12 tháng 2 năm 2027").replace("2027 - 2028", "2026 - 2027")
    assert 3 in [t.value.value for t in parse_plan(mid_year).targets]


# ---------------------------------------------------------------------------- notes that are no targets
def test_a_count_of_people_in_a_bracket_after_a_share_is_a_note_on_it():
    text = (GOAL + "1. Chỉ tiêu năm 2028\n"
            "- 100% giáo viên có chứng chỉ tiếng Anh bậc 2 (03 giáo viên hoàn thành khóa học tháng 5/2028).\n"
            "- Có ít nhất 02 giáo viên đạt giáo viên dạy giỏi cấp tỉnh (năm học trước 01).\n")
    assert got(text) == [("=", 100, "%", 2028), (">=", 2, "giáo viên", 2028)]


def test_a_heading_ending_on_a_resolutions_number_is_no_range_cut_by_a_line_break():
    text = GOAL + "1. Chỉ tiêu năm 2028\n3. Học tập Nghị quyết 71\n- 100% đảng viên được học tập Nghị quyết.\n"
    assert [t for t in extract_targets(text) if t.value.value == 71] == []
