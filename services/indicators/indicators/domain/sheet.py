"""The spreadsheet form of a submission (XLSX template and upload, CSV): layout, cell reading, cell errors.

A filled-in sheet is a table: a header row naming the columns, then one row per
indicator with its code, and the figures in the "Số liệu" column (the numerator
of a ratio, the count, the level, or Có/Không) and the "Mẫu số" column (the
denominator of a ratio). Only those three columns are read; the others are
there for the person filling it in. Rows whose figure cells are both empty are
not reported. The table becomes the same ``values`` list a JSON request sends,
goes through the same validation, and every error is then pointed at the cell
it concerns (``E7``), because that is what a person fixes.

Pure: cells arrive as Python values (from openpyxl or the csv module).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Iterable, Sequence

from indicators.domain.catalogue import Catalogue, ValueType

SHEET_NAME = "Chỉ tiêu"
META_SHEET = "_edu71"

#: The template's columns, left to right: (key, Vietnamese header, width).
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("code", "Mã chỉ tiêu", 26),
    ("name", "Tên chỉ tiêu", 60),
    ("unit", "Đơn vị", 10),
    ("type", "Loại số liệu", 18),
    ("value", "Số liệu", 12),
    ("denominator", "Mẫu số", 12),
    ("numerator_label", "Số liệu là (tử số)", 40),
    ("denominator_label", "Mẫu số là", 40),
    ("previous", "Đợt trước", 22),
    ("note", "Hướng dẫn", 40),
)
HEADERS = {key: header for key, header, _ in COLUMNS}

#: Header texts accepted for the columns that are read (case and spacing ignored).
_ALIASES = {
    "code": {"mã chỉ tiêu", "ma chi tieu", "indicator_code", "code"},
    "value": {"số liệu", "so lieu", "giá trị", "value", "numerator", "tử số"},
    "denominator": {"mẫu số", "mau so", "denominator"},
}
#: How far down a sheet the header row is looked for.
HEADER_SEARCH_ROWS = 30
MAX_DATA_ROWS = 500

TRUE_WORDS = {"có", "co", "đạt", "dat", "x", "1", "true", "yes"}
FALSE_WORDS = {"không", "khong", "không đạt", "khong dat", "0", "false", "no"}

_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")     # 1.200 or 1.200,5 (Vietnamese grouping)
_DECIMAL_COMMA = re.compile(r"^-?\d+(,\d+)?$")            # 12 or 12,5
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")              # 12.5
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class SheetError(ValueError):
    """The file as a whole cannot be read as the form (no header row, no data…)."""


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row_index: int, col_index: int) -> str:
    """Zero-based row and column → A1 notation."""
    return f"{column_letter(col_index)}{row_index + 1}"


def _normal(text: Any) -> str:
    return _SPACES.sub(" ", str(text)).strip().casefold() if text is not None else ""


def parse_number(raw: Any) -> tuple[int | float | None, str | None]:
    """A cell's number (``None`` if empty), or a Vietnamese reason it is not one.

    Text is read the Vietnamese way: a decimal comma (12,5) and dots grouping
    thousands (1.200); a point with other than three digits after it is a
    decimal point (12.5).
    """
    if raw is None:
        return None, None
    if isinstance(raw, bool):
        return None, "Phải là một số, không phải giá trị đúng/sai."
    if isinstance(raw, (int, float)):
        return raw, None
    if isinstance(raw, (datetime, date, time)):
        return None, "Phải là một số, không phải ngày giờ."
    text = _SPACES.sub("", str(raw))
    if not text:
        return None, None
    if text.startswith("="):
        return None, "Không chấp nhận công thức; chỉ nhập giá trị."
    if text.endswith("%"):
        return None, "Không nhập tỷ lệ phần trăm; nhập tử số vào cột “Số liệu” và mẫu số vào cột “Mẫu số”."
    if _GROUPED.match(text):
        return _number(text.replace(".", "").replace(",", ".")), None
    if _DECIMAL_COMMA.match(text):
        return _number(text.replace(",", ".")), None
    if _DECIMAL_POINT.match(text):
        return _number(text), None
    return None, "Phải là một số (ví dụ 45 hoặc 12,5)."


def _number(text: str) -> int | float:
    if re.fullmatch(r"-?\d+", text):
        return int(text)  # exact, however large: validation refuses what is too big
    value = float(text)
    return int(value) if value.is_integer() else value


def parse_flag(raw: Any) -> tuple[bool | None, str | None]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw), None
    word = _normal(raw)
    if word in TRUE_WORDS:
        return True, None
    if word in FALSE_WORDS:
        return False, None
    return None, "Ghi “Có” hoặc “Không”."


@dataclass
class Table:
    """The submission read from a sheet: values to validate, where each came from, and cell errors."""

    sheet: str
    values: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    #: field path prefix ``values.<CODE>`` → {"code": cell, "value": cell, "denominator": cell}
    cells: dict[str, dict[str, str]] = field(default_factory=dict)
    #: position in ``values`` → cell of its code, for errors named by position
    positions: list[str] = field(default_factory=list)

    def error(self, cell: str | None, field_: str, message: str) -> None:
        entry = {"field": field_, "sheet": self.sheet, "message": message}
        if cell:
            entry["cell"] = cell
        self.errors.append(entry)

    def locate(self, errors: Iterable[dict[str, str]]) -> list[dict[str, str]]:
        """Validation errors (``values.<CODE>.<key>``) with the sheet and cell they concern."""
        located = []
        for err in errors:
            parts = err["field"].split(".")
            cell = None
            if len(parts) >= 2 and parts[0] == "values":
                if parts[1].isdigit() and int(parts[1]) < len(self.positions):
                    cell = self.positions[int(parts[1])]
                else:
                    cells = self.cells.get(f"values.{parts[1]}", {})
                    column = "denominator" if parts[2:3] == ["denominator"] else "value" if len(parts) > 2 else "code"
                    cell = cells.get(column) or cells.get("code")
            entry = {"field": err["field"], "sheet": self.sheet, "message": err["message"]}
            if cell:
                entry["cell"] = cell
            located.append(entry)
        return located


def _header(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]]:
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for c, text in enumerate(row):
            name = _normal(text)
            for key, aliases in _ALIASES.items():
                if name in aliases and key not in found:
                    found[key] = c
        if "code" in found and "value" in found:
            return r, found
    raise SheetError("Không tìm thấy dòng tiêu đề có cột “Mã chỉ tiêu” và “Số liệu”. "
                     "Vui lòng dùng biểu mẫu tải về từ hệ thống.")


def read_table(rows: Sequence[Sequence[Any]], catalogue: Catalogue, sheet: str = SHEET_NAME) -> Table:
    """Turn the sheet's rows (cell values, top to bottom) into a submission's ``values``."""
    header_row, cols = _header(rows)
    table = Table(sheet=sheet)
    data_rows = rows[header_row + 1:]
    if len(data_rows) > MAX_DATA_ROWS:
        raise SheetError(f"Biểu mẫu có quá nhiều dòng (tối đa {MAX_DATA_ROWS}).")

    def cell(row: Sequence[Any], key: str) -> Any:
        index = cols.get(key)
        return row[index] if index is not None and index < len(row) else None

    for offset, row in enumerate(data_rows):
        r = header_row + 1 + offset
        raw_code, raw_value, raw_den = cell(row, "code"), cell(row, "value"), cell(row, "denominator")
        code = str(raw_code).strip() if raw_code is not None else ""
        if not code and raw_value is None and raw_den is None:
            continue
        code_cell, value_cell = cell_name(r, cols["code"]), cell_name(r, cols["value"])
        den_cell = cell_name(r, cols["denominator"]) if "denominator" in cols else None
        empty = [x is None or (isinstance(x, str) and not x.strip()) for x in (raw_value, raw_den)]
        if all(empty):
            continue  # an indicator the school does not report this time
        if not code:
            table.error(code_cell, f"rows.{r + 1}", "Dòng có số liệu nhưng thiếu mã chỉ tiêu.")
            continue
        indicator = catalogue.get(code)
        value_type = indicator.value_type if indicator else ValueType.COUNT
        item: dict[str, Any] = {"indicator_code": code}
        path = f"values.{code}"
        table.cells[path] = {"code": code_cell, "value": value_cell, **({"denominator": den_cell} if den_cell else {})}
        ok = True
        if value_type is ValueType.BOOLEAN:
            flag, problem = parse_flag(raw_value)
            if problem:
                table.error(value_cell, f"{path}.flag", problem)
                ok = False
            item["flag"] = flag
        else:
            key = {ValueType.RATIO: "numerator", ValueType.COUNT: "value", ValueType.LEVEL: "level"}[value_type]
            number, problem = parse_number(raw_value)
            if problem:
                table.error(value_cell, f"{path}.{key}", problem)
                ok = False
            item[key] = number
            if value_type is ValueType.RATIO:
                den, problem = parse_number(raw_den)
                if problem:
                    table.error(den_cell, f"{path}.denominator", problem)
                    ok = False
                item["denominator"] = den
            elif not empty[1]:
                table.error(den_cell, f"{path}.denominator", "Chỉ chỉ tiêu tỷ lệ mới có mẫu số; để trống ô này.")
                ok = False
        if ok:
            table.values.append(item)
            table.positions.append(code_cell)
    return table


def template_rows(catalogue: Catalogue, codes: Iterable[str], level: str,
                  current: dict[str, dict[str, Any]], previous: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per indicator of the round that applies to the school's level, in catalogue order."""
    wanted = set(codes)
    rows = []
    for indicator in catalogue:
        if indicator.code not in wanted or not indicator.applies_to(level):
            continue
        now = current.get(indicator.code) or {}
        rows.append({
            "indicator": indicator,
            "code": indicator.code,
            "name": indicator.name,
            "unit": indicator.unit,
            "type": indicator.value_type.label,
            "value": _shown(now, indicator.value_type),
            "denominator": now.get("denominator"),
            "numerator_label": indicator.numerator_label or "",
            "denominator_label": indicator.denominator_label or "",
            "previous": value_text(previous.get(indicator.code)),
            "note": _note(indicator, level),
        })
    return rows


