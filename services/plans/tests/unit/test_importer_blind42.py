"""Plan importer: the reading rules the blind42 set called for (fixtures/plans_heldout/blind42, the Party's documents: a
Chi bộ's, a Đảng ủy's, a Tỉnh ủy's programmes and plans, written by someone who never read the importer), one test per
rule, on headers, sentences and tables written for the test (none copied from a fixture)."""
from __future__ import annotations

import io

from plans.domain.importer import extract_text, parse_plan

from .importer_probes import GOAL, got, header
from .test_importer_pdf_tables import pdf_of

CLOSING = ("Nơi nhận:\n- Đảng ủy xã (b/c);\n- Lưu chi bộ.\n")
BODY = ("CHƯƠNG TRÌNH HÀNH ĐỘNG\nThực hiện Nghị quyết số 71-NQ/TW của Bộ Chính trị\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt sâu sắc Nghị quyết.\n"
        "II. MỤC TIÊU\n- Đến năm 2030, 100% đảng viên được học tập Nghị quyết.\n" + CLOSING)


# ---------------------------------------------------------------------------- a Party body's header
def test_a_party_cells_header_reads_as_a_peoples_committees_does():
    text = ("ĐẢNG BỘ XÃ HÒA AN\tĐẢNG CỘNG SẢN VIỆT NAM\nCHI BỘ TRƯỜNG TIỂU HỌC HÒA AN\n*\n"
            "Số 07-CTr/CB\tHòa An, ngày 12 tháng 11 năm 2025\n" + BODY)
    assert header(text) == {"superior": "ĐẢNG BỘ XÃ HÒA AN", "issuer": "CHI BỘ TRƯỜNG TIỂU HỌC HÒA AN",
                            "number_symbol": "07-CTr/CB", "place": "Hòa An",
                            "title": "Thực hiện Nghị quyết số 71-NQ/TW của Bộ Chính trị"}


def test_a_party_number_puts_its_kind_before_the_slash_small_letters_and_spaces_too():
    for written, read in (("Số 12-CTr/ĐU", "12-CTr/ĐU"), ("Số 21 - KH/CB", "21-KH/CB"), ("Số: 03-TTr/HU", "03-TTr/HU"),
                          ("Số 45-NQ/TU", "45-NQ/TU")):
        text = "TỈNH ỦY NINH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM\n*\n" + written + "\tPhan Rang, ngày 02 tháng 10 năm 2025\n" + BODY
        assert header(text)["number_symbol"] == read


def test_the_star_under_the_body_joined_to_the_place_is_no_part_of_it():
    # a PDF's text layer puts the star of the left column and the place and date of the right one on one line
    for dated in ("* Sơn Hà, ngày 08 tháng 12 năm 2025", "* Sơn Hà, ngày      tháng 12 năm 2025"):
        text = "ĐẢNG BỘ XÃ SƠN HÀ ĐẢNG CỘNG SẢN VIỆT NAM\nCHI BỘ TRƯỜNG THCS SƠN HÀ\n" + dated + "\nSố 08-KH/CB\n" + BODY
        assert header(text)["place"] == "Sơn Hà"


def test_a_place_named_phong_ends_the_cells_name_it_does_not_start_a_department():
    text = ("ĐẢNG BỘ XÃ PHONG ĐIỀN ĐẢNG CỘNG SẢN VIỆT NAM\nCHI BỘ TRƯỜNG MẦM NON SỐ 2\nPHONG ĐIỀN\n"
            "* Phong Điền, ngày 18 tháng 9 năm\n2026\nSố 11-KH/CB\n" + BODY)
    assert header(text, ("superior", "issuer", "place")) == {
        "superior": "ĐẢNG BỘ XÃ PHONG ĐIỀN", "issuer": "CHI BỘ TRƯỜNG MẦM NON SỐ 2 PHONG ĐIỀN", "place": "Phong Điền"}


