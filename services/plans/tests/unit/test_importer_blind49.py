"""Plan importer: the reading rules the blind49 set called for (fixtures/plans_heldout/blind49: signed plans scanned and
read back by a scanner's OCR, a seal's ring text among the signature, letters in the figures, a skewed table read out
of order; written by someone who never read the importer), one test per rule, on sentences, tables and signature
blocks written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer.parse import parse_plan

from .importer_probes import GOAL, got

HEAD = ("UBND XÃ HÒA AN\n"
        "TRƯỜNG TIỂU HỌC HÒA AN\n"
        "Số: 27/KH-THHA\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Hòa An, ngày 12 tháng 10 năm 2026\n"
        "KẾ HOẠCH\n"
        "Thực hiện Nghị quyết số 71-NQ/TW năm học 2026 - 2027\n"
        + GOAL + "- Tỷ lệ học sinh bỏ học dưới 0,5%.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các tổ chuyên môn triển khai kế hoạch.\n")


def _signed(block: str) -> tuple[str, str]:
    plan = parse_plan(HEAD + block)
    return plan.signer_title.value, plan.signer.value


# ---------------------------------------------------------------------------- a seal's ring text in the signature
@pytest.mark.parametrize("block, title", [
    # the seal's text between the position and the name, as a Word file converted from the scan has it
    ("Nơi nhận: - UBND xã; - Lưu: VT.\nHIỆU TRƯỞNG\n(Đã ký)\nTRƯỜNG TIỂU HỌC * HÒA AN * CAO BẰNG\nNông Văn Sáng\n",
     "HIỆU TRƯỞNG"),
    ("Nơi nhận: - UBND xã; - Lưu: VT.\nHIỆU TRƯỞNG\nTRƯỜNG TIỂU HỌC * HÒA AN *\n(Đã ký)\nNông Văn Sáng\n", "HIỆU TRƯỞNG"),
    ("Nơi nhận: - Sở GD&ĐT; - Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTRUNG TÂM GDNN - GDTX * HÒA AN\nNông Văn Sáng\n",
     "PHÓ GIÁM ĐỐC"),
    # the seal's pieces laid beside the recipients, the position at the top of the block's column
    ("Nơi nhận:                                HIỆU TRƯỞNG\n"
     "- UBND xã (b/c);              TRƯỜNG       (Đã ký)\n"
     "- Lưu: VT.                 TIỂU HỌC\n"
     "                            HÒA AN\n"
     "                                         Nông Văn Sáng\n", "HIỆU TRƯỞNG"),
    ("Nơi nhận:                      TM. ỦY BAN NHÂN DÂN\n"
     "- UBND tỉnh (b/c);                  KT. CHỦ TỊCH\n"
     "- Đảng ủy xã;          ỦY BAN      PHÓ CHỦ TỊCH\n"
     "- Lưu: VT.           XÃ HÒA AN  * CAO BẰNG *\n"
     "                                    Nông Văn Sáng\n", "PHÓ CHỦ TỊCH"),
])
def test_a_seals_ring_text_is_not_the_signers_position(block, title):
    assert _signed(block) == (title, "Nông Văn Sáng")


def test_a_signature_block_without_a_seal_reads_as_before():
    block = "Nơi nhận: - UBND xã; - Lưu: VT.\nKT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n(Đã ký)\nNông Văn Sáng\n"
    assert _signed(block) == ("PHÓ HIỆU TRƯỞNG", "Nông Văn Sáng")


# ---------------------------------------------------------------------------- the unit stated above a table
def test_a_unit_stated_above_a_table_is_the_unit_of_its_bare_figures():
    for above in ("2. Chỉ tiêu cụ thể (Đơn vị: %)\n", "2. Chỉ tiêu cụ thể\nĐơn vị tính: %\n",
                  "2. Chỉ tiêu đến năm 2030 (ĐVT: %)\nCác trường phấn đấu đạt các chỉ tiêu theo bảng sau:\n"):
        text = (GOAL + above + "Chỉ tiêu | Năm 2028 | Năm 2030\n"
                "Học sinh học 2 buổi/ngày | 90 | 100\n"
                "Phòng học bộ môn (phòng) | 3 | 5\n"
                "III. NHIỆM VỤ, GIẢI PHÁP\n")
        assert got(text) == [("=", 90, "%", 2028), ("=", 100, "%", 2030),
                             ("=", 3, "phòng", 2028), ("=", 5, "phòng", 2030)], above


def test_a_unit_above_another_part_does_not_reach_the_table():
    text = (GOAL + "1. Kinh phí (Đơn vị: %)\nTỷ lệ chi cho con người 70%.\n2. Chỉ tiêu\n"
            "Chỉ tiêu | Năm 2028 | Năm 2030\nHọc sinh học 2 buổi/ngày | 90 | 100\nIII. NHIỆM VỤ, GIẢI PHÁP\n")
    assert ("=", 90, "%", 2028) not in got(text)


def test_a_count_named_in_a_rows_bracket_is_counted_under_a_unit_for_the_table():
    text = (GOAL + "2. Chỉ tiêu đến năm 2030 (Đơn vị: %)\nChỉ tiêu | Tiểu học | THCS\n"
            "Học sinh học 2 buổi/ngày | 100 | 90\n"
            "Trường đạt chuẩn quốc gia (số trường) | 6 | 4\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n")
    assert got(text) == [("=", 100, "%", 2030), ("=", 90, "%", 2030),
                         ("=", 6, "trường", 2030), ("=", 4, "trường", 2030)]


# ---------------------------------------------------------------------------- a scan's letters in a table's figures
def test_a_cell_that_is_a_figure_reads_a_scans_letters_as_digits():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "Tỷ lệ giáo viên ứng dụng AI (%) | 7O | l00\n"
            "Phòng học thông minh (phòng) | Ol | O4\n"
            "Tỷ lệ học sinh bỏ học (%) | < l | ≤ O,5\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n")
    assert got(text)[:4] == [("=", 70, "%", 2027), ("=", 100, "%", 2030), ("=", 1, "phòng", 2027),
                             ("=", 4, "phòng", 2030)]


def test_a_cell_of_words_is_not_read_as_a_figure():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "Tỷ lệ học sinh học 2 buổi/ngày (%) | lo | Ol Ol\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n")
    assert got(text) == []


def test_a_scanned_row_laid_with_spaces_reads_its_figures():
    text = (GOAL + "3. Lộ trình\nChỉ tiêu          Năm 2027          Năm 2030\n"
            "Giáo viên có trình độ thạc sĩ 6O %     8O %\n"
            "Phòng học thông minh: O3 phòng   l2 phòng\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n")
    assert got(text) == [("=", 60, "%", 2027), ("=", 80, "%", 2030), ("=", 3, "phòng", 2027), ("=", 12, "phòng", 2030)]


def test_a_year_a_skewed_scan_read_between_a_rows_figures_is_no_figure():
    text = (GOAL + "3. Lộ trình\nChỉ tiêu          Năm 2027          Năm 2030\n"
            "Giáo viên ứng dụng AI 70 %  2027  100 %\n"
            "Hồ sơ số hóa 90 %   100 %\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n")
    assert got(text) == [("=", 70, "%", 2027), ("=", 100, "%", 2030), ("=", 90, "%", 2027), ("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- a bracket's year in an earlier clause
def test_a_year_in_a_bracket_closing_an_earlier_clause_is_no_deadline_of_the_next():
    text = (GOAL + "2. Năm học 2026 - 2027\n"
            "- Đạt ít nhất 20 giải học sinh giỏi cấp tỉnh (năm 2026 đạt 18 giải); 100% học sinh hoàn thành chương trình.\n")
    assert got(text) == [(">=", 20, "giải", 2027), ("=", 100, "%", 2027)]


def test_a_year_in_a_bracket_of_the_same_clause_still_dates_it():
    text = GOAL + "- Kiên cố hóa phòng học (trong năm 2028), đạt 100% phòng học kiên cố.\n"
    assert got(text) == [("=", 100, "%", 2028)]


# ---------------------------------------------------------------------------- a scan's letters in a sentence's figures
@pytest.mark.parametrize("line, want", [
    ("- Bồi dưỡng ngắn hạn cho l.200 lượt người.", ("=", 1200, "lượt", None)),
    ("- Tỷ lệ học sinh lưu ban dưới l%.", ("<", 1, "%", None)),
    ("- Giữ vững trường đạt chuẩn quốc gia mức độ l.", ("=", 1, "mức", None)),
    ("- Xây dựng Ol phòng học thông minh.", ("=", 1, "phòng", None)),
])
def test_a_lone_l_where_only_a_figure_stands_is_the_digit_one(line, want):
    assert got(GOAL + line + "\n") == [want]


def test_a_lone_l_among_words_stays_a_letter():
    assert got(GOAL + "- Thực hiện theo Phụ lục l, 2 kèm theo; mục l.a giao tổ chuyên môn.\n") == []


def test_bound_words_a_scan_joined_still_bound_the_figure():
    assert got(GOAL + "- Tỷ lệ học sinh tốt nghiệp THCS từ 98% trởlên.\n") == [(">=", 98, "%", None)]


def test_a_rank_kept_is_a_rank():
    assert got(GOAL + "- Duy trì tốp 10 các trường THPT toàn tỉnh về điểm thi tốt nghiệp.\n") == [("<=", 10, "hạng", None)]


# ---------------------------------------------------------------------------- the aim on its own line
def test_the_general_aim_on_its_line_is_no_target_where_the_parts_after_it_have_other_names():
    text = (GOAL + "1. Mục tiêu chung: giữ vững vị thế của trường, phấn đấu vào tốp 10 toàn tỉnh về học sinh giỏi.\n"
            "2. Năm học 2026 - 2027\n- 100% học sinh hoàn thành chương trình lớp học.\n")
    assert got(text) == [("=", 100, "%", 2027)]


def test_a_general_aim_heading_alone_leaves_the_lines_under_it_as_they_were():
    text = GOAL + "1. Mục tiêu chung\n- Đến năm 2028, 100% học sinh học 2 buổi/ngày.\n"
    assert got(text) == [("=", 100, "%", 2028)]


# ---------------------------------------------------------------------------- a numbered part labelled with its year
def test_a_numbered_part_labelled_with_its_year_dates_the_line_a_pdf_wrapped_under_it():
    text = (GOAL + "1. Năm 2027: 100% cán bộ, giáo viên các trường được quán triệt\n"
            "Nghị quyết; tỷ lệ học sinh bỏ học dưới 0,5%.\n"
            "2. Chỉ tiêu đến năm 2030: 100% trường có phòng học thông minh.\n")
    assert got(text) == [("=", 100, "%", 2027), ("<", 0.5, "%", 2027), ("=", 100, "%", 2030)]
