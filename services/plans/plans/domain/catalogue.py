"""What the plans service knows of a province's indicator catalogue, and how a plan's targets are checked against it.

Pure: the catalogue arrives as the ``CataloguePublished`` payload the worker keeps
(one per province, the highest version), never by calling the indicators service.

- :class:`CatalogueView` answers: is this code an indicator of the province, its Vietnamese name,
  unit, value type and the range a target value may take.
- :func:`check_targets` lists what is wrong with a plan's targets as ``{"field", "message"}``
  (the plans API's 422 ``errors``), each message naming the field in Vietnamese
  ("Mục tiêu 2 – Chỉ tiêu: …").
- :func:`catalogue_issues` says, per stored target, why a newer catalogue no longer fits it (flagged on
  the target, not refused: the plan was valid when saved).

A target is *linked* (``indicator_code`` set), *unlinked on purpose* (``unlinked`` true:
"không gắn chỉ tiêu"), or, only in a draft, *undecided* (neither); a plan is submitted only
when every target is linked or unlinked on purpose.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping

VALUE_TYPE_LABELS = {"ratio": "tỷ lệ", "count": "số lượng", "level": "mức độ", "boolean": "đạt/không đạt"}


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    name: str
    unit: str
    value_type: str             # ratio | count | level | boolean
    school_levels: tuple[str, ...] = ()
    level_min: int | None = None
    level_max: int | None = None
    short_label: str | None = None
    origin: str = "national"

    @property
    def value_range(self) -> tuple[float | None, float | None]:
        """Inclusive bounds of a target value (``None``: unbounded); ratios are percentages."""
        if self.value_type == "ratio":
            return 0.0, 100.0
        if self.value_type == "level":
            return (self.level_min if self.level_min is not None else 0,
                    self.level_max if self.level_max is not None else None)
        if self.value_type == "boolean":
            return 0.0, 100.0   # 1 = đạt, or a completion written as 100 %
        return 0.0, None        # a count is never negative

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> "IndicatorInfo":
        return cls(code=data["code"], name=data["name"], unit=data.get("unit") or "",
                   value_type=data.get("value_type") or "count",
                   school_levels=tuple(data.get("school_levels") or ()),
                   level_min=data.get("level_min"), level_max=data.get("level_max"),
                   short_label=data.get("short_label") or data.get("label"),
                   origin=data.get("origin") or "national")


@dataclass(frozen=True)
class CatalogueView:
    province_code: str
    version: int
    indicators: tuple[IndicatorInfo, ...]

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> "CatalogueView":
        """From a ``CataloguePublished`` payload (or the indicators API's ``GET /catalogue`` body)."""
        return cls(province_code=data["province_code"], version=int(data["version"]),
                   indicators=tuple(IndicatorInfo.from_contract(i) for i in data.get("indicators") or ()))

    def get(self, code: str | None) -> IndicatorInfo | None:
        if not code:
            return None
        return next((i for i in self.indicators if i.code == code), None)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def name_of(self, code: str | None) -> str | None:
        found = self.get(code)
        return found.name if found else None


def horizon_of(value: Any) -> date | None:
    """A target's horizon: a date, an ISO date, or a year (2030 and "2030" mean 31/12/2030)."""
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return date(value, 12, 31) if 1900 <= value <= 2200 else None
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31)
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return None


def plan_date(issued_on: date | None, year: int | None) -> date | None:
    """The date a target's horizon may not precede: the issue date, else 1 January of the plan's year."""
    if issued_on is not None:
        return issued_on
    return date(year, 1, 1) if year else None


