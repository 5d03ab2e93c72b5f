"""Plan importer: the table reading rules the blind40 and blind41 sets called for (fixtures/plans_heldout/blind40,
blind41: Word tables with grades or school levels as columns, a whole-unit column, group rows merged across the table),
one test per rule, on Word tables and rows written for the test (none copied from a fixture)."""
from __future__ import annotations

import io

from plans.domain.importer import extract_text
from plans.domain.importer.parse import extract_targets

from .importer_probes import GOAL, got


def _table_docx(caption: str, rows: list[tuple[str, ...]]) -> str:
    """The text the importer reads from a Word plan whose targets section holds ``caption`` and a table of ``rows``;
    a row of one cell is a group row, merged across the table."""
    import docx

    document = docx.Document()
    document.add_paragraph("II. MỤC TIÊU")
    document.add_paragraph(caption)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, cells in enumerate(rows):
        if len(cells) == 1:
            table.cell(r, 0).merge(table.cell(r, width - 1))
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.add_paragraph("III. NHIỆM VỤ VÀ GIẢI PHÁP")
    document.add_paragraph("Tăng cường kiểm tra, đánh giá.")
    raw = io.BytesIO()
    document.save(raw)
    return extract_text(raw.getvalue(), "kehoach.docx").text


# ---------------------------------------------------------------------------- grades as columns, and the whole school
def test_grades_as_columns_and_the_whole_school_each_hold_the_years_targets():
    text = _table_docx("3. Chỉ tiêu năm học 2027 - 2028", [
        ("Nội dung", "Khối 6", "Khối 7", "Khối 8", "Khối 9", "Toàn trường"),
        ("Kết quả học tập",),
        ("Học sinh hoàn thành chương trình lớp học (%)", "98", "98", "97", "99", "98"),
        ("Học sinh bỏ học (%)", "≤ 0,5", "≤ 0,5", "—", "0", "≤ 0,4"),
    ])
    assert got(text) == [("=", 98, "%", 2028), ("=", 98, "%", 2028), ("=", 97, "%", 2028), ("=", 99, "%", 2028),
                         ("=", 98, "%", 2028),
                         ("<=", 0.5, "%", 2028), ("<=", 0.5, "%", 2028), ("=", 0, "%", 2028), ("<=", 0.4, "%", 2028)]


def test_grade_columns_before_a_notes_column_leave_the_notes_unread():
    text = _table_docx("2. Chỉ tiêu năm học 2026 - 2027", [
        ("Chỉ tiêu", "Lớp 1", "Lớp 2", "Lớp 3", "Ghi chú"),
        ("Học sinh đọc thông, viết thạo (%)", "90", "95", "100", "Năm trước 85%"),
    ])
    assert got(text) == [("=", 90, "%", 2027), ("=", 95, "%", 2027), ("=", 100, "%", 2027)]


def test_a_baseline_column_before_the_grades_is_not_read():
    text = _table_docx("2. Chỉ tiêu năm học 2026 - 2027", [
        ("Chỉ tiêu", "Thực hiện 2025 - 2026", "Khối 10", "Khối 11", "Khối 12"),
        ("Học sinh đạt chuẩn tiếng Anh bậc 3 (%)", "41", "45", "50", "60"),
    ])
    assert got(text) == [("=", 45, "%", 2027), ("=", 50, "%", 2027), ("=", 60, "%", 2027)]


# ---------------------------------------------------------------------------- school levels and the commune as a whole
def test_a_whole_commune_column_after_the_levels_holds_targets_under_each_groups_horizon():
    text = _table_docx("Bảng chỉ tiêu theo cấp học", [
        ("Chỉ tiêu", "Mầm non", "Tiểu học", "THCS", "Toàn xã"),
        ("Đến hết năm 2027",),
        ("Trường đạt kiểm định chất lượng (trường)", "3", "2", "1", "6"),
        ("Đến năm 2030",),
        ("Lớp học có máy chiếu (%)", "60", "100", "100", "90"),
    ])
    assert got(text) == [("=", 3, "trường", 2027), ("=", 2, "trường", 2027), ("=", 1, "trường", 2027),
                         ("=", 6, "trường", 2027),
                         ("=", 60, "%", 2030), ("=", 100, "%", 2030), ("=", 100, "%", 2030), ("=", 90, "%", 2030)]


def test_one_level_beside_a_whole_column_is_no_table_of_levels():
    text = _table_docx("2. Chỉ tiêu năm học 2026 - 2027", [
        ("Chỉ tiêu", "THCS", "Toàn trường"),
        ("Học sinh tham gia câu lạc bộ (%)", "40", "45"),
    ])
    assert ("=", 40, "%", 2027) not in got(text)


# ---------------------------------------------------------------------------- a ratio of two counts
def test_a_ratio_of_rooms_or_teachers_to_classes_is_no_share_nor_class_size():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2029\n"
            "Tỷ lệ phòng học/lớp, không thấp hơn | 0,8 | 1,0\n"
            "Tỷ lệ giáo viên/lớp | 1,5 | 1,7\n")
    assert got(text) == [(">=", 0.8, "phòng/lớp", 2027), (">=", 1, "phòng/lớp", 2029),
                         ("=", 1.5, "giáo viên/lớp", 2027), ("=", 1.7, "giáo viên/lớp", 2029)]
    assert all(t.indicator_code.value != "MAX_CLASS_SIZE" for t in extract_targets(text))


# ---------------------------------------------------------------------------- a year that asks for recognition
def test_a_year_asking_for_a_level_to_be_recognised_sets_no_level():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2028 | Năm 2029\n"
            "Trường đạt chuẩn quốc gia (mức độ) | 1 | Đề nghị công nhận mức độ 2 | 2\n")
    assert got(text) == [("=", 1, "mức", 2027), ("=", 2, "mức", 2029)]


# ---------------------------------------------------------------------------- bare counts under what a label counts
def test_whole_numbers_under_a_label_that_opens_with_what_it_counts_count_it():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "Câu lạc bộ thể thao | 3 | 5\n"
            "Môn học dạy song ngữ | 1 | 2\n"
            "Tham gia hội thi cấp tỉnh | 2 | 3\n")
    assert got(text) == [("=", 3, "câu lạc bộ", 2027), ("=", 5, "câu lạc bộ", 2030),
                         ("=", 1, "môn", 2027), ("=", 2, "môn", 2030)]


def test_bare_figures_of_people_count_them_only_when_written_as_counts_are():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "Giáo viên có chứng chỉ tiếng Anh B2 | 01 | 03\n"
            "Giáo viên dạy giỏi cấp tỉnh | 15 | 20\n")
    assert got(text) == [("=", 1, "giáo viên", 2027), ("=", 3, "giáo viên", 2030)]
