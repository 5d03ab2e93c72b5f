"""Plan importer: the reading rules the blind71 set called for (fixtures/plans_heldout/blind71, ordinary school-year
plans written by someone who never read the importer), one test per rule, on documents and sentences written for the
test (none copied from a fixture; pure, no files)."""
from __future__ import annotations


from plans.domain.importer.parse import parse_plan
from plans.domain.importer.text import extract_text

from .importer_probes import GOAL, docx_plan, got, plan_targets


# ---------------------------------------------------------------------------- a Word table of two columns: labels, targets
def _docx(rows: list[list[str]]) -> bytes:
    return docx_plan(("TRƯỜNG THCS SUỐI RẠNG", "KẾ HOẠCH", "Giáo dục nhà trường năm học 2026 - 2027",
                 "I. MỤC TIÊU", "1. Chỉ tiêu năm học 2026 - 2027"), rows)


def test_a_two_column_word_table_headed_by_its_targets_keeps_each_figure_beside_its_label():
    data = _docx([["Nội dung", "Chỉ tiêu"],
                  ["Học sinh lưu ban (%)", "dưới 1,5"],
                  ["Học sinh đạt giải cấp huyện (giải)", "từ 20 trở lên"],
                  ["Phòng học bộ môn (phòng)", "04"]])
    found = [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year)
             for t in parse_plan(extract_text(data, "suoi_rang.docx").text).targets]
    assert found == [("<", 1.5, "%", 2027), (">=", 20, "giải", 2027), ("=", 4, "phòng", 2027)]


def test_a_two_column_word_table_of_prose_stays_a_layout():
    data = _docx([["Nội dung", "Chỉ tiêu"],
                  ["Đổi mới phương pháp", "Tổ chức dạy học theo hướng phát triển phẩm chất, năng lực học sinh"],
                  ["Kiểm tra đánh giá", "Thực hiện theo quy định hiện hành của Bộ"]])
    assert "Nội dung | Chỉ tiêu" not in extract_text(data, "suoi_rang.docx").text


def test_a_field_column_heads_a_tables_labels():
    text = GOAL + ("1. Chỉ tiêu năm học 2026 - 2027\nLĩnh vực | Chỉ tiêu\nHọc sinh chuyên cần (%) | 98\n"
                   "Giáo viên dạy giỏi cấp huyện (giáo viên) | 05\n")
    assert got(text, plan_year=2026) == [("=", 98, "%", 2027), ("=", 5, "giáo viên", 2027)]


# ---------------------------------------------------------------------------- last year's results beside this year's targets
RESULTS = (GOAL + "1. Tỷ lệ học sinh lên lớp theo khối\nKhối | Năm học 2025 - 2026 (%) | Kế hoạch năm học 2026 - 2027 (%)\n"
           "Khối 6 | 96,4 | 97\nKhối 7 | 97,1 | 98\n")


def test_a_column_of_a_school_year_already_over_beside_named_rows_is_its_results():
    assert got(RESULTS, plan_year=2026, plan_month=10, plan_horizon=2027) == [("=", 97, "%", 2027), ("=", 98, "%", 2027)]


def test_a_column_of_the_school_year_still_under_way_is_read():
    assert ("=", 96.4, "%", 2026) in got(RESULTS, plan_year=2026, plan_month=3, plan_horizon=2027)


# ---------------------------------------------------------------------------- a later horizon's section with a bracket
COMMUNE = ("ỦY BAN NHÂN DÂN\nXÃ NẬM KHA\nSố: 63/KH-UBND\n\n"
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nNậm Kha, ngày 18 tháng 9 năm 2026\n\n"
           "KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2026 - 2027 trên địa bàn xã\n\n"
           "I. MỤC ĐÍCH, YÊU CẦU\nCác trường triển khai đồng bộ nhiệm vụ năm học.\n"
           "II. NHIỆM VỤ, CHỈ TIÊU NĂM HỌC 2026 - 2027\n- Tỷ lệ trẻ chuyên cần đạt 96%.\n"
           "III. ĐỊNH HƯỚNG ĐẾN NĂM 2030 (THỰC HIỆN NGHỊ QUYẾT 71-NQ/TW)\n"
           "- 100% điểm trường có nhà vệ sinh đạt chuẩn; ít nhất 4/6 trường đạt chuẩn quốc gia.\n"
           "IV. TỔ CHỨC THỰC HIỆN\nCác trường báo cáo trước ngày 20/5/2027.\n\n"
           "Nơi nhận:\n- Phòng Văn hóa - Xã hội;\n- Lưu: VT.\nCHỦ TỊCH\n\nLò Văn Minh\n")


def test_a_section_of_a_later_horizon_with_a_bracket_goes_on_setting_targets():
    assert plan_targets(COMMUNE) == [("=", 96, "%", 2027), ("=", 100, "%", 2030), (">=", 4, "trường", 2030)]


# ---------------------------------------------------------------------------- an average mark, its words the other way round
def test_an_average_mark_named_mark_last_is_a_mark():
    assert got(GOAL + "- Bình quân điểm thi vào lớp 10 đạt từ 5,5 trở lên.\n", plan_horizon=2027) == [
        (">=", 5.5, "điểm", 2027)]


# ---------------------------------------------------------------------------- communes counted as they reach a standard
def test_communes_counted_as_they_reach_a_standard_are_the_target_not_its_level():
    targets = got(GOAL + "- Có thêm 3 xã, phường đạt chuẩn phổ cập giáo dục tiểu học mức độ 3.\n", plan_horizon=2027)
    assert targets == [("=", 3, "xã", 2027)]


def test_communes_named_as_where_the_work_is_done_are_no_count():
    assert got(GOAL + "- Phối hợp với 12 xã tổ chức ngày hội đọc sách; 100% trường có thư viện.\n",
               plan_horizon=2027) == [("=", 100, "%", 2027)]


# ---------------------------------------------------------------------------- a school's sites as a fraction
def test_a_schools_sites_given_as_a_fraction_are_counted():
    assert got(GOAL + "- Tổ chức dạy học 2 buổi/ngày tại 3/3 điểm trường.\n", plan_horizon=2027) == [
        ("=", 3, "điểm trường", 2027)]


# ---------------------------------------------------------------------------- teachers sent to train
def test_teachers_the_unit_sends_to_train_are_work_not_a_target():
    targets = got(GOAL + "- 95% giáo viên đạt chuẩn trình độ đào tạo; cử 03 giáo viên học nâng chuẩn đại học.\n",
                  plan_horizon=2027)
    assert targets == [("=", 95, "%", 2027)]


# ---------------------------------------------------------------------------- literacy given to a number of people
def test_literacy_given_to_a_number_of_people_counts_them_not_the_level():
    assert got(GOAL + "- Mở lớp xóa mù chữ mức độ 2 cho 60 người ở các thôn.\n", plan_horizon=2027) == [
        ("=", 60, "người", 2027)]
    assert got(GOAL + "- Duy trì đạt chuẩn xóa mù chữ mức độ 2.\n", plan_horizon=2027) == [("=", 2, "mức", 2027)]
