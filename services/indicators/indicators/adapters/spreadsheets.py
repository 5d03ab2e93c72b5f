"""Reading and writing the spreadsheet files themselves (openpyxl, csv): the edge around ``domain.sheet``.

Uploaded files are untrusted. Before openpyxl parses anything, the bytes are
sniffed (an XLSX is a zip holding ``xl/workbook.xml``; the old binary .xls and
anything else are refused) and the zip's directory is checked, so a small file
that would expand to gigabytes (a zip bomb) is refused unread. Any formula, in
any sheet, refuses the whole file: its value would be whatever the last
program that saved it computed, or nothing at all.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Any, Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from edu71.inputs import scrub
from indicators.domain.catalogue import ValueType
from indicators.domain.sheet import COLUMNS, META_SHEET, SHEET_NAME

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
MAX_ZIP_ENTRIES = 1000
#: A larger expansion ratio than any real workbook has (text XML compresses ~10–30×).
MAX_COMPRESSION_RATIO = 200
MAX_CELLS_READ = 200_000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Refused(Exception):
    """The file cannot be used: ``status`` (413, 415, 422), a Vietnamese detail, and cell errors if any."""

    def __init__(self, status: int, detail: str, errors: list[dict[str, str]] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    #: Key/value pairs of the template's hidden sheet (round, school, catalogue version), if present.
    meta: dict[str, str]


def read_upload(data: bytes, max_unzipped: int) -> Sheet:
    """The form's sheet from an uploaded XLSX or CSV file, or :class:`Refused`."""
    if not data:
        raise Refused(422, "Tệp tải lên rỗng.")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, max_unzipped)
    if data.startswith(OLE2):
        raise Refused(415, "Tệp Excel 97–2003 (.xls) không được hỗ trợ; vui lòng lưu lại thành .xlsx hoặc CSV.")
    return _read_csv(data)


def _check_zip(data: bytes, max_unzipped: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise Refused(422, "Tệp Excel bị hỏng, không đọc được.") from None
    names = {e.filename for e in entries}
    if "xl/workbook.xml" not in names:
        raise Refused(415, "Tệp không phải bảng tính Excel (.xlsx) hoặc CSV.")
    total = sum(e.file_size for e in entries)
    ratio = max((e.file_size / e.compress_size for e in entries if e.compress_size), default=0)
    if len(entries) > MAX_ZIP_ENTRIES or total > max_unzipped or ratio > MAX_COMPRESSION_RATIO:
        raise Refused(422, "Tệp Excel có kích thước giải nén bất thường (nghi là tệp độc hại); không xử lý.")


def _is_formula(cell) -> bool:
    value = cell.value
    if isinstance(value, (ArrayFormula, DataTableFormula)):
        return True
    return getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("="))


def _read_xlsx(data: bytes, max_unzipped: int) -> Sheet:
    _check_zip(data, max_unzipped)
    try:
        # data_only=False: formulas come back as formulas, so they can be refused.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise Refused(422, "Tệp Excel bị hỏng, không đọc được.") from None
    try:
        sheets: dict[str, list[list[Any]]] = {}
        formulas: list[dict[str, str]] = []
        read = 0
        for ws in book.worksheets:
            rows = []
            for row in ws.iter_rows():
                values = []
                for cell in row:
                    read += 1
                    if read > MAX_CELLS_READ:
                        raise Refused(422, "Tệp Excel có quá nhiều ô dữ liệu.")
                    if _is_formula(cell):
                        formulas.append({"field": "file", "sheet": ws.title, "cell": cell.coordinate,
                                         "message": "Ô chứa công thức; chỉ chấp nhận giá trị (hãy dán giá trị thay "
                                                    "cho công thức)."})
                    values.append(cell.value)
                rows.append(values)
            sheets[ws.title] = rows
    except Refused:
        raise
    except Exception:  # noqa: BLE001
        raise Refused(422, "Tệp Excel bị hỏng, không đọc được.") from None
    finally:
        book.close()
    if formulas:
        raise Refused(422, "Tệp có công thức; chỉ chấp nhận giá trị, xem chi tiết từng mục.", formulas[:100])
    meta = {str(r[0]): str(r[1]) for r in sheets.pop(META_SHEET, []) if len(r) >= 2 and r[0] is not None}
    if not sheets:
        raise Refused(422, "Tệp Excel không có trang tính nào.")
    name = SHEET_NAME if SHEET_NAME in sheets else next(iter(sheets))
    return Sheet(name, sheets[name], meta)


