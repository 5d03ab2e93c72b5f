"""Plan importer: the reading rules the blind5 set called for (fixtures/plans_heldout/blind5, twelve Hải Phòng plans of
every level, a ward, a commune and the city department, written before reading the importer), one test per rule, on
headers, tables and sentences written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

from plans.domain.importer import extract_text
from plans.domain.importer.parse import extract_targets, parse_plan
from .importer_probes import got, header


GOAL = "II. CHỈ TIÊU\n"
BODY = "\n\nI. MỤC ĐÍCH, YÊU CẦU\nBảo đảm chất lượng.\n"


# ---------------------------------------------------------------------------- headers
@pytest.mark.parametrize("dated, place", [("Hồng An, ngày 09 tháng 3 năm 2026", "Hồng An"),
                                          # a draft's blank day: no date, the place is written all the same
                                          ("Hồng An, ngày      tháng 3 năm 2026", "Hồng An")])
def test_a_word_header_laid_in_one_row_is_a_header_not_a_table(dated, place):
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.text = "ỦY BAN NHÂN DÂN"
    for line in ("PHƯỜNG HỒNG AN", "Số: 31/KH-UBND"):
        left.add_paragraph(line)
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    for line in ("Độc lập - Tự do - Hạnh phúc", dated):
        right.add_paragraph(line)
    for line in ("KẾ HOẠCH", "Phát triển giáo dục phường Hồng An năm 2026", "", "I. MỤC ĐÍCH, YÊU CẦU", "Bảo đảm."):
        document.add_paragraph(line)
    raw = io.BytesIO()
    document.save(raw)
    assert header(extract_text(raw.getvalue(), "kh.docx").text) == {
        "superior": None, "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG HỒNG AN", "number_symbol": "31/KH-UBND",
        "place": place, "title": "Phát triển giáo dục phường Hồng An năm 2026"}


@pytest.mark.parametrize("superior, issuer", [("UBND PHƯỜNG NAM SƠN", "TRƯỜNG TIỂU HỌC NAM SƠN"),
                                               ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
                                               (None, "CHI BỘ TRƯỜNG TIỂU HỌC NAM SƠN")])
def test_header_cells_whose_lines_were_joined_by_single_spaces(superior, issuer):
    text = (f"{superior or ''} {issuer} Số: 09/KH-THNS | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
            "Độc lập - Tự do - Hạnh phúc Nam Sơn, ngày 05 tháng 02 năm 2026\n\nKẾ HOẠCH\nDạy học tiếng Anh năm học 2026 - 2027"
            + BODY)
    assert header(text) == {"superior": superior, "issuer": issuer, "number_symbol": "09/KH-THNS", "place": "Nam Sơn",
                            "title": "Dạy học tiếng Anh năm học 2026 - 2027"}


@pytest.mark.parametrize("written, symbol", [("Số: 12/CTr-UBND", "12/CTr-UBND"), ("Số: 4 /TTr-PGDĐT", "4/TTr-PGDĐT"),
                                             ("Số: 21/KH-THCS", "21/KH-THCS")])
def test_a_symbol_whose_kind_ends_in_small_letters(written, symbol):
    text = f"ỦY BAN NHÂN DÂN\nXÃ ĐÔNG HẢI\n{written}      Đông Hải, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nGiáo dục" + BODY
    assert header(text)["number_symbol"] == symbol


@pytest.mark.parametrize("kind", ["CHƯƠNG TRÌNH HÀNH ĐỘNG", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "KẾ HOẠCH HÀNH ĐỘNG"])
def test_a_programme_of_action_or_a_scheme_has_its_subject_as_title(kind):
    text = ("ỦY BAN NHÂN DÂN\nXÃ TIÊN MINH\nSố: 03/CTr-UBND      Tiên Minh, ngày 12 tháng 01 năm 2026\n\n"
            f"{kind}\nNâng cao chất lượng giáo dục\ntrên địa bàn xã Tiên Minh\n\nCăn cứ Luật Giáo dục năm 2019;" + BODY)
    assert header(text) == {"superior": None, "issuer": "ỦY BAN NHÂN DÂN XÃ TIÊN MINH", "number_symbol": "03/CTr-UBND",
                            "place": "Tiên Minh", "title": "Nâng cao chất lượng giáo dục trên địa bàn xã Tiên Minh"}


# ---------------------------------------------------------------------------- tables
def test_a_group_row_numbered_in_roman_inside_a_word_table_is_no_section():
    text = ("I. MỤC ĐÍCH\nBảo đảm.\nII. CHỈ TIÊU\n"
            "TT | Chỉ tiêu | Năm 2027 | Năm 2030\nI. MẦM NON\n1 | Trẻ 5 tuổi ăn bán trú (%) | 95 | 100\n"
            "II. TIỂU HỌC\n2 | Học sinh học bơi (%) | 60 | 80\nIII. THCS\n3 | Học sinh có máy tính bảng (%) | 40 | 70\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\nTăng cường kiểm tra.\n")
    plan = parse_plan(text)
    assert [s.heading for s in plan.sections] == ["MỤC ĐÍCH", "CHỈ TIÊU", "NHIỆM VỤ, GIẢI PHÁP"]
    assert got(text) == [("=", 95, "%", 2027), ("=", 100, "%", 2030), ("=", 60, "%", 2027), ("=", 80, "%", 2030),
                         ("=", 40, "%", 2027), ("=", 70, "%", 2030)]


def test_stage_and_vision_columns_after_a_status_column_with_fractions():
    table = ("STT | Chỉ tiêu | ĐVT | Hiện trạng năm 2025 | Giai đoạn 2026 - 2028 | Giai đoạn 2029 - 2030 | Tầm nhìn 2035\n"
             "1 | Trường có thư viện đạt chuẩn | trường | 7/12 | 9 | 11 | 12\n"
             "2 | Giáo viên dạy STEM | % | 41,5 | ≥ 60 | ≥ 75 | 90\n")
    assert got(GOAL + table) == [("=", 9, "trường", 2028), ("=", 11, "trường", 2030), ("=", 12, "trường", 2035),
                                 (">=", 60, "%", 2028), (">=", 75, "%", 2030), ("=", 90, "%", 2035)]


@pytest.mark.parametrize("table", [
    "STT Chỉ tiêu ĐVT Hiện trạng năm 2025 Năm 2027 Năm 2030\n1 Điểm trường có sân chơi đạt chuẩn trường 5/9 7 9/9\n",
    "\n".join(["STT", "Chỉ tiêu", "ĐVT", "Hiện trạng năm 2025", "Năm 2027", "Năm 2030",
               "1", "Điểm trường có sân chơi đạt chuẩn", "trường", "5/9", "7", "9/9"]),
])
def test_a_fraction_in_a_pdf_table_counts_its_numerator(table):
    assert got(GOAL + table) == [("=", 7, "trường", 2027), ("=", 9, "trường", 2030)]


def test_a_table_one_cell_a_line_of_school_levels_with_a_status_column_dated_by_month():
    table = "\n".join(["Cấp học", "Hiện trạng (6/2025)", "Năm 2027", "Năm 2030",
                       "Tiểu học", "45,2%", "55%", "70%", "THCS", "30,8%", "40%", "60%"])
    assert got(GOAL + "Tỷ lệ học sinh được học ngoại ngữ với giáo viên bản ngữ:\n" + table) == [
        ("=", 55, "%", 2027), ("=", 70, "%", 2030), ("=", 40, "%", 2027), ("=", 60, "%", 2030)]


def test_a_table_one_cell_a_line_whose_first_cell_opens_with_a_comparator_word():
    table = "\n".join(["Chỉ tiêu", "Năm 2027", "Năm 2030", "Học sinh đỗ vào các trường đại học", "trên 55%", "trên 65%",
                       "Học sinh giỏi cấp tỉnh", "không dưới 12 giải", "không dưới 18 giải"])
    assert got(GOAL + table) == [(">", 55, "%", 2027), (">", 65, "%", 2030), (">=", 12, "giải", 2027), (">=", 18, "giải", 2030)]


def test_a_line_waiting_for_its_figure_still_takes_the_next_line():
    assert got(GOAL + "- Năm 2027, tỷ lệ trẻ được học tiếng Anh đạt\ntrên 60%") == [(">", 60, "%", 2027)]


def test_a_comparator_of_a_figure_in_the_label_is_not_the_cells():
    table = "TT | Chỉ tiêu | Năm 2027 | Năm 2030\n1 | Lớp có tối thiểu 02 máy chiếu | 12 lớp | 20 lớp\n"
    assert got(GOAL + table) == [("=", 12, "lớp", 2027), ("=", 20, "lớp", 2030)]


def test_average_marks_and_counted_nouns_in_a_pdf_row():
    table = ("Chỉ tiêu Năm 2027 Năm 2030\n"
             "Điểm bình quân thi vào lớp 10 7,1 trên 7,5\n"
             "Đề tài nghiên cứu khoa học kỹ thuật không dưới 6 đề tài không dưới 9 đề tài\n")
    assert got(GOAL + table) == [("=", 7.1, "điểm", 2027), (">", 7.5, "điểm", 2030),
                                 (">=", 6, "đề tài", 2027), (">=", 9, "đề tài", 2030)]


# ---------------------------------------------------------------------------- horizons
def test_a_year_right_after_each_share():
    assert got(GOAL + "- Trẻ được khám sức khỏe định kỳ đạt 97% năm 2027 và 100% năm 2029.") == [
        ("=", 97, "%", 2027), ("=", 100, "%", 2029)]


def test_a_year_right_after_each_count_of_prizes_or_rooms():
    assert got(GOAL + "- Học sinh giỏi cấp thành phố: 18 giải năm 2027, 24 giải năm 2030; 3 phòng học năm 2028.") == [
        ("=", 18, "giải", 2027), ("=", 24, "giải", 2030), ("=", 3, "phòng", 2028)]


def test_a_year_s_end():
    assert got(GOAL + "- Trẻ được tiêm chủng đầy đủ đạt 96% vào cuối năm 2027 và 99% cuối năm 2030.") == [
        ("=", 96, "%", 2027), ("=", 99, "%", 2030)]


def test_a_measure_is_not_a_prize():
    assert got(GOAL + "- Năm 2027: triển khai 5 giải pháp nâng cao chất lượng; 100% lớp có góc đọc.") == [
        ("=", 100, "%", 2027)]


def test_a_year_set_apart_in_brackets_shares_the_floor_and_not_its_year():
    text = GOAL + "2. Đến năm 2030\n- Giáo viên có chứng chỉ ngoại ngữ B2 tối thiểu 60% (riêng năm 2027: 45%)."
    assert got(text) == [(">=", 60, "%", 2030), (">=", 45, "%", 2027)]


def test_a_vision_s_year_on_its_line():
    assert got(GOAL + "1. Năm 2027\n- 90% học sinh biết bơi.\n3. Tầm nhìn 2040: 100% học sinh biết bơi.") == [
        ("=", 90, "%", 2027), ("=", 100, "%", 2040)]


def test_a_short_horizon_heading_is_not_joined_to_its_first_target_on_the_next_line():
    text = GOAL + "1. Năm 2027\n- 90% trẻ ăn bán trú.\n2. Tầm nhìn 2040\n98% trẻ được học làm quen tiếng Anh ở\nmức cơ bản."
    assert got(text) == [("=", 90, "%", 2027), ("=", 98, "%", 2040)]


def test_a_year_a_pdf_wrapped_to_the_next_line():
    text = GOAL + "- Tỷ lệ học sinh cận thị dưới 20% vào năm 2027, dưới 15% vào năm\n2030.\n- 100% lớp có tủ thuốc."
    assert got(text, plan_horizon=2027) == [("<", 20, "%", 2027), ("<", 15, "%", 2030), ("=", 100, "%", 2027)]


def test_a_past_year_right_after_a_figure_is_a_baseline():
    assert got(GOAL + "- Nâng tỷ lệ học sinh khá giỏi từ 61% năm 2025 lên 70% năm 2028.", plan_year=2026) == [
        ("=", 70, "%", 2028)]


def test_a_worded_zero_takes_the_year_of_its_own_clause():
    text = GOAL + "- Giảm số phòng học tạm xuống còn 2 phòng trong năm 2027; không còn phòng học\ntạm vào năm 2029."
    assert got(text) == [("=", 0, "phòng", 2029), ("=", 2, "phòng", 2027)]


def test_a_numbered_line_whose_figure_is_not_read_keeps_the_heading_s_year():
    text = GOAL + "2. Đến năm 2030\n2.1 Thời lượng trải nghiệm thực tế: 35 tiết/năm.\n2.2 100% học sinh được học kỹ năng sống."
    assert got(text) == [("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- figures
def test_average_marks_in_a_sentence():
    text = GOAL + ("- Điểm bình quân thi vào lớp 10 đạt 6,4 năm 2027 và trên 6,8 điểm năm 2030; 100% học sinh lớp 9 "
                   "được ôn tập.\n- Điểm trung bình môn Toán không thấp hơn 7 điểm (năm 2028).")
    assert got(text) == [("=", 6.4, "điểm", 2027), (">", 6.8, "điểm", 2030), ("=", 100, "%", 2030),
                         (">=", 7, "điểm", 2028)]
    assert all(t.indicator_code.value is None for t in extract_targets(text) if t.unit.value == "điểm")


@pytest.mark.parametrize("line, want", [
    ("- Năm 2027: tập huấn kỹ năng số cho 2.400 phụ huynh.", ("=", 2400, "", 2027)),
    ("- Năm 2027: bồi dưỡng chuyên môn 1.350 lượt cán bộ/năm.", ("=", 1350, "lượt", 2027)),
    ("- Năm 2027: đào tạo nghề cho 3.500 người lao động.", ("=", 3500, "người", 2027)),
    ("1. Năm 2027\n- Số học sinh dự ngày hội đọc sách: 1.150 em.", ("=", 1150, "học sinh", 2027)),
])
def test_a_count_with_a_thousands_dot_counts_whatever_follows(line, want):
    assert got(GOAL + line) == [want]


@pytest.mark.parametrize("money", ["1.500 triệu đồng", "12.000 USD", "2.500 nghìn đồng"])
def test_money_with_a_thousands_dot_is_no_count(money):
    assert got(GOAL + f"- Năm 2027: bố trí {money} cho thiết bị; 100% lớp có ti vi.") == [("=", 100, "%", 2027)]


@pytest.mark.parametrize("quoted", ["(bình quân cả nước là 88%)", "(chỉ tiêu chung toàn quốc: 88%)"])
def test_a_national_figure_quoted_in_brackets_is_not_the_plan_s(quoted):
    assert got(GOAL + f"- Đến năm 2030, tỷ lệ học sinh học nghề sau THCS đạt không dưới 35% {quoted}.") == [
        (">=", 35, "%", 2030)]


# ---------------------------------------------------------------------------- the fixtures' builder
def _builder():
    path = Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "build.py"
    spec = importlib.util.spec_from_file_location("plans_fixture_build", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pdf_builder_widens_columns_only_where_a_cell_overflows():
    columns = _builder()._columns
    xs = [50, 300, 400]
    rows = [["Chỉ tiêu", "Năm 2027", "Năm 2030"], ["Tỷ lệ", "90%", "95%"]]
    assert columns(rows, xs, 545, lambda s: 6 * len(s)) == xs
    wide = rows + [["Số giải", "không dưới 20 giải", "25"]]
    out = columns(wide, xs, 545, lambda s: 6 * len(s))
    assert out[2] - out[1] >= 6 * len("không dưới 20 giải") and out[0] == 50 and out[1] >= 50 + 6 * len("Chỉ tiêu")


def test_a_section_heading_between_two_tables_is_still_a_section():
    text = ("I. MỤC ĐÍCH\nBảo đảm.\nII. CHỈ TIÊU\nTT | Chỉ tiêu | Năm 2027 | Năm 2030\n1 | Học sinh học bơi (%) | 60 | 80\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\nTT | Nội dung | Năm 2027 | Năm 2030\n1 | Tập huấn giáo viên (%) | 50 | 90\n")
    assert [s.heading for s in parse_plan(text).sections] == ["MỤC ĐÍCH", "CHỈ TIÊU", "NHIỆM VỤ, GIẢI PHÁP"]
