"""Plan importer: the reading rules the blind55 set called for (fixtures/plans_heldout/blind55, emulation
registrations and commitments written by someone who never read the importer: đăng ký thi đua forms, a cluster's
giao ước, bản cam kết, a ward's summary by school), one test per rule, on sentences and tables written for the test
(none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer import parse_plan
from plans.domain.importer.pdf_tables import boxes_in_place, page_tables, table_lines

from .importer_probes import GOAL, got, header, plan_targets
from .test_importer_pdf_tables import lay_out, paragraph, piece, plain, width

HEAD = ("UBND XÃ TÂN LẬP\nTRƯỜNG THCS TÂN LẬP\nSố: 12/ĐK-THCS\nTân Lập, ngày 10 tháng 9 năm 2027\n"
        "{kind}\n{under}\n"
        "Căn cứ Kế hoạch số 40/KH-UBND ngày 01/9/2027 của UBND xã;\n"
        "I. CHỈ TIÊU\n- Tỷ lệ học sinh lên lớp đạt 99%.\n")


# ---------------------------------------------------------------------------- a registration named on its own line
def test_a_registration_or_compact_named_with_its_subject_on_one_line_is_kept_whole():
    for kind in ("BẢN ĐĂNG KÝ THI ĐUA NĂM HỌC 2027 - 2028", "BẢN CAM KẾT THỰC HIỆN NHIỆM VỤ NĂM HỌC 2027 - 2028",
                 "GIAO ƯỚC THI ĐUA NĂM HỌC 2027 - 2028", "PHIẾU ĐĂNG KÝ DANH HIỆU THI ĐUA NĂM HỌC 2027 - 2028"):
        assert header(HEAD.format(kind=kind, under=""))["title"] == kind


def test_a_registration_s_kind_alone_on_its_line_is_left_out_of_the_title_as_before():
    for kind in ("BẢN ĐĂNG KÝ", "PHIẾU ĐĂNG KÝ CHỈ TIÊU", "BẢN CAM KẾT"):
        plan = HEAD.format(kind=kind, under="Đăng ký chỉ tiêu thi đua năm học 2027 - 2028")
        assert header(plan)["title"] == "Đăng ký chỉ tiêu thi đua năm học 2027 - 2028", kind


def test_the_parties_in_brackets_and_a_form_s_fields_under_the_name_are_not_the_title():
    for under in ("(Cụm thi đua số 2 các trường THCS)", "(giữa các trường THCS Tân Lập, THCS Tân Hòa)",
                  "(Khối thi đua các cơ quan văn hóa - xã hội)", "Đơn vị: Trường THCS Tân Lập. Quy mô: 18 lớp."):
        plan = HEAD.format(kind="GIAO ƯỚC THI ĐUA NĂM HỌC 2027 - 2028", under=under)
        assert header(plan)["title"] == "GIAO ƯỚC THI ĐUA NĂM HỌC 2027 - 2028", under


# ---------------------------------------------------------------------------- a table whose rows are units
def test_a_table_of_units_passes_over_columns_that_tell_about_the_unit():
    table = ("3. Chỉ tiêu đăng ký của các trường đến năm 2030\n"
             "Trường | {about} | Học sinh học 2 buổi/ngày (%) | Phòng học thông minh (phòng) | Danh hiệu tập thể\n"
             "Trường TH Hòa Bình | {one} | 100 | ≥ 3 | Tập thể lao động xuất sắc\n"
             "Trường TH An Phú | {two} | 98 | 2 | TTLĐTT\n")
    for about, one, two in (("Số lớp hiện có", "24", "18"), ("Kết quả 2025 - 2026: học 2 buổi/ngày (%)", "96", "90"),
                            ("Số giáo viên", "31", "22")):
        assert got(GOAL + table.format(about=about, one=one, two=two)) == [
            ("=", 100, "%", 2030), (">=", 3, "phòng", 2030), ("=", 98, "%", 2030), ("=", 2, "phòng", 2030)], about


def test_a_registration_s_table_of_teachers_passes_over_their_class_and_title():
    table = ("3. Chỉ tiêu đăng ký của giáo viên đến năm 2030\n"
             "STT | Họ và tên | Lớp | Danh hiệu đăng ký | Học sinh đạt chuẩn tiếng Anh (%) | Học sinh biết bơi (%)\n"
             "1 | Lê Thị Hoa | 5A | LĐTT | ≥ 70 | 60\n"
             "2 | Ngô Văn Bình | 5B | CSTĐCS | 75 | ≥ 65\n")
    assert got(GOAL + table) == [(">=", 70, "%", 2030), ("=", 60, "%", 2030), ("=", 75, "%", 2030), (">=", 65, "%", 2030)]


def test_a_registration_s_section_of_each_one_s_figures_is_a_targets_section():
    plan = HEAD.format(kind="BẢN ĐĂNG KÝ THI ĐUA NĂM HỌC 2027 - 2028", under="") + (
        "II. ĐĂNG KÝ CỦA CÁ NHÂN\n"
        "Họ và tên | Lớp | Học sinh hoàn thành chương trình (%) | Học sinh biết bơi (%)\n"
        "Lê Thị Hoa | 8A | 100 | 70\n"
        "Ngô Văn Bình | 8B | ≥ 98 | 65\n"
        "III. TỔ CHỨC THỰC HIỆN\nTổ trưởng theo dõi, báo cáo trước ngày 20/5/2028.\n")
    assert plan_targets(plan) == [("=", 99, "%", 2028), ("=", 100, "%", 2028), ("=", 70, "%", 2028),
                                  (">=", 98, "%", 2028), ("=", 65, "%", 2028)]


# ---------------------------------------------------------------------------- a commitment's column and section
def test_a_commitment_s_column_is_a_horizon_as_a_registration_s_is():
    table = ("TT | Chỉ tiêu | Kết quả năm học 2026-2027 | {col} năm học 2027-2028 | Phấn đấu đến năm 2030\n"
             "1 | Học sinh lưu ban (%) | 0,9 | không quá 0,6 | không quá 0,4\n"
             "2 | Phòng học thông minh (phòng) | 1 | 2 | 5\n")
    for col in ("Cam kết", "Nhà trường cam kết", "Đăng ký"):
        assert got(GOAL + table.format(col=col)) == [("<=", 0.6, "%", 2028), ("<=", 0.4, "%", 2030),
                                                     ("=", 2, "phòng", 2028), ("=", 5, "phòng", 2030)], col


def test_a_section_of_what_each_one_pledges_sets_targets():
    plan = HEAD.format(kind="BẢN CAM KẾT THỰC HIỆN NHIỆM VỤ NĂM HỌC 2027 - 2028", under="") + (
        "II. CAM KẾT CỦA GIÁO VIÊN CHỦ NHIỆM\n"
        "- Cô Lê Thị Hoa cam kết ít nhất 85% học sinh lớp 9A đạt chuẩn tiếng Anh bậc 2.\n"
        "III. TỔ CHỨC THỰC HIỆN\nTổ trưởng theo dõi, báo cáo trước ngày 20/5/2028.\n")
    assert plan_targets(plan) == [("=", 99, "%", 2028), (">=", 85, "%", 2028)]


# ---------------------------------------------------------------------------- an appendix summing up registrations
def test_an_appendix_after_the_signature_summing_up_the_units_registrations_holds_targets():
    plan = HEAD.format(kind="BẢN ĐĂNG KÝ THI ĐUA NĂM HỌC 2027 - 2028", under="") + (
        "II. TỔ CHỨC THỰC HIỆN\nVăn phòng theo dõi, báo cáo trước ngày 20/5/2028.\n"
        "Nơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\nLê Văn Minh\n"
        "PHỤ LỤC: {what} CỦA CÁC TỔ CHUYÊN MÔN NĂM HỌC 2027 - 2028\n"
        "Tổ chuyên môn | Số giáo viên | Học sinh giỏi cấp huyện (giải) | Bài giảng e-learning (bài)\n"
        "Tổ Toán | 9 | tối thiểu 12 | 10\n"
        "Tổ Ngữ văn | 8 | 8 | 6\n")
    assert plan_targets(plan.format(what="TỔNG HỢP ĐĂNG KÝ"))[1:] == [
        (">=", 12, "giải", 2028), ("=", 10, "bài", 2028), ("=", 8, "giải", 2028), ("=", 6, "bài", 2028)]
    assert plan_targets(plan.format(what="DANH SÁCH GIÁO VIÊN")) == [("=", 99, "%", 2028)]


# ---------------------------------------------------------------------------- a teachers' group under its school
def test_a_teachers_group_under_its_school_issues_the_registration_and_speaks_for_the_school():
    plan = HEAD.format(kind="BẢN ĐĂNG KÝ THI ĐUA NĂM HỌC 2027 - 2028", under="").replace(
        "UBND XÃ TÂN LẬP\nTRƯỜNG THCS TÂN LẬP\n", "TRƯỜNG THCS TÂN LẬP\nTỔ CHUYÊN MÔN TOÁN - TIN\n")
    assert header(plan, ("superior", "issuer")) == {"superior": "TRƯỜNG THCS TÂN LẬP", "issuer": "TỔ CHUYÊN MÔN TOÁN - TIN"}
    assert parse_plan(plan).named_unit.value == "TRƯỜNG THCS TÂN LẬP"


def test_a_number_s_symbol_may_keep_a_letter_s_horn_or_hat():
    plan = HEAD.format(kind="GIAO ƯỚC THI ĐUA NĂM HỌC 2027 - 2028", under="").replace("12/ĐK-THCS", "03/GƯTĐ-C2")
    assert header(plan, ("number_symbol", "place")) == {"number_symbol": "03/GƯTĐ-C2", "place": "Tân Lập"}


# ---------------------------------------------------------------------------- the signer beside a blank block
def test_a_blank_block_for_the_body_that_confirms_the_form_is_not_the_signer_s_position():
    for block in ("XÁC NHẬN CỦA UBND XÃ HIỆU TRƯỞNG", "DUYỆT CỦA HIỆU TRƯỞNG TỔ TRƯỞNG"):
        plan = HEAD.format(kind="PHIẾU ĐĂNG KÝ DANH HIỆU THI ĐUA NĂM HỌC 2027 - 2028", under="") + (
            f"Nhà trường cam kết thực hiện.\n{block}\n(Ký, ghi rõ họ tên)\nHồ Văn Bảy\n")
        assert header(plan, ("signer_title", "signer")) == {"signer_title": block.split()[-2] + " " + block.split()[-1],
                                                            "signer": "Hồ Văn Bảy"}, block


# ---------------------------------------------------------------------------- tick boxes
def test_a_figure_in_an_item_left_unticked_is_not_taken_on():
    line = ("- Danh hiệu: ☒ Đăng ký công nhận lại trường đạt chuẩn quốc gia mức độ 2 "
            "☐ Đăng ký đánh giá ngoài kiểm định chất lượng giáo dục cấp độ 3 ☒ 05 giáo viên dạy giỏi cấp huyện\n")
    assert got(GOAL + line) == [("=", 2, "mức", None), ("=", 5, "giáo viên", None)]


def test_a_compact_signed_side_by_side_by_several_bodies_is_signed_first_by_the_first_block():
    plan = HEAD.format(kind="GIAO ƯỚC THI ĐUA NĂM HỌC 2027 - 2028", under="") + (
        "Giao ước có hiệu lực từ ngày ký.\n"
        "TRƯỜNG THCS TÂN LẬP | TRƯỜNG THCS TÂN HÒA | TRƯỜNG THCS TÂN AN\n"
        "HIỆU TRƯỞNG | HIỆU TRƯỞNG | HIỆU TRƯỞNG\n"
        "(Trưởng cụm) | (Phó cụm) | \n"
        "Lê Văn Minh | Phạm Thị Hạnh | Đỗ Quang Huy\n")
    assert header(plan, ("signer_title", "signer")) == {"signer_title": "HIỆU TRƯỞNG", "signer": "Lê Văn Minh"}


# ---------------------------------------------------------------------------- a totals row over a page break
def test_a_row_named_in_words_opening_the_next_page_stays_in_the_table_carried_over():
    headings = ["Đơn vị", "Học sinh biết bơi (%)", "Phòng học thông minh (phòng)", "Bỏ học (%)", "Ghi chú"]
    widths = [120, 70, 70, 60, 80]
    first, _ = lay_out([headings, ["Trường TH Tân Lập", "60", "≥ 2", "0", ""]], widths, top=120.0)
    carried = page_tables(plain(first), first)[1]
    rest, bottom = lay_out([["Cả xã", "≥ 65", "9", "dưới 0,1", ""]], widths, top=800.0)
    assert [row for _, rows in table_lines(rest + [paragraph(bottom - 20.0, "Nơi nhận:")], carried)
            for row in rows] == ["Cả xã | ≥ 65 | 9 | dưới 0,1 | "]
    # a paragraph's line, even one of two pieces, holds no values in the table's columns
    assert table_lines([paragraph(800.0, "Nhà trường phấn đấu hoàn thành các chỉ tiêu trên.")], carried) == []


# ---------------------------------------------------------------------------- a record's occasion and its copies
def test_a_compact_s_account_of_its_signing_and_its_copies_hold_no_targets():
    text = GOAL + ("Hôm nay, ngày 15 tháng 9 năm 2027, tại Trường Tiểu học Tân\n"
                   "Lập, 04 trường trong Cụm thi đua số 2 cùng thống nhất ký kết giao ước thi đua như sau:\n"
                   "- Mỗi trường có ít nhất 02 phòng học thông minh.\n"
                   "Giao ước được lập thành 05 bản, mỗi trường giữ 01 bản, 01 bản gửi Phòng Giáo dục và Đào tạo.\n")
    assert got(text) == [(">=", 2, "phòng", None)]


def test_a_name_broken_over_two_lines_before_its_comma_is_one_sentence():
    text = GOAL + ("- Phấn đấu đến năm 2030, Trường Trung học cơ sở Tân\n"
                   "Lập, Trường Tiểu học Tân Hòa đạt chuẩn quốc gia mức độ 2.\n")
    assert got(text) == [("=", 2, "mức", 2030)]


# ---------------------------------------------------------------------------- tick boxes a PDF drew after their line
def test_tick_boxes_drawn_after_their_line_go_back_before_their_items():
    first, second = "Lao động tiên tiến (số lượng: 12 người)", "Chiến sĩ thi đua cơ sở"
    level, wrapped = "Công nhận lại trường đạt chuẩn quốc gia mức độ 1", "Kiểm định chất lượng giáo dục cấp độ 3"
    fragments = [piece(62.0, 700.0, first), piece(300.0, 700.0, second),
                 piece(50.0, 700.0, "☒"), piece(288.0, 700.0, "☐"),   # the boxes, drawn after the line's words
                 piece(62.0, 687.0, level), piece(62.0 + width(level) + 8.0, 687.0, "☐"),   # its item wrapped whole
                 piece(62.0, 674.0, wrapped)]
    text, moved = boxes_in_place(plain(fragments), fragments)
    assert [" ".join(line.split()) for line in text.split("\n")] == [
        f"☒ {first} ☐ {second}", level, f"☐ {wrapped}"]
    assert [f.text for f in moved] == ["☒", first, "☐", second, level, "☐", wrapped]
    assert got(GOAL + text) == [("=", 12, "người", None), ("=", 1, "mức", None)]


def test_boxes_drawn_in_their_place_are_left_as_they_are():
    fragments = [piece(50.0, 700.0, "☒"), piece(62.0, 700.0, "Tập thể lao động tiên tiến")]
    assert boxes_in_place(plain(fragments), fragments) == (plain(fragments), fragments)


# ---------------------------------------------------------------------------- the school year just over, described
def test_a_sentence_opening_on_the_school_year_just_over_describes_it_through_its_clauses():
    plan = HEAD.format(kind="BẢN CAM KẾT THỰC HIỆN NHIỆM VỤ NĂM HỌC 2027 - 2028", under="") + (
        "Năm học 2026 - 2027, Trường có 18 lớp với 640 học sinh; tỷ lệ học sinh lên lớp đạt 97,8%, tỷ lệ bỏ học 0,9%.\n"
        "Nhà trường cam kết: tỷ lệ học sinh bỏ học dưới 0,5%.\n")
    assert plan_targets(plan) == [("=", 99, "%", 2028), ("<", 0.5, "%", 2028)]


def test_a_preschool_s_groups_and_classes_and_the_children_in_them_are_its_size():
    plan = HEAD.format(kind="BẢN CAM KẾT THỰC HIỆN NHIỆM VỤ NĂM HỌC 2027 - 2028", under="") + (
        "Năm học 2027 - 2028, nhà trường có 12 nhóm, lớp với 356 trẻ (từ 24 tháng đến 5 tuổi).\n"
        "Nhà trường cam kết: 100% trẻ được ăn bán trú.\n")
    assert plan_targets(plan) == [("=", 99, "%", 2028), ("=", 100, "%", 2028)]


# ---------------------------------------------------------------------------- the form's unit and another's floor
def test_the_size_a_form_gives_beside_the_unit_s_name_is_no_target():
    plan = HEAD.format(kind="PHIẾU ĐĂNG KÝ THI ĐUA NĂM HỌC 2027 - 2028", under="") + (
        "Đơn vị: Trường THCS Tân Lập. Quy mô: 18 lớp, 652 học sinh.\n"
        "Đơn vị tính: %\n- Học sinh biết bơi: 70\n")
    assert plan_targets(plan) == [("=", 99, "%", 2028), ("=", 70, "%", 2028)]


def test_a_higher_body_s_assignment_quoted_before_the_plan_s_own_pledge_is_not_the_plan_s():
    line = "1. Về quy mô: Phòng giao 12 lớp; nhà trường cam kết tuyển sinh tối thiểu 14 lớp, duy trì sĩ số 100%.\n"
    assert got(GOAL + line) == [(">=", 14, "lớp", None), ("=", 100, "%", None)]
    # without a pledge of its own, the plan takes on what it was assigned
    assert got(GOAL + "1. Về quy mô: Phòng giao 12 lớp, sĩ số 100%.\n") == [("=", 12, "lớp", None), ("=", 100, "%", None)]


# ---------------------------------------------------------------------------- a lettered part of aims
def test_a_registration_s_lettered_part_of_aims_holds_targets():
    plan = HEAD.format(kind="BẢN ĐĂNG KÝ THI ĐUA NĂM HỌC 2027 - 2028", under="").replace("I. CHỈ TIÊU\n", "") + (
        "A. ĐĂNG KÝ CỦA TẬP THỂ\n- Tỷ lệ học sinh lên lớp đạt 99%.\n"
        "B. ĐĂNG KÝ CỦA CÁ NHÂN HIỆU TRƯỞNG\n☒ Chiến sĩ thi đua cơ sở\n"
        "C. PHẤN ĐẤU ĐẾN NĂM 2030\nNhà trường phấn đấu đạt chuẩn quốc gia mức độ 2.\n")
    assert plan_targets(plan) == [("=", 99, "%", 2028), ("=", 2, "mức", 2030)]


def test_a_cell_that_lets_nothing_happen_is_a_zero():
    table = ("Nội dung | Kết quả năm học 2026 - 2027 | Đăng ký năm học 2027 - 2028\n"
             "Học sinh biết bơi (%) | 60 | 70\n"
             "Vụ tai nạn đuối nước | 0 | Không để xảy ra\n")
    assert got(GOAL + table) == [("=", 70, "%", 2028), ("=", 0, "vụ", 2028)]
