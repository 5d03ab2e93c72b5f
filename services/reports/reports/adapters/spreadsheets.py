"""Writing report tables as an Excel workbook (openpyxl) or a CSV file that Excel opens in Vietnamese."""
from __future__ import annotations

import csv
import io
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from edu71.inputs import scrub
from edu71.vn import to_vietnam, vn_datetime, vn_number
from reports.domain.tables import Table

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
NUMBER_FORMATS = {"int": "#,##0", "number": "#,##0.0#", "percent": '0.0"%"', "date": "dd/mm/yyyy hh:mm"}
#: A whole number in a "number" column (a count, a sum, a level) shows as one: 502, not 502,00.
WHOLE = "#,##0"


def xlsx(tables: Sequence[Table], title: str) -> bytes:
    """One sheet per table: bold, filled, frozen header row; typed cells with number formats; fitted widths.

    Number formats are stored locale-neutral; Excel shows them with the reader's
    separators (decimal commas on a Vietnamese system).
    """
    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.append([c.header for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in table.rows:
            sheet.append([_cell(value, column.kind) for value, column in zip(row, table.columns)])
        for i, column in enumerate(table.columns, start=1):
            fmt = NUMBER_FORMATS.get(column.kind)
            if fmt:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    whole = column.kind == "number" and isinstance(cell.value, (int, float)) \
                        and float(cell.value).is_integer()
                    cell.number_format = WHOLE if whole else fmt
            longest = max([len(column.header)] + [len(str(r[i - 1])) for r in table.rows[:500] if r[i - 1] is not None])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, max(10, longest + 2))
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value, kind: str):
    if kind == "date" and value is not None:
        return to_vietnam(value).replace(tzinfo=None)  # Excel has no time zones: show Vietnam time
    return scrub(value)  # names come from other services' events, maybe from before the edge refused controls


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads Vietnamese letters right), ';' between fields and
    decimal commas, as Excel expects on a Vietnamese system; dates dd/mm/yyyy."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow([_text(value, column.kind) for value, column in zip(row, table.columns)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "date":
        return vn_datetime(value)
    if kind in ("int", "number", "percent") and isinstance(value, (int, float)):
        return vn_number(value, grouping=False)
    return scrub(str(value))
