"""Plan importer: uploaded bytes → text (type sniffing, decoding, DOCX/PDF, refusals)."""
from __future__ import annotations

import io
import os
import random
import struct
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pytest

from plans.domain.importer.parse import parse_plan
from plans.domain.importer.text import (
    ArchiveTooLarge,
    BinaryContent,
    CorruptDocument,
    ImportRefused,
    NoTextLayer,
    UnsupportedFileType,
    extract_text,
)


def seeds_dir() -> Path:
    env = os.environ.get("EDU71_SEEDS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[4] / ".." / "shared" / "seeds"


@pytest.fixture(scope="module")
def seed002() -> str:
    path = seeds_dir() / "002_6785c0e9f8f18739.txt"
    if not path.exists():
        pytest.skip(f"seed plans not found at {seeds_dir()}: these tests read the real plans in ../shared/seeds "
                    "(or set EDU71_SEEDS_DIR)")
    return path.read_text(encoding="utf-8")


def assert_seed002(text: str) -> None:
    plan = parse_plan(text)
    assert plan.number_symbol.value == "28/KH-THCSTT2"
    assert plan.issued_on.value == date(2026, 1, 29)
    assert plan.place.value == "Tân An Hội"
    assert plan.school_name.value == "Trường THCS Thị Trần 2"
    got = {(t.indicator_code.value, t.comparator.value, t.value.value) for t in plan.targets}
    assert {("MAX_CLASS_SIZE", "<=", 45), ("DROPOUT", "<=", 0.5), ("TRAINING_EFFICIENCY", ">", 96),
            ("PROGRESSION_THPT_VOC", ">=", 95), ("ACCREDITATION_LEVEL", "=", 3)} <= got


def is_vietnamese_message(exc: ImportRefused) -> bool:
    return any(ch in str(exc) for ch in "ệảốờ") and exc.message == str(exc)


# ---------------------------------------------------------------------------- text encodings
@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"])
def test_unicode_encodings(seed002, codec):
    data = (b"\xfe\xff" + seed002.encode("utf-16-be")) if codec == "utf-16-be-bom" else seed002.encode(codec)
    out = extract_text(data, "ke-hoach.txt")
    assert out.kind == "text" and not out.name_mismatch
    assert out.text.lstrip("\ufeff") == seed002
    assert_seed002(out.text)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word/Notepad writes it: base letter (ê, ơ, ư, ă…) + combining tone mark."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_detected(seed002):
    data = to_cp1258(seed002)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    out = extract_text(data, "ke-hoach.txt")
    assert out.kind == "text"
    assert out.text == unicodedata.normalize("NFC", seed002)
    assert_seed002(out.text)


def test_binary_is_refused():
    with pytest.raises(BinaryContent) as err:
        extract_text(bytes(range(256)) * 20, "ke-hoach.txt")
    assert err.value.status == 422 and is_vietnamese_message(err.value)
    with pytest.raises(BinaryContent):
        extract_text(b"", "x.txt")


# ---------------------------------------------------------------------------- DOCX
def build_docx(text: str) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    lines = [line for line in text.split("\n") if line.strip()]
    # real plans carry the number and the place/date in a two-column header table
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "TRƯỜNG THCS THỊ TRẦN 2"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 0).text = lines[0]          # Số: 28 /KH-THCSTT2
    header.cell(1, 1).text = lines[1]          # Tân An Hội, ngày 29 tháng 01 năm 2026
    for line in lines[2:]:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_round_trip(seed002):
    data = build_docx(seed002)
    out = extract_text(data, "ke-hoach.docx")
    assert out.kind == "docx" and not out.name_mismatch
    lines = out.text.split("\n")
    assert lines[2] == "Số: 28 /KH-THCSTT2" and lines[3] == "Tân An Hội, ngày 29 tháng 01 năm 2026"
    assert lines[4] == "KẾ HOẠCH" and lines[-1] == "Nguyễn Văn Hiếu"   # paragraphs in order
    assert_seed002(out.text)
    # the name is not trusted: the same bytes called .txt are still a DOCX
    renamed = extract_text(data, "ke-hoach.txt")
    assert renamed.kind == "docx" and renamed.name_mismatch


