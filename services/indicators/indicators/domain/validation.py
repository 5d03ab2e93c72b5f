"""Validation of a school's submitted values against the catalogue, with every error at once.

Input is the ``values`` list exactly as decoded from the request's JSON, so
nothing about its shape is trusted: an item may be any JSON value, a number
may be ``NaN`` (Python's JSON decoder accepts it) or a Mongo operator object
such as ``{"$gt": ""}``. Each problem becomes
``{"field": "values.<CODE>.<key>", "message": <Vietnamese>}``; items whose
code cannot be read are named by their position (``values.<index>``).
A school fixing a form wants to see every mistake in one answer, so checks
never stop at the first error.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Collection, Iterable

from edu71.orgs import SchoolLevel
from indicators.domain.catalogue import (
    CATALOGUE,
    CHECK_OPERATORS,
    POPULATIONS,
    VALUE_FIELDS,
    Catalogue,
    CrossCheck,
    Importance,
    Indicator,
    ValueType,
)

#: Largest number accepted for any count, numerator or denominator: far above any
#: school's figures, and keeps every value inside a 64-bit store integer.
MAX_NUMBER = 1_000_000
MAX_ITEMS = 100
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")
#: Keys a client may echo back from what it read (``GET``) besides the value keys.
ECHO_KEYS = ("catalogue_version", "value_type")

FIELD_NAMES = {
    "numerator": "tử số",
    "denominator": "mẫu số",
    "value": "giá trị",
    "level": "mức",
    "flag": "giá trị đạt/không đạt",
}


def _vn_number(n: int) -> str:
    """1000000 → "1.000.000" (Vietnamese digit grouping)."""
    return f"{n:,}".replace(",", ".")


@dataclass
class Validated:
    """The normalised values (contract ``IndicatorValue`` dicts) and every error found."""

    values: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Errors:
    def __init__(self):
        self.items: list[dict[str, str]] = []

    def add(self, field_: str, message: str) -> None:
        self.items.append({"field": field_, "message": message})


def _whole_number(raw: Any, path: str, errors: _Errors, *, minimum: int = 0,
                  maximum: int = MAX_NUMBER) -> int | None:
    """A JSON whole number within range, or ``None`` after recording why not."""
    # bool is an int in Python, but ``true`` is not a count.
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        errors.add(path, "Phải là một số nguyên.")
        return None
    if isinstance(raw, float):
        if not math.isfinite(raw):
            errors.add(path, "Không chấp nhận giá trị NaN hoặc vô cực.")
            return None
        if not raw.is_integer():
            errors.add(path, "Phải là một số nguyên.")
            return None
        raw = int(raw)
    if raw < minimum:
        errors.add(path, "Không được là số âm." if minimum == 0 else f"Phải lớn hơn hoặc bằng {minimum}.")
        return None
    if raw > maximum:
        errors.add(path, f"Giá trị quá lớn (tối đa {_vn_number(maximum)}).")
        return None
    return raw


#: The keys an item may have, by value type: the code, the echoed keys and the type's value fields.
_ITEM_KEYS = {value_type: frozenset({"indicator_code", *ECHO_KEYS, *fields})
              for value_type, fields in VALUE_FIELDS.items()}


def _check_value(indicator: Indicator, item: dict[str, Any], path: str, errors: _Errors,
                 catalogue: Catalogue) -> dict[str, Any] | None:
    """Check one item whose indicator is known; return its normalised value if it is valid."""
    before = len(errors.items)
    allowed = _ITEM_KEYS[indicator.value_type]
    for key in item:
        if key not in allowed:
            shown = str(key)[:64]
            errors.add(f"{path}.{shown}",
                       f"Trường không được phép với chỉ tiêu loại {indicator.value_type.label}.")
    if "value_type" in item and item["value_type"] != indicator.value_type.value:
        errors.add(f"{path}.value_type",
                   f"Chỉ tiêu này thuộc loại “{indicator.value_type.value}” ({indicator.value_type.label}).")
    if "catalogue_version" in item and (isinstance(item["catalogue_version"], bool)
                                        or item["catalogue_version"] != catalogue.version):
        errors.add(f"{path}.catalogue_version",
                   f"Danh mục chỉ tiêu hiện hành là phiên bản {catalogue.version}.")

    out: dict[str, Any] = {
        "indicator_code": indicator.code,
        "catalogue_version": catalogue.version,
        "value_type": indicator.value_type.value,
    }
    for key in indicator.value_fields:
        if key not in item or item[key] is None:
            if key == "denominator" and indicator.population:
                out[key] = None  # the shared population, entered once: filled in by _fill_populations
                continue
            errors.add(f"{path}.{key}", f"Cần nhập {FIELD_NAMES[key]}.")
            continue
        raw = item[key]
        match indicator.value_type:
            case ValueType.RATIO | ValueType.COUNT:
                out[key] = _whole_number(raw, f"{path}.{key}", errors)
            case ValueType.LEVEL:
                number = _whole_number(raw, f"{path}.{key}", errors, maximum=10_000)
                if number is not None and not (indicator.level_min <= number <= indicator.level_max):
                    errors.add(f"{path}.{key}", f"Mức phải từ {indicator.level_min} đến {indicator.level_max}.")
                    number = None
                out[key] = number
            case ValueType.BOOLEAN:
                if isinstance(raw, bool):
                    out[key] = raw
                else:
                    errors.add(f"{path}.{key}", "Phải là giá trị đúng/sai (true/false).")

    _numerator_within(out, path, errors)
    return out if len(errors.items) == before else None


def _numerator_within(out: dict[str, Any], path: str, errors: _Errors) -> None:
    num, den = out.get("numerator"), out.get("denominator")
    if num is not None and den is not None and num > den:
        errors.add(f"{path}.numerator",
                   f"Tử số ({_vn_number(num)}) không được lớn hơn mẫu số ({_vn_number(den)}).")


# -- shared populations and cross-indicator checks -------------------------------------
def population_figure(indicator: Indicator, value: dict[str, Any]) -> tuple[str, int] | None:
    """``(key, number)`` of the population ``value`` carries: a ratio's denominator, a count's value."""
    key = "denominator" if indicator.value_type is ValueType.RATIO else "value"
    number = value.get(key)
    return None if number is None else (key, number)


def _fill_populations(valid: dict[str, dict[str, Any]], current: dict[str, dict[str, Any]],
                      catalogue: Catalogue, errors: _Errors) -> None:
    """Give a ratio whose shared denominator was left out the population entered elsewhere.

    The population comes from another indicator of the same request, else from
    the school's stored values for this round; a value that finds none is an error.
    """
    for code, value in list(valid.items()):
        indicator = catalogue.get(code)
        if value.get("denominator", 0) is not None or indicator is None:
            continue
        found = None
        for source in (valid, current):
            for other_code, other in source.items():
                other_ind = catalogue.get(other_code)
                if other_code == code or other_ind is None or other_ind.population != indicator.population:
                    continue
                figure = population_figure(other_ind, other)
                if figure is not None:
                    found = figure[1]
                    break
            if found is not None:
                break
        path = f"values.{code}"
        if found is None:
            errors.add(f"{path}.denominator", f"Cần nhập mẫu số của “{indicator.name}” "
                                              f"({POPULATIONS.get(indicator.population, indicator.denominator_label)}).")
            del valid[code]
            continue
        value["denominator"] = found
        before = len(errors.items)
        _numerator_within(value, path, errors)
        if len(errors.items) != before:
            del valid[code]


def _shared_populations(values: dict[str, dict[str, Any]], level: SchoolLevel | None, catalogue: Catalogue,
                        errors: _Errors) -> None:
    """A population several indicators count is one number: two different values are refused, each named."""
    groups: dict[str, list[tuple[Indicator, str, int]]] = {}
    for code, value in values.items():
        indicator = catalogue.get(code)
        if indicator is None or not indicator.population:
            continue
        figure = population_figure(indicator, value)
        if figure is not None:
            groups.setdefault(indicator.population, []).append((indicator, *figure))
    for population, members in groups.items():
        if len({number for _, _, number in members}) < 2:
            continue
        listed = "; ".join(f"{_vn_number(number)} ở “{ind.name}”" for ind, _, number in members)
        label = POPULATIONS.get(population, population)
        for indicator, key, _ in members:
            errors.add(f"values.{indicator.code}.{key}",
                       f"{label} là một số dùng chung cho nhiều chỉ tiêu nhưng được nhập khác nhau ({listed}). "
                       "Chỉ nhập một giá trị.")


def _figure_name(catalogue: Catalogue, side: str) -> str:
    code, key = CrossCheck.side(side)
    indicator = catalogue.get(code)
    if indicator is None:
        return side
    if key == "numerator" and indicator.numerator_label:
        return f"{indicator.numerator_label} (“{indicator.name}”)"
    if key == "denominator" and indicator.denominator_label:
        return f"{indicator.denominator_label} (“{indicator.name}”)"
    return f"“{indicator.name}”"


def _compare(left: float, operator: str, right: float) -> bool:
    return {"<=": left <= right, "<": left < right, ">=": left >= right, ">": left > right,
            "=": left == right}[operator]


def cross_check_findings(values: dict[str, dict[str, Any]], catalogue: Catalogue,
                         importance: Importance) -> list[dict[str, str]]:
    """One ``{field, message}`` per cross-indicator check of ``importance`` that ``values`` break."""
    found = []
    for indicator in catalogue:
        for check in indicator.checks:
            if check.importance is not importance:
                continue
            (lcode, lkey), (rcode, rkey) = CrossCheck.side(check.left), CrossCheck.side(check.right)
            left, right = values.get(lcode, {}).get(lkey), values.get(rcode, {}).get(rkey)
            if not isinstance(left, (int, float)) or not isinstance(right, (int, float)) \
                    or _compare(left, check.operator, right):
                continue
            found.append({
                "field": f"values.{lcode}.{lkey}",
                "message": f"{_figure_name(catalogue, check.left)} ({_vn_number(left)}) "
                           f"{CHECK_OPERATORS[check.operator]} {_figure_name(catalogue, check.right)} "
                           f"({_vn_number(right)}).",
            })
    return found


def _cross_checks(values: dict[str, dict[str, Any]], level: SchoolLevel | None, catalogue: Catalogue,
                  errors: _Errors) -> None:
    for finding in cross_check_findings(values, catalogue, Importance.ERROR):
        errors.add(finding["field"], finding["message"])


# -- rules over a whole submission ---------------------------------------------
#: A rule sees the valid values by code and the school's level, and records errors.
Rule = Callable[[dict[str, dict[str, Any]], SchoolLevel | None, Catalogue, _Errors], None]


def _limits_by_level(values: dict[str, dict[str, Any]], level: SchoolLevel | None, catalogue: Catalogue,
                     errors: _Errors) -> None:
    """A count may not exceed the limit its indicator sets for the school's level (e.g. 45 pupils per THCS class)."""
    for code, value in values.items():
        indicator = catalogue.get(code)
        limit = indicator.limit_for(level) if indicator else None
        if limit is not None and value.get("value") is not None and value["value"] > limit:
            errors.add(f"values.{code}.value",
                       f"{indicator.name} không được vượt quá {_vn_number(limit)} {indicator.unit} "
                       f"đối với trường {SchoolLevel(level).label.lower()}.")


