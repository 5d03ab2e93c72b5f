"""Uploaded bytes → plain text (pure: works on bytes in memory, no files, no network).

The real type is sniffed from the content, never from the file name:
DOCX = a ZIP holding ``word/document.xml``; PDF = starts with ``%PDF-``; anything else
must be text (UTF-8 with or without BOM, UTF-16 with BOM, or a legacy 8-bit code page
such as Windows-1258, detected).

Every refusal is an :class:`ImportRefused` subclass carrying the HTTP status the API
should answer and a Vietnamese message.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Literal

from plans.domain.importer.pdf_tables import (
    _COLUMN_NUMBER_RE,
    _ROWS_HEAD_RE,
    YEAR_HEAD_CELL_RE,
    Fragment,
    boxes_in_place,
    numbering_row,
    page_tables,
    stacked_heading,
    target_heading as _target_heading,
)

# Limits (overridable per call).
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024   # sum of declared uncompressed sizes in a DOCX
MAX_ZIP_ENTRIES = 5_000
MAX_COMPRESSION_RATIO = 200                 # per entry, for entries above 1 MiB
MIN_PDF_TEXT_CHARS = 20                     # fewer non-space characters → no text layer

Kind = Literal["docx", "pdf", "text"]


# ---------------------------------------------------------------------------- errors
class ImportRefused(Exception):
    """Base of every refusal; ``status`` is the HTTP status the API should answer."""

    status = 422
    code = "import_refused"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnsupportedFileType(ImportRefused):
    """Not DOCX, PDF or text (e.g. an image, an old .doc, a non-Word ZIP) → 415."""

    status = 415
    code = "unsupported_file_type"


class CorruptDocument(ImportRefused):
    """A DOCX or PDF that cannot be read → 422."""

    code = "corrupt_document"


class ArchiveTooLarge(CorruptDocument):
    """A DOCX whose declared uncompressed content exceeds the limits (zip bomb) → 422."""

    code = "archive_too_large"


class BinaryContent(ImportRefused):
    """Bytes that are neither a known document nor decodable text → 422."""

    code = "binary_content"


class NoTextLayer(ImportRefused):
    """A PDF without a text layer (a scan) → 422."""

    code = "no_text_layer"


# ---------------------------------------------------------------------------- result
@dataclass(frozen=True)
class ExtractedText:
    text: str                      # NFC-normalised, lines separated by "\n"
    kind: Kind                     # the sniffed type
    encoding: str | None = None    # for kind == "text": the codec used
    name_mismatch: bool = False    # the file name's extension disagrees with the content


_MAGIC_REFUSED: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF87a", "ảnh GIF"),
    (b"GIF89a", "ảnh GIF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tệp Word/Excel đời cũ (.doc/.xls)"),
    (b"\x7fELF", "tệp chương trình"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf\x27\x1c", "tệp nén 7z"),
    (b"\x1f\x8b", "tệp nén gzip"),
    (b"{\\rtf", "tệp RTF"),
    (b"RIFF", "tệp đa phương tiện"),
    (b"II*\x00", "ảnh TIFF"),
    (b"MM\x00*", "ảnh TIFF"),
]


def sniff(data: bytes) -> Kind:
    """Return the real type of ``data`` or raise :class:`UnsupportedFileType`."""
    if data.startswith(b"%PDF-") or data[:1024].lstrip(b"\x00\t\r\n \xef\xbb\xbf").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx"  # confirmed (or refused) when the archive is opened
    for magic, label in _MAGIC_REFUSED:
        if data.startswith(magic):
            raise UnsupportedFileType(
                f"Tệp tải lên là {label}, không phải văn bản kế hoạch. "
                "Chỉ chấp nhận tệp Word (.docx), PDF có lớp chữ hoặc tệp văn bản (.txt)."
            )
    return "text"


# Characters a page shows nothing of, or a symbol font's own: zero-width spaces and joiners, a word joiner, a byte order
# mark left inside the text (they split a word in two for any reader: "không\u200b quá"); the private-use codes a
# Symbol or Wingdings bullet is stored as (U+F0B7 "", U+F0A7 "", U+F0D8 …), a bullet wherever it stands
_UNSEEN = str.maketrans({c: None for c in "\u200b\u200c\u200d\u2060\ufeff"} | {chr(c): "•" for c in range(0xF020, 0xF100)})


def extract_text(
    data: bytes,
    filename: str | None = None,
    *,
    max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
    max_entries: int = MAX_ZIP_ENTRIES,
) -> ExtractedText:
    """Turn uploaded bytes into text. ``filename`` is only compared, never trusted."""
    if not data:
        raise BinaryContent("Tệp tải lên rỗng, không có nội dung để nhập.")
    kind = sniff(data)
    if kind == "pdf":
        text, encoding = _pdf_text(data), None
    elif kind == "docx":
        text, encoding = _docx_text(data, max_uncompressed, max_entries), None
    else:
        text, encoding = decode_text(data)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").translate(_UNSEEN)
    text = without_page_furniture(text)
    if kind == "text":
        text = _bracketed_headings(_tab_tables(_sheet_as_tabs(text)))
    if kind in ("text", "pdf"):
        text = _paired_space_tables(_spaced_tables(_aligned_tables(text)))
    return ExtractedText(text=text, kind=kind, encoding=encoding, name_mismatch=_mismatch(filename, kind))


# "Trang 2/5", "Sở GD&ĐT Phú Thọ - KH số 386/KH-SGDĐT - Trang 2/6": a page's running number, alone or closing a
# running title
_PAGE_NUMBER_RE = re.compile(r"^(?:.*\S\s+[-–|]\s+)?Trang\s+\d{1,3}\s*/\s*\d{1,3}\s*$", re.IGNORECASE)
# a browser's printed page footer: the page's address and its number ("https://…/ke-hoach-71.html   2/3")
_PRINTED_PAGE_RE = re.compile(r"^\s*(?:https?://|www\.)\S+\s+\d{1,3}\s*/\s*\d{1,3}\s*$", re.IGNORECASE)
# a digital signature's stamp (Decree 30/2020): "Ký bởi: …", "Cơ quan: …", "Thời gian ký: 09.02.2026 16:20:41 +07:00"
_STAMP_OPEN_RE = re.compile(r"^\s*(?:ký\s+bởi|người\s+ký|thời\s+gian\s+ký)\s*:", re.IGNORECASE)
_STAMP_TIME_RE = re.compile(r"\d{1,2}:\d{2}:\d{2}\s*[+-]\d{2}:?\d{2}")


def without_page_furniture(text: str) -> str:
    """``text`` without what an electronic document system or a word processor stamps on the page rather than writes
    in the plan: a page's running number ("Trang 2/5", alone or after a running title), a browser's printed footer
    (the page's address and number) and a digital signature's
    stamp ("Ký bởi: Nguyễn Văn A | Cơ quan: … | Thời gian ký: 12.10.2026 09:58:47 +07:00"), up to its signing time
    (a time to the second with its zone, which no plan's prose writes) where the stamp wraps over a few lines."""
    lines = text.split("\n")
    kept: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if _PAGE_NUMBER_RE.match(line) or _PRINTED_PAGE_RE.match(line):
            k += 1
            continue
        if _STAMP_OPEN_RE.match(line):
            # the stamp's lines run on to its signing time, three lines at most
            end = next((j for j in range(k, min(k + 3, len(lines))) if _STAMP_TIME_RE.search(lines[j])), k)
            k = end + 1
            continue
        kept.append(line)
        k += 1
    return "\n".join(kept)


def _mismatch(filename: str | None, kind: Kind) -> bool:
    if not filename or "." not in filename:
        return False
    ext = filename.rsplit(".", 1)[1].lower()
    expected = {"docx": {"docx"}, "pdf": {"pdf"}, "text": {"txt", "text", "md", "csv"}}[kind]
    return ext not in expected


# ---------------------------------------------------------------------------- DOCX
def _docx_text(data: bytes, max_uncompressed: int, max_entries: int) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise CorruptDocument("Tệp Word (.docx) bị hỏng hoặc không đọc được.") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > max_entries:
            raise ArchiveTooLarge(
                f"Tệp Word có quá nhiều thành phần ({len(infos)}), vượt giới hạn cho phép; tệp bị từ chối."
            )
        total = 0
        for info in infos:
            total += info.file_size
            if total > max_uncompressed:
                raise ArchiveTooLarge(
                    "Nội dung giải nén của tệp Word vượt quá giới hạn "
                    f"{max_uncompressed // (1024 * 1024)} MB; tệp bị từ chối (nghi ngờ “bom nén”)."
                )
            if info.file_size > 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                raise ArchiveTooLarge(
                    "Tỷ lệ nén của tệp Word bất thường; tệp bị từ chối (nghi ngờ “bom nén”)."
                )
        names = {info.filename for info in infos}
        if "word/document.xml" not in names:
            raise UnsupportedFileType(
                "Tệp nén tải lên không phải tài liệu Word (.docx). "
                "Chỉ chấp nhận tệp Word (.docx), PDF có lớp chữ hoặc tệp văn bản (.txt)."
            )
    try:
        import docx  # python-docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        label = _list_labels(document)
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(label(block._p) + _paragraph_text(block._p))
    except ImportRefused:
        raise
    except Exception as exc:  # python-docx / lxml raise many kinds on a damaged file
        raise CorruptDocument("Tệp Word (.docx) bị hỏng hoặc không đọc được.") from exc
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# what holds a paragraph's runs besides the paragraph itself: a revision inserted and left in the file (read as
# accepted), a link, a content control's content, a smart tag, a simple field, a moved-to passage; a deletion
# (w:del, w:moveFrom) and a content control's properties are not the text
_RUN_HOLDERS = {_W + tag for tag in ("ins", "hyperlink", "sdt", "sdtContent", "smartTag", "fldSimple", "moveTo",
                                     "customXml")}


def _paragraph_text(p) -> str:
    """A paragraph's text as Word shows it with its tracked changes accepted: python-docx reads only the runs
    directly in the paragraph, so a figure typed in as a revision or into a content control would be lost."""
    parts: list[str] = []
    for child in p:
        if child.tag == _W + "r":
            parts.append(child.text)
        elif child.tag in _RUN_HOLDERS:
            parts.append(_paragraph_text(child))
    return "".join(parts)


_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50), ("XL", 40),
          ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def _list_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = ""
        for letters, value in _ROMAN:
            while n >= value:
                roman, n = roman + letters, n - value
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    return f"{n:02d}" if fmt == "decimalZero" else str(n)


def _list_labels(document):
    """The label Word's automatic numbering prints before a paragraph ("II. ", "1. ", "a) ", "- "), which the file
    keeps in its list definitions (numPr), not in the text: a plan's sections and its numbered targets are known by
    it. Paragraphs must be given in document order; each list counts on, a deeper level restarting under a new item
    of the level above."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return lambda p: ""
    levels: dict[str, dict[int, tuple[int, str, str]]] = {}
    for abstract in numbering.findall(_W + "abstractNum"):
        defined = levels.setdefault(abstract.get(_W + "abstractNumId"), {})
        for lvl in abstract.findall(_W + "lvl"):
            start, fmt, text = (lvl.find(_W + tag) for tag in ("start", "numFmt", "lvlText"))
            defined[int(lvl.get(_W + "ilvl", "0"))] = (
                int(start.get(_W + "val")) if start is not None else 1,
                fmt.get(_W + "val") if fmt is not None else "decimal",
                text.get(_W + "val", "") if text is not None else "")
    lists: dict[str, dict[int, tuple[int, str, str]]] = {}
    for num in numbering.findall(_W + "num"):
        abstract_id = num.find(_W + "abstractNumId")
        defined = dict(levels.get(abstract_id.get(_W + "val"), {}) if abstract_id is not None else {})
        for override in num.findall(_W + "lvlOverride"):
            ilvl, start = int(override.get(_W + "ilvl", "0")), override.find(_W + "startOverride")
            if start is not None and ilvl in defined:
                defined[ilvl] = (int(start.get(_W + "val")),) + defined[ilvl][1:]
        lists[num.get(_W + "numId")] = defined
    counts: dict[str, dict[int, int]] = {}

    def label(p) -> str:
        numbered = p.find(f"{_W}pPr/{_W}numPr")
        num_id = numbered.find(_W + "numId") if numbered is not None else None
        defined = lists.get(num_id.get(_W + "val")) if num_id is not None else None
        if not defined:
            return ""
        ilvl_el = numbered.find(_W + "ilvl")
        ilvl = int(ilvl_el.get(_W + "val")) if ilvl_el is not None else 0
        if ilvl not in defined:
            return ""
        count = counts.setdefault(num_id.get(_W + "val"), {})
        count[ilvl] = count.get(ilvl, defined[ilvl][0] - 1) + 1
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]
        _, fmt, text = defined[ilvl]
        if fmt == "none":
            return ""
        if fmt == "bullet":
            # a bullet drawn from a symbol font is a private-use character: any bullet reads as a dash
            return (text if text in ("-", "–", "+", "•") else "-") + " "
        printed = re.sub(r"%(\d)", lambda m: _list_number(
            count.get(int(m.group(1)) - 1, defined.get(int(m.group(1)) - 1, (1,))[0]),
            defined.get(int(m.group(1)) - 1, (1, "decimal"))[1]), text)
        return printed + " " if printed.strip() else ""

    return label


# "…, ngày 24 tháng 12 năm 2025" (the day may be left blank in a draft: "ngày   tháng 12 năm 2025")
_DATE_RE = re.compile(r"ng[àa]y\b.{0,12}th[áa]ng\b.{0,12}n[ăa]m\s+20\d\d", re.IGNORECASE)


def _table_lines(table) -> list[str]:
    """Cell paragraphs row by row; merged cells (the same cell repeated) only once.

    A table of data (three columns or more, or years as column headings: "Chỉ tiêu | Năm 2026 | Năm 2030")
    gives one line per row, its cells joined by " | ", so a value stays beside its column's horizon; a
    layout table (the two-column header and signature blocks) gives one line per paragraph. A header laid in one
    row ("ỦY BAN NHÂN DÂN / XÃ … / Số: …" beside "CỘNG HÒA … / …, ngày 24 tháng 12 năm 2025") has a year in its
    second cell too, but in a date: a column heading is no date.
    """
    from docx.table import Table

    rows = [_distinct_cells(row) for row in table.rows]
    if rows and (max(len(r) for r in rows) >= 3 or _targets_column(rows) or any(
            re.search(r"\b20\d\d\b", c.text) and not _DATE_RE.search(c.text) for c in rows[0][1:])):
        width = max(len(r) for r in rows)
        # a group row merged across the table ("II. Chất lượng giáo dục") keeps its columns, or it would read as
        # the plan's next section
        lines = [" | ".join([_cell_text(c) for c in cells] + [""] * (width - 1 if len(cells) == 1 else 0))
                 for cells in rows]
        heading = _two_row_heading(table)
        lines = [heading] + lines[2:] if heading else lines
        numbering = [_numbers_columns(cells, rows[:i]) for i, cells in enumerate(rows)]
        numbering = [False] + numbering[2:] if heading else numbering
        return [line for line, skip in zip(lines, numbering) if not skip]
    lines: list[str] = []
    seen: list = []   # the cell elements themselves (keeping them alive keeps identity meaningful)
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            for block in cell.iter_inner_content():
                if isinstance(block, Table):
                    lines.extend(_table_lines(block))
                else:
                    lines.append(_paragraph_text(block._p))
    return lines


# A two-column table's heading over its figures ("Lĩnh vực | Chỉ tiêu", "Nội dung | Mục tiêu (%)")
_TARGETS_HEAD_RE = re.compile(r"(?:chỉ tiêu|mục tiêu|kế hoạch|phấn đấu)(?:\s*\([^()]{1,12}\))?", re.IGNORECASE)


def _targets_column(rows: list[list]) -> bool:
    """Whether a two-column table is data, not layout: "Lĩnh vực | Chỉ tiêu" over rows of a label and a short figure
    ("Học sinh bỏ học (%) | dưới 0,5"), each row's figure to stay beside its label."""
    if len(rows) < 3 or any(len(r) != 2 for r in rows) or not _TARGETS_HEAD_RE.fullmatch(_cell_text(rows[0][1])):
        return False
    figures = [_cell_text(r[1]) for r in rows[1:]]
    return all(len(f) <= 30 for f in figures) and sum(bool(re.search(r"\d", f)) for f in figures) >= 2


def _cell_text(cell) -> str:
    return re.sub(r"\s+", " ", "\n".join(_paragraph_text(p._p) for p in cell.paragraphs)).strip()


# What a sub-heading under a year says when its column holds that year's targets ("Đến năm 2030" over "Chỉ tiêu |
# Lộ trình": the first column is the target, the second how to reach it)
_TARGET_SUBHEAD_RE = re.compile(r"(?:chỉ tiêu|mục tiêu|kế hoạch|phấn đấu|giá trị|mức)", re.IGNORECASE)


def _two_row_heading(table) -> str | None:
    """A heading laid over two rows ("Chỉ tiêu" and "Năm 2026" merged down both rows beside "Đến năm 2030" merged
    across "Chỉ tiêu | Lộ trình") as one heading line with one cell per column of the rows under it, so a value keeps
    its column's horizon. A column takes its lower heading, unless that only says "the target" under a year above
    it: then the year's. Any other heading is None (read row by row)."""
    rows = list(table.rows)
    if len(rows) < 3:
        return None
    upper, lower = list(rows[0].cells), list(rows[1].cells)
    if len(upper) != len(lower) or not any(a._tc is b._tc for a, b in zip(upper, lower)):
        return None
    # only a year split into its target and something else needs the two joined: a year over school levels ("Năm
    # 2026" over "Mầm non | Tiểu học") or "Cấp học" over levels is read as it stands
    # or a heading over years merged across them ("Lộ trình" over "2026 | 2028 | 2030")
    if not any(a._tc is not b._tc and re.search(r"\b20\d\d\b", _cell_text(a))
               and _TARGET_SUBHEAD_RE.fullmatch(_cell_text(b)) for a, b in zip(upper, lower)) and not _merged_over_years(upper, lower):
        return None
    cells: list[str] = []
    seen: list = []
    for a, b in zip(upper, lower):
        if any(b._tc is tc for tc in seen):
            continue
        seen.append(b._tc)
        above, under = _cell_text(a), _cell_text(b)
        if a._tc is b._tc or (re.search(r"\b20\d\d\b", above) and not re.search(r"\b20\d\d\b", under)
                                and _TARGET_SUBHEAD_RE.fullmatch(under)):
            cells.append(above)
        else:
            cells.append(under)
    return " | ".join(cells)


def _merged_over_years(upper: list, lower: list) -> bool:
    """Whether a heading cell without a year is merged across two columns or more whose lower cells are years."""
    for a in {id(a._tc): a for a in upper}.values():
        under = [_cell_text(b) for u, b in zip(upper, lower) if u._tc is a._tc and b._tc is not a._tc]
        if len(set(under)) >= 2 and not re.search(r"\b20\d\d\b", _cell_text(a)) and all(
                YEAR_HEAD_CELL_RE.fullmatch(c) for c in set(under)):
            return True
    return False


def _numbers_columns(cells: list, above: list[list]) -> bool:
    """Whether a Word table's row only numbers its columns ("(1) | (2) | (3)" under the headings): its worded cells,
    if any, are headings merged down into it ("TT | Chỉ tiêu | (1) | (2)"), the very cells of a row above. A row
    whose label is its own ("Phòng học thông minh | 1 | 2") holds values, however they count."""
    texts = [_cell_text(c) for c in cells]
    if not numbering_row(texts):
        return False
    headings = [c._tc for row in above for c in row]
    return all(not text or _COLUMN_NUMBER_RE.fullmatch(text) or any(c._tc is tc for tc in headings)
               for c, text in zip(cells, texts))


def _distinct_cells(row) -> list:
    """A row's cells, a merged cell (python-docx repeats it once per grid column) only once."""
    cells: list = []
    for cell in row.cells:
        if not any(cell._tc is c._tc for c in cells):
            cells.append(cell)
    return cells


def _sheet_as_tabs(text: str) -> str:
    """A sheet saved as delimited text (Excel's CSV: ";" or "," between cells, a cell holding the separator quoted,
    "5,200") as tab text, the way a sheet is pasted. Excel writes every row with as many cells, the empty ones too
    (";;;;;;"), so a text is such a sheet when nearly all its lines split into the same four cells or more, some of
    them empty (the title's row); prose never does."""
    for separator in (";", ","):
        rows = list(csv.reader(text.split("\n"), delimiter=separator))
        widths = [len(row) for row in rows if "".join(row).strip()]
        width = max(set(widths), key=widths.count, default=0)
        padded = sum(1 for row in rows if len(row) == width and sum(not c.strip() for c in row) >= width // 2)
        if width >= 4 and len(widths) >= 5 and widths.count(width) >= 0.9 * len(widths) and padded >= 2:
            cells = [[c.strip() for c in row] for row in rows]
            if separator == ",":
                # a sheet whose list separator is "," was saved in the English locale: "98.5" is a decimal point,
                # "5,200" a thousands separator, the other way round from a Vietnamese figure
                cells = [[_ENGLISH_FIGURE_RE.sub(lambda m: m[1] + m[2].translate(_SWAPPED_MARKS) + m[3], c) for c in row]
                         for row in cells]
            return "\n".join("\t".join(row) if "".join(row) else "" for row in cells)
    return _semicolon_blocks(text)


def _semicolon_blocks(text: str) -> str:
    """A plain text's tables pasted from a sheet saved with ";" between cells, among the prose ("Chỉ tiêu;2026;2027"
    over "Tuyển sinh (học viên);150;160"), as tab text. Such a block is three lines or more of as many short cells,
    four at least, its rows under the first mostly figures; prose parted by ";" is neither so short nor so regular."""
    lines = text.split("\n")
    rows = [next(csv.reader([line], delimiter=";")) if ";" in line else [] for line in lines]
    i = 0
    while i < len(lines):
        j = i + 1
        width = len(rows[i])
        while j < len(lines) and len(rows[j]) == width:
            j += 1
        block = rows[i:j]
        # (a form's rows may be words, "I;Chương trình giáo dục;GDPT 2018;GDPT 2018;…", among its rows of figures)
        if width >= 4 and j - i >= 3 and all(len(c.strip()) <= 60 for row in block for c in row) and 3 * sum(
                2 * sum(bool(_SHEET_FIGURE_RE.fullmatch(c.strip()) or _SHEET_MARK_RE.fullmatch(c.strip())) for c in row)
                >= width for row in block[1:]) >= 2 * len(block[1:]):
            lines[i:j] = ["\t".join(c.strip() for c in row) for row in block]
        i = j
    return "\n".join(lines)


# a sheet's cell holding a figure, or a mark for none ("-", "x")
_SHEET_FIGURE_RE = re.compile(r"[<>≤≥]?\s*\d[\d.,]*\s*%?|[-–x]|\d{4}\s*[-–]\s*\d{4}")
# a form's cell that is as good as a figure: empty, "Có" / "Không", a bound or a range ("dưới 1%", "0,3 - 0,5%")
_SHEET_MARK_RE = re.compile(r"|có|không|(?:dưới|trên|tối (?:thiểu|đa)|ít nhất|không (?:quá|dưới))\s*\d[\d.,]*\s*%?"
                            r"|\d[\d.,]*\s*%?\s*[-–]\s*\d[\d.,]*\s*%?", re.IGNORECASE)


_ENGLISH_FIGURE_RE = re.compile(r"^([<>≤≥=]?\s*)(\d{1,3}(?:,\d{3})*(?:\.\d+)?)(\s*%?)$")
_SWAPPED_MARKS = str.maketrans(".,", ",.")


def _tab_tables(text: str) -> str:
    """A plain text's tables (a Word table copied and pasted: its cells separated by tabs) one row a line, the cells
    joined by " | " as a Word table is read. A table is a run of lines holding tabs of which one fills three cells or
    more (the header's and the signature's two columns side by side fill two); its lines of as many cells, two of
    them filled at least, are rewritten, the others (a group heading) kept."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        if j == i:
            i += 1
            continue
        # a formula's error ("#DIV/0!" where a count is not entered yet) holds no figure: an empty cell
        cells = [[_SHEET_ERROR_RE.sub("", c) for c in lines[k].strip(" ").split("\t")] for k in range(i, j)]
        filled = [sum(bool(c.strip()) for c in row) for row in cells]
        width = max(len(row) for row in cells)
        # a row whose last cells are empty ("Ghi chú" left blank) lost their tabs with the line's trailing spaces
        cells = [row + [""] * (width - len(row)) if len(row) >= 3 and filled[k] >= 2 else row
                 for k, row in enumerate(cells)]
        full = [k for k in range(i, j) if len(cells[k - i]) == width and filled[k - i] >= 2]
        if (max(filled) >= 3 or _target_heading(cells[0])) and len(full) >= 2:
            stacked = full[:2] == [i, i + 1] and (one := stacked_heading(cells[0], cells[1]))
            if stacked:
                # "Lộ trình" merged over the years in the row under it; a measure with its unit merged over them
                # ("Phòng học thông minh (phòng)" over "Năm 2028 | Năm 2030", the rows schools) stays as the line
                # above the table that names what its figures count
                over = [c.strip() for c, under in zip(cells[0], cells[1]) if under.strip() and c.strip()]
                cells[1], lines[i] = one, over[0] if len(over) == 1 and _MEASURE_RE.fullmatch(over[0]) else None
            elif (depth := _heading_depth(cells[full[0] - i:])) >= 3:
                top = full[0] - i
                cells[top + depth - 1] = _folded_heading(cells[top:top + depth])
                lines[full[0]:full[0] + depth - 1] = [None] * (depth - 1)
            for k in range(i + bool(stacked), j):
                if lines[k] is None:
                    continue   # a heading row folded into the one under it
                if k in full:
                    lines[k] = None if numbering_row(cells[k - i]) else " | ".join(
                        re.sub(r"\s+", " ", c).strip() for c in cells[k - i])
                elif full[0] < k < full[-1] and len(cells[k - i]) == width and filled[k - i] == 1:
                    # a group row between the rows ("II. Chất lượng giáo dục"): a row still, not the plan's next section
                    lines[k] = " | ".join(re.sub(r"\s+", " ", c).strip() for c in cells[k - i])
        i = j
    return "\n".join(line for line in lines if line is not None)


_MEASURE_RE = re.compile(r"[^\d|()]{2,80}\(\s*[^\W\d_][^\d()]{0,11}\)")
_SHEET_ERROR_RE = re.compile(r"^\s*#(?:DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!)\s*$")
_FIGURE_CELL_RE = re.compile(r"[<>≤≥=]?\s*\d[\d.,]*\s*%?")


def _heading_depth(rows: list[list[str]]) -> int:
    """How many rows a sheet's heading takes: its first row and those under it that continue it (their first
    column, "STT", merged down, so empty, and no figure in them)."""
    depth = 1
    while depth < len(rows) and not rows[depth][0].strip() and not any(
            _FIGURE_CELL_RE.fullmatch(c.strip()) for c in rows[depth]):
        depth += 1
    return depth


def _folded_heading(rows: list[list[str]]) -> list[str]:
    """A heading laid over three rows or more ("Kế hoạch" merged across "Năm học 2026-2027 | Giai đoạn đến 2030",
    the latter across "Năm 2028 | Năm 2030") as one row: each column its headings from the top down, a merged one
    over every column it spans (as far right as its neighbours are empty, within the span of the cell above it). A
    year below replaces a year above ("Giai đoạn đến 2030" over "Năm 2028": the column is 2028's)."""
    width = len(rows[-1])
    spans = [[(0, width)]] + [[] for _ in rows]
    names: list[list[str]] = [[] for _ in range(width)]
    for level, row in enumerate(rows):
        for start, end in spans[level]:
            filled = [k for k in range(start, end) if k < len(row) and row[k].strip()]
            for n, k in enumerate(filled):
                stop = filled[n + 1] if n + 1 < len(filled) else end
                spans[level + 1].append((k, stop))
                for column in range(k, stop):
                    names[column].append(re.sub(r"\s+", " ", row[k]).strip())
    return [" ".join(name for n, name in enumerate(column)
                     if not (_YEAR_IN_HEADING_RE.search(name) and any(_YEAR_IN_HEADING_RE.search(v) for v in column[n + 1:])))
            for column in names]


_YEAR_IN_HEADING_RE = re.compile(r"\b20\d\d\b")
_CELL_GAP_RE = re.compile(r"\s{3,}")
_ALIGNED_CELL_RE = re.compile(r"[^ \t]+(?: {1,2}[^ \t]+)*")   # (a no-break space, "≥ 95%", is inside a cell)


def _aligned_cells(line: str) -> list[tuple[int, int, str]]:
    """A line's cells where runs of three spaces or more part them: (start, end, text)."""
    return [(m.start(), m.end(), m.group()) for m in _ALIGNED_CELL_RE.finditer(line)]


def _aligned_tables(text: str) -> str:
    """Tables lined up with spaces whose cells stand under their column's heading, some of them empty ("Tỷ lệ …    x
    Từ 71%    –" under "Chỉ tiêu    Năm 2026    Năm 2030    Năm 2034"): each row one line, its cells put in their columns
    by where they start and joined by " | ", so an empty cell keeps its place. A table starts at a line of three cells
    or more; a line goes on it when its cells start where columns start (a second heading line may start new columns:
    the years under "Lộ trình"); a line of one cell where the table's first column starts, with rows after it, is a
    group row ("II. Chất lượng giáo dục"). A cell reaching into the next column, or fewer than two rows with figures,
    and the lines are left as they are (:func:`_spaced_tables` reads tables whose every line fills every cell)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        first = _aligned_cells(lines[i])
        if (len(first) < 3 and not _target_heading([c[2] for c in first])) or "|" in lines[i] or "\t" in lines[i]:
            out.append(lines[i])
            i += 1
            continue
        starts = [c[0] for c in first]
        rows = [first]
        j = i + 1
        while j < len(lines) and "|" not in lines[j] and "\t" not in lines[j] and lines[j].strip():
            cells = _aligned_cells(lines[j])
            fits = all(any(abs(c[0] - x) <= 1 for x in starts) for c in cells)
            if len(cells) == 1 and not (fits and cells[0][0] <= starts[0] + 1 and j + 1 < len(lines)
                                        and len(_aligned_cells(lines[j + 1])) >= 2):
                break
            if not fits and (j - i > 2 or len(cells) < 2):
                break
            starts = sorted({*starts, *(c[0] for c in cells if not any(abs(c[0] - x) <= 1 for x in starts))})
            rows.append(cells)
            j += 1
        placed = _placed(rows, starts)
        if placed is None or len(starts) < 3 and not _target_heading(placed[0]) or sum(
                any(re.search(r"\d", c) for c in row[1:]) for row in placed) < 2:
            out.append(lines[i])
            i += 1
            continue
        if len(placed) >= 2 and (one := stacked_heading(placed[0], placed[1])):
            placed = [one] + placed[2:]
        if out and _flat_heading(heads := _CELL_GAP_RE.split(out[-1].strip()), len(starts)):
            out[-1] = " | ".join(heads)   # headings centred over their columns, the values lined up under each other
        out += [" | ".join(row) for row in placed if not numbering_row(row)]
        i = j
    return "\n".join(out)


def _flat_heading(cells: list[str], width: int) -> bool:
    """Whether a line's cells (parted by three spaces or more) head a table of ``width`` columns: as many cells, each
    named in words, no figure in them but a year."""
    return len(cells) == width >= 3 and "|" not in "".join(cells) and all(
        re.search(r"[^\W\d_]", c) and not re.search(r"\d", _YEAR_IN_HEADING_RE.sub("", c)) for c in cells)


def _placed(rows: list[list[tuple[int, int, str]]], starts: list[int]) -> list[list[str]] | None:
    """Each row's cells in the columns they start in, or None when a cell reaches into the next column."""
    placed = []
    for cells in rows:
        row = [""] * len(starts)
        for start, end, cell in cells:
            col = min(range(len(starts)), key=lambda k: abs(starts[k] - start))
            if col + 1 < len(starts) and end > starts[col + 1] or row[col]:
                return None
            row[col] = cell
        placed.append(row)
    return placed


def _spaced_tables(text: str) -> str:
    """Tables whose columns were lined up with spaces (typed so in a plain text, or drawn so in a PDF: "Chỉ tiêu
    Năm 2026      Năm 2028" over "Tỷ lệ … (%)      85      90") one row a line, the cells joined by " | ". A table is
    a run of two lines or more that runs of three spaces cut into as many cells, three at least (the header's two
    columns side by side give two), figures in the last cell of two of them."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        width = len(_CELL_GAP_RE.split(lines[i].strip()))
        j = i + 1
        while j < len(lines) and "|" not in lines[j] and len(_CELL_GAP_RE.split(lines[j].strip())) == width:
            j += 1
        rows = [_CELL_GAP_RE.split(lines[k].strip()) for k in range(i, j)]
        if width >= 3 and "|" not in lines[i] and j - i >= 2 and sum(
                bool(re.search(r"\d", r[-1])) for r in rows) >= 2:
            lines[i:j] = [" | ".join(r) for r in rows]
        i = j
    return "\n".join(lines)


_PAIRED_GAP_RE = re.compile(r"(?<=\S)  (?=\S)")
# A cell that is one figure ("≥ 95%", "0,35%", "40 phòng", "–"), its unit three words at most ("4 câu lạc bộ")
_FLAT_VALUE_RE = re.compile(r"(?:[≥≤<>=]\s*)?\d[\d.,]*\s*%?(?:\s+[^\W\d_]+(?:/[^\W\d_]+)?){0,3}|[-–x]")


def _paired_space_tables(text: str) -> str:
    """Tables a generator flattened into lines, a row a line, its cells parted by two spaces and their words by one
    ("STT  Chỉ tiêu  Đến năm 2030  Năm 2025" over "1  Tỷ lệ huy động trẻ ra lớp  99,5%  98,7%"), one row a line, the
    cells joined by " | ". Two spaces also fall between words by chance (a justified line, a careless typist), so a
    table is only a heading of three cells or more, none a figure but a year, over two rows or more cut into as many
    cells: a serial number or none, a label, and figures alone after it."""
    lines = text.split("\n")

    def cells(line: str) -> list[str]:
        return [] if "|" in line or _CELL_GAP_RE.search(line.strip()) else _PAIRED_GAP_RE.split(line.strip())

    def heading(row: list[str]) -> bool:
        return len(row) >= 3 and all(re.search(r"[^\W\d_]", c) and not re.search(r"\d", re.sub(r"20\d\d", "", c))
                                     for c in row)

    def values(row: list[str], width: int) -> bool:
        label = 1 if row and re.fullmatch(r"\d{1,3}\.?", row[0]) else 0
        return len(row) == width and bool(re.search(r"[^\W\d_]", row[label])) and all(
            _FLAT_VALUE_RE.fullmatch(c) for c in row[label + 1:])

    i = 0
    while i < len(lines):
        head = cells(lines[i])
        j = i + 1
        while heading(head) and j < len(lines) and values(cells(lines[j]), len(head)):
            j += 1
        if j - i >= 3:
            lines[i:j] = [" | ".join(cells(lines[k])) for k in range(i, j)]
        i = j
    return "\n".join(lines)


# A part's heading that names its table's columns in a bracket, the rows typed under it with their cells parted by
# "|": "2. Đến năm 2030 (chỉ tiêu | năm học 2025-2026 | đến 2030)" over "Học sinh vào lớp 10 | 82,4% | 90%"
_BRACKETED_HEADING_RE = re.compile(r"(?P<part>.*\S)\s*\((?P<cells>[^()|]+(?:\|[^()|]+){2,})\)\s*:?\s*$")


def _bracketed_headings(text: str) -> str:
    """The columns a heading names in its bracket set on a line of their own, as the table's heading row, when two
    rows or more of as many cells follow it: the headings tell which column holds the targets (a column of a past
    school year beside them holds its results)."""
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        m = _BRACKETED_HEADING_RE.match(line)
        width = len(m.group("cells").split("|")) if m else 0
        if m and i + 2 < len(lines) and all(lines[k].count("|") == width - 1 for k in (i + 1, i + 2)):
            out += [m.group("part"), " | ".join(c.strip() for c in m.group("cells").split("|"))]
        else:
            out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------- PDF
def _pdf_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorruptDocument("Tệp PDF được đặt mật khẩu, không đọc được nội dung.")
        if len(reader.pages) == 0:
            raise CorruptDocument("Tệp PDF bị hỏng hoặc không có trang nào.")
        pages, carried = [], None
        for page in reader.pages:
            text, carried = _page_text(page, carried)
            pages.append(text)
        pages[0] = _framed_header_first(pages[0])
    except ImportRefused:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError… on damage
        raise CorruptDocument("Tệp PDF bị hỏng hoặc không đọc được.") from exc
    # each page's furniture goes before a row a page break cut is put back together across it
    pages = _without_running_lines([without_page_furniture(page) for page in pages])
    text = _rejoin_cut_words("\n".join(_rejoin_cut_rows(pages)))
    if sum(1 for ch in text if not ch.isspace()) < MIN_PDF_TEXT_CHARS:
        raise NoTextLayer(
            "Tệp PDF không có lớp chữ (có thể là bản quét). "
            "Vui lòng tải lên tệp Word hoặc PDF xuất trực tiếp từ Word."
        )
    return text


_MOTTO_RE = re.compile(r"C[ỘO]NG H[ÒO]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM", re.IGNORECASE)
_HEADER_LINE_RE = re.compile(r"(?:S[ốo]\s*:|Đ[ộo]c l[ậa]p\b)", re.IGNORECASE)


def _header_block_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and (all(ch.isupper() for ch in letters) or bool(_HEADER_LINE_RE.match(line))
                              or bool(_DATE_RE.search(line)))


def _framed_header_first(page: str) -> str:
    """A header laid in frames or text boxes (issuer beside the national motto) floats at the page's top, but a word
    processor exporting to PDF draws it after the body, so its lines close the first page's text; put them back at
    the front. The block is the motto and the header lines around it (names in capitals, "Số: …", "Độc lập - …",
    the place and date) ending the page, with body text before it."""
    lines = page.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    motto = [k for k, line in enumerate(lines) if _MOTTO_RE.fullmatch(line.strip())]
    if not motto:
        return page
    start = motto[-1]
    while start > 0 and _header_block_line(lines[start - 1].strip()):
        start -= 1
    if start == 0 or any(_MOTTO_RE.search(line) for line in lines[:start]) \
            or not all(_header_block_line(line.strip()) for line in lines[start:]):
        return page
    return "\n".join(lines[start:] + lines[:start])


def _without_running_lines(pages: list[str]) -> list[str]:
    """The pages without a running title: a line that opens (or closes) every page, the first page aside (a cover
    page often carries none), two at least, word for word ("Trường Tiểu học An Hòa - Kế hoạch số 87/KH-TH"). A table's
    repeated heading row ("TT | Chỉ tiêu | …", or its words as the reader gave them) is the table's, not the page's."""
    def edge(page: str, last: bool) -> int | None:
        at = [k for k, line in enumerate(page.split("\n")) if line.strip()]
        return (at[-1] if last else at[0]) if at else None

    drop: list[set[int]] = [set() for _ in pages]
    for last in (False, True):
        at = [edge(page, last) for page in pages]
        lines = [page.split("\n")[k].strip() if k is not None else None for page, k in zip(pages, at)]
        for line in {line for line in lines[1:] if line}:
            pages_with = [n for n, other in enumerate(lines) if other == line]
            if (len(pages_with) >= 2 and set(pages_with) >= set(range(1, len(pages))) and " | " not in line
                    and not re.match(r"(?:S?TT|Số TT)\b", line)):
                for n in pages_with:
                    drop[n].add(at[n])
    return ["\n".join(line for k, line in enumerate(page.split("\n")) if k not in drop[n]) if drop[n] else page
            for n, page in enumerate(pages)]


def _rejoin_cut_rows(pages: list[str]) -> list[str]:
    """A table row a page break cut (a word processor lets a row break across pages): the next page opens with the
    rest of its cells, its first cell (the row's number) empty, as many cells as the row above ("10 | Học sinh tham
    gia hoạt động | 100% | Năm học 2026- | Tổ chuyên môn" / " | STEM |  | 2027 | "), some cells the row filled left
    empty. Each piece goes back to the end of its cell, and the row stands whole on the page it began on. (A whole
    row under a cell merged down its first column, "Mầm non" over two rows, fills every other cell: a row of its own.)
    In a table that does not number its rows the first cell is the label: its rest opens on a small letter ("Lớp học
    2 | 100 | 100" / "buổi/ngày (%) |  | "), where a row's own label opens on a capital. The table's headings alone
    at a page's foot take the rest the next page opens with into every cell ("Chỉ tiêu | Hiện trạng | Mục tiêu" /
    " | 2025 | 2030")."""
    pages = list(pages)
    for k in range(1, len(pages)):
        above = pages[k - 1].rstrip("\n").split("\n")
        below = pages[k].lstrip("\n").split("\n")
        upper, lower = above[-1].split(" | "), below[0].split(" | ")
        if len(upper) < 3 or len(lower) != len(upper) or lower[0].strip() and not lower[0].strip()[:1].islower() \
                or not upper[0].strip() or not (_ROWS_HEAD_RE.fullmatch(upper[0].strip()) or any(
                u.strip() and not w.strip() for u, w in zip(upper[1:], lower[1:]))):
            continue
        above[-1] = " | ".join(f"{u.rstrip()} {w.strip()}".strip() if w.strip() else u for u, w in zip(upper, lower))
        pages[k - 1], pages[k] = "\n".join(above), "\n".join(below[1:])
    return pages


_VOWELS = set("aăâeêioôơuưy" + "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_LETTERS = r"[a-zđ" + "".join(sorted(_VOWELS - set("aeiouy"))) + r"]"
# a line ending on letters and the next opening on small letters, neither side a space: where a line is cut
# mid-word they are one word ("kỹ năng s" / "ống"); not the next item's "a)"
_CUT_WORD_RE = re.compile(r"(?<=[^\W\d_])\n(?=" + _LETTERS + r"(?!\s*\)))")
_CUT_PIECES_RE = re.compile(r"(" + _LETTERS + r"+)\n(" + _LETTERS + r"+)\b")
# a decimal figure cut after its comma ("7," / "00"): prose's comma is followed by a space, on whichever line
_CUT_DECIMAL_RE = re.compile(r"(?<=\d,)\n(?=\d)")


def _rejoin_cut_words(text: str) -> str:
    """A PDF that wraps its lines at the margin whatever the word (as some generators draw a paragraph) cuts words
    across lines. Where at least two breaks leave a piece no Vietnamese syllable can be, having no vowel ("mức đ" /
    "ộ 2", "công n" / "ghệ"), the document cuts words: every break between letters with no space beside it is
    inside a word ("85% và" / "o năm 2030"), and so is a break just after a figure's decimal comma ("7," / "00"); a
    break the wrap put on a space keeps it ("… và " / "học")."""
    nfc = unicodedata.normalize("NFC", text)
    cuts = sum(1 for m in _CUT_PIECES_RE.finditer(nfc) if not _VOWELS & set(m.group(1)) or not _VOWELS & set(m.group(2)))
    return _CUT_DECIMAL_RE.sub("", _CUT_WORD_RE.sub(_one_syllable, nfc)) if cuts >= 2 else text


_VOWEL_RUN_RE = re.compile("[" + "".join(sorted(_VOWELS)) + "]+")
_WORD_AT_RE = re.compile(r"[^\W\d_]*")


def _one_syllable(m: re.Match) -> str:
    """The break joined when the pieces on either side make one syllable (one run of vowels: "Ch" / "ính"), kept when
    they are two words the line happened to end between ("Chính" / "trị": no syllable holds two runs)."""
    start = m.start()
    while start > 0 and m.string[start - 1].isalpha():
        start -= 1
    right = _WORD_AT_RE.match(m.string, m.end()).group(0)
    return "" if len(_VOWEL_RUN_RE.findall((m.string[start:m.start()] + right).lower())) <= 1 else m.group(0)


def _page_text(page, carried: list[list[float]] | None = None) -> tuple[str, list[list[float]] | None]:
    """A page's text, its tables rewritten one row a line from where their pieces stand (see ``pdf_tables``), and
    the columns of a table running on to its foot (``carried`` the page before's)."""
    # (NFC as the fragments are: a text layer that draws its letters decomposed still lines up with their pieces)
    text = unicodedata.normalize("NFC", page.extract_text() or "")
    try:
        fragments = _fragments(page)
        text, fragments = boxes_in_place(text, fragments)
        return page_tables(text, fragments, carried) if fragments else (text, None)
    except Exception:  # positions are a refinement: a page whose drawing cannot be followed keeps its plain text
        return text, None


def _fragments(page) -> list[Fragment]:
    """Every piece of text the page draws, in drawing order, with where it stands.

    pypdf reads positions only for its layout mode, whose functions are not public; the version is pinned
    (``requirements.lock``) and any failure leaves the page's plain text."""
    from pypdf._text_extraction._layout_mode._fixed_width_page import recurse_to_target_op, set_font_operation
    from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager
    from pypdf.generic import ArrayObject, ContentStream, StreamObject

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if not isinstance(contents, (ArrayObject, StreamObject)):
        return []
    fonts = page._layout_mode_fonts()
    ops = iter(ContentStream(contents, page.pdf, "bytes").operations)
    state = TextStateManager()
    shown = []
    for operands, op in ops:
        if op in (b"BT", b"q"):
            shown += recurse_to_target_op(ops, state, b"ET" if op == b"BT" else b"Q", fonts, True)[1]
        elif op == b"Tf":
            set_font_operation(state, fonts, operands)
        else:
            state.set_state_param(op, operands)
    if any(t.rotated or t.flip_vertical for t in shown):
        return []
    return [Fragment(t.tx, t.displaced_tx, t.ty, unicodedata.normalize("NFC", t.text), t.space_tx * abs(t.transform[0]),
                     t.font_height) for t in shown if t.font.interpretable and t.text]


# ---------------------------------------------------------------------------- text
_VI_LETTERS = set(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)


def _vietnamese_score(text: str) -> float:
    letters = [ch for ch in text.lower() if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(ch in _VI_LETTERS for ch in letters) / len(letters)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    # (a symbol font's bullets are private-use codes a word processor's text keeps: text, not binary)
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t\f"
              and not "\uf020" <= ch <= "\uf0ff")
    return bad / len(text)


_ASCII_PROBE = b"Ke hoach 71, 2026."
#: Characters of running text besides letters, digits and spaces.
_PUNCTUATION = set(".,;:!?()[]-–—/%\"'…“”‘’•*+=<>&#§°|_")


def _plausible(text: str) -> bool:
    """Whether bytes decoded without a BOM read as Vietnamese text, not binary that happens to decode.

    Any byte sequence decodes in a legacy code page (Windows-1258 maps nearly every byte to
    something) and even UTF-16; running text is nearly all letters, digits, spaces and common
    punctuation, and its letters are Vietnamese ones.
    """
    if not text.strip():
        return False
    texty = sum(1 for ch in text if ch.isalnum() or ch.isspace() or ch in _PUNCTUATION
                or unicodedata.category(ch) == "Mn")
    return texty / len(text) >= 0.97 and _vietnamese_score(text) >= 0.8


def _binary() -> BinaryContent:
    return BinaryContent(
        "Tệp tải lên là dữ liệu nhị phân, không phải văn bản. "
        "Chỉ chấp nhận tệp Word (.docx), PDF có lớp chữ hoặc tệp văn bản (.txt)."
    )


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes; returns (text, codec). Raises :class:`BinaryContent`."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data, "utf-8-sig")
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return _checked(data, "utf-16")
    sample = data[:4096]
    nuls = sample.count(b"\x00")
    if nuls:
        # UTF-16 without BOM: NULs at every other byte for mostly-Latin text.
        if nuls * 4 >= len(sample):
            odd, even = sample[1::2].count(b"\x00"), sample[0::2].count(b"\x00")
            codec = "utf-16-le" if odd > even else "utf-16-be"
            try:
                text, codec = _checked(data, codec)
            except BinaryContent:
                pass
            else:
                if _plausible(text):
                    return text, codec
        raise _binary()
    try:
        return _checked(data, "utf-8")
    except BinaryContent:
        pass
    candidates = ["cp1258"]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            candidates.insert(0, best.encoding)
    except Exception:  # detection is best effort; cp1258 remains
        pass
    scored: list[tuple[float, str, str]] = []
    for codec in dict.fromkeys(candidates):
        try:
            # UTF-16/32 without a BOM and NULs, or a code page not built on ASCII (EBCDIC): not a Vietnamese plan.
            if codec.startswith("utf") or _ASCII_PROBE.decode(codec) != _ASCII_PROBE.decode("ascii"):
                continue
            text = unicodedata.normalize("NFC", data.decode(codec))
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_ratio(text) > 0.01 or not _plausible(text):
            continue
        scored.append((_vietnamese_score(text), codec, text))
    if not scored:
        raise _binary()
    score, codec, text = max(scored, key=lambda item: item[0])
    return text, codec


def _checked(data: bytes, codec: str) -> tuple[str, str]:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise _binary() from None
    if _control_ratio(text) > 0.01:
        raise _binary()
    return text, codec
