"""Plan importer: the reading rules the blind11 set called for (fixtures/plans_heldout/blind11, thirteen plans written
by someone who never read the importer), one test per rule, on headers and sentences written for the test (none copied
from a fixture; pure, no files)."""
from __future__ import annotations

import pytest

from .importer_probes import got, header

GOAL = "II. CHỈ TIÊU ĐẾN NĂM 2027\n"
BODY = "\n\nI. MỤC TIÊU\nBảo đảm chất lượng.\n"


# ---------------------------------------------------------------------------- headers
@pytest.mark.parametrize("kind", ["THÔNG BÁO", "THONG BAO", "QUYẾT ĐỊNH", "QUYET DINH"])
def test_a_notice_or_a_decision_has_its_subject_as_title_and_ends_the_issuer(kind):
    text = ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN TÂN KỲ\nTRƯỜNG THCS NGHĨA ĐỒNG\nSố: 07/TB-THCS\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNghĩa Đồng, ngày 04 tháng 9 năm 2026\n\n"
            f"{kind}\nChỉ tiêu trọng tâm năm học 2026 - 2027" + BODY)
    assert header(text) == {"superior": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN TÂN KỲ", "issuer": "TRƯỜNG THCS NGHĨA ĐỒNG",
                            "number_symbol": "07/TB-THCS", "place": "Nghĩa Đồng",
                            "title": "Chỉ tiêu trọng tâm năm học 2026 - 2027"}


def test_a_decisions_enacting_words_over_its_articles_are_no_title():
    text = ("UBND XÃ CAM LỘ\nTRƯỜNG MẦM NON HOA MAI\nSố: 12/QĐ-MNHM      Cam Lộ, ngày 03 tháng 3 năm 2026\n\n"
            "QUYẾT ĐỊNH\nVề việc giao chỉ tiêu năm học 2026 - 2027\n\nHIỆU TRƯỞNG TRƯỜNG MẦM NON HOA MAI\n\n"
            "Căn cứ Điều lệ trường mầm non;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Giao chỉ tiêu như sau:\n- 100% trẻ được an toàn.\n")
    assert header(text)["title"] == "Về việc giao chỉ tiêu năm học 2026 - 2027"
    assert header(text)["issuer"] == "TRƯỜNG MẦM NON HOA MAI"


# ---------------------------------------------------------------------------- sentences
@pytest.mark.parametrize("sentence, old", [
    ("Tỷ lệ trẻ 5 tuổi ra lớp đạt 99% (sửa đổi; Kế hoạch số 09 ghi 97%).", 97),
    ("Tỷ lệ học sinh lên lớp từ 96% trở lên (điều chỉnh; trước đây 94 %).", 94),
    ("Tỷ lệ giáo viên dạy giỏi cấp huyện đạt 40% (chỉ tiêu cũ: 35%).", 35),
    ("Có 6 phòng học bộ môn (thay cho 4 phòng).", 4),
])
def test_the_figure_a_revision_replaced_is_no_target(sentence, old):
    values = [v for _, v, _, _ in got(GOAL + sentence)]
    assert old not in values and len(values) == 1


def test_a_bracket_that_only_explains_keeps_its_figure():
    assert [v for _, v, _, _ in got(GOAL + "Tỷ lệ học sinh hoàn thành chương trình đạt 98% (cụ thể: khối 5 đạt 100%).")] \
        == [98, 100]


@pytest.mark.parametrize("sentence", [
    "Các chỉ tiêu khác nêu tại Mục III của Kế hoạch này.",
    "Nhiệm vụ cụ thể xem mục II, phần giải pháp.",
    "Kinh phí thực hiện theo dự toán (Mục IV).",
    "Cac chi tieu khac neu tai Muc III cua Ke hoach nay.",
    "Chi tiết xem muc IV.",
])
def test_a_part_of_the_document_named_in_roman_numerals_is_no_level(sentence):
    assert got(GOAL + sentence) == []


