"""The original plan's text as lines, and where a target's sentence is."""
from __future__ import annotations

import io

from docx import Document

from portal.domain.source import lines_of, locate, text_of


def test_text_docx_and_encodings():
    assert text_of("Kế hoạch\nMục tiêu".encode("utf-8"), "text/plain") == "Kế hoạch\nMục tiêu"
    assert text_of("Kế hoạch".encode("utf-16"), None) == "Kế hoạch"
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Tỷ lệ bỏ học không quá 0,5%.")
    buffer = io.BytesIO()
    doc.save(buffer)
    assert text_of(buffer.getvalue(), None).splitlines() == ["KẾ HOẠCH", "Tỷ lệ bỏ học không quá 0,5%."]


def test_locate_finds_the_line_whatever_the_spacing_and_case():
    lines = lines_of("KẾ HOẠCH\r\n- Tỷ lệ  học sinh bỏ học và lưu ban\nkhông quá 0,5%;\n- Hiệu suất đào tạo trên 96%.")
    assert locate(lines, "tỷ lệ học sinh bỏ học và lưu ban không quá 0,5%") == 2
    assert locate(lines, "Hiệu suất đào tạo trên 96%") == 4
    assert locate(lines, "không có câu này trong văn bản") is None
    assert locate(lines, "ngắn") is None


def test_locate_prefers_the_targets_own_line_to_a_title_its_sentence_quotes():
    lines = lines_of("KẾ HOẠCH\nThực hiện Nghị quyết số 71-NQ/TW của Bộ Chính trị\nI. MỤC TIÊU\n"
                     "- 100% giáo viên được quán triệt Nghị quyết; Thực hiện Nghị quyết số 71-NQ/TW của Bộ Chính trị.")
    assert locate(lines, "100% giáo viên được quán triệt Nghị quyết; Thực hiện Nghị quyết số 71-NQ/TW của Bộ "
                         "Chính trị.") == 4
