"""Plan importer: the reading rules the blind8 set called for (fixtures/plans_heldout/blind8, written before reading
the importer; its first-sight figures in the commit that merged it), one test per rule, on texts written for the test
(none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.parse import parse_plan

from .importer_probes import got, header

HEAD = ("UBND TỈNH CAO BẰNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 09/CTr-SGDĐT\nCao Bằng, ngày 03 tháng 03 năm 2026\n\n"
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\nThực hiện Nghị quyết số 71-NQ/TW về đột phá phát triển giáo dục và đào tạo\n")


def test_a_sentence_of_the_body_right_under_the_subject_is_not_the_subject():
    text = HEAD + ("Toàn tỉnh hiện có 512 cơ sở giáo dục, 70,2% trường đạt chuẩn quốc gia; các tỷ lệ tính theo năm học.\n"
                   "I. MỤC TIÊU ĐẾN NĂM 2030\nTrên 80% trường học đạt chuẩn quốc gia.\n")
    assert header(text)["title"] == "Thực hiện Nghị quyết số 71-NQ/TW về đột phá phát triển giáo dục và đào tạo"


def test_the_targets_sections_heading_gives_its_horizon():
    text = HEAD + "\nI. MỤC TIÊU ĐẾN NĂM 2030\nTrên 80% trường học đạt chuẩn quốc gia.\nII. NHIỆM VỤ\nRà soát.\n"
    assert got(text) == [(">", 80.0, "%", 2030)]


def test_an_appendix_named_after_its_word_in_capitals_holds_targets():
    text = HEAD + ("\nI. MỤC TIÊU\nNâng cao chất lượng.\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\nGIÁM ĐỐC\nNông Văn Bình\n\n"
                   "Phụ lục: CÁC CHỈ TIÊU CHỦ YẾU\nChỉ tiêu | Hiện trạng 2025 | 2026 | 2030 | Cơ quan chủ trì\n"
                   "Trẻ 5 tuổi hoàn thành chương trình mầm non (%) | 97,5 | 98 | 99 | Phòng GDMN\n")
    assert got(text, plan_year=2026) == [("=", 98.0, "%", 2026), ("=", 99.0, "%", 2030)]


def test_a_change_in_percentage_points_and_the_base_year_after_so_voi():
    text = ("II. MỤC TIÊU\nĐến năm học 2027 - 2028:\n"
            "- Tỷ lệ học sinh bỏ học giảm ít nhất 1,5 điểm phần trăm so với năm học 2025 - 2026.\n")
    assert got(text) == [(">=", 1.5, "điểm phần trăm", 2028)]


def test_points_that_restate_a_shares_rise_are_no_target():
    text = "II. MỤC TIÊU\nĐến năm 2030 huy động trên 35% trẻ nhà trẻ ra lớp, cao hơn 6 điểm phần trăm so với hiện nay.\n"
    assert got(text) == [(">", 35.0, "%", 2030)]


def test_a_line_ending_with_a_comparator_and_a_colon_gives_it_to_the_items_under_it():
    text = ("II. MỤC TIÊU\n- Đến năm 2029, tỷ lệ học sinh đạt mức Hoàn thành tốt ít nhất:\n"
            "  + lớp 1, 2: 40%;\n  + lớp 3, 4, 5: 48%.\n- Tỷ lệ học sinh lưu ban 1%.\n")
    assert got(text) == [(">=", 40.0, "%", 2029), (">=", 48.0, "%", 2029), ("=", 1.0, "%", 2029)]


COMMUNE = ("ỦY BAN NHÂN DÂN\nXÃ TÂN AN\nCỘNG HÒA XÃ HỘI CHỦ\nNGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 41/KH-UBND Tân An, ngày 14 tháng 10\nnăm 2026\nKẾ HOẠCH\nPhát triển giáo dục xã Tân An\n")


def test_a_motto_a_narrow_column_wrapped_is_no_part_of_the_issuer_and_a_wrapped_date_is_read():
    plan_header = header(COMMUNE + "I. MỤC TIÊU\nTrên 90% trẻ ra lớp.\n", ("issuer", "place", "number_symbol"))
    assert plan_header == {"issuer": "ỦY BAN NHÂN DÂN XÃ TÂN AN", "place": "Tân An", "number_symbol": "41/KH-UBND"}
    assert parse_plan(COMMUNE + "I. MỤC TIÊU\n").issued_on.value.isoformat() == "2026-10-14"


def test_a_table_of_targets_after_the_signature_named_bang_with_a_baseline_and_one_target_column():
    text = COMMUNE + ("I. MỤC TIÊU\nCác chỉ tiêu chủ yếu tại Bảng 2.\nII. GIẢI PHÁP\nƯu tiên ngân sách.\nNơi nhận:\n- UBND tỉnh;\n"
                      "- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLò Văn Sáng\n"
                      "Bảng 2. Chỉ tiêu đến năm 2030\n"
                      "Chỉ tiêu | Năm 2025 (thực hiện) | Mục tiêu | Đơn vị thực hiện\n"
                      "Trường đạt chuẩn quốc gia | 03/07 trường | 05/07 trường | Các trường\n"
                      "Học sinh hoàn thành chương trình tiểu học | 99,1% | ≥ 99,5% | Trường tiểu học\n")
    plan = parse_plan(text)
    assert [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year) for t in plan.targets] == [
        ("=", 5.0, "trường", 2030), (">=", 99.5, "%", 2030)]


def test_a_name_broken_before_its_schools_level_goes_on():
    text = ("II. MỤC TIÊU\nĐến năm 2028, hoàn thành xây dựng 01 nhà đa năng cho Trường\n"
            "THCS Tân An; 100% trường tiểu học có phòng học tiếng Anh riêng.\n")
    assert got(text) == [("=", 1.0, "nhà", 2028), ("=", 100.0, "%", 2028)]   # (a building counts "nhà": blind25)


def test_a_date_wrapped_after_its_year_word_and_a_bracketed_note_under_the_subject():
    text = ("UBND PHƯỜNG AN BÌNH\nTRƯỜNG THCS AN BÌNH\nSố: 18/KH-THCSAB\nAn Bình, ngày 09 tháng 9 năm\n2026\nKẾ HOẠCH\n"
            "Thực hiện Nghị quyết 71-NQ/TW giai đoạn\n2026 - 2030\n(Theo Công văn số 15/SGDĐT-GDTrH ngày 20/8/2026 của Sở\n"
            "Giáo dục và Đào tạo)\nI. MỤC TIÊU\n100% học sinh học 2 buổi/ngày.\n")
    assert header(text, ("place", "title")) == {"place": "An Bình",
                                                "title": "Thực hiện Nghị quyết 71-NQ/TW giai đoạn 2026 - 2030"}
    assert parse_plan(text).issued_on.value.isoformat() == "2026-09-09"


def test_a_row_without_a_unit_and_one_beside_a_column_of_who_does_it_do_not_end_the_table():
    text = ("II. MỤC TIÊU\nChỉ tiêu | Hiện trạng 2025 | Mục tiêu 2027 | Mục tiêu 2030 | Bộ phận phụ trách\n"
            "Học sinh bỏ học | 0,8% | ≤ 0,5% | ≤ 0,3% | GVCN\n"
            "Sách tham khảo mới | 120 | 200 | 400 | Thư viện\n"
            "Phòng học thông minh | 0 | 01 | 03 | Tổ Tin\n"
            "Trường đạt chuẩn quốc gia | Mức 1 | – | Mức 2 | Hiệu trưởng\n")
    assert got(text, plan_year=2026) == [("<=", 0.5, "%", 2027), ("<=", 0.3, "%", 2030), ("=", 1.0, "phòng", 2027),
                                         ("=", 3.0, "phòng", 2030), ("=", 2.0, "mức", 2030)]


def test_a_past_years_figure_in_brackets_is_the_brackets_own():
    text = ("II. MỤC TIÊU\nNăm 2026\nHọc sinh giỏi quốc gia đạt ít nhất 25 giải (năm 2025: 22 giải), trong đó có từ 04 giải "
            "Nhất trở lên.\nKhông dưới 03 huy chương Olympic quốc tế mỗi năm.\n")
    assert got(text, plan_year=2026) == [(">=", 25.0, "giải", 2026), (">=", 4.0, "giải", 2026),
                                         (">=", 3.0, "huy chương", 2026)]


def test_a_column_of_a_past_year_before_one_column_of_targets():
    text = ("II. MỤC TIÊU\nBảng 2. Chỉ tiêu đến năm 2030\nNội dung | Năm 2025 | Mục tiêu | Đơn vị chủ trì\n"
            "Phòng học thông minh (phòng) | 4 | 10 | Tổ Tin học\nGiáo viên có trình độ thạc sĩ trở lên (%) | 51 | ≥ 70 | BGH\n")
    assert got(text, plan_year=2026) == [("=", 10.0, "phòng", 2030), (">=", 70.0, "%", 2030)]


def test_an_acting_position_keeps_its_q_and_a_degree_before_the_name_is_no_part_of_it():
    text = ("TRƯỜNG THPT BẮC SƠN\nSố: 05/KH-THPT\nBắc Sơn, ngày      tháng 9 năm 2026\nKẾ HOẠCH\nChuyển đổi số\n"
            "I. MỤC TIÊU\n100% lớp học có tivi.\nNơi nhận:\n- Sở GD&ĐT;\n- Lưu: VT.\nQ. HIỆU TRƯỞNG\n(Đã ký)\nThS. Lê Văn An\n")
    plan = parse_plan(text)
    assert (plan.signer_title.value, plan.signer.value, plan.place.value, plan.issued_on) == (
        "Q. HIỆU TRƯỞNG", "Lê Văn An", "Bắc Sơn", None)


def test_a_numbered_point_opening_its_items_keeps_its_groups_horizon():
    text = ("II. MỤC TIÊU\n1. Đến hết năm 2026\n1.1. Tỷ lệ học sinh bỏ học không quá 0,5%.\n1.2. Tỷ lệ học sinh tốt nghiệp:\n"
            "- Cấp THCS: 100%;\n- Cấp THPT: tối thiểu 97%.\n2. Các chỉ tiêu khác\n- 100% học sinh có thẻ thư viện.\n")
    assert got(text, plan_horizon=2030) == [("<=", 0.5, "%", 2026), ("=", 100.0, "%", 2026), (">=", 97.0, "%", 2026),
                                            ("=", 100.0, "%", 2030)]