def _read_csv(data: bytes) -> Sheet:
    if b"\x00" in data[:4096]:
        raise Refused(415, "Tệp không phải bảng tính Excel (.xlsx) hoặc CSV (UTF-8).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(415, "Tệp CSV phải được lưu với mã hoá UTF-8.") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = [[cell if cell.strip() else None for cell in row]
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)]
    except csv.Error:
        raise Refused(422, "Tệp CSV sai định dạng (dấu ngoặc kép không khớp).") from None
    return Sheet("CSV", rows, {})


# -- writing --------------------------------------------------------------------
# Every text written is scrubbed: school and indicator names come from other services and the
# catalogue, and one control character stored before the edge refused them would fail the file.
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_BOLD = Font(bold=True)


def template_xlsx(title: str, lines: Sequence[str], rows: Sequence[dict[str, Any]], meta: dict[str, str],
                  max_number: int) -> bytes:
    """The school's form: title lines, a locked header, one row per indicator, input cells unlocked."""
    book = Workbook()
    ws = book.active
    ws.title = SHEET_NAME
    ws["A1"] = scrub(title)
    ws["A1"].font = Font(bold=True, size=13)
    for offset, line in enumerate(lines, start=2):
        ws.cell(row=offset, column=1, value=scrub(line))
    header_row = len(lines) + 3
    for c, (_key, header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=header_row, column=c, value=header)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)

    value_col = 1 + [k for k, _, _ in COLUMNS].index("value")
    den_col = 1 + [k for k, _, _ in COLUMNS].index("denominator")
    whole = DataValidation(type="whole", operator="between", formula1="0", formula2=str(max_number),
                           showErrorMessage=True, errorTitle="Số liệu không hợp lệ",
                           error=f"Nhập số nguyên từ 0 đến {max_number:,}".replace(",", "."))
    yes_no = DataValidation(type="list", formula1='"Có,Không"', showErrorMessage=True,
                            errorTitle="Số liệu không hợp lệ", error="Chọn “Có” hoặc “Không”.")
    ws.add_data_validation(whole)
    ws.add_data_validation(yes_no)
    for r, row in enumerate(rows, start=header_row + 1):
        for c, (key, _header, _width) in enumerate(COLUMNS, start=1):
            ws.cell(row=r, column=c, value=scrub(row.get(key)))
        indicator = row["indicator"]
        inputs = [ws.cell(row=r, column=value_col)]
        if indicator.value_type is ValueType.RATIO:
            inputs.append(ws.cell(row=r, column=den_col))
        for cell in inputs:
            cell.protection, cell.fill = Protection(locked=False), _INPUT_FILL
        match indicator.value_type:
            case ValueType.BOOLEAN:
                yes_no.add(inputs[0])
            case ValueType.LEVEL:
                level = DataValidation(type="whole", operator="between", formula1=str(indicator.level_min),
                                       formula2=str(indicator.level_max), showErrorMessage=True,
                                       errorTitle="Số liệu không hợp lệ",
                                       error=f"Nhập mức từ {indicator.level_min} đến {indicator.level_max}.")
                ws.add_data_validation(level)
                level.add(inputs[0])
            case _:
                for cell in inputs:
                    whole.add(cell)
    # Locked cells (titles, headers, codes, names) cannot be edited; no password: this guards
    # against slips, not against a determined user, whose file is validated anyway.
    ws.protection.sheet = True
    ws.protection.formatColumns = False

    hidden = book.create_sheet(META_SHEET)
    for r, (key, value) in enumerate(meta.items(), start=1):
        hidden.cell(row=r, column=1, value=key)
        hidden.cell(row=r, column=2, value=scrub(value))
    hidden.sheet_state = "hidden"
    hidden.protection.sheet = True
    return _save(book)


def table_xlsx(sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
               formats: dict[int, str] | None = None) -> bytes:
    """A plain table with a bold header row (exports)."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for row in rows:
        ws.append([scrub(value) for value in row])
    for c, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(12, min(60, len(header) + 4))
    for c, number_format in (formats or {}).items():
        for (cell,) in ws.iter_rows(min_row=2, min_col=c, max_col=c):
            cell.number_format = number_format
    ws.freeze_panes = "A2"
    return _save(book)


def table_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """UTF-8 with BOM and semicolons, as Excel set to Vietnamese opens it; decimal commas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    text = scrub(str(value))
    # A text cell starting like a formula would run as one in a spreadsheet (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not isinstance(value, int) else text


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
