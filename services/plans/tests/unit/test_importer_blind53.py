"""Plan importer: the reading rules the blind53 set called for (fixtures/plans_heldout/blind53, spreadsheet forms
filled in and returned by someone who never read the importer: CSV and tab text, Word pastes, landscape PDFs
printed from Excel), one test per rule, on sentences and tables written for the test (none copied from a fixture;
pure, no files)."""
from __future__ import annotations

from plans.domain.importer import extract_text
from plans.domain.importer.pdf_tables import numbering_row, table_lines

from .importer_probes import GOAL, got, header, plan_targets
from .test_importer_pdf_tables import lay_out


def _read(text: str) -> str:
    return extract_text(text.encode("utf-8"), "bieu-mau.txt").text


# ---------------------------------------------------------------------------- a sheet saved as delimited text
SHEET = ["PHÒNG GD&ĐT{s}{s}{s}{s}Biểu 02",
         "TRƯỜNG TIỂU HỌC HOA SEN{s}{s}{s}{s}",
         "{s}{s}{s}{s}",
         "CHỈ TIÊU NĂM HỌC 2027 - 2028{s}{s}{s}{s}",
         "TT{s}Chỉ tiêu{s}ĐVT{s}Thực hiện 2026-2027{s}Kế hoạch 2027-2028",
         "1{s}Tỷ lệ học sinh học 2 buổi/ngày{s}%{s}{a}{s}{b}",
         "2{s}Phòng học thông minh{s}Phòng{s}3{s}5",
         "{s}{s}{s}{s}",
         "{s}NGƯỜI LẬP BIỂU{s}{s}HIỆU TRƯỞNG{s}"]


def test_a_sheet_saved_with_semicolons_is_read_as_its_table():
    text = _read("\n".join(SHEET).replace("{s}", ";").format(a="92,5", b="≥ 96,5"))
    assert "2 | Phòng học thông minh | Phòng | 3 | 5" in text.split("\n")
    assert plan_targets(text) == [(">=", 96.5, "%", 2028), ("=", 5, "phòng", 2028)]


def test_a_sheet_saved_with_commas_reads_its_figures_in_the_english_locale():
    lines = "\n".join(SHEET).replace("{s}", ",").format(a="92.5", b="≥96.5").split("\n")
    lines[6] = '2,"Phòng học thông minh, phòng bộ môn",Phòng,"1,250",5'
    text = _read("\n".join(lines))
    assert "| ≥96,5" in text and "1.250" in text
    assert (">=", 96.5, "%", 2028) in plan_targets(text)


def test_prose_with_commas_is_no_sheet():
    prose = ("Năm học 2027, trường phấn đấu: 100% lớp, 95% học sinh, 90% giáo viên đạt yêu cầu.\n"
             "Tổ chức sinh hoạt chuyên môn, dự giờ, thao giảng, hội giảng theo cụm.\n"
             "Phối hợp với Hội cha mẹ học sinh, Đoàn, Đội, Công đoàn trong các hoạt động.\n"
             "Kiểm tra, đánh giá, xếp loại, khen thưởng kịp thời tập thể, cá nhân.\n"
             "Báo cáo sơ kết, tổng kết, đột xuất, định kỳ đúng thời hạn về Phòng.\n"
             "Giữ vững an ninh, trật tự, an toàn trường học, phòng chống cháy nổ.\n")
    assert _read(prose) == prose


# ---------------------------------------------------------------------------- a heading merged over three rows
DEEP = ("TRƯỜNG THCS HOA SEN\n\nCHỈ TIÊU NĂM HỌC 2027 - 2028 VÀ ĐẾN NĂM 2030\n"
        "TT\tChỉ tiêu\tĐVT\tNăm học 2026-2027\t\tKế hoạch\t\t\n"
        "\t\t\tChỉ tiêu giao\tThực hiện\tNăm học 2027-2028\tĐến năm 2030\t\n"
        "\t\t\t\t\t\tNăm 2029\tNăm 2030\n"
        "1\tPhòng học bộ môn\tPhòng\t4\t4\t5\t6\t7\n"
        "2\tTỷ lệ giáo viên đạt chuẩn\t%\t90\t91\t94\t≥ 97\t100\n")


