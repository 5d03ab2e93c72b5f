"""Plan importer: the reading rules the blind71 set called for (fixtures/plans_heldout/blind71, ordinary school-year
plans written by someone who never read the importer), one test per rule, on documents and sentences written for the
test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from io import BytesIO

from plans.domain.importer.parse import parse_plan
from plans.domain.importer.text import extract_text

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- a Word table of two columns: labels, targets
def _docx(rows: list[list[str]]) -> bytes:
    from docx import Document

    doc = Document()
    for line in ("TRƯỜNG THCS SUỐI RẠNG", "KẾ HOẠCH", "Giáo dục nhà trường năm học 2026 - 2027",
                 "I. MỤC TIÊU", "1. Chỉ tiêu năm học 2026 - 2027"):
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    doc.add_paragraph("II. NHIỆM VỤ, GIẢI PHÁP")
    doc.add_paragraph("Tổ chức thực hiện.")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_two_column_word_table_headed_by_its_targets_keeps_each_figure_beside_its_label():
    data = _docx([["Nội dung", "Chỉ tiêu"],
                  ["Học sinh lưu ban (%)", "dưới 1,5"],
                  ["Học sinh đạt giải cấp huyện (giải)", "từ 20 trở lên"],
                  ["Phòng học bộ môn (phòng)", "04"]])
    found = [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year)
             for t in parse_plan(extract_text(data, "suoi_rang.docx").text).targets]
    assert found == [("<", 1.5, "%", 2027), (">=", 20, "giải", 2027), ("=", 4, "phòng", 2027)]


def test_a_two_column_word_table_of_prose_stays_a_layout():
    data = _docx([["Nội dung", "Chỉ tiêu"],
                  ["Đổi mới phương pháp", "Tổ chức dạy học theo hướng phát triển phẩm chất, năng lực học sinh"],
                  ["Kiểm tra đánh giá", "Thực hiện theo quy định hiện hành của Bộ"]])
    assert "Nội dung | Chỉ tiêu" not in extract_text(data, "suoi_rang.docx").text


def test_a_field_column_heads_a_tables_labels():
    text = GOAL + ("1. Chỉ tiêu năm học 2026 - 2027\nLĩnh vực | Chỉ tiêu\nHọc sinh chuyên cần (%) | 98\n"
                   "Giáo viên dạy giỏi cấp huyện (giáo viên) | 05\n")
    assert got(text, plan_year=2026) == [("=", 98, "%", 2027), ("=", 5, "giáo viên", 2027)]
