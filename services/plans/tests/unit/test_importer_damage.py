"""Plan importer on text damaged as real documents are: no-break and doubled spaces, words a PDF hyphenated at a
line's end, hard line breaks mid-sentence and mid-range, tabs after list marks, no diacritics; and the reading rules
that generality called for. Each test is a text written for it (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.lines import tidy
from plans.domain.importer.parse import parse_plan
from .importer_probes import GOAL, got, header

HEAD = ("UBND XÃ AN HÒA\nTRƯỜNG TIỂU HỌC AN HÒA\nSố: 12/KH-THAH\nAn Hòa, ngày 05 tháng 01 năm 2026\n\n"
        "KẾ HOẠCH\nThực hiện Nghị quyết số 71-NQ/TW giai đoạn 2026 - 2030\n\n")
CLEAN = GOAL + ("Đến năm 2030, tỷ lệ học sinh hoàn thành chương trình tiểu học đạt từ 99,5% trở lên; 100% học sinh lớp 5 "
                "được học tiếng Anh; tỷ lệ học sinh lưu ban không quá 0,5%.\n")
WANT = [(">=", 99.5, "%", 2030), ("=", 100.0, "%", 2030), ("<=", 0.5, "%", 2030)]


# ---------------------------------------------------------------------------- spaces and hyphens
def test_the_clean_text_reads_as_wanted():
    assert got(CLEAN) == WANT


def test_no_break_and_other_unicode_spaces_read_as_spaces():
    assert got(CLEAN.replace(" ", "\u00a0")) == WANT
    assert got(CLEAN.replace("99,5% ", "99,5%\u202f").replace("lên; ", "lên;\u2009")) == WANT


def test_doubled_spaces_between_words_read_as_one():
    assert got(CLEAN.replace(" ", "  ")) == WANT


def test_a_word_hyphenated_at_a_line_end_is_joined_back_with_a_space():
    text = CLEAN.replace("chương trình", "chương-\ntrình").replace("học tiếng", "học-\ntiếng")
    assert got(text) == WANT
    assert "chương trình" in tidy(text)


def test_a_dash_between_capitals_or_figures_at_a_line_end_stays():
    # "Độc lập - Tự do -" / "Hạnh phúc", a range "80 -" / "85%": not a hyphenated word
    assert tidy("Độc lập - Tự do -\nHạnh phúc") == "Độc lập - Tự do -\nHạnh phúc"
    assert tidy("đạt 80 -\n85%") == "đạt 80 -\n85%"


def test_a_soft_hyphen_is_no_character_of_the_word():
    assert got(CLEAN.replace("tiểu học", "tiểu\u00adhọc")) == WANT


# ---------------------------------------------------------------------------- hard line breaks
def test_a_school_year_cut_at_its_dash_by_a_line_break_is_one_year():
    text = GOAL + "- Tỷ lệ học sinh lưu ban dưới 0,5% trong năm học 2026 -\n2027.\n- Tầm nhìn 2035: 100% trường có thư viện số.\n"
    assert got(text) == [("<", 0.5, "%", 2027), ("=", 100.0, "%", 2035)]


def test_a_title_whose_period_is_cut_before_its_dash_keeps_its_end():
    text = HEAD.replace("giai đoạn 2026 - 2030", "giai đoạn 2026\n- 2030") + GOAL
    assert header(text)["title"] == "Thực hiện Nghị quyết số 71-NQ/TW giai đoạn 2026 - 2030"


def test_a_clause_after_a_semicolon_wrapped_onto_the_next_line_keeps_the_sentences_horizon():
    text = GOAL + ("Tầm nhìn đến năm 2035: trường đạt chuẩn quốc gia mức độ 2;\n"
                   "100% học sinh lớp 9 đạt chuẩn kỹ năng số cơ bản.\n")
    assert got(text) == [("=", 2.0, "mức", 2035), ("=", 100.0, "%", 2035)]


def test_items_without_marks_each_starting_with_a_capital_stay_apart():
    text = GOAL + "Năm 2027: tỷ lệ trẻ suy dinh dưỡng dưới 3%;\nNăm 2030: tỷ lệ trẻ suy dinh dưỡng dưới 2%.\n"
    assert got(text) == [("<", 3.0, "%", 2027), ("<", 2.0, "%", 2030)]


def test_a_figure_the_line_before_waited_for_is_read_with_its_bracket():
    text = GOAL + ("2. Giai đoạn 2028 - 2030\n"
                   "b) Tỷ lệ giáo viên có trình độ đại học trở lên không dưới\n95% (riêng năm 2028: 92%).\n")
    assert got(text) == [(">=", 95.0, "%", 2030), (">=", 92.0, "%", 2028)]


# ---------------------------------------------------------------------------- tabs
def test_recipients_with_a_tab_after_their_mark_and_the_signer_indented_by_tabs():
    text = HEAD + GOAL + ("100% trẻ được khám sức khỏe.\n\n\tNơi nhận:\t\t\tHIỆU TRƯỞNG\n\t-\tPhòng GD&ĐT;\n"
                          "\t-\tLưu: VT.\t\t\tNguyễn Thị Lan\n")
    plan = parse_plan(text)
    assert (plan.signer_title.value, plan.signer.value) == ("HIỆU TRƯỞNG", "Nguyễn Thị Lan")
    assert [r.value for r in plan.recipients] == ["Phòng GD&ĐT", "Lưu: VT"]


# ---------------------------------------------------------------------------- no diacritics
def test_a_plan_typed_without_diacritics_has_its_title_and_issuer():
    text = ("UY BAN NHAN DAN XA AN HOA\nSo: 03/CTr-UBND\nAn Hoa, ngay 05 thang 01 nam 2026\n\n"
            "CHUONG TRINH HANH DONG\nThuc hien Nghi quyet so 71-NQ/TW\n\nI. MUC TIEU\nTy le tre ra lop dat 99%.\n")
    assert header(text, ("issuer", "title")) == {"issuer": "UY BAN NHAN DAN XA AN HOA",
                                                 "title": "Thuc hien Nghi quyet so 71-NQ/TW"}


def test_table_cells_typed_without_diacritics_keep_their_comparators_and_units():
    text = GOAL + ("TT | Chi tieu | Nam 2026 | Nam 2030\n"
                   "1 | Hoc sinh trung tuyen dai hoc | tren 70% | khong duoi 80%\n"
                   "2 | Giai hoc sinh gioi cap thanh pho | toi thieu 45 giai | 50 giai\n"
                   "3 | Kiem dinh chat luong | Muc do 2 | Cap do 3\n")
    assert got(text) == [(">", 70.0, "%", 2026), (">=", 80.0, "%", 2030), (">=", 45.0, "giải", 2026),
                         ("=", 50.0, "giải", 2030), ("=", 2.0, "mức", 2026), ("=", 3.0, "mức", 2030)]


# ---------------------------------------------------------------------------- tables
def test_a_row_of_values_under_its_serial_number_is_no_heading_row():
    # the row's label wrapped onto a row of its own under it: "8 | Kiểm định … | Cấp độ 4 | Năm 2030" over " | dục |"
    text = GOAL + ("TT | Nội dung | Chỉ tiêu | Thời hạn | Phụ trách\n"
                   "1 | Trẻ được khám sức khỏe | 100% | Năm 2026 | Y tế\n"
                   "2 | Kiểm định chất lượng giáo | Cấp độ 3 | Năm 2029 | Hội đồng tự\n"
                   " | dục |  |  | đánh giá\n"
                   "III. GIẢI PHÁP\n")
    assert got(text) == [("=", 100.0, "%", 2026), ("=", 3.0, "mức", 2029)]


def test_a_row_counting_per_class_gives_its_count_per_class():
    text = GOAL + ("TT | Nội dung | Chỉ tiêu | Năm 2027 | Năm 2030\n"
                   "1 | Sĩ số trẻ mẫu giáo/lớp | trẻ | không quá 32 | không quá 30\n"
                   "2 | Số học sinh mỗi lớp | HS/lớp | 40 | 35\n")
    assert got(text) == [("<=", 32.0, "trẻ/lớp", 2027), ("<=", 30.0, "trẻ/lớp", 2030),
                         ("=", 40.0, "học sinh/lớp", 2027), ("=", 35.0, "học sinh/lớp", 2030)]
    line = GOAL + "1 | Sĩ số trẻ mẫu giáo/lớp | Không quá 28 trẻ | Năm học 2027 - 2028 | Hiệu trưởng\n"
    assert got(line) == [("<=", 28.0, "trẻ/lớp", 2028)]


# ---------------------------------------------------------------------------- sentences
def test_a_bound_that_says_whom_a_share_counts_is_no_target():
    text = GOAL + "Đến năm 2030, không dưới 75% trẻ mẫu giáo được học ở lớp có sĩ số không quá 30 trẻ.\n"
    assert got(text) == [(">=", 75.0, "%", 2030)]


def test_a_count_beside_a_share_in_its_own_clause_is_a_target():
    text = GOAL + "Đến năm 2030, 100% trẻ 5 tuổi hoàn thành chương trình, sĩ số không quá 30 trẻ/lớp.\n"
    assert got(text) == [("=", 100.0, "%", 2030), ("<=", 30.0, "trẻ/lớp", 2030)]


def test_a_start_after_a_deadline_is_no_horizon():
    text = GOAL + ("- Đến năm 2027, hoàn thành xây dựng nhà đa năng và 24 phòng học, đưa vào sử dụng từ năm học 2027 - 2028.\n"
                   "- Từ năm 2028, 100% học sinh được học 2 buổi/ngày.\n")
    assert got(text) == [("=", 24.0, "phòng", 2027), ("=", 100.0, "%", 2028)]


# ---------------------------------------------------------------------------- parts and headers
def test_a_company_and_its_school_on_one_line_a_dash_between_are_two_bodies():
    text = ("CÔNG TY CỔ PHẦN GIÁO DỤC BẮC HÀ – TRƯỜNG TIỂU HỌC VÀ THCS\nNGÔI SAO BẮC HÀ\nSố: 07/KH-NSBH\n"
            "Bắc Hà, ngày 12 tháng 01 năm 2026\n\nKẾ HOẠCH\nPhát triển nhà trường\n\nI. MỤC TIÊU\n100% học sinh học 2 buổi/ngày.\n")
    assert header(text, ("superior", "issuer")) == {"superior": "CÔNG TY CỔ PHẦN GIÁO DỤC BẮC HÀ",
                                                    "issuer": "TRƯỜNG TIỂU HỌC VÀ THCS NGÔI SAO BẮC HÀ"}


def test_a_school_named_after_a_person_called_doan_is_one_body():
    text = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO NAM ĐỊNH\nTRƯỜNG THPT\nĐOÀN VĂN CỪ\nSố: 02/KH-THPT\n\nKẾ HOẠCH\nChuyển đổi số\n\n"
            "I. MỤC TIÊU\n100% học sinh có học bạ số.\n")
    assert header(text, ("superior", "issuer")) == {"superior": "SỞ GIÁO DỤC VÀ ĐÀO TẠO NAM ĐỊNH",
                                                    "issuer": "TRƯỜNG THPT ĐOÀN VĂN CỪ"}


def test_a_part_quoting_a_higher_bodys_targets_sets_none_of_the_plans_own():
    text = GOAL + ("1. Mục tiêu của tỉnh đến năm 2030 (trích Kế hoạch số 15/KH-UBND)\n"
                   "- Tối thiểu 85% trường mầm non, phổ thông đạt chuẩn quốc gia;\n"
                   "- 100% xã duy trì phổ cập giáo dục mầm non.\n"
                   "2. Mục tiêu của xã đến năm 2030\n"
                   "- 90% trường trên địa bàn đạt chuẩn quốc gia.\n")
    assert got(text) == [("=", 90.0, "%", 2030)]


def test_a_part_on_targets_in_a_plan_numbered_without_roman_numerals_is_its_targets_section():
    text = ("KẾ HOẠCH\nPhát triển nhà trường\n\n1. Quy mô và điều kiện\n"
            "Năm học 2025 - 2026 trường có 40 lớp với 1.350 học sinh; sĩ số tối đa theo Điều lệ: 35 học sinh/lớp.\n"
            "2. Mục tiêu đến năm 2030\n- 100% phòng học là phòng học thông minh;\n- Tỷ lệ học sinh lưu ban dưới 0,5%.\n"
            "3. Giải pháp\n- Tuyển 2 giáo viên tiếng Anh; mỗi lớp có 1 giáo viên chủ nhiệm.\n"
            "4. Tổ chức thực hiện\nBan giám hiệu triển khai.\n")
    assert got(text) == [("=", 100.0, "%", 2030), ("<", 0.5, "%", 2030)]


def test_a_plan_numbered_with_targets_as_its_first_part_reads_every_part():
    # "1. Mục tiêu" first: nothing before it to leave out, and the parts after may still hold targets
    text = "1. Mục tiêu\n- 100% trẻ ra lớp.\n2. Chỉ tiêu cụ thể\n- Tỷ lệ bỏ học dưới 1% năm 2027.\n"
    assert got(text, plan_horizon=2026) == [("=", 100.0, "%", 2026), ("<", 1.0, "%", 2027)]


def test_a_cell_opening_with_keep_and_a_symbol_keeps_its_comparator():
    text = GOAL + ("TT | Chỉ tiêu | Đơn vị | Năm 2026 | Năm 2030 | Ghi chú\n"
                   "1 | Giải học sinh giỏi quốc gia | giải | Tối thiểu 40 | Duy trì ≥ 45 | \n")
    assert got(text) == [(">=", 40.0, "giải", 2026), (">=", 45.0, "giải", 2030)]


def test_a_row_whose_label_a_pdf_wrapped_under_its_cells_keeps_its_values():
    text = GOAL + ("TT | Chỉ tiêu | Đơn vị tính | Năm 2026 | Năm 2030\n"
                   "1 | Số trường đạt chuẩn quốc | trường | 9/12 | 12/12\ngia\n"
                   "2 | Số trường đạt kiểm định | trường | 5 | 8\n")
    assert got(text) == [("=", 9.0, "trường", 2026), ("=", 12.0, "trường", 2030), ("=", 5.0, "trường", 2026),
                         ("=", 8.0, "trường", 2030)]


# ---------------------------------------------------------------------------- figures
def test_a_mark_at_a_sentences_end_is_a_mark():
    text = GOAL + "- Điểm trung bình thi tốt nghiệp THPT môn Toán, Ngữ văn không thấp hơn 7,2.\n"
    assert got(text, plan_horizon=2030) == [(">=", 7.2, "điểm", 2030)]


def test_a_grade_before_a_school_is_no_count_of_schools():
    text = GOAL + "- Đến năm 2030, tỷ lệ học sinh vào học lớp 10 trường PTDTNT THPT tỉnh đạt 40%.\n"
    assert got(text) == [("=", 40.0, "%", 2030)]


def test_a_share_written_out_in_words():
    text = GOAL + ("- Đến năm 2029, tỷ lệ học sinh hoàn thành chương trình đạt chín mươi lăm phần trăm trở lên; "
                   "tỷ lệ bỏ học dưới một phần trăm; 100% lớp có tivi.\n")
    assert got(text) == [(">=", 95.0, "%", 2029), ("<", 1.0, "%", 2029), ("=", 100.0, "%", 2029)]


def test_the_school_year_under_way_when_the_plan_is_issued_is_aimed_at():
    # a plan of January 2026: "năm học 2025 - 2026" ends in May, what it strives for then is a target
    text = GOAL + ("Năm học 2025 - 2026 trường có 18 lớp với 640 học sinh.\n"
                   "Riêng năm học 2025 - 2026, nhà trường phấn đấu 100% giáo viên được tập huấn chuyển đổi số.\n")
    assert got(text, plan_year=2026) == [("=", 100.0, "%", 2026)]


def test_a_figure_a_line_break_cut_from_its_range_sign_or_percent_sign():
    text = GOAL + ("- Tỷ lệ học sinh lớp 9 vào học lớp 10 THPT đạt 75\n- 80% vào năm 2027.\n"
                   "- Tỷ lệ trẻ suy dinh dưỡng thể thấp còi không vượt quá 4,5\n%.\n"
                   "- Học sinh có chứng chỉ tin học quốc tế ≥\n30 %.\n")
    assert got(text, plan_horizon=2030) == [(">=", 75.0, "%", 2027), ("<=", 4.5, "%", 2030), (">=", 30.0, "%", 2030)]


def test_a_bracket_a_line_break_put_first_goes_on_with_its_sentence():
    text = GOAL + "- Đến năm 2030, học sinh lớp 12 sử dụng tiếng Anh đạt bậc 3\n(B1) trở lên là 65%.\n"
    assert got(text) == [("=", 65.0, "%", 2030)]


def test_running_text_broken_inside_a_name_or_a_list_of_names_goes_on():
    text = GOAL + ("- Đến năm 2027, hoàn thành xây dựng mới Trường Tiểu học Nguyễn\n"
                   "Bỉnh Khiêm (cơ sở 2) với 24 phòng học, đưa vào sử dụng từ năm học 2027 - 2028.\n"
                   "- Điểm trung bình thi tốt nghiệp THPT các môn Toán, Ngữ văn,\nTiếng Anh không thấp hơn 7,0 năm 2030.\n")
    assert got(text) == [("=", 24.0, "phòng", 2027), (">=", 7.0, "điểm", 2030)]


def test_a_short_heading_ending_with_a_name_stays_apart_from_the_sentence_under_it():
    text = GOAL + "Khối THCS\nTỷ lệ học sinh lên lớp đạt 98% năm 2027.\n"
    assert got(text) == [("=", 98.0, "%", 2027)]


def test_a_unit_column_typed_without_diacritics_names_the_same_units():
    text = GOAL + ("TT | Chi tieu | DVT | Nam 2026 | Nam 2030\n"
                   "1 | So vu bao luc hoc duong | vu | 0 | 0\n"
                   "2 | Si so hoc sinh/lop (toi da) | HS/lop | 40 | 35\n"
                   "3 | Giai hoc sinh gioi quoc gia | giai | 12 | 15\n")
    assert got(text) == [("=", 0.0, "vụ", 2026), ("=", 0.0, "vụ", 2030), ("<=", 40.0, "học sinh/lớp", 2026),
                         ("<=", 35.0, "học sinh/lớp", 2030), ("=", 12.0, "giải", 2026), ("=", 15.0, "giải", 2030)]


def test_a_tab_indenting_the_line_a_sentence_goes_on_is_a_space_in_it():
    text = GOAL + "- Điểm trung bình thi tốt nghiệp THPT không\n\tthấp hơn 6,8 năm 2027.\n"
    assert got(text) == [(">=", 6.8, "điểm", 2027)]


def test_an_indented_signature_in_capitals_or_a_name_keeps_its_indent():
    text = HEAD + GOAL + ("100% trẻ được khám sức khỏe.\n\nNơi nhận:                 KT. HIỆU TRƯỞNG\n"
                          "- Phòng GD&ĐT;            PHÓ HIỆU TRƯỞNG\n- Lưu: VT.\n\n                          Đinh Thị Hoa\n")
    plan = parse_plan(text)
    assert (plan.signer_title.value, plan.signer.value) == ("PHÓ HIỆU TRƯỞNG", "Đinh Thị Hoa")