@pytest.mark.parametrize("sentence", ["Trường đạt chuẩn quốc gia mức II.", "Truong dat chuan quoc gia muc 2.",
                                      "Trường đạt chuẩn quốc gia mức độ 2."])
def test_a_level_in_any_spelling_is_still_read(sentence):
    assert [(v, u) for _, v, u, _ in got(GOAL + sentence)] == [(2, "mức")]


@pytest.mark.parametrize("name", ["K' Thị Hoa", "K' Brơi", "Ka Hồng Y' Nhi"])
def test_a_signer_whose_name_has_a_word_ending_in_an_apostrophe(name):
    text = ("UBND XÃ LẠC DƯƠNG\nTRƯỜNG TIỂU HỌC ĐẠ SAR\nSố: 05/KH-TH      Lạc Dương, ngày 10 tháng 9 năm 2026\n\n"
            "KẾ HOẠCH\nGiáo dục STEM" + BODY + f"\nNơi nhận:\n- Lưu: VT.\nKT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n\n{name}\n")
    assert header(text, ("signer_title", "signer")) == {"signer_title": "PHÓ HIỆU TRƯỞNG", "signer": name}


@pytest.mark.parametrize("cut, value", [
    ("tỷ lệ hoàn thành chương trình: tiểu học 99\n,5 %, THCS 97 %.", 99.5),
    ("tỷ lệ hoàn thành chương trình: tiểu học 10\n0 %, THCS 97 %.", 100),
    ("tỷ lệ hoàn thành chương trình: tiểu học 9\n8,5%, THCS 97 %.", 98.5),
])
def test_a_share_a_pdf_cut_at_a_lines_end_is_one_figure(cut, value):
    assert [v for _, v, _, _ in got(GOAL + cut)] == [value, 97]


@pytest.mark.parametrize("text, share", [("Trường đạt chuẩn quốc gia mức độ 1\n5 % học sinh khá giỏi tăng thêm.", 5),
                                         ("Học sinh hết lớp 1\n0 % ở lại lớp.", 0),
                                         ("Học sinh giỏi tăng 98\n5 % so với năm trước.", 5)])
def test_a_figure_ending_a_line_before_a_share_stays_its_own(text, share):
    assert share in [v for _, v, u, _ in got(GOAL + text) if u == "%"]


@pytest.mark.parametrize("sentence, unit", [
    ("Nhóm trẻ 24 - 36 tháng không quá 18 trẻ/nhóm.", "trẻ/lớp"),
    ("Bình quân không quá 25 trẻ / nhóm trẻ.", "trẻ/lớp"),
    ("Bảo đảm không quá 6 học sinh/phòng ở nội trú.", "học sinh/phòng"),
    ("Phòng ở bán trú bố trí tối đa 10 học sinh / phòng.", "học sinh/phòng"),
])
def test_a_count_per_group_or_per_room_has_that_unit(sentence, unit):
    assert [u for _, _, u, _ in got(GOAL + sentence)] == [unit]


@pytest.mark.parametrize("sentence, unit", [
    ("Đến năm 2027 trường có 04 tiến sĩ.", "tiến sĩ"),
    ("Phấn đấu có ít nhất 12 thạc sĩ trong đội ngũ giáo viên.", "thạc sĩ"),
])
def test_teachers_counted_by_their_degree(sentence, unit):
    assert [u for _, _, u, _ in got(GOAL + sentence)] == [unit]


@pytest.mark.parametrize("sentence, want", [
    ("Đến năm 2030, 9/9 trường (100%) có phòng học thông minh.", [("=", 100, "%", 2030)]),
    ("Đến năm 2030, 6/8 trường (75 %) đạt chuẩn quốc gia.", [("=", 75, "%", 2030)]),
    ("Đến năm 2030, 6/8 trường đạt chuẩn quốc gia.", [("=", 6, "trường", 2030)]),
])
def test_a_fraction_with_its_share_in_brackets_is_one_target_the_share(sentence, want):
    assert got(GOAL + sentence) == want