def test_a_department_still_starts_a_body_written_with_its_accent_or_with_none():
    accented = ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG THCS PHONG ĐIỀN\nSố: 15/KH-THCS\n"
                "Phong Điền, ngày 03 tháng 3 năm 2027\nKẾ HOẠCH\nThực hiện Nghị quyết số 71-NQ/TW\n")
    assert header(accented, ("superior", "issuer")) == {"superior": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
                                                        "issuer": "TRƯỜNG THCS PHONG ĐIỀN"}
    bare = ("PHONG GIAO DUC VA DAO TAO\nTRUONG THCS AN LAC\nSo: 15/KH-THCS\n"
            "An Lac, ngay 03 thang 3 nam 2027\nKE HOACH\nThuc hien Nghi quyet so 71-NQ/TW\n")
    assert header(bare, ("superior", "issuer")) == {"superior": "PHONG GIAO DUC VA DAO TAO", "issuer": "TRUONG THCS AN LAC"}


def test_the_signature_of_a_party_body_is_read_on_its_behalf():
    for block, title in (("T/M CHI BỘ\nBÍ THƯ\n(đã ký)\nLê Văn Nam\n", "BÍ THƯ"),
                         ("T/M ĐẢNG ỦY\nPHÓ BÍ THƯ\n(đã ký)\nLê Văn Nam\n", "PHÓ BÍ THƯ"),
                         ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\nLê Văn Nam\n", "PHÓ BÍ THƯ THƯỜNG TRỰC")):
        plan = parse_plan("ĐẢNG ỦY XÃ HÒA AN\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 05-CTr/ĐU\tHòa An, ngày 02 tháng 10 năm 2025\n"
                          + BODY + block)
        assert (plan.signer_title.value, plan.signer.value) == (title, "Lê Văn Nam")


def _docx_header(left: list[str], right: list[str]) -> str:
    """A Word file whose header is a table of two columns (the body's name and star, the Party's name and the date)."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "\n".join(left), "\n".join(right)
    for line in BODY.splitlines():
        document.add_paragraph(line)
    raw = io.BytesIO()
    document.save(raw)
    return extract_text(raw.getvalue(), "chuong-trinh.docx").text


def test_a_word_header_table_of_a_party_committee_is_read():
    text = _docx_header(["ĐẢNG BỘ TỈNH QUẢNG TRỊ", "ĐẢNG ỦY XÃ CAM LỘ", "*", "Số 09-CTr/ĐU"],
                        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Cam Lộ, ngày 06 tháng 11 năm 2025"])
    assert header(text, ("superior", "issuer", "number_symbol", "place")) == {
        "superior": "ĐẢNG BỘ TỈNH QUẢNG TRỊ", "issuer": "ĐẢNG ỦY XÃ CAM LỘ", "number_symbol": "09-CTr/ĐU",
        "place": "Cam Lộ"}


def test_a_pdf_header_table_of_a_party_cell_is_read():
    rows = [["ĐẢNG BỘ XÃ PHONG ĐIỀN", "ĐẢNG CỘNG SẢN VIỆT NAM"],
            ["CHI BỘ TRƯỜNG MẦM NON SỐ 2 PHONG ĐIỀN", ""],
            ["*", "Phong Điền, ngày 15 tháng 10 năm 2026"],
            ["Số 04-KH/CB", ""]]
    data = pdf_of([(rows, [170, 230])] + BODY.splitlines(), True)
    assert header(extract_text(data, "ke-hoach.pdf").text, ("superior", "issuer", "number_symbol", "place")) == {
        "superior": "ĐẢNG BỘ XÃ PHONG ĐIỀN", "issuer": "CHI BỘ TRƯỜNG MẦM NON SỐ 2 PHONG ĐIỀN",
        "number_symbol": "04-KH/CB", "place": "Phong Điền"}


# ---------------------------------------------------------------------------- targets
OPENING = "I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt sâu sắc Nghị quyết.\n" + GOAL


def test_no_class_over_a_size_bounds_every_class_typed_without_marks_too():
    text = GOAL + "1. Năm học 2026 - 2027\n- khong co lop nao qua 32 hoc sinh; không có lớp nào quá 30 học sinh.\n"
    assert got(text) == [("<=", 32, "học sinh/lớp", 2027), ("<=", 30, "học sinh/lớp", 2027)]


def test_a_group_named_for_leading_bounds_the_rank_as_a_top_does():
    text = (GOAL + "1. Đến năm 2045\nGiáo dục của tỉnh thuộc nhóm 15 tỉnh, thành phố dẫn đầu cả nước.\n"
            "- Trường nằm trong nhóm 5 trường đứng đầu của huyện.\n- Có 3 học sinh đạt giải cấp tỉnh.\n")
    assert got(text) == [("<=", 15, "hạng", 2045), ("<=", 5, "hạng", 2045), ("=", 3, "học sinh", 2045)]


def test_an_index_between_zero_and_one_is_read_without_a_unit():
    text = (GOAL + "1. Đến năm 2030\n- Chỉ số giáo dục của tỉnh (thành phần của HDI) đạt trên 0,78.\n"
            "- Chỉ số hạnh phúc của học sinh đạt 0,7; chỉ số hài lòng của cha mẹ đạt 92%.\n")
    assert got(text) == [(">", 0.78, "", 2030), ("=", 0.7, "", 2030), ("=", 92, "%", 2030)]


def test_whom_a_party_cell_admits_is_counted_as_the_text_counts_them():
    text = (GOAL + "1. Giai đoạn 2026 - 2030\n- Mỗi năm kết nạp ít nhất 02 quần chúng ưu tú vào Đảng.\n"
            "- Kết nạp 05 đảng viên mới.\n")
    assert got(text) == [(">=", 2, "quần chúng", 2030), ("=", 5, "đảng viên", 2030)]


def test_each_party_members_share_of_the_work_is_a_task_not_a_target():
    text = (OPENING + "- Đến năm 2030 không còn học sinh bỏ học.\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
            "1. Phân công mỗi đảng viên nhận giúp đỡ ít nhất 03 học sinh có nguy cơ bỏ học.\n")
    assert not any(t[1] == 3 for t in got(text))


def test_a_year_after_a_second_figure_is_its_own_not_the_firsts_before_the_comma():
    text = (GOAL + "1. Năm học 2026 - 2027\n- Trường giữ vững chuẩn quốc gia mức độ 1, phấn đấu đạt mức độ 2 vào năm 2029.\n"
            "- 95% học sinh lớp 1, 2 được học tiếng Anh vào năm 2028.\n")
    assert got(text) == [("=", 1, "mức", 2027), ("=", 2, "mức", 2029), ("=", 95, "%", 2028)]


def test_an_item_pasted_twice_line_after_line_sets_its_targets_once():
    text = (GOAL + "1. Năm học 2026 - 2027\n- Ứng dụng AI: 40% giáo viên dùng trí tuệ nhân tạo khi soạn bài.\n"
            "- Ứng dụng AI: 40% giáo viên dùng trí tuệ nhân tạo khi soạn bài.\n- 100% lớp học 2 buổi/ngày.\n")
    assert got(text) == [("=", 40, "%", 2027), ("=", 100, "%", 2027)]


def test_a_grade_a_line_break_cut_from_its_word_keeps_the_items_year():
    text = (GOAL + "1. Năm 2027: 100% trường dạy tiếng Anh từ lớp\n3; 100% trường THCS tổ chức hoạt động STEM.\n"
            "2. Sĩ số không quá 35 học sinh/lớp\n3. Năm 2028: 90% học sinh khá, giỏi.\n")
    assert got(text)[:2] == [("=", 100, "%", 2027), ("=", 100, "%", 2027)]
    assert got(text)[-1] == ("=", 90, "%", 2028)


def test_what_the_plan_strives_for_among_its_tasks_with_a_bound_is_a_target():
    text = (OPENING + "1. Đến năm 2030\n- 100% giáo viên đạt chuẩn.\nIII. NHIỆM VỤ VÀ GIẢI PHÁP\n"
            "1. Phấn đấu hằng năm có ít nhất 04 giáo viên đạt giáo viên dạy giỏi cấp huyện trở lên.\n"
            "2. Tổ chức ít nhất 02 chuyên đề mỗi học kỳ.\n")
    assert got(text) == [("=", 100, "%", 2030), (">=", 4, "giáo viên", 2030)]
