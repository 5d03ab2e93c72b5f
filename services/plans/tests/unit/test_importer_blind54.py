"""Plan importer: the reading rules the blind54 set called for (fixtures/plans_heldout/blind54, đề án written by
someone who never read the importer: projects carried out over phases, with their appendices), one test per rule, on
documents, sentences and tables written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import json
from pathlib import Path

from plans.domain.catalogue import CatalogueView
from plans.domain.importer import extract_text
from plans.domain.importer.indicators import propose
from plans.domain.importer.parse import extract_targets
from plans.domain.importer.text import _aligned_tables, _rejoin_cut_rows, _rejoin_cut_words

from .importer_probes import GOAL, got, plan_targets

# ---------------------------------------------------------------------------- appendices after the signature
PROJECT = ("ỦY BAN NHÂN DÂN\nTỈNH SƠN NGUYÊN\nSố: 210/ĐA-UBND\n\n"
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSơn Nguyên, ngày 02 tháng 9 năm 2026\n\n"
           "ĐỀ ÁN\nPhát triển trường học số tỉnh Sơn Nguyên giai đoạn 2026 - 2030\n\n"
           "I. MỤC TIÊU\nĐến năm 2030, 100% trường có mạng Internet cáp quang.\n"
           "II. TỔ CHỨC THỰC HIỆN\nSở Giáo dục và Đào tạo chủ trì thực hiện Đề án.\n\n"
           "Nơi nhận:\n- Thường trực Tỉnh ủy;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLò Văn Tâm\n\n"
           "{first}\n"
           "Phụ lục 2\nLỘ TRÌNH CÁC CHỈ TIÊU THEO NĂM\n"
           "Chỉ tiêu | Hiện trạng 2025 | Năm 2027 | Năm 2029\n"
           "Tỷ lệ lớp học có màn hình tương tác (%) | 35 | 50 | 80\n")

WORKS = ("Phụ lục 1\nDANH MỤC DỰ ÁN ĐẦU TƯ\n"
         "TT | Dự án | Số phòng học | Thời gian\n"
         "1 | Nhà lớp học Trường Tiểu học Nà Lầu | 12 | 2027-2028\n"
         "2 | Nhà đa năng Trường THCS Khe Mơ | 1 | 2028-2029\n")


def test_an_appendix_of_targets_after_an_appendix_of_works_is_read():
    targets = plan_targets(PROJECT.format(first=WORKS))
    assert ("=", 50, "%", 2027) in targets and ("=", 80, "%", 2029) in targets
    assert not any(t[1] in (12, 1) and t[2] == "phòng" for t in targets)   # the works are no targets


def test_an_appendix_of_targets_standing_alone_is_read_as_before():
    targets = plan_targets(PROJECT.format(first=""))
    assert ("=", 50, "%", 2027) in targets and ("=", 80, "%", 2029) in targets


# ---------------------------------------------------------------------------- a sheet's rows pasted with ";" in prose
SEMICOLONS = ("II. MỤC TIÊU\nCác chỉ tiêu theo năm như sau:\n"
              "Chỉ tiêu;2026;2027;2028\n"
              "Học viên học nghề (người);210;230;250\n"
              "Lớp xóa mù chữ (lớp);2;x;3\n"
              "III. NHIỆM VỤ\nRà soát nhu cầu; mở lớp; kiểm tra; báo cáo.\n")


def test_rows_of_short_cells_parted_by_semicolons_are_a_table():
    text = extract_text(SEMICOLONS.encode("utf-8"), "de_an.txt").text
    assert "Học viên học nghề (người) | 210 | 230 | 250" in text
    assert "Rà soát nhu cầu; mở lớp; kiểm tra; báo cáo." in text   # prose keeps its semicolons
    assert ("=", 230, "người", 2027) in plan_targets(text) and ("=", 3, "lớp", 2028) in plan_targets(text)


def test_prose_lines_parted_by_semicolons_stay_prose():
    prose = ("Hạn chế: phòng học xuống cấp; thiết bị lạc hậu; thiếu giáo viên; học viên bỏ học nhiều.\n"
             "Nguyên nhân: kinh phí hạn hẹp; địa bàn rộng; đời sống khó khăn; nhận thức chưa đầy đủ.\n"
             "Giải pháp: tăng đầu tư; đổi mới phương pháp; phối hợp với xã; vận động học viên.\n")
    assert extract_text(prose.encode("utf-8"), "de_an.txt").text == prose


# ---------------------------------------------------------------------------- the year under way, estimated
def test_a_column_estimating_the_year_under_way_is_a_baseline():
    for status in ("Ước 2025", "Ước năm 2025"):
        text = GOAL + f"Chỉ tiêu | {status} | Năm 2026 | Năm 2027\nTuyển sinh lớp 10 (học viên) | 142 | 150 | 160\n"
        assert got(text) == [("=", 150, "học viên", 2026), ("=", 160, "học viên", 2027)], status


# ---------------------------------------------------------------------------- a roadmap of levels by school and year
LEVELS = ("Trường | Hiện trạng 2025 | Năm 2026 | Năm 2027 | Năm 2028\n"
          "Mầm non Suối Mây | Mức độ 1 | Công nhận lại mức độ 1 |  | Đạt mức độ 2\n"
          "Tiểu học Pù Luông | Hết hạn |  | Được công nhận lại mức độ 1 | Duy trì\n")


def test_a_year_recognising_a_school_again_at_a_level_sets_that_level():
    assert got(GOAL + LEVELS) == [("=", 1, "mức", 2026), ("=", 2, "mức", 2028), ("=", 1, "mức", 2027)]


def test_an_appendix_headed_as_a_roadmap_after_the_signature_holds_targets():
    roadmap = "PHỤ LỤC\nLỘ TRÌNH XÂY DỰNG TRƯỜNG ĐẠT CHUẨN QUỐC GIA GIAI ĐOẠN 2026 - 2028\n" + LEVELS
    targets = plan_targets(PROJECT.format(first=roadmap).split("Phụ lục 2")[0])
    assert ("=", 2, "mức", 2028) in targets and ("=", 1, "mức", 2027) in targets


# ---------------------------------------------------------------------------- a stage named with its year
def test_a_column_naming_a_stage_with_its_year_in_brackets_is_that_years():
    text = (GOAL + "Nội dung | Hiện trạng 2025 | Sau sáp nhập (2027) | Năm 2030\n"
            "Số trường THCS | 6 | 4 | 4\nSố nhóm, lớp | 205 | 212 | 220\n")
    assert got(text) == [("=", 4, "trường", 2027), ("=", 4, "trường", 2030),
                         ("=", 212, "lớp", 2027), ("=", 220, "lớp", 2030)]


# ---------------------------------------------------------------------------- a measure merged over the years
def test_a_measure_merged_over_the_years_gives_the_unit_of_rows_naming_schools():
    pasted = ("II. MỤC TIÊU\nSố phòng học có máy chiếu của các trường:\n"
              "Trường\tHiện có\tPhòng học có máy chiếu (phòng)\t\n"
              "\t\tNăm 2027\tNăm 2029\n"
              "Trường Tiểu học Nà Phặc\t2\t6\t10\n"
              "Trường THCS Lũng Cú\t1\t4\t8\n")
    text = extract_text(pasted.encode("utf-8"), "de_an.txt").text
    assert "Phòng học có máy chiếu (phòng)\nTrường | Hiện có | Năm 2027 | Năm 2029\n" in text
    assert plan_targets(text) == [("=", 6, "phòng", 2027), ("=", 10, "phòng", 2029),
                                  ("=", 4, "phòng", 2027), ("=", 8, "phòng", 2029)]


def test_a_roadmap_heading_merged_over_the_years_is_still_left_out():
    pasted = ("Chỉ tiêu\tHiện trạng\tLộ trình\t\n\t\tNăm 2027\tNăm 2029\n"
              "Tỷ lệ phòng học kiên cố (%)\t80\t90\t100\nSố phòng học bộ môn (phòng)\t4\t6\t9\n")
    assert extract_text(pasted.encode("utf-8"), "de_an.txt").text.startswith("Chỉ tiêu | Hiện trạng | Năm 2027")


# ---------------------------------------------------------------------------- a part's title in capitals
def test_a_part_whose_word_phan_is_in_title_case_is_a_section():
    body = ("Phần I. SỰ CẦN THIẾT\nNghị quyết đặt ra yêu cầu mới.\nPhần II. THỰC TRẠNG\nNhà trường có 18 lớp.\n"
            "Phần III. MỤC TIÊU\n1. Mục tiêu cụ thể\na) Giai đoạn 2026 - 2027\n- Có 02 phòng học thông minh.\n"
            "b) Giai đoạn 2028 - 2030\n- 100% học bạ được ký số.\n"
            "Phần IV. KINH PHÍ (triệu đồng)\nMua sắm thiết bị | 2026 | 2027\nMàn hình | 150 | 90\n")
    assert plan_targets(body) == [("=", 2, "phòng", 2027), ("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- a phase opening its line
def test_a_phase_opening_a_line_gives_its_end_to_every_clause_of_the_line():
    text = (GOAL + "2. Mục tiêu cụ thể\n"
            "a) Giai đoạn 2026 - 2027: nhà trường tự chủ từ 15% chi thường xuyên trở lên; 100% học phí thu qua ngân hàng.\n"
            "b) Giai đoạn 2028 - 2030: sĩ số không quá 40 học sinh/lớp.\n")
    assert got(text) == [(">=", 15, "%", 2027), ("=", 100, "%", 2027), ("<=", 40, "học sinh/lớp", 2030)]


# ---------------------------------------------------------------------------- a ratio whose bracket names its people
def test_a_ratio_of_two_counts_keeps_its_unit_whatever_its_bracket_says():
    text = GOAL + "Chỉ tiêu | Năm 2027 | Năm 2029\nTỷ lệ giáo viên/lớp (người) | 1,6 | 1,8\nSố giáo viên (người) | 210 | 230\n"
    assert got(text) == [("=", 1.6, "giáo viên/lớp", 2027), ("=", 1.8, "giáo viên/lớp", 2029),
                         ("=", 210, "người", 2027), ("=", 230, "người", 2029)]


def test_a_page_number_fallen_into_a_pdf_cell_is_no_part_of_it():
    from plans.domain.importer.pdf_tables import _CELL_FOOT_RE

    assert _CELL_FOOT_RE.sub("", "1,65 Trang 5/5") == "1,65"
    assert _CELL_FOOT_RE.sub("", "Trang thiết bị dạy học") == "Trang thiết bị dạy học"


# ---------------------------------------------------------------------------- a fee by year
def test_a_row_counted_in_money_holds_no_target():
    text = (GOAL + "Chỉ tiêu | Năm học 2026-2027 | Năm học 2027-2028\n"
            "Học sinh bán trú (%) | 80 | 90\nMức thu tiền ăn bán trú (nghìn đồng/tháng) | 650 | 690\n")
    assert got(text) == [("=", 80, "%", 2027), ("=", 90, "%", 2028)]


# ---------------------------------------------------------------------------- a table's headings cut by a page
def test_headings_alone_at_a_page_foot_take_the_years_the_next_page_opens_with():
    pages = ["c) Chỉ tiêu chất lượng:\nChỉ tiêu | Hiện trạng | Mục tiêu | Mục tiêu",
             " | 2025 | 2028 | 2030\nTỷ lệ học sinh lên lớp (%) | 97,2 | 98 | ≥ 99"]
    assert _rejoin_cut_rows(pages) == [
        "c) Chỉ tiêu chất lượng:\nChỉ tiêu | Hiện trạng 2025 | Mục tiêu 2028 | Mục tiêu 2030",
        "Tỷ lệ học sinh lên lớp (%) | 97,2 | 98 | ≥ 99"]


def test_a_row_under_headings_at_a_page_foot_stays_a_row():
    pages = ["Chỉ tiêu | Năm 2028 | Năm 2030", "Tỷ lệ học sinh lên lớp (%) | 98 | ≥ 99"]
    assert _rejoin_cut_rows(pages) == pages


# ---------------------------------------------------------------------------- a table by school, its measure above it
CATALOGUE = CatalogueView.from_contract(json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "catalogue_31.json").read_text(encoding="utf-8")))

BY_SCHOOL = ("- Số phòng học thông minh của các trường theo bảng sau:\n"
             "Trường | Hiện có | Năm 2028 | Năm 2030\n"
             "Trường Mầm non Suối Hoa | 0 | 1 | 2\n"
             "Trường TH&THCS Pa Cò | 1 | 2 | 4\n")

ROADMAP = ("LỘ TRÌNH CÔNG NHẬN TRƯỜNG ĐẠT CHUẨN QUỐC GIA GIAI ĐOẠN 2026 - 2030\n"
           "(Kèm theo Kế hoạch số 41/KH-UBND ngày 03/10/2026 của UBND xã Suối Hoa)\n"
           "Trường | Năm 2027 | Năm 2029\n"
           "Tiểu học Suối Hoa | Đạt mức độ 1 | Đạt mức độ 2\n")


def _proposed(text: str) -> list[tuple]:
    return [(t.value.value, t.unit.value, t.horizon.value.year, propose(t.source_sentence.value, t.unit.value, CATALOGUE,
                                                        hint=t.indicator_code.value, clause=t.text).code)
            for t in extract_targets(GOAL + text)]


def test_a_table_by_school_takes_its_measure_and_what_it_counts_from_the_line_above_it():
    assert _proposed(BY_SCHOOL) == [(v, "phòng", y, "SMART_CLASSROOMS")
                                    for v, y in ((1, 2028), (2, 2030), (2, 2028), (4, 2030))]


def test_a_table_by_school_takes_its_measure_from_its_title_above_the_attachment_line():
    assert _proposed(ROADMAP) == [(1, "mức", 2027, "NATIONAL_STANDARD_LEVEL"), (2, "mức", 2029, "NATIONAL_STANDARD_LEVEL")]


def test_a_table_whose_rows_name_what_they_measure_keeps_its_rows_words():
    rows = ("- Chỉ tiêu của xã theo bảng sau:\nChỉ tiêu | Năm 2028 | Năm 2030\n"
            "Số phòng học thông minh | 3 | 6\n")
    assert [t.text for t in extract_targets(GOAL + rows)] == ["Số phòng học thông minh"] * 2


# ---------------------------------------------------------------------------- a generator that cuts lines anywhere
def test_a_decimal_figure_cut_after_its_comma_is_one_figure_again():
    cut = ("Nhà trường phấn đấu nâng tỷ lệ học sinh đạt giỏi, tỷ lệ học sinh đạt kh\nă năng giao tiếp tiếng Anh c\n"
           "ơ bản đạt 80%.\nĐiểm trung bình môn Toán      5,40      6,\n25\nCác lớp 6, 7, \n8 và 9 học 4 tiết/tuần.\n")
    text = _rejoin_cut_words(cut)
    assert "Điểm trung bình môn Toán      5,40      6,25\n" in text
    assert "Các lớp 6, 7, \n8 và 9" in text   # the break the wrap put on a space stays
    # a document that cuts no word keeps its breaks
    assert _rejoin_cut_words("Điểm đạt 6,\n25 học sinh.\n") == "Điểm đạt 6,\n25 học sinh.\n"


# ---------------------------------------------------------------------------- headings centred over spaced columns
def test_headings_centred_over_their_columns_head_the_values_lined_up_under_them():
    table = ("3. Chỉ tiêu chất lượng\n"
             "Nội dung                        Năm học 2025-2026   Đến năm 2028   Đến năm 2030\n"
             "Học sinh đạt bậc 1 (%)                    40               55             70\n"
             "Câu lạc bộ tiếng Anh (câu lạc bộ)         2                4              6\n")
    assert _aligned_tables(table).split("\n")[1:4] == [
        "Nội dung | Năm học 2025-2026 | Đến năm 2028 | Đến năm 2030", "Học sinh đạt bậc 1 (%) | 40 | 55 | 70",
        "Câu lạc bộ tiếng Anh (câu lạc bộ) | 2 | 4 | 6"]
    # a sentence above the rows names no columns
    prose = table.replace("Nội dung                        Năm học", "Tỷ lệ đạt 95%   trong năm học")
    assert "|" not in _aligned_tables(prose).split("\n")[1]


def test_a_row_of_the_average_mark_abbreviated_tb_counts_marks():
    table = ("Chỉ tiêu | Hiện trạng 2025 | Năm 2027 | Năm 2030\n"
             "Tỷ lệ học sinh đạt bậc 2 (%) | 40 | 50 | 65\n"
             "Điểm TB thi tuyển sinh lớp 10 môn Toán | 5,10 | 5,75 | 6,30\n")
    assert got(GOAL + table) == [("=", 50, "%", 2027), ("=", 65, "%", 2030), ("=", 5.75, "điểm", 2027),
                                 ("=", 6.3, "điểm", 2030)]
