"""An official report (:class:`reports.domain.official.Document`) as a Word file (python-docx).

The layout follows Nghị định 30/2020/NĐ-CP (công tác văn thư), Appendix I ("Thể thức, kỹ thuật trình bày văn
bản hành chính"):

- paper A4 (210 × 297 mm), portrait; margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm (we use
  20 / 20 / 30 / 15 mm: the most text the decree allows on a page);
- font Times New Roman (Unicode, TCVN 6909:2001), black;
- Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": capitals, size 12–13, upright, bold (13 here);
- Tiêu ngữ "Độc lập - Tự do - Hạnh phúc": size 13–14, upright, bold, with a solid rule under it as long as the
  line (an underline of the line here), centred under the Quốc hiệu (14 here);
- the superior body: capitals, size 12–13, upright; the issuing body: capitals, size 12–13, upright, bold,
  with a short rule under it (13 here);
- "Số:" and the symbol: size 13, upright; place and date: size 13–14, italic (14 here);
- the document type "BÁO CÁO": capitals, size 13–14, bold, centred; the trích yếu: size 14, bold, centred;
- the body: size 13–14 (14 here), justified, first line indented 1–1,27 cm (1 cm here), at least 6 pt between
  paragraphs, single line spacing (at most 1,5 lines allowed);
- the signer's position: capitals, size 13–14, bold; the signer's name: size 13–14, bold;
- "Nơi nhận:": size 12, italic, bold; its entries: size 11, upright, each beginning with "-", the last one
  "- Lưu: VT, …".

Checked (search of published copies, 2026-12-03): the margins against "Cách căn lề chuẩn trong văn bản hành
chính" (final-blade.com: 20–25, 20–25, 30–35, 15–20 mm per Nghị định 30/2020); the sizes against the appendix
table "Mẫu chữ và chi tiết trình bày thể thức văn bản" as republished (slideshare.net "Quy tắc văn bản",
123doc.top "Hướng dẫn về thể thức và kỹ thuật trình bày văn bản": Quốc hiệu in hoa 12–13 đứng đậm; Tiêu ngữ in
thường 13–14 đứng đậm with a rule under it; superior body in hoa 12–13 đứng; issuing body in hoa 12–13 đứng đậm;
"Số:" 13; place and date 13–14 nghiêng; trích yếu 13–14 đứng đậm; body 13–14, first line indented 1–1,27 cm) —
tables of the earlier Thông tư 01/2011/TT-BNV that Nghị định 30/2020's Appendix I carries over — and
``../shared/DOMAIN.md`` ("Số:" 13, Quốc hiệu 12–13, Tiêu ngữ 13–14). "Nơi nhận" 12 bold italic with entries
11 is the appendix's rule as the brief states it; no published copy found in the search corpus lists it.
Tables of figures use size 12 so that eight columns fit the page (the appendix leaves tables to the body's
range; 12 keeps them legible).
"""
from __future__ import annotations

import io

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from reports.domain.official import Document, Paragraph, Table

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
SIZES = {"quoc_hieu": 13, "tieu_ngu": 14, "superior": 13, "issuer": 13, "number": 13, "place_date": 14,
         "kind": 14, "subject": 14, "body": 14, "table": 12, "signer": 14, "recipients_title": 12,
         "recipients": 11}
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _run(paragraph, text: str, size: int, *, bold: bool = False, italic: bool = False, underline: bool = False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    return run


def _line(container, text: str, size: int, *, align=WD_ALIGN_PARAGRAPH.CENTER, first: bool = False, **style):
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    if text:
        _run(paragraph, text, size, **style)
    return paragraph


def _borderless(table) -> None:
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)


def render(doc: Document) -> bytes:
    """The DOCX bytes of ``doc``. Rendering the same document twice gives the same figures and text; the
    file's bytes also hold python-docx's timestamps, so an issued file is stored, never re-rendered."""
    word = new_document()
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(SIZES["body"])
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])

    header = word.add_table(rows=1, cols=2)
    _borderless(header)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    _line(left, doc.superior, SIZES["superior"], first=True)
    _line(left, doc.issuer, SIZES["issuer"], bold=True)
    _line(left, "―――――", SIZES["issuer"])
    _line(left, doc.number, SIZES["number"])
    _line(right, QUOC_HIEU, SIZES["quoc_hieu"], first=True, bold=True)
    _line(right, TIEU_NGU, SIZES["tieu_ngu"], bold=True, underline=True)
    _line(right, "", SIZES["tieu_ngu"])
    _line(right, doc.place_date, SIZES["place_date"], italic=True)

    word.add_paragraph().paragraph_format.space_after = Pt(0)
    _line(word, doc.kind, SIZES["kind"], bold=True).paragraph_format.space_before = Pt(6)
    _line(word, doc.subject, SIZES["subject"], bold=True).paragraph_format.space_after = Pt(12)

    for block in doc.body:
        if isinstance(block, Table):
            _table(word, block)
        else:
            _body(word, block)

    sign = word.add_table(rows=1, cols=2)
    _borderless(sign)
    left, right = sign.rows[0].cells
    left.width, right.width = Cm(8), Cm(8.5)
    _line(left, "Nơi nhận:", SIZES["recipients_title"], align=WD_ALIGN_PARAGRAPH.LEFT, first=True,
          bold=True, italic=True)
    for entry in doc.recipients:
        _line(left, entry, SIZES["recipients"], align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, title in enumerate(doc.signer_title):
        _line(right, title, SIZES["signer"], first=i == 0, bold=True)
    for _ in range(4):  # room for the signature and the seal
        _line(right, "", SIZES["signer"])
    _line(right, doc.signer_name or "…", SIZES["signer"], bold=True)

    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _body(word, block: Paragraph) -> None:
    paragraph = word.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.0
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1)
    _run(paragraph, block.text, SIZES["body"], bold=block.style in ("heading", "subheading"),
         italic=block.style == "subheading")


def _table(word, block: Table) -> None:
    table = word.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, block.columns):
        _line(cell, title, SIZES["table"], first=True, bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row)):
            _line(cell, text, SIZES["table"], first=True,
                  align=WD_ALIGN_PARAGRAPH.LEFT if i == 1 else WD_ALIGN_PARAGRAPH.CENTER)
    word.add_paragraph().paragraph_format.space_after = Pt(0)
