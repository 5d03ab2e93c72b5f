"""Plan importer: the reading rules the blind48 set called for (fixtures/plans_heldout/blind48, joint plans written by
someone who never read the importer: a school, a Sở or a People's Committee and a partner body, the Youth Union, a
society, a trade union, the police, a health station, the parents' board or the Party cell, issuing one plan with two
names and two numbers in the header and two signature blocks at the foot), one test per rule, on sentences and
tables written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, header

SIGNED = ("signer_title", "signer")
BODY = ("I. MỤC ĐÍCH, YÊU CẦU\nGắn kết nhà trường với địa phương.\n"
        "II. CHỈ TIÊU\n1. 100% học sinh được tuyên truyền về an toàn giao thông.\n"
        "III. TỔ CHỨC THỰC HIỆN\nHai bên sơ kết mỗi học kỳ.\n")


def plan(top: str, kind: str = "KẾ HOẠCH PHỐI HỢP", subject: str = "Phối hợp giáo dục an toàn giao thông năm học 2026 - 2027",
         foot: str = "") -> str:
    return (top + "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "An Phú, ngày 15 tháng 9 năm 2026\n\n" + kind + "\n" + subject + "\n\n" + BODY + foot)


# ---------------------------------------------------------------------------- the kind of a joint plan over its subject
def test_a_joint_plans_kind_word_over_its_subject_is_no_part_of_the_title():
    for kind, subject in (("KẾ HOẠCH PHỐI HỢP", "Phối hợp chăm sóc sức khỏe học sinh năm học 2026 - 2027"),
                          ("KẾ HOẠCH LIÊN TỊCH", "Liên tịch thực hiện phổ cập giáo dục giai đoạn 2026 - 2030"),
                          ("KẾ HOẠCH PHỐI HỢP", "Thực hiện công tác y tế trường học năm 2027")):
        text = plan("UBND XÃ AN PHÚ\nTRƯỜNG TIỂU HỌC AN PHÚ\nSố: 12/KHPH-TH", kind, subject)
        assert header(text)["title"] == subject


# ---------------------------------------------------------------------------- two issuers in the header
def test_a_partner_side_by_side_leaves_the_education_body_as_issuer():
    top = ("UBND XÃ AN PHÚ                     HỘI KHUYẾN HỌC XÃ AN PHÚ\n"
           "TRƯỜNG THCS AN PHÚ\n"
           "Số: 31/KHPH-THCS                   Số: 04/KHPH-HKH")
    got_ = header(plan(top))
    assert (got_["superior"], got_["issuer"], got_["number_symbol"]) == ("UBND XÃ AN PHÚ", "TRƯỜNG THCS AN PHÚ", "31/KHPH-THCS")


def test_the_partners_own_superior_beside_is_the_partners_too():
    top = ("UBND XÃ AN PHÚ                     ĐẢNG BỘ XÃ AN PHÚ\n"
           "TRƯỜNG MẦM NON AN PHÚ              CHI BỘ TRƯỜNG MN AN PHÚ\n"
           "Số: 40/KH-MN                       Số 07-KH/CB")
    got_ = header(plan(top, "KẾ HOẠCH", "Thực hiện Nghị quyết số 71-NQ/TW giai đoạn 2026 - 2030"))
    assert (got_["superior"], got_["issuer"]) == ("UBND XÃ AN PHÚ", "TRƯỜNG MẦM NON AN PHÚ")


def test_two_headers_a_word_table_gives_cell_after_cell_are_told_apart():
    top = "SỞ GD&ĐT TỈNH AN PHÚ\nĐOÀN TNCS HỒ CHÍ MINH\nTRƯỜNG THPT AN PHÚ\nBCH ĐOÀN XÃ AN PHÚ\nSố: 88/KHPH-THPT-ĐTN"
    got_ = header(plan(top))
    assert (got_["superior"], got_["issuer"]) == ("SỞ GD&ĐT TỈNH AN PHÚ", "TRƯỜNG THPT AN PHÚ")


def test_a_partner_named_under_the_issuer_in_one_column_is_the_partners():
    top = "ỦY BAN NHÂN DÂN XÃ AN PHÚ\nHỘI KHUYẾN HỌC XÃ AN PHÚ\nSố: 77/KHLT-UBND-HKH"
    got_ = header(plan(top, "KẾ HOẠCH LIÊN TỊCH", "Liên tịch xây dựng xã hội học tập giai đoạn 2026 - 2030"))
    assert (got_["superior"], got_["issuer"]) == (None, "ỦY BAN NHÂN DÂN XÃ AN PHÚ")


def test_two_headers_a_pdf_joined_by_a_space_are_told_apart():
    top = ("UBND XÃ AN PHÚ CÔNG AN TỈNH BẮC TÂN\nTRƯỜNG TIỂU HỌC AN PHÚ CÔNG AN XÃ AN PHÚ\n"
           "Số: 21/KHPH-TH Số: 08/KHPH-CAX")
    got_ = header(plan(top))
    assert (got_["superior"], got_["issuer"], got_["number_symbol"]) == ("UBND XÃ AN PHÚ", "TRƯỜNG TIỂU HỌC AN PHÚ",
                                                                         "21/KHPH-TH")


def test_a_plan_of_the_partner_alone_keeps_its_own_header():
    # a Party cell's plan, a parents' board's plan: one issuer, nothing joint, read as ever
    got_ = header(plan("ĐẢNG BỘ XÃ AN PHÚ\nCHI BỘ TRƯỜNG THCS AN PHÚ\nSố 12-KH/CB", "KẾ HOẠCH",
                       "Thực hiện Nghị quyết số 71-NQ/TW"))
    assert (got_["superior"], got_["issuer"]) == ("ĐẢNG BỘ XÃ AN PHÚ", "CHI BỘ TRƯỜNG THCS AN PHÚ")
    got_ = header(plan("TRƯỜNG THCS AN PHÚ\nBAN ĐẠI DIỆN CHA MẸ HỌC SINH\nSố: 02/KH-BĐD", "KẾ HOẠCH",
                       "Hoạt động của Ban đại diện năm học 2026 - 2027"))
    assert (got_["superior"], got_["issuer"]) == ("TRƯỜNG THCS AN PHÚ", "BAN ĐẠI DIỆN CHA MẸ HỌC SINH")


# ---------------------------------------------------------------------------- two signature blocks
TOP = "UBND XÃ AN PHÚ\nTRƯỜNG THCS AN PHÚ\nSố: 31/KHPH-THCS"


def test_the_issuers_signature_is_read_whichever_side_the_partners_stands():
    right = ("Nơi nhận:\n- UBND xã (b/c);\n- Lưu: VT.\n\n"
             "HIỆU TRƯỞNG                               TM. BCH ĐOÀN XÃ\n"
             "                                          BÍ THƯ\n"
             "(đã ký)                                   (đã ký)\n"
             "Lê Văn Hải                                Trần Thu Hà\n")
    left = ("Nơi nhận:\n- UBND xã (b/c);\n- Lưu: VT.\n\n"
            "TM. HỘI KHUYẾN HỌC XÃ                     HIỆU TRƯỞNG\n"
            "CHỦ TỊCH                                  (đã ký)\n"
            "(đã ký)                                   Lê Văn Hải\n"
            "Trần Văn Bảo\n")
    for foot in (right, left):
        assert header(plan(TOP, foot=foot), SIGNED) == {"signer_title": "HIỆU TRƯỞNG", "signer": "Lê Văn Hải"}


def test_two_signature_blocks_a_word_table_gives_cell_after_cell_are_told_apart():
    foot = "GIÁM ĐỐC\nTM. BAN THƯỜNG VỤ\n\nCHỦ TỊCH\n(đã ký)\n(đã ký)\nNgô Văn Long\nHà Thị Mai\n"
    text = plan("UBND TỈNH AN PHÚ\nCÔNG ĐOÀN VIÊN CHỨC TỈNH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nCÔNG ĐOÀN NGÀNH GIÁO DỤC\n"
                "Số: 901/KHLT-SGDĐT-CĐN", "KẾ HOẠCH LIÊN TỊCH", "Liên tịch chăm lo đời sống nhà giáo", foot)
    assert header(text, SIGNED) == {"signer_title": "GIÁM ĐỐC", "signer": "Ngô Văn Long"}


def test_two_signature_blocks_a_pdf_joined_by_a_space_are_told_apart():
    foot = "HIỆU TRƯỞNG TRƯỞNG CÔNG AN XÃ\n(đã ký) (đã ký)\nLê Văn Hải Thiếu tá Đỗ Minh Quân\n"
    assert header(plan(TOP, foot=foot), SIGNED) == {"signer_title": "HIỆU TRƯỞNG", "signer": "Lê Văn Hải"}
    foot = "HIỆU TRƯỞNG GIÁM ĐỐC\n(đã ký) (đã ký)\nLê Văn Hải Bs. CKII Phạm Thị Thu\n"
    assert header(plan(TOP, foot=foot), SIGNED) == {"signer_title": "HIỆU TRƯỞNG", "signer": "Lê Văn Hải"}


def test_a_plan_with_one_issuer_reads_its_one_block_as_ever():
    foot = "Nơi nhận:\n- Lưu: VT.\n\nTM. BCH ĐOÀN TRƯỜNG\nBÍ THƯ\n(đã ký)\nTrần Thu Hà\n"
    text = plan("ĐOÀN TNCS HỒ CHÍ MINH\nBCH ĐOÀN TRƯỜNG THPT AN PHÚ\nSố: 05-KH/ĐTN", "KẾ HOẠCH",
                "Hoạt động Đoàn năm học 2026 - 2027", foot)
    assert header(text, SIGNED) == {"signer_title": "BÍ THƯ", "signer": "Trần Thu Hà"}


# ---------------------------------------------------------------------------- targets
def test_the_labels_heading_naming_the_year_and_the_unit_over_level_columns():
    text = (GOAL + "Chỉ tiêu đến năm 2030 (%) | Tiểu học | THCS | THPT\n"
            "1. Đội ngũ |  |  | \n"
            "Giáo viên đạt chuẩn trình độ đào tạo | 100 | 100 | 100\n"
            "Giáo viên dạy học có ứng dụng AI | 50 | 60 | 65\n")
    assert got(text) == [("=", 100, "%", 2030)] * 3 + [("=", 50, "%", 2030), ("=", 60, "%", 2030), ("=", 65, "%", 2030)]


def test_a_bounded_count_of_sessions_is_a_target_a_schedule_is_not():
    assert got(GOAL + "- Năm 2027 tổ chức ít nhất 03 buổi tập huấn cho cha mẹ học sinh.\n") == [(">=", 3, "buổi", 2027)]
    assert got(GOAL + "- Năm 2027 tổ chức tối thiểu 4 buổi ngoại khóa về kỹ năng sống.\n") == [(">=", 4, "buổi", 2027)]
    for schedule in ("tối thiểu 2 buổi/tuần", "ít nhất 2 buổi mỗi tuần", "tối thiểu 2 buổi học"):
        assert got(GOAL + f"- Năm 2027 câu lạc bộ sinh hoạt {schedule}.\n") == [], schedule


def test_the_youth_unions_volunteer_teams_are_counted_in_teams():
    assert got(GOAL + "- Năm 2027 Đoàn xã thành lập 04 đội hình tình nguyện hỗ trợ kỹ năng số.\n") \
        == [("=", 4, "đội hình", 2027)]


def test_no_union_member_breaking_the_law_is_a_zero_target():
    assert got(GOAL + "- Đến năm 2030 không có đoàn viên, học sinh vi phạm pháp luật.\n") == [("=", 0, "đoàn viên", 2030)]
