"""Plan importer: the reading rules the blind6 set called for (fixtures/plans_heldout/blind6, thirteen plans from
thirteen provinces, written before reading the importer), one test per rule, on headers, tables and sentences written
for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer.parse import parse_plan
from .importer_probes import got, header


GOAL = "II. CHỈ TIÊU\n"
BODY = "\n\nI. MỤC ĐÍCH, YÊU CẦU\nBảo đảm chất lượng.\n"


# ---------------------------------------------------------------------------- headers
@pytest.mark.parametrize("kind", ["BÁO CÁO", "PHỤ LỤC"])
def test_a_report_or_an_appendix_sent_alone_has_its_subject_as_title(kind):
    text = ("ỦY BAN NHÂN DÂN\nPHƯỜNG HÒA MINH\nSố: 41/BC-UBND      Hòa Minh, ngày 05 tháng 12 năm 2025\n\n"
            f"{kind}\nKết quả giáo dục năm 2025 và chỉ tiêu năm 2026\n\nCăn cứ Luật Giáo dục năm 2019;" + BODY)
    assert header(text) == {"superior": None, "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG HÒA MINH", "number_symbol": "41/BC-UBND",
                            "place": "Hòa Minh", "title": "Kết quả giáo dục năm 2025 và chỉ tiêu năm 2026"}



def test_a_number_alone_on_its_line_without_so():
    text = ("PHÒNG GIÁO DỤC HUYỆN ĐÔNG ANH\nTRƯỜNG TIỂU HỌC KIM CHUNG\n08/KH-THKC\n\n"
            "Kim Chung, ngày 14 tháng 02 năm 2026\n\nKẾ HOẠCH\nGiáo dục STEM" + BODY)
    assert header(text) == {"superior": "PHÒNG GIÁO DỤC HUYỆN ĐÔNG ANH", "issuer": "TRƯỜNG TIỂU HỌC KIM CHUNG",
                            "number_symbol": "08/KH-THKC", "place": "Kim Chung", "title": "Giáo dục STEM"}


@pytest.mark.parametrize("joined", ["UBND XÃ NAM HÀ - TRƯỜNG THCS NAM HÀ", "UBND XÃ NAM HÀ – TRƯỜNG THCS NAM HÀ"])
def test_two_bodies_on_one_line_joined_by_a_dash(joined):
    text = f"{joined}\nSố: 09/KH-THCS      Nam Hà, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nGiáo dục STEM" + BODY
    assert header(text)["superior"] == "UBND XÃ NAM HÀ"
    assert header(text)["issuer"] == "TRƯỜNG THCS NAM HÀ"


# ---------------------------------------------------------------------------- tables
@pytest.mark.parametrize("group", ["A | CƠ SỞ VẬT CHẤT", "II | Đội ngũ nhà giáo | | ", "Nhóm 1 | Chất lượng | |"])
def test_a_group_row_in_cells_of_its_own_is_passed_over_not_the_tables_end(group):
    table = ("TT | Nội dung | Năm 2027 | Năm 2030\n"
             f"{group}\n1 | Phòng học bộ môn đạt chuẩn (%) | 70 | 90\n"
             f"{group}\n2 | Giáo viên dạy STEM (%) | 50 | 80\n")
    assert got(GOAL + table) == [("=", 70, "%", 2027), ("=", 90, "%", 2030), ("=", 50, "%", 2027), ("=", 80, "%", 2030)]


def test_each_years_heading_merged_over_several_level_columns():
    table = ("STT | Nội dung | Năm 2027 | Năm 2030\n"
             "STT | Nội dung | Tiểu học | THCS | Tiểu học | THCS\n"
             "1 | Học sinh biết bơi (%) | 55 | 60 | 75 | 80\n"
             "2 | Lớp học có màn hình thông minh (%) | - | 40 | 50 | ≥ 70\n")
    assert got(GOAL + table) == [("=", 55, "%", 2027), ("=", 60, "%", 2027), ("=", 75, "%", 2030), ("=", 80, "%", 2030),
                                 ("=", 40, "%", 2027), ("=", 50, "%", 2030), (">=", 70, "%", 2030)]


def test_levels_under_one_year_that_do_not_divide_evenly_are_no_such_heading():
    table = ("STT | Nội dung | Năm 2027 | Năm 2030\n"
             "STT | Nội dung | Tiểu học | THCS | THPT\n"
             "1 | Học sinh biết bơi (%) | 55 | 60 | 75\n")
    assert [t[3] for t in got(GOAL + table)] != [2027, 2027, 2030]


@pytest.mark.parametrize("heading", ["Phụ lục", "Phụ lục 1:", "Phụ lục II"])
def test_an_appendix_headed_in_small_letters_after_the_signature_is_read(heading):
    text = ("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 12/KH-UBND      Tân Lập, ngày 10 tháng 01 năm 2026\n\n"
            "KẾ HOẠCH\nPhát triển giáo dục xã Tân Lập\n\nI. MỤC ĐÍCH, YÊU CẦU\nBảo đảm chất lượng.\n"
            "II. MỤC TIÊU\nCác chỉ tiêu cụ thể tại Phụ lục kèm theo.\nIII. TỔ CHỨC THỰC HIỆN\nCác trường thực hiện.\n"
            "Nơi nhận:\n- Các trường;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLò Văn Sơn\n\n"
            f"{heading}\nCHỈ TIÊU GIÁO DỤC XÃ TÂN LẬP\n(Kèm theo Kế hoạch số 12/KH-UBND)\n"
            "TT | Chỉ tiêu | Năm 2026 | Năm 2030\n1 | Trẻ mầm non ăn bán trú (%) | 85 | 95\n")
    plan = parse_plan(text)
    assert plan.signer.value == "Lò Văn Sơn"
    assert [(t.value.value, t.horizon.value.year) for t in plan.targets] == [(85, 2026), (95, 2030)]


@pytest.mark.parametrize("second", ["Nhóm tuổi", "Đối tượng", "Khối lớp"])
def test_a_second_label_column_of_any_heading(second):
    table = (f"Nội dung | {second} | ĐVT | 2027 | 2028 | 2029\n"
             "Trẻ được học bơi | Mẫu giáo lớn | % | 30 | 40 | 50\n"
             "Trẻ được học bơi | Nhà trẻ | % | - | 10 | 20\n")
    assert got(GOAL + table) == [("=", 30, "%", 2027), ("=", 40, "%", 2028), ("=", 50, "%", 2029),
                                 ("=", 10, "%", 2028), ("=", 20, "%", 2029)]


def test_a_situation_stated_before_the_targets_drawn_from_it_is_no_target():
    text = ("II. CHỈ TIÊU\nNăm học 2025 - 2026 nhà trường có 21 lớp với 640 học sinh; 74% học sinh biết bơi. "
            "Trên cơ sở đó, nhà trường đề ra các chỉ tiêu:\n- Đến năm 2028, 90% học sinh biết bơi.\n")
    assert got(text, plan_year=2026) == [("=", 90, "%", 2028)]


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_a_past_years_column_set_apart_by_its_heading_is_a_baseline(sep):
    table = sep.join(["Nội dung", "Năm học 2023 - 2024", "Năm 2025", "Năm 2027"]) + "\n" + \
        sep.join(["Học sinh biết bơi (%)", "41,5", "50", "65"]) + "\n"
    assert got(GOAL + table, plan_year=2025) == [("=", 50, "%", 2025), ("=", 65, "%", 2027)]


def test_the_school_year_under_way_is_a_horizon_not_a_baseline():
    table = "Nội dung | Năm học 2025 - 2026 | Năm học 2027 - 2028\nHọc sinh biết bơi (%) | 50 | 65\n"
    assert got(GOAL + table, plan_year=2026) == [("=", 50, "%", 2026), ("=", 65, "%", 2028)]


# ---------------------------------------------------------------------------- sentences
@pytest.mark.parametrize("heading", ["3. Một số chỉ tiêu của năm 2027", "b) Các mục tiêu năm 2027",
                                     "2. Những chỉ tiêu riêng năm 2027"])
def test_a_numbered_heading_opening_with_a_quantifier_gives_its_year(heading):
    text = f"II. MỤC TIÊU\n1. Đến năm 2030, 100% lớp có tivi.\n{heading}\n- 80% trẻ được học bơi.\n"
    assert got(text) == [("=", 100, "%", 2030), ("=", 80, "%", 2027)]


@pytest.mark.parametrize("line, want", [
    ("- Đến năm 2028, số học sinh đạt giải Olympic tăng 15% so với năm 2025.", [("=", 15, "%", 2028)]),
    ("- Đến năm 2028, diem trung binh mon Toan tang 0,5 diem so voi nam 2025.", [("=", 0.5, "điểm", 2028)]),
    # after a level, the rise restates it; a fall alone in its clause is the fall to make, as a rise is (blind11's
    # and blind13's writers label "giảm 1,5% so với đầu năm học" '= 1,5 %')
    ("- Đến năm 2028, tỷ lệ học sinh khá giỏi đạt 70%, tăng 4% so với năm 2025.", [("=", 70, "%", 2028)]),
    ("- Đến năm 2028, số vụ vi phạm giảm 20% so với năm 2025.", [("=", 20, "%", 2028)]),
])
def test_a_change_against_a_past_year_alone_in_its_clause_is_that_change(line, want):
    assert got(GOAL + line + "\n", plan_year=2026) == want


def test_a_report_without_a_targets_section_skips_its_results_section_but_reads_its_table():
    text = ("I. KẾT QUẢ THỰC HIỆN NĂM 2025\nToàn xã có 9 trường với 3.120 học sinh; 95,5% trẻ 5 tuổi ra lớp.\n"
            "TT | Chỉ tiêu | Thực hiện năm 2025 | Chỉ tiêu năm 2026\n1 | Học sinh học 2 buổi/ngày (%) | 80 | 90\n"
            "II. PHƯƠNG HƯỚNG NĂM 2026\nPhấn đấu đến năm 2026 có 100% trường học có nhà vệ sinh đạt chuẩn.\n")
    assert got(text, plan_year=2025) == [("=", 90, "%", 2026), ("=", 100, "%", 2026)]


def test_with_no_targets_section_the_counts_of_tasks_are_work_to_do_not_targets():
    text = ("I. KẾT QUẢ NĂM HỌC 2024 - 2025\nCác trường hoàn thành nhiệm vụ.\n"
            "II. NHIỆM VỤ, GIẢI PHÁP NĂM 2026\n- Tổ chức 03 hội thảo chuyên đề; kiểm tra 5 trường.\n"
            "- Phấn đấu đến năm 2027 có 100% trường học kết nối internet tốc độ cao.\n")
    assert got(text, plan_year=2026) == [("=", 100, "%", 2027)]


def test_a_zero_target_takes_its_own_sentences_year_not_the_next_ones():
    text = (GOAL + "Trong năm học 2026 - 2027 phấn đấu 95% học sinh biết bơi; không để xảy ra ngộ độc thực phẩm. "
            "Đến năm 2030, 100% học sinh biết bơi.\n")
    assert got(text, plan_year=2026) == [("=", 0, "vụ", 2027), ("=", 95, "%", 2027), ("=", 100, "%", 2030)]


def test_a_count_broken_down_in_brackets_is_one_target():
    text = GOAL + "- Đến năm 2029 có ít nhất 06 phòng học bộ môn (02 phòng cho mỗi khối).\n"
    assert got(text) == [(">=", 6, "phòng", 2029)]


def test_year_headings_flattened_into_each_level_column():
    table = ("TT | Nội dung | Năm 2027 Tiểu học | Năm 2027 THCS | Năm 2030 Tiểu học | Năm 2030 THCS\n"
             "1 | Học sinh biết bơi (%) | 55 | 60 | 75 | 80\n")
    assert got(GOAL + table) == [("=", 55, "%", 2027), ("=", 60, "%", 2027), ("=", 75, "%", 2030), ("=", 80, "%", 2030)]


def test_a_rise_from_one_bare_count_to_another_is_the_count_it_rises_to():
    text = GOAL + "- Đến năm 2029, số câu lạc bộ thể thao tăng từ 4 lên 7 môn.\n"
    assert got(text) == [("=", 7, "môn", 2029)]


def test_last_years_plan_result_and_comparison_before_one_target_column():
    table = ("STT | Nội dung | ĐVT | Kế hoạch | Năm 2025 Thực hiện | So sánh (%) | Chỉ tiêu năm 2026\n"
             "1 | Lớp học có máy chiếu | lớp | 30 | 33 | 110 | 40\n"
             "2 | Học sinh bị kỷ luật | % | < 1 | 0,4 | Đạt | < 0,5\n")
    assert got(GOAL + table, plan_year=2025) == [("=", 40, "lớp", 2026), ("<", 0.5, "%", 2026)]