def test_a_heading_over_three_rows_gives_each_column_its_own_year():
    text = _read(DEEP)
    assert ("TT | Chỉ tiêu | ĐVT | Năm học 2026-2027 Chỉ tiêu giao | Năm học 2026-2027 Thực hiện | Kế hoạch Năm học 2027-2028 | "
            "Kế hoạch Năm 2029 | Kế hoạch Năm 2030") in text.split("\n")
    assert plan_targets(text) == [("=", 5, "phòng", 2028), ("=", 6, "phòng", 2029), ("=", 7, "phòng", 2030),
                                  ("=", 94, "%", 2028), (">=", 97, "%", 2029), ("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- a form sent after its cover letter
LETTER = ("ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ HOA SEN\nĐộc lập - Tự do - Hạnh phúc\n"
          "Số: 210/UBND-VHXH\nHoa Sen, ngày 05 tháng 10 năm 2027\n"
          "V/v gửi biểu chỉ tiêu giáo dục năm 2028\n"
          "Kính gửi: Sở Giáo dục và Đào tạo.\n"
          "Ủy ban nhân dân xã gửi Biểu tổng hợp chỉ tiêu của các trường trên địa bàn./.\n"
          "Nơi nhận:\nCHỦ TỊCH\n- Như trên;\n- Lưu: VT.\n\nLê Văn Tâm\n\n"
          "UBND XÃ HOA SEN\n{form}\n(Kèm theo Công văn số 210/UBND-VHXH ngày 05/10/2027)\n{title}\n"
          "STT | Chỉ tiêu | ĐVT | Thực hiện năm 2027 | Kế hoạch năm 2028\n"
          "1 | Phòng học thông minh | Phòng | 4 | 9\n"
          "2 | Tỷ lệ trường đạt chuẩn quốc gia | % | 50 | 66,7\n"
          "NGƯỜI LẬP BIỂU\nCHỦ TỊCH\nTrần Thị Mai\nLê Văn Tâm\n")


def test_a_form_of_targets_sent_after_its_cover_letter_is_read():
    for form in ("Biểu số 03", "Biểu 3", "Biểu số 03 - MN"):
        text = LETTER.format(form=form, title="CHỈ TIÊU PHÁT TRIỂN GIÁO DỤC NĂM 2028")
        assert plan_targets(text) == [("=", 9, "phòng", 2028), ("=", 66.7, "%", 2028)], form


def test_a_form_of_costs_after_the_letter_holds_no_target():
    text = LETTER.format(form="Biểu số 03", title="DỰ TOÁN KINH PHÍ NĂM 2028")
    assert plan_targets(text) == []


# ---------------------------------------------------------------------------- a formula's error in a cell
def test_a_cell_holding_a_formula_error_is_empty_and_its_row_still_read():
    text = _read("TRƯỜNG TIỂU HỌC HOA SEN\n\nCHỈ TIÊU ĐẾN NĂM 2030\n"
                 "TT\tChỉ tiêu\tĐVT\tThực hiện 2026\tKế hoạch 2027\tKế hoạch 2030\n"
                 "1\tTỷ lệ học sinh khuyết tật học hòa nhập\t%\t100\t100\t#DIV/0!\n"
                 "2\tPhòng học thông minh\tPhòng\t2\t#N/A\t6\n")
    assert "#" not in text
    assert plan_targets(text) == [("=", 100, "%", 2027), ("=", 6, "phòng", 2030)]


# ---------------------------------------------------------------------------- a form's own head, no kind word
FORM_HEAD = ("UBND XÃ HOA SEN{gap}Biểu mẫu số 4\n"
             "TRƯỜNG TIỂU HỌC HOA SEN{gap}(Kèm theo Công văn số 77/UBND-VHXH ngày\n"
             "02/10/2027)\n"
             "ĐĂNG KÝ CHỈ TIÊU PHÁT TRIỂN GIÁO DỤC NĂM HỌC\n"
             "2027 - 2028\n"
             "Xã/phường: Hoa Sen\n"
             "STT | Chỉ tiêu | ĐVT | Thực hiện 2026-2027 | Kế hoạch 2027-2028 | Ghi chú\n"
             "1 | Phòng học thông minh | Phòng | 4 | 6 | \n"
             "Hoa Sen, ngày 09 tháng 10 năm 2027\n")
SIGNED = "{s}NGƯỜI LẬP BIỂU{s}{s}{s}HIỆU TRƯỞNG{s}\n{s}Đỗ Thị Lan{s}{s}{s}Vũ Văn Nam{s}\n"
FORM_FIELDS = ("superior", "issuer", "title", "signer_title", "signer")


def test_a_forms_title_row_is_its_title_and_its_units_names_stand_above():
    for gap in ("\t\t", " "):   # a sheet's cells, or a PDF that joined the two corners by one space
        text = FORM_HEAD.format(gap=gap) + SIGNED.format(s=" | ")
        assert header(text, FORM_FIELDS) == {
            "superior": "UBND XÃ HOA SEN", "issuer": "TRƯỜNG TIỂU HỌC HOA SEN",
            "title": "ĐĂNG KÝ CHỈ TIÊU PHÁT TRIỂN GIÁO DỤC NĂM HỌC 2027 - 2028",
            "signer_title": "HIỆU TRƯỞNG", "signer": "Vũ Văn Nam"}, gap
        assert plan_targets(text) == [("=", 6, "phòng", 2028)]


def test_a_kind_words_title_stops_at_its_note_and_at_the_tables_head_row():
    text = FORM_HEAD.format(gap="\t").replace("ĐĂNG KÝ CHỈ TIÊU", "KẾ HOẠCH").replace(
        "Xã/phường: Hoa Sen", "(Thực hiện Nghị quyết số 71-NQ/TW của Bộ Chính trị)")
    assert header(text, ("title",)) == {"title": "PHÁT TRIỂN GIÁO DỤC NĂM HỌC 2027 - 2028"}
    assert header(text.replace("(Thực hiện Nghị quyết số 71-NQ/TW của Bộ Chính trị)\n", ""), ("title",)) == {
        "title": "PHÁT TRIỂN GIÁO DỤC NĂM HỌC 2027 - 2028"}


def test_a_letters_subject_stays_its_title_over_the_appendix_it_sends():
    text = ("UBND XÃ HOA SEN\nTRƯỜNG THCS HOA SEN\nSố: 41/THCSHS\nHoa Sen, ngày 02 tháng 10 năm 2027\n"
            "V/v đăng ký chỉ tiêu năm học 2027 - 2028\nKính gửi: Ủy ban nhân dân xã Hoa Sen.\n"
            "Nhà trường gửi biểu đăng ký chỉ tiêu theo mẫu./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
            "PHỤ LỤC: BIỂU ĐĂNG KÝ CHỈ TIÊU NĂM HỌC 2027 - 2028\n"
            "STT | Chỉ tiêu | ĐVT | Kế hoạch 2027-2028\n1 | Phòng học thông minh | Phòng | 6\n")
    assert header(text, ("title",)) == {"title": "đăng ký chỉ tiêu năm học 2027 - 2028"}


# ---------------------------------------------------------------------------- age groups under a merged year heading
GROUPS = ("TRƯỜNG MẦM NON HOA SEN\nHoa Sen, ngày 12 tháng 9 năm 2027\n"
          "KẾ HOẠCH\nPhát triển giáo dục năm học 2027 - 2028\n"
          "STT | Chỉ tiêu | ĐVT | Thực hiện năm học 2026-2027 | Kế hoạch năm học 2027-2028 | Ghi chú\n"
          "STT | Chỉ tiêu | ĐVT | Thực hiện năm học 2026-2027 | Nhà trẻ | 3 tuổi | 4 tuổi | 5 tuổi | Ghi chú\n"
          "1 | Tỷ lệ huy động trẻ ra lớp | % | 97 | 40 | 96 | 98 | 100 | \n"
          "2 | Số trẻ tối đa/nhóm, lớp | Trẻ/nhóm, lớp | 30 | 20 | 25 | 30 | 35 | \n")


def test_age_groups_under_a_merged_year_heading_each_take_its_year():
    assert plan_targets(GROUPS) == [("=", 40, "%", 2028), ("=", 96, "%", 2028), ("=", 98, "%", 2028), ("=", 100, "%", 2028),
                                    ("<=", 20, "trẻ/lớp", 2028), ("<=", 25, "trẻ/lớp", 2028),
                                    ("<=", 30, "trẻ/lớp", 2028), ("<=", 35, "trẻ/lớp", 2028)]


# ---------------------------------------------------------------------------- the head signs beside the clerk
def test_the_head_signs_the_form_not_the_clerk_beside_him():
    head = FORM_HEAD.format(gap="\t")
    for block in ("NGƯỜI LẬP BIỂU KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n(Ký, ghi rõ họ tên) (Ký tên, đóng dấu)\n"
                  "Trương Thị Mỹ Lệ Hồ Văn Nam\n",   # a PDF joined the two blocks by a space
                  "NGƯỜI LẬP BIỂU\nKT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n(Ký, ghi rõ họ tên)\n(Ký tên, đóng dấu)\n"
                  "Trương Thị Mỹ Lệ\nHồ Văn Nam\n"):   # a Word table's cells, one after another
        assert header(head + block, ("signer_title", "signer")) == {
            "signer_title": "PHÓ HIỆU TRƯỞNG", "signer": "Hồ Văn Nam"}, block


# ---------------------------------------------------------------------------- money in a form's row
def test_money_a_row_plans_is_no_target_unless_bounded():
    rows = ("CHỈ TIÊU PHÁT TRIỂN GIÁO DỤC ĐẾN NĂM 2030\n"
            "STT | Chỉ tiêu | ĐVT | Thực hiện năm 2026 | Kế hoạch năm 2027 | Mục tiêu năm 2030\n"
            "1 | Kinh phí mua sắm thiết bị dạy học | Tỷ đồng | 1,2 | 1,5 | {cell}\n"
            "2 | Phòng học thông minh | Phòng | 2 | 4 | 8\n")
    assert plan_targets(rows.format(cell="2,5")) == [("=", 4, "phòng", 2027), ("=", 8, "phòng", 2030)]
    assert (">=", 2.5, "tỷ đồng", 2030) in [(c, v, u.lower(), y) for c, v, u, y in plan_targets(rows.format(cell="≥ 2,5"))]


# ---------------------------------------------------------------------------- a word a narrow PDF cell cut
def test_a_syllable_a_narrow_cell_cut_before_its_last_letter_is_one_word():
    rows = [["TT", "Chỉ tiêu", "ĐVT", "Năm 2027", "Năm 2030"],
            ["1", "Trường đạt chuẩn quốc gia", "Trườn g", "5", "7"],   # the unit's column too narrow for "Trường"
            ["2", "Tổ chức câu lạc bộ tiếng Anh", "Câu lạc bộ", "4", "6"]]
    fragments, _ = lay_out(rows, [30, 150, 36, 60, 60])
    assert [row for _, found in table_lines(fragments) for row in found][1:] == [
        "1 | Trường đạt chuẩn quốc gia | Trường | 5 | 7", "2 | Tổ chức câu lạc bộ tiếng Anh | Câu lạc bộ | 4 | 6"]


# ---------------------------------------------------------------------------- a unit's cell begins with a capital
def test_a_units_cell_written_with_a_capital_is_its_noun():
    text = ("CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM HỌC 2027 - 2028\n"
            "STT | Chỉ tiêu | ĐVT | Thực hiện 2026-2027 | Kế hoạch 2027-2028\n"
            "1 | Bài giảng điện tử được chia sẻ trên kho học liệu | Bài | 40 | 75\n"
            "2 | Học sinh tham gia thi Olympic tin học | HS | 12 | 20\n")
    assert plan_targets(text) == [("=", 75, "bài", 2028), ("=", 20, "học sinh", 2028)]


# ---------------------------------------------------------------------------- rows lettered under a group row
def test_a_row_numbered_by_a_small_letter_is_a_row_of_its_own():
    table = ("STT | Chỉ tiêu | ĐVT | Năm 2027 | Năm 2030\n"
             "1 | Tỷ lệ trẻ em được học bơi an toàn |  |  | \n"
             "a | Trẻ 5 tuổi | % | 45 | 60\n"
             "b | Học sinh tiểu học | % | 70 | ≥ 85\n")
    assert got(GOAL + table) == [("=", 45, "%", 2027), ("=", 60, "%", 2030), ("=", 70, "%", 2027),
                                 (">=", 85, "%", 2030)]
    # a sentence broken before a small letter still goes on
    assert got(GOAL + "- Phấn đấu đến năm 2030 có\nít nhất 90% trẻ 5 tuổi biết bơi.\n") == [(">=", 90, "%", 2030)]


# ---------------------------------------------------------------------------- columns lettered and numbered
def test_a_row_lettering_the_worded_columns_and_numbering_the_figures_holds_no_values():
    sheet = "\n".join("\t".join(row) for row in [
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện 2025", "Năm 2027", "Năm 2030", "Ghi chú"],
        ["A", "B", "C", "1", "2", "3", "D"],
        ["1", "Tỷ lệ học sinh biết bơi", "%", "52", "60", "75", ""],
        ["2", "Phòng học thông minh", "Phòng", "1", "2", "4", ""]])
    assert got(GOAL + _read(sheet)) == [("=", 60, "%", 2027), ("=", 75, "%", 2030), ("=", 2, "phòng", 2027),
                                        ("=", 4, "phòng", 2030)]
    # a row of marks out of their order is no such row
    assert numbering_row(["A", "C", "1", "2"]) is False and numbering_row(["A", "B", "2", "3"]) is False


# ---------------------------------------------------------------------------- a school's make-up in brackets, dated
def test_a_bracket_after_the_school_s_name_giving_its_make_up_in_a_school_year_is_no_target():
    line = ("Trường Tiểu học Hoa Lư (năm học 2026 - 2027 có 22 lớp, 731 học sinh, 38 cán bộ, giáo viên) đăng ký "
            "100% học sinh học 2 buổi/ngày.\n")
    assert got(GOAL + line) == [("=", 100, "%", 2027)]
