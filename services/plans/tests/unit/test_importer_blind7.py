"""Plan importer: the reading rules the blind7 set called for (fixtures/plans_heldout/blind7, seventeen plans from
seventeen provinces, written before reading the importer), one test per rule, on tables and sentences written for the
test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.parse import parse_plan
from .importer_probes import got, header as probe_header


GOAL = "II. CHỈ TIÊU\n"


# ---------------------------------------------------------------------------- tables
def test_a_baseline_column_abbreviated_th_before_the_horizons_is_not_read():
    # "TH 2024-2025" is "thực hiện" (last year's result); the two-row heading puts the horizons under "Chỉ tiêu"
    text = GOAL + (
        "TT | Chỉ tiêu | ĐVT | TH 2024-2025 | Chỉ tiêu phấn đấu | Ghi chú\n"
        "TT | Chỉ tiêu | ĐVT | TH 2024-2025 | Năm 2027 | Năm 2029 | Ghi chú\n"
        "I | CHẤT LƯỢNG\n"
        "1 | Tỷ lệ học sinh đạt chuẩn thể chất | % | 88 | 90 | ≥ 93 | \n"
        "2 | Số phòng học bộ môn | phòng | 2 | – | 4 | Xã hội hóa\n")
    assert got(text) == [("=", 90.0, "%", 2027), (">=", 93.0, "%", 2029), ("=", 4.0, "phòng", 2029)]


# ---------------------------------------------------------------------------- signature
BODY = ("PHÒNG GIÁO DỤC HUYỆN KRÔNG PA\nTRƯỜNG TIỂU HỌC CHƯ GU\nSố: 03/KH-THCG\nChư Gu, ngày 06 tháng 01 năm 2026\n\n"
        "KẾ HOẠCH\nGiáo dục STEM\n\nI. MỤC ĐÍCH\nBảo đảm chất lượng.\n\n")


def signature(text: str) -> tuple:
    plan = parse_plan(text)
    return (plan.signer_title.value if plan.signer_title else None, plan.signer.value if plan.signer else None,
            [r.value for r in plan.recipients])


def test_a_highland_name_with_a_capital_after_its_apostrophe_is_a_name():
    text = BODY + "Nơi nhận:\n- Phòng GD&ĐT;\n- Lưu: VT.\nHIỆU TRƯỞNG\nKsor H'Bia Nay\n"
    assert signature(text) == ("HIỆU TRƯỞNG", "Ksor H'Bia Nay", ["Phòng GD&ĐT", "Lưu: VT"])


def test_a_signature_block_interleaved_with_the_recipients_is_read_apart_from_them():
    # a PDF's text layer reads the two columns of the closing line by line, one from each
    text = BODY + ("Nơi nhận:\nKT. HIỆU TRƯỞNG\n- Phòng GD&ĐT (b/c);\nPHÓ HIỆU TRƯỞNG\n- Các tổ chuyên môn;\n"
                   "Đinh Thị Mai\n- Lưu: VT.\n")
    assert signature(text) == ("PHÓ HIỆU TRƯỞNG", "Đinh Thị Mai", ["Phòng GD&ĐT (b/c)", "Các tổ chuyên môn", "Lưu: VT"])


def test_several_horizons_inside_one_cell_each_label_their_figure():
    # a Word cell's lines joined by spaces: "2027: 40% / 2029: ít nhất 55% / 2030: không quá 2%"
    text = GOAL + ("TT | Chỉ tiêu | Lộ trình | Giải pháp\n"
                   "1 | Tỷ lệ học sinh học tiếng dân tộc | 2027: 40% 2029: ít nhất 55% | Mở lớp\n"
                   "2 | Tỷ lệ học sinh lưu ban | 2030: không quá 2% | Phụ đạo\n")
    assert got(text) == [("=", 40.0, "%", 2027), (">=", 55.0, "%", 2029), ("<=", 2.0, "%", 2030)]


def test_a_row_with_its_own_deadline_column_takes_its_year_from_it():
    text = GOAL + ("TT | Nội dung | Chỉ tiêu | Thời hạn | Người phụ trách\n"
                   "1 | Trẻ được khám sức khỏe định kỳ | 100% | Tháng 12/2026 | Nhân viên y tế\n"
                   "2 | Trẻ được tham gia hoạt động trải nghiệm | ≥ 85% | Năm 2029 | Tổ chuyên môn\n")
    assert got(text) == [("=", 100.0, "%", 2026), (">=", 85.0, "%", 2029)]


def test_a_stage_heading_opening_with_phan_dau_sets_the_horizon_of_its_lines():
    text = GOAL + ("1. Năm học 2025 - 2026\n- Tỷ lệ học sinh bỏ học dưới 0,5%.\n"
                   "2. Phấn đấu đến hết năm học 2028 - 2029\n- 95% học sinh biết bơi an toàn.\n")
    assert got(text) == [("<", 0.5, "%", 2026), ("=", 95.0, "%", 2029)]


def test_a_bracketed_year_a_pdf_wrapped_onto_the_next_line_stays_with_its_target():
    text = GOAL + ("1. Tỷ lệ học sinh được kiểm tra sức khỏe đạt 98 % trở lên (từ năm học 2027\n- 2028).\n"
                   "2. Trường đạt chuẩn quốc gia mức độ 2 và kiểm định chất lượng cấp độ 2\n(năm 2030).\n")
    assert got(text) == [(">=", 98.0, "%", 2028), ("=", 2.0, "mức", 2030), ("=", 2.0, "mức", 2030)]


def test_a_column_of_the_province_s_targets_beside_the_commune_s_is_not_read():
    text = ("II. MỤC TIÊU ĐẾN NĂM 2030\n"
            "TT | Chỉ tiêu | Đơn vị | Hiện trạng năm 2025 | Đến năm 2030\n"
            "TT | Chỉ tiêu | Đơn vị | Hiện trạng năm 2025 | Chỉ tiêu tỉnh | Phường An Bình phấn đấu\n"
            "1 | Tỷ lệ trường đạt chuẩn quốc gia | % | 60 | 85 | ≥ 80\n"
            "2 | Số phòng học bộ môn xây mới | phòng | 3 | – | 12\n")
    assert got(text) == [(">=", 80.0, "%", 2030), ("=", 12.0, "phòng", 2030)]


# ---------------------------------------------------------------------------- number and place
def header(text: str) -> dict:
    return probe_header(text, ("number_symbol", "place"))


def test_a_number_left_blank_until_registration_is_its_symbol_alone():
    text = ("PHÒNG GD&ĐT HUYỆN SÌN HỒ\nTRƯỜNG MẦM NON NẬM TĂM\nSố:        /KH-MNNT\n\nNậm Tăm, ngày 03 tháng 03 năm 2026\n\n"
            "KẾ HOẠCH\nGiáo dục STEAM\n\nI. MỤC ĐÍCH\nBảo đảm chất lượng.\n")
    assert header(text) == {"number_symbol": "/KH-MNNT", "place": "Nậm Tăm"}


def test_a_number_and_a_place_joined_by_a_dash_are_read_apart():
    text = ("PHÒNG GD&ĐT THÀNH PHỐ CẨM PHẢ\nTRƯỜNG THCS CẨM THỦY\nSố: 11/KH-THCSCT – Cẩm Phả, ngày 04/02/2026\n\n"
            "KẾ HOẠCH\nGiáo dục STEAM\n\nI. MỤC ĐÍCH\nBảo đảm chất lượng.\n")
    assert header(text) == {"number_symbol": "11/KH-THCSCT", "place": "Cẩm Phả"}


# ---------------------------------------------------------------------------- sentences
def test_a_falling_comparator_is_not_shared_with_a_full_share_after_the_comma():
    text = GOAL + ("Đến năm 2029, giảm tỷ lệ trẻ thừa cân xuống dưới 3%, 100% trẻ được khám sức khỏe định kỳ "
                   "và 100% trẻ được uống sữa học đường.\n")
    assert got(text) == [("<", 3.0, "%", 2029), ("=", 100.0, "%", 2029), ("=", 100.0, "%", 2029)]


def test_reaching_and_passing_a_figure_is_a_floor():
    assert got(GOAL + "- Đến năm 2028, tỷ lệ học sinh đạt học lực khá, giỏi đạt và vượt 75%.\n") == [(">=", 75.0, "%", 2028)]
