"""Plan importer: the reading rules the blind58 set called for (fixtures/plans_heldout/blind58, public disclosures and
quality commitments written by someone who never read the importer: grade columns, last year's results beside this
year's commitments), one test per rule, on documents, sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer import extract_text

from .importer_probes import GOAL, got, header, plan_targets


# ---------------------------------------------------------------------------- grade columns under a commitment heading
def test_grade_columns_under_a_merged_commitment_heading_are_read_for_its_school_year():
    table = ("STT | Nội dung | Kết quả năm học 2025-2026 | Cam kết năm học 2026-2027\n"
             "STT | Nội dung | Kết quả năm học 2025-2026 | Lớp 6 | Lớp 7 | Lớp 8\n"
             "1 | Học sinh hoàn thành chương trình lớp học | 98,9% | ≥ 99% | ≥ 99% | 100%\n")
    assert got(GOAL + table) == [(">=", 99, "%", 2027), (">=", 99, "%", 2027), ("=", 100, "%", 2027)]


# ---------------------------------------------------------------------------- last year's results beside the commitments
def test_results_merged_over_the_same_levels_as_the_commitments_are_no_targets():
    for head in ("TT | Chỉ tiêu | ĐVT | Kết quả năm học 2025-2026 | Cam kết năm học 2026-2027\n",
                 "TT Chỉ tiêu ĐVT Kết quả năm học 2025-2026 Cam kết năm học 2026-2027\n"):   # a PDF's, joined
        table = (head + " |  |  | Tiểu học | THCS | Tiểu học | THCS\n"
                 "1 | Học sinh học 2 buổi/ngày | % | 88 | 40 | 95 | 60\n"
                 "2 | Phòng học bộ môn | phòng | 3 | 5 | 4 | 7\n")
        assert got(GOAL + table) == [("=", 95, "%", 2027), ("=", 60, "%", 2027),
                                     ("=", 4, "phòng", 2027), ("=", 7, "phòng", 2027)], head


# ---------------------------------------------------------------------------- commitments by school, in an appendix
NOTICE = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTỈNH SƠN NGUYÊN\nSố: 512/TB-SGDĐT\n\n"
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSơn Nguyên, ngày 10 tháng 10 năm 2026\n\n"
          "THÔNG BÁO\nCông khai cam kết chất lượng giáo dục năm học 2026-2027\n\n"
          "I. CAM KẾT CHUNG\nCác trường công khai cam kết theo Phụ lục kèm theo.\n"
          "II. ĐỊNH HƯỚNG ĐẾN NĂM 2030\nĐến năm 2030, 100% trường có phòng học thông minh.\n\n"
          "Nơi nhận:\n- Các trường trực thuộc;\n- Lưu: VT.\nGIÁM ĐỐC\nLò Văn Tâm\n\n"
          "Phụ lục\nCAM KẾT CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2026-2027 CỦA CÁC TRƯỜNG TRỰC THUỘC\n"
          "STT | Trường | Số lớp/số học sinh | Lên lớp (%) | Chuẩn quốc gia\n"
          "1 | THPT Bản Lầu | 28/1.150 | 97 | Mức độ 1\n"
          "2 | THPT Khe Mơ | 21/860 | 98,5 | Chưa đạt\n")


def test_an_appendix_of_commitments_by_school_is_read_for_the_school_year_it_names():
    targets = plan_targets(NOTICE)
    assert [t for t in targets if t[3] == 2027] == [("=", 97, "%", 2027), ("=", 1, "mức", 2027), ("=", 98.5, "%", 2027)]
    assert ("=", 100, "%", 2030) in targets


# ---------------------------------------------------------------------------- a form's rows: words, letters, last year
SCHOOL_YEAR = "II. CAM KẾT NĂM HỌC 2026-2027\n"


def test_a_form_saved_with_semicolons_is_a_table_though_some_of_its_rows_are_words():
    text = ("Kết quả và cam kết như sau:\n"
            "STT;Nội dung;Lớp 1;Lớp 2;Lớp 3;Lớp 4\n"
            "I;Chương trình;GDPT 2018;GDPT 2018;GDPT 2018;GDPT 2018\n"
            "II;Kết quả dự kiến;;;;\n"
            "1;Học sinh viết chữ đẹp;90%;92%;dưới 95%;Có\n"
            "2;Học sinh bỏ học;0%;0%;0%;0%\n"
            "Nhà trường niêm yết cam kết; gửi cha mẹ học sinh; báo cáo phòng.\n")
    out = extract_text(text.encode("utf-8"), "cam_ket.txt").text
    assert "1 | Học sinh viết chữ đẹp | 90% | 92% | dưới 95% | Có" in out
    assert "Nhà trường niêm yết cam kết; gửi cha mẹ học sinh; báo cáo phòng." in out   # prose keeps its semicolons


def test_a_column_of_last_school_year_named_without_its_year_is_no_target():
    table = ("STT | Nội dung | Năm học trước | Lớp 6 | Lớp 7\n"
             "1 | Học sinh lên lớp | 96,5% | 98% | 97%\n")
    assert got(SCHOOL_YEAR + table) == [("=", 98, "%", 2027), ("=", 97, "%", 2027)]


def test_rows_numbered_by_a_letter_in_a_cell_of_their_own_stay_rows():
    table = ("STT | Nội dung | Lớp 6 | Lớp 7\n"
             "1 | Đánh giá học sinh |  | \n"
             "a | Học lực mức Tốt | ≥ 40% | ≥ 38%\n"
             "b | Học lực mức Chưa đạt | dưới 2% | dưới 1%\n")
    assert got(SCHOOL_YEAR + table) == [(">=", 40, "%", 2027), (">=", 38, "%", 2027), ("<", 2, "%", 2027), ("<", 1, "%", 2027)]


# ---------------------------------------------------------------------------- a PDF's school years over the same grades
def test_a_pdf_s_school_years_merged_over_the_same_grades_split_into_a_column_a_grade():
    from plans.domain.importer.pdf_tables import Fragment, table_lines

    def pieces(lines):
        return [Fragment(x, x + 5.0 * len(text), y, text, 3.0, 10.0) for y, cells in lines for x, text in cells]

    grades = (300.0, 360.0, 420.0, 480.0)
    fragments = pieces([
        (600.0, [(80.0, "STT"), (110.0, "Nội dung"), (grades[0], "Năm học 2025-2026"), (grades[2], "Năm học 2026-2027")]),
        (585.0, [(grades[0], "Lớp 10"), (grades[1], "Lớp 11"), (grades[2], "Lớp 10"), (grades[3], "Lớp 11")]),
        (565.0, [(80.0, "1"), (110.0, "Học sinh lên lớp"), (grades[0], "95%"), (grades[1], "96%"),
                 (grades[2], "97%"), (grades[3], "98%")])])
    assert [row for _, rows in table_lines(fragments) for row in rows][:1] == [
        "STT | Nội dung | Năm học 2025-2026 Lớp 10 | Lớp 11 | Năm học 2026-2027 Lớp 10 | Lớp 11"]


def test_last_year_s_results_and_this_year_s_commitments_headed_into_their_first_grade_are_told_apart():
    table = ("STT | Nội dung | Năm học 2025-2026 (thực hiện) Lớp 10 | Lớp 11 | Năm học 2026-2027 (cam kết) Lớp 10 | Lớp 11\n"
             "I | Điều kiện tuyển sinh | Xét tuyển, điểm chuẩn 17,5 | Lên lớp | Xét tuyển | Lên lớp\n"
             "II | Chương trình | GDPT 2018 | GDPT 2018 | GDPT 2018 | GDPT 2018\n"
             "1 | Học sinh lên lớp | 95% | 96% | 97% | 98%\n"
             "III | Sĩ số tối đa (học sinh/lớp) | 44 | 43 | 45 | 45\n")
    assert got(table, plan_year=2026, plan_month=9) == [
        ("=", 97, "%", 2027), ("=", 98, "%", 2027), ("<=", 45, "học sinh/lớp", 2027), ("<=", 45, "học sinh/lớp", 2027)]


def test_a_preschool_form_s_age_groups_and_its_class_size_row_are_read():
    table = ("STT | Nội dung | Nhà trẻ 24 - 36 tháng | Mẫu giáo 3 - 4 tuổi\n"
             "I | Chương trình | Chương trình GDMN | Chương trình GDMN\n"
             "1 | Trẻ ăn bán trú | 100% | 100%\n"
             "II | Số trẻ tối đa/nhóm, lớp | 20 | 25\n")
    assert got(SCHOOL_YEAR + table) == [("=", 100, "%", 2027), ("=", 100, "%", 2027),
                                        ("<=", 20, "trẻ/lớp", 2027), ("<=", 25, "trẻ/lớp", 2027)]


def test_a_bound_s_words_and_its_figure_on_lines_of_their_own_stay_one_cell():
    from plans.domain.importer.pdf_tables import Fragment, table_lines

    def pieces(lines):
        return [Fragment(x0, x1, y, text, 3.2, 10.0) for y, cells in lines for x0, x1, text in cells]

    # narrow grade columns: "không quá" overruns one, so "quá" goes on the next line, and "45" on the one after
    fragments = pieces([
        (537, [(85, 100, "ST"), (111, 162, "Nội dung"), (241, 272, "Lớp 6"), (286, 318, "Lớp 7"), (332, 363, "Lớp 8"),
               (377, 408, "Lớp 9"), (422, 450, "Toàn"), (476, 520, "Ghi chú")]),
        (526, [(85, 93, "T"), (422, 460, "trường")]),
        (506, [(85, 92, "5"), (111, 197, "Học sinh biết bơi"), (241, 263, "90%"), (286, 309, "90%"), (332, 354, "90%"),
               (377, 399, "90%"), (422, 445, "90%")]),
        (486, [(85, 92, "6"), (111, 195, "Sĩ số tối đa (học"), (241, 272, "không"), (286, 321, "không"),
               (332, 366, "không"), (377, 408, "không"), (422, 428, "x"), (476, 526, "NH 2025-")]),
        (475, [(111, 155, "sinh/lớp)"), (241, 260, "quá"), (286, 305, "quá"), (332, 351, "quá"), (377, 396, "quá"),
               (476, 521, "2026: 44")]),
        (463, [(241, 254, "45"), (286, 299, "45"), (332, 344, "45"), (377, 390, "45")])])
    assert [row for _, rows in table_lines(fragments) for row in rows][-1] == \
        "6 | Sĩ số tối đa (học sinh/lớp) | không quá 45 | không quá 45 | không quá 45 | không quá 45 | x | NH 2025- 2026: 44"


# ---------------------------------------------------------------------------- a school's open letter to parents
def test_an_open_letter_s_kind_is_not_part_of_its_issuer():
    letter = ("ỦY BAN NHÂN DÂN XÃ BẢN LẦU\nTRƯỜNG TIỂU HỌC BẢN LẦU\n\n"
              "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBản Lầu, ngày 10 tháng 9 năm 2026\n\n"
              "THƯ NGỎ\nGửi cha mẹ học sinh về cam kết chất lượng năm học 2026-2027\n\n"
              "Kính gửi: Quý cha mẹ học sinh.\nNhà trường cam kết 100% học sinh được học 2 buổi/ngày.\n\n"
              "HIỆU TRƯỞNG\nLò Văn Tâm\n")
    got_header = header(letter, ("issuer", "title"))
    assert got_header == {"issuer": "TRƯỜNG TIỂU HỌC BẢN LẦU",
                          "title": "Gửi cha mẹ học sinh về cam kết chất lượng năm học 2026-2027"}
