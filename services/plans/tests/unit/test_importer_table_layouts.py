"""Plan importer: tables laid out as other writers lay them out, each read from a Word file and from the same Word
file exported to PDF by LibreOffice (``fixtures/tables/build.py`` writes both): the two must give the same targets,
the ones the table states. Pure: the files are read from the fixtures, nothing else."""
from __future__ import annotations

from pathlib import Path

import pytest

from plans.domain.importer import extract_text, parse_plan
from plans.domain.importer.pdf_tables import headed, numbering_row, stacked_heading

TABLES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"

EXPECTED = {
    # school levels as columns under "Biểu 1. Chỉ tiêu đến năm 2030", a row numbering the columns, "Đơn vị chủ trì"
    # after the levels, labels wrapped over three lines of a narrow column
    "levels_caption": {
        ("=", 90.0, "%", 2030), ("=", 85.0, "%", 2030), (">=", 75.0, "%", 2030),
        ("=", 100.0, "%", 2030), ("=", 95.0, "%", 2030),
        ("=", 12.0, "phòng", 2030), ("=", 20.0, "phòng", 2030), ("=", 9.0, "phòng", 2030)},
    # "Kế hoạch" merged over 2027 | 2029 | 2031, a unit column, today's figures and notes beside them
    "plan_over_years": {
        ("=", 88.0, "%", 2027), ("=", 94.0, "%", 2029), ("=", 100.0, "%", 2031),
        ("=", 6.0, "câu lạc bộ", 2027), ("=", 8.0, "câu lạc bộ", 2029), ("=", 10.0, "câu lạc bộ", 2031),
        ("<=", 0.8, "%", 2027), ("<=", 0.5, "%", 2029), ("<=", 0.3, "%", 2031)},
    # school years as columns, in a section of its own after "II. MỤC TIÊU" ("III. CHỈ TIÊU CỤ THỂ THEO NĂM HỌC")
    "school_years_section": {
        (">=", 98.0, "%", 2027), ("=", 99.5, "%", 2030), (">=", 70.0, "%", 2027), ("=", 100.0, "%", 2030),
        ("<=", 45.0, "học sinh/lớp", 2027), ("<=", 40.0, "học sinh/lớp", 2030)},
}


def targets(path: Path) -> set[tuple]:
    plan = parse_plan(extract_text(path.read_bytes(), path.name).text)
    return {(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year if t.horizon.value else None)
            for t in plan.targets}


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_table_gives_its_targets_from_a_word_file_and_from_its_pdf(name, kind):
    assert targets(TABLES / f"{name}.{kind}") == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_pdf_table_s_wrapped_labels_stay_in_their_rows(name):
    docx_rows = [line for line in extract_text((TABLES / f"{name}.docx").read_bytes()).text.split("\n") if " | " in line]
    pdf_rows = [line for line in extract_text((TABLES / f"{name}.pdf").read_bytes()).text.split("\n") if " | " in line]
    assert [r.split(" | ")[0] for r in pdf_rows[1:]] == [r.split(" | ")[0] for r in docx_rows[1:]]
    assert [r.split(" | ")[1] for r in pdf_rows[1:]] == [r.split(" | ")[1] for r in docx_rows[1:]]


def test_a_row_numbering_the_columns_is_no_row_and_a_heading_word_on_its_line_goes_back_up():
    assert numbering_row(["", "", "(1)", "(2)", "(3)"])
    assert numbering_row(["TT", "Chỉ tiêu", "1", "2", "3"])
    assert numbering_row(["", "a", "b", "c"])
    assert not numbering_row(["1", "Tỷ lệ trẻ 5 tuổi (%)", "2", "3"])   # a row whose label is no heading word
    assert not numbering_row(["", "", "(1)", "(3)", "(4)"])
    assert not numbering_row(["", "", "95", "96", "97"])
    assert headed([["STT", "Nội dung chỉ", "Tiểu học", "THCS"], ["", "tiêu", "(1)", "(2)"], ["1", "Tỷ lệ (%)", "90", "85"]]) \
        == [["STT", "Nội dung chỉ tiêu", "Tiểu học", "THCS"], ["1", "Tỷ lệ (%)", "90", "85"]]


def test_a_heading_merged_over_years_takes_the_years_and_other_pairs_of_rows_are_left():
    assert stacked_heading(["Chỉ tiêu", "Thực hiện 2025", "", "Lộ trình", "", "Ghi chú"],
                           ["", "", "2026", "2028", "Năm 2030", ""]) \
        == ["Chỉ tiêu", "Thực hiện 2025", "2026", "2028", "Năm 2030", "Ghi chú"]
    assert stacked_heading(["Chỉ tiêu", "Năm 2026", "", "Năm 2030", ""],
                           ["", "Mầm non", "Tiểu học", "Mầm non", "Tiểu học"]) is None   # levels under years
    assert stacked_heading(["Chỉ tiêu", "Mục tiêu", "", ""], ["Tỷ lệ trẻ (%)", "95", "96", "97"]) is None   # a row
    assert stacked_heading(["Chỉ tiêu", "Năm 2026", "Năm 2028", "", ""], ["", "2026", "2028", "", ""]) is None
    assert stacked_heading(["Chỉ tiêu", "Lộ trình", "", "", ""], ["", "2026", "2028", "2030", ""]) is None   # unnamed


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_a_table_lined_up_with_spaces_is_read_one_row_a_line(kind):
    text = ("II. MỤC TIÊU\n1. Tỷ lệ trẻ 5 tuổi ra lớp đạt 99%.\nIII. CHỈ TIÊU THEO TỪNG NĂM\n"
            "Nội dung                                 2027          2029           2031\n"
            "Tỷ lệ học sinh biết bơi (%)                 60            75             90\n"
            "Số sân chơi đạt chuẩn                        3             5              8\n"
            "UBND XÃ AN PHÚ      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "IV. NHIỆM VỤ\nTổ chức thực hiện.\n")
    if kind == "pdf":
        from io import BytesIO

        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(TTFont("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        out = BytesIO()
        page = canvas.Canvas(out)
        page.setFont("DejaVuSans", 9)
        for k, line in enumerate(text.split("\n")):
            page.drawString(40, 800 - 14 * k, line)   # each line one string, its columns lined up with spaces
        page.save()
        data = out.getvalue()
    else:
        data = text.encode("utf-8")
    read = extract_text(data).text
    assert "Tỷ lệ học sinh biết bơi (%) | 60 | 75 | 90" in read
    assert "UBND XÃ AN PHÚ      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in read   # two cells: a header, no table
    found = {(t.comparator.value, t.value.value, t.unit.value, t.horizon.value and t.horizon.value.year)
             for t in parse_plan(read).targets}
    assert {("=", 60.0, "%", 2029 - 2), ("=", 75.0, "%", 2029), ("=", 90.0, "%", 2031)} <= found