def _classes_and_class_size(values: dict[str, dict[str, Any]], level: SchoolLevel | None, catalogue: Catalogue,
                            errors: _Errors) -> None:
    """A school with no class has no largest class, and one whose largest class has pupils has a class."""
    classes, largest = values.get("CLASSES"), values.get("MAX_CLASS_SIZE")
    if classes is None or largest is None:
        return
    if classes["value"] == 0 and largest["value"] > 0:
        errors.add("values.CLASSES.value", "Sĩ số lớp đông nhất lớn hơn 0 thì số lớp phải ít nhất là 1.")
    if classes["value"] > 0 and largest["value"] == 0:
        errors.add("values.MAX_CLASS_SIZE.value", "Trường có lớp học thì sĩ số lớp đông nhất phải lớn hơn 0.")


RULES: tuple[Rule, ...] = (_limits_by_level, _classes_and_class_size, _shared_populations, _cross_checks)


def validate_values(raw: Any, *, catalogue: Catalogue = CATALOGUE, school_level: SchoolLevel | str | None = None,
                    allowed_codes: Collection[str] | None = None, rules: Iterable[Rule] = RULES,
                    current: Iterable[dict[str, Any]] = ()) -> Validated:
    """Check a submission's ``values`` list.

    ``school_level`` refuses indicators that do not apply to the school and
    enables level rules; ``allowed_codes`` refuses indicators the round did not
    ask for. ``current`` are the school's stored values in the round: rules see
    them with the request's values over them (a request may change one figure
    of a shared population or of a cross check and must stay consistent with
    the rest), and a left-out shared denominator is taken from them. Values come
    back normalised, in catalogue order, only if there is no error at all.
    """
    stored = {v["indicator_code"]: v for v in current}
    errors = _Errors()
    level = SchoolLevel(school_level) if school_level is not None else None
    if not isinstance(raw, list):
        errors.add("values", "Phải là một danh sách.")
        return Validated(errors=errors.items)
    if not raw:
        errors.add("values", "Cần ít nhất một giá trị chỉ tiêu.")
        return Validated(errors=errors.items)
    if len(raw) > MAX_ITEMS:
        errors.add("values", f"Tối đa {MAX_ITEMS} giá trị trong một lần gửi.")
        return Validated(errors=errors.items)

    valid: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            errors.add(f"values.{index}", "Mỗi giá trị chỉ tiêu phải là một đối tượng JSON.")
            continue
        code = item.get("indicator_code")
        if code is None:
            errors.add(f"values.{index}.indicator_code", "Cần nhập mã chỉ tiêu.")
            continue
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            errors.add(f"values.{index}.indicator_code",
                       "Mã chỉ tiêu không hợp lệ (chữ in hoa, chữ số và dấu gạch dưới, ví dụ DROPOUT).")
            continue
        path = f"values.{code}"
        if code in seen:
            errors.add(path, "Chỉ tiêu này được khai báo nhiều lần trong cùng một lần gửi.")
            valid.pop(code, None)
            continue
        seen.add(code)
        indicator = catalogue.get(code)
        if indicator is None:
            errors.add(path, f"Mã chỉ tiêu “{code}” không có trong danh mục.")
            continue
        if level is not None and not indicator.applies_to(level):
            errors.add(path, f"Chỉ tiêu này không áp dụng cho trường {level.label.lower()}.")
            continue
        if allowed_codes is not None and code not in allowed_codes:
            errors.add(path, "Chỉ tiêu này không được yêu cầu trong đợt báo cáo.")
            continue
        value = _check_value(indicator, item, path, errors, catalogue)
        if value is not None:
            valid[code] = value

    _fill_populations(valid, stored, catalogue, errors)
    context = {**{c: v for c, v in stored.items() if c not in seen}, **valid}
    for rule in rules:
        rule(context, level, catalogue, errors)
    if errors.items:
        return Validated(errors=errors.items)
    ordered = sorted(valid.values(), key=lambda v: catalogue.order(v["indicator_code"]))
    return Validated(values=ordered)