def _vn(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _num(x: float) -> str:
    return (str(int(x)) if float(x).is_integer() else str(x)).replace(".", ",")


def check_targets(targets: Iterable[Mapping[str, Any]], catalogue: CatalogueView | None, province_code: str,
                  starts: date | None, for_submission: bool = False) -> list[dict[str, str]]:
    """What is wrong with ``targets`` (dicts with indicator_code, unlinked, value, horizon), or ``[]``.

    ``for_submission`` also refuses undecided targets (neither linked nor unlinked on purpose).
    """
    errors: list[dict[str, str]] = []

    def err(n: int, key: str, label: str, message: str) -> None:
        errors.append({"field": f"targets.{n}.{key}", "message": f"Mục tiêu {n + 1} – {label}: {message}"})

    for n, t in enumerate(targets):
        code = t.get("indicator_code") or None
        unlinked = bool(t.get("unlinked"))
        indicator = None
        if code and unlinked:
            err(n, "indicator_code", "Chỉ tiêu",
                "đã chọn «Không gắn chỉ tiêu» thì không được ghi mã chỉ tiêu; hãy chọn một trong hai.")
        elif code:
            if catalogue is None:
                err(n, "indicator_code", "Chỉ tiêu",
                    f"chưa nhận được danh mục chỉ tiêu của tỉnh/thành phố (mã {province_code}) nên chưa kiểm tra "
                    f"được mã «{code}». Vui lòng thử lại sau ít phút, hoặc chọn «Không gắn chỉ tiêu».")
            else:
                indicator = catalogue.get(code)
                if indicator is None:
                    err(n, "indicator_code", "Chỉ tiêu",
                        f"mã «{code}» không có trong danh mục chỉ tiêu của tỉnh/thành phố (phiên bản "
                        f"{catalogue.version}). Hãy chọn chỉ tiêu trong danh sách, hoặc «Không gắn chỉ tiêu».")
        elif for_submission and not unlinked:
            err(n, "indicator_code", "Chỉ tiêu",
                "chưa chọn chỉ tiêu. Hãy chọn chỉ tiêu trong danh mục, hoặc chọn «Không gắn chỉ tiêu».")
        if for_submission and code and not unlinked and t.get("indicator_confirmed", True) is False:
            name = (indicator.name if indicator else code)
            err(n, "indicator_code", "Chỉ tiêu",
                f"«{name}» mới là đề xuất của chức năng nhập tệp; hãy xác nhận, chọn chỉ tiêu khác, "
                "hoặc chọn «Không gắn chỉ tiêu».")
        if indicator is not None and isinstance(t.get("value"), (int, float)):
            problem = range_problem(indicator, float(t["value"]))
            if problem:
                err(n, "value", "Giá trị", problem)
        horizon = horizon_of(t.get("horizon"))
        if horizon is not None and starts is not None and horizon < starts:
            err(n, "horizon", "Thời hạn",
                f"mốc {_vn(horizon)} ở trước ngày của kế hoạch ({_vn(starts)}); mục tiêu phải hướng tới sau đó.")
    return errors


def range_problem(indicator: IndicatorInfo, value: float) -> str | None:
    """Why ``value`` cannot be a target of ``indicator`` (outside its range, a level not whole), or None."""
    low, high = indicator.value_range
    if indicator.value_type == "level" and not value.is_integer():
        return f"«{indicator.name}» là mức độ nên giá trị phải là số nguyên."
    if (low is not None and value < low) or (high is not None and value > high):
        if indicator.value_type == "ratio":
            what = "tỷ lệ phần trăm phải từ 0 đến 100"
        elif indicator.value_type == "level":
            what = (f"mức phải từ {_num(low)} đến {_num(high)}" if high is not None
                    else f"mức không được nhỏ hơn {_num(low)}")
        else:
            what = "số lượng không được âm" if high is None else f"giá trị phải từ {_num(low)} đến {_num(high)}"
        return f"{what} (chỉ tiêu «{indicator.name}»), không phải {_num(value)}."
    return None


def _unit_fits(unit: str, indicator: IndicatorInfo) -> bool:
    """A target's unit against its indicator's value type: a percentage measures a ratio, not a count or level."""
    unit = (unit or "").strip()
    if not unit or indicator.value_type == "boolean":
        return True
    return ("%" in unit) == (indicator.value_type == "ratio")


def catalogue_issues(targets: Iterable[Mapping[str, Any]], catalogue: CatalogueView | None) -> list[str | None]:
    """For each target, why the catalogue no longer fits its linked indicator (Vietnamese), or None.

    A linked target no longer fits when the catalogue's version dropped its indicator, or changed the
    indicator so that the target's value falls outside its range or its unit contradicts the value type
    (a "%" target of what became a count). Unlinked and undecided targets, and every target before the
    province's catalogue is known, have no issue.
    """
    out: list[str | None] = []
    for t in targets:
        code = t.get("indicator_code") or None
        if catalogue is None or not code or t.get("unlinked"):
            out.append(None)
            continue
        indicator = catalogue.get(code)
        version = catalogue.version
        if indicator is None:
            name = t.get("indicator_name")
            what = f"Chỉ tiêu «{name}»" if name else "Chỉ tiêu này"
            out.append(f"{what} không còn trong danh mục phiên bản {version}; hãy chọn chỉ tiêu khác hoặc "
                       "«Không gắn chỉ tiêu».")
            continue
        problem = range_problem(indicator, float(t["value"])) if isinstance(t.get("value"), (int, float)) else None
        if problem:
            out.append(f"Không còn phù hợp với danh mục phiên bản {version}: {problem}")
        elif not _unit_fits(t.get("unit") or "", indicator):
            out.append(f"Đơn vị «{t.get('unit')}» không còn phù hợp với chỉ tiêu «{indicator.name}» trong danh mục "
                       f"phiên bản {version} (loại {VALUE_TYPE_LABELS.get(indicator.value_type, indicator.value_type)}"
                       f", đơn vị «{indicator.unit}»); hãy sửa đơn vị và giá trị, hoặc chọn chỉ tiêu khác.")
        else:
            out.append(None)
    return out