def test_corrupt_docx(seed002):
    data = build_docx(seed002)
    with pytest.raises(CorruptDocument) as err:
        extract_text(data[: len(data) // 2], "ke-hoach.docx")          # truncated archive
    assert err.value.status == 422 and is_vietnamese_message(err.value)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", b"<w:document this is not xml")
    with pytest.raises(CorruptDocument):
        extract_text(buf.getvalue(), "ke-hoach.docx")


def test_zip_that_is_not_a_docx_is_unsupported():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", b"<workbook/>")
    with pytest.raises(UnsupportedFileType) as err:
        extract_text(buf.getvalue(), "ke-hoach.docx")
    assert err.value.status == 415


def patch_declared_size(data: bytes, size: int) -> bytes:
    """Set the uncompressed size of every entry in the ZIP central directory to ``size``."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into("<I", out, pos + 24, size)
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


def test_zip_bomb_declared_size_refused_before_extraction():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("word/document.xml", b"<w:document/>")
    bomb = patch_declared_size(buf.getvalue(), 4_000_000_000)   # declares ~4 GB, holds a few bytes
    with pytest.raises(ArchiveTooLarge) as err:
        extract_text(bomb, "ke-hoach.docx")
    assert err.value.status == 422 and is_vietnamese_message(err.value)


def test_zip_bomb_real_compression_ratio():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))   # 8 MiB of zeros → ~8 KiB
    data = buf.getvalue()
    assert len(data) < 100_000
    with pytest.raises(ArchiveTooLarge):
        extract_text(data, "ke-hoach.docx")                            # ratio check
    with pytest.raises(ArchiveTooLarge):
        extract_text(data, "ke-hoach.docx", max_uncompressed=1024 * 1024)  # size limit


# ---------------------------------------------------------------------------- PDF
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def build_pdf(lines: list[str]) -> bytes:
    """A PDF with a real text layer, written by reportlab (a test-only dependency)."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if not DEJAVU.exists():
        pytest.skip("no TrueType font with Vietnamese glyphs for reportlab")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("DejaVuSans", 9)
    y = 800
    for line in lines:
        if y < 40:
            c.showPage()
            c.setFont("DejaVuSans", 9)
            y = 800
        c.drawString(30, y, line)
        y -= 12
    c.save()
    return buf.getvalue()


def seed_header_and_goals(seed: str) -> list[str]:
    lines = [line for line in seed.split("\n") if line.strip()]
    head = lines[:4]
    start = lines.index("II. MỤC TIÊU")
    stop = lines.index("III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
    # drawString does not wrap: keep the short target lines of section II
    return head + [line for line in lines[start:stop + 1] if len(line) < 110]


def test_pdf_text_layer(seed002):
    data = build_pdf(seed_header_and_goals(seed002))
    out = extract_text(data, "ke-hoach.pdf")
    assert out.kind == "pdf"
    plan = parse_plan(out.text)
    assert plan.number_symbol.value == "28/KH-THCSTT2"
    assert plan.issued_on.value == date(2026, 1, 29)
    got = {(t.indicator_code.value, t.comparator.value, t.value.value, t.horizon.value) for t in plan.targets}
    assert ("MAX_CLASS_SIZE", "<=", 45, date(2026, 12, 31)) in got
    assert ("DROPOUT", "<=", 0.5, date(2026, 12, 31)) in got
    assert ("RECORDS_DIGITAL", "=", 100, date(2030, 12, 31)) in got


def test_disguised_pdf_named_docx_is_read_as_pdf(seed002):
    data = build_pdf(seed_header_and_goals(seed002))
    out = extract_text(data, "ke-hoach.docx")
    assert out.kind == "pdf" and out.name_mismatch
    assert "28 /KH-THCSTT2" in out.text


def test_pdf_without_text_layer():
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(50, 50, 200, 300, fill=1)   # a "scan": graphics, no text
    c.save()
    with pytest.raises(NoTextLayer) as err:
        extract_text(buf.getvalue(), "scan.pdf")
    assert err.value.status == 422 and is_vietnamese_message(err.value)


def test_corrupt_pdf():
    with pytest.raises(CorruptDocument) as err:
        extract_text(b"%PDF-1.7\n\x00\x01garbage without objects", "ke-hoach.pdf")
    assert err.value.status == 422


# ---------------------------------------------------------------------------- other types
@pytest.mark.parametrize("header", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",   # old .doc
])
def test_images_and_old_formats_refused(header):
    with pytest.raises(UnsupportedFileType) as err:
        extract_text(header + b"\x00" * 64, "ke-hoach.docx")
    assert err.value.status == 415 and is_vietnamese_message(err.value)


@pytest.mark.parametrize("shape", ["any byte", "no NUL", "high bytes"])
def test_random_binary_is_not_taken_for_a_text_plan(shape):
    """Any bytes decode in some code page (Windows-1258, UTF-16 without a BOM, EBCDIC…): that is not text."""
    rng = random.Random(71)
    low = {"any byte": 0, "no NUL": 1, "high bytes": 0x80}[shape]
    accepted = []
    for size in (16, 24, 64, 256, 2048):
        for _ in range(80):
            data = bytes(rng.randint(low, 255) for _ in range(size))
            try:
                accepted.append(extract_text(data, "ke-hoach.txt").encoding)
            except BinaryContent:
                pass
    assert accepted == []


# ---------------------------------------------------------------------------- the in-repo plans
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


@pytest.fixture(scope="module")
def hoasen() -> str:
    return (FIXTURES / "train" / "mn_hoasen.txt").read_text(encoding="utf-8")


def assert_hoasen(text: str) -> None:
    plan = parse_plan(text)
    assert plan.number_symbol.value == "45/KH-MNHS"
    assert (plan.place.value, plan.issued_on.value) == ("Lê Chân", date(2025, 12, 8))
    assert (plan.superior.value, plan.issuer.value) == ("UBND PHƯỜNG LÊ CHÂN", "TRƯỜNG MẦM NON HOA SEN")
    got = {(t.comparator.value, t.value.value, t.horizon.value) for t in plan.targets}
    assert {(">=", 98, date(2026, 12, 31)), ("<=", 3.5, date(2026, 12, 31)), ("<", 5, date(2030, 12, 31))} <= got


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"])
def test_unicode_encodings_of_an_in_repo_plan(hoasen, codec):
    data = (b"\xfe\xff" + hoasen.encode("utf-16-be")) if codec == "utf-16-be-bom" else hoasen.encode(codec)
    out = extract_text(data, "ke-hoach.txt")
    assert out.kind == "text" and out.text.lstrip("\ufeff") == hoasen
    assert_hoasen(out.text)


def test_windows_1258_of_an_in_repo_plan(hoasen):
    out = extract_text(to_cp1258(hoasen), "ke-hoach.txt")
    assert out.text == unicodedata.normalize("NFC", hoasen)
    assert_hoasen(out.text)


def test_word_tables_of_data_give_a_line_per_row_layout_tables_a_line_per_paragraph():
    out = extract_text((FIXTURES / "train" / "th_lequydon.docx").read_bytes(), "ke-hoach.docx")
    lines = out.text.split("\n")
    assert out.kind == "docx" and lines[:2] == ["UBND XÃ VĨNH BẢO", "TRƯỜNG TIỂU HỌC LÊ QUÝ ĐÔN"]
    assert "TT | Chỉ tiêu | Năm 2026 | Năm 2030 | Năm 2035" in lines
    assert "6 | Phòng học thông minh | 1 phòng | 3 phòng | –" in lines
    assert lines[-3:] == ["HIỆU TRƯỞNG", "Phạm Văn Đức", ""]   # python-docx ends a document with an empty paragraph


def test_corrupt_in_repo_docx_and_a_pdf_named_docx():
    data = (FIXTURES / "train" / "ubnd_xa_anlao.docx").read_bytes()
    with pytest.raises(CorruptDocument):
        extract_text(data[: len(data) // 2], "ke-hoach.docx")
    pdf = extract_text((FIXTURES / "train" / "sgd_haiphong.pdf").read_bytes(), "ke-hoach.docx")
    assert pdf.kind == "pdf" and pdf.name_mismatch and "Số: 210/KH-SGDĐT" in pdf.text