def _shown(value: dict[str, Any], value_type: ValueType) -> Any:
    match value_type:
        case ValueType.RATIO:
            return value.get("numerator")
        case ValueType.COUNT:
            return value.get("value")
        case ValueType.LEVEL:
            return value.get("level")
        case ValueType.BOOLEAN:
            return None if value.get("flag") is None else ("Có" if value["flag"] else "Không")


def _note(indicator, level: str) -> str:
    match indicator.value_type:
        case ValueType.RATIO:
            return "Nhập tử số và mẫu số (số nguyên, tử số không lớn hơn mẫu số)."
        case ValueType.LEVEL:
            return f"Nhập mức từ {indicator.level_min} đến {indicator.level_max}."
        case ValueType.BOOLEAN:
            return "Ghi “Có” hoặc “Không”."
    limit = indicator.limit_for(level)
    return "Nhập số nguyên không âm." + (f" Tối đa {limit}." if limit is not None else "")


#: How a ratio reported as 0/0 reads: the school has none of whom the indicator counts a share.
NONE_SUCH = "không có"


def value_text(value: dict[str, Any] | None) -> str:
    """A stored value as a person reads it: "45/47 (95,7 %)", "3", "Có"."""
    if not value:
        return ""
    if value.get("numerator") is not None:
        num, den = value["numerator"], value["denominator"]
        if not den:  # 0/0: the school has no pupils (teachers…) of this kind; no rate to show
            return f"{num}/{den} ({NONE_SUCH})"
        rate = f"{100 * num / den:.1f}".replace(".", ",")
        return f"{num}/{den} ({rate} %)"
    for key in ("value", "level"):
        if value.get(key) is not None:
            return str(value[key])
    if value.get("flag") is not None:
        return "Có" if value["flag"] else "Không"
    return ""


def rate(value: dict[str, Any]) -> float | None:
    """A ratio value's percentage (``None`` for other types or a zero denominator)."""
    if value.get("numerator") is None or not value.get("denominator"):
        return None
    return round(100 * value["numerator"] / value["denominator"], 2)
