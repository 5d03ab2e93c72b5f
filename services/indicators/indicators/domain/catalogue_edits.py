"""How a province's department (Sở GD&ĐT) changes its catalogue: each change is a new version.

The national indicators are the same for every province and are not the
province's to change, except when a change warrants a warning to the school
(``change_limits``: a data-quality setting, not what a value means); the
department adds its own indicators and may later rename them or change their
description, labels, targets, threshold and change limits. What
a value means (value type, school levels, range, roll-up) never changes after
publication, so values already reported stay comparable across versions.
Input arrives with its types already checked (marshmallow); the rules here are
about meaning, and report every error at once.
"""
from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any, Mapping

from edu71.auth import Principal, Role
from edu71.orgs import SchoolLevel
from indicators.domain.catalogue import (
    AGGREGATIONS,
    Aggregation,
    Catalogue,
    ChangeLimits,
    Direction,
    Indicator,
    Origin,
    Target,
    Threshold,
    ValueType,
)

#: Fields of a province's own indicator that a later version may change.
EDITABLE = ("name", "description", "numerator_label", "denominator_label", "targets", "threshold", "change_limits")
#: Fields the department may change on a national indicator too: how plausibility warns, not what values mean.
QUALITY = ("change_limits",)
#: Largest level range a new level indicator may declare.
MAX_LEVEL = 100


def may_edit_catalogue(principal: Principal, province_code: str) -> bool:
    """The department of the province edits its catalogue; an administrator any."""
    if principal.role is Role.ADMIN:
        return True
    return principal.role is Role.CITY and principal.province_code == province_code


class _Errors(list):
    def add(self, field_: str, message: str) -> None:
        self.append({"field": field_, "message": message})


def _check_targets(targets: list[Mapping[str, Any]], value_type: ValueType, errors: _Errors,
                   levels: frozenset[SchoolLevel], level_range: tuple[int, int] | None) -> tuple[Target, ...]:
    out = []
    for index, raw in enumerate(targets):
        path = f"targets.{index}"
        if raw.get("scope", "province") != "province":
            errors.add(f"{path}.scope", "Sở GD&ĐT chỉ đặt chỉ tiêu của tỉnh/thành (scope = province).")
            continue
        value = raw["value"]
        if value_type is ValueType.RATIO and not 0 <= value <= 100:
            errors.add(f"{path}.value", "Chỉ tiêu tỷ lệ tính theo phần trăm, từ 0 đến 100.")
        elif value_type is ValueType.LEVEL and level_range and not level_range[0] <= value <= level_range[1]:
            errors.add(f"{path}.value", f"Mức phải từ {level_range[0]} đến {level_range[1]}.")
        elif value < 0:
            errors.add(f"{path}.value", "Không được là số âm.")
        if value_type is ValueType.BOOLEAN and value not in (0, 1):
            errors.add(f"{path}.value", "Chỉ tiêu đạt/không đạt chỉ nhận 1 (đạt) hoặc 0 (không đạt).")
        stray = [lv for lv in raw.get("school_levels") or () if SchoolLevel(lv) not in levels]
        if stray:
            errors.add(f"{path}.school_levels", "Cấp học của chỉ tiêu phải nằm trong các cấp học áp dụng.")
        share = raw.get("share_of_schools")
        if share is not None and not 0 < share <= 100:
            errors.add(f"{path}.share_of_schools", "Tỷ lệ trường phải lớn hơn 0 và không quá 100.")
        out.append(Target(scope="province", comparator=raw["comparator"], value=value, horizon=raw["horizon"],
                          source=raw["source"].strip(), school_levels=tuple(raw.get("school_levels") or ()),
                          share_of_schools=share))
    return tuple(out)


def _check_threshold(raw: Mapping[str, Any] | None, value_type: ValueType, errors: _Errors) -> Threshold | None:
    if raw is None:
        return None
    if value_type is ValueType.RATIO and not 0 <= raw["value"] <= 100:
        errors.add("threshold.value", "Ngưỡng của chỉ tiêu tỷ lệ tính theo phần trăm, từ 0 đến 100.")
    elif raw["value"] < 0:
        errors.add("threshold.value", "Không được là số âm.")
    return Threshold(comparator=raw["comparator"], value=raw["value"], source=raw.get("source"))


def new_indicator(data: Mapping[str, Any], catalogue: Catalogue) -> tuple[Indicator | None, list[dict[str, str]]]:
    """The province's indicator described by ``data``, or the reasons it cannot be added."""
    errors = _Errors()
    code = data["code"]
    if code in catalogue:
        errors.add("code", f"Mã chỉ tiêu “{code}” đã có trong danh mục.")
    value_type = ValueType(data["value_type"])
    levels = frozenset(SchoolLevel(lv) for lv in data["school_levels"])
    if len(levels) != len(data["school_levels"]):
        errors.add("school_levels", "Cấp học bị lặp lại.")

    aggregation = data.get("aggregation") or AGGREGATIONS[value_type][0].value
    if aggregation not in {a.value for a in AGGREGATIONS[value_type]}:
        allowed = ", ".join(a.value for a in AGGREGATIONS[value_type])
        errors.add("aggregation", f"Chỉ tiêu loại {value_type.label} chỉ tổng hợp theo: {allowed}.")

    unit = (data.get("unit") or "").strip()
    if value_type is ValueType.RATIO:
        unit = unit or "%"
        if unit != "%":
            errors.add("unit", "Chỉ tiêu tỷ lệ có đơn vị “%”.")
        for key in ("numerator_label", "denominator_label"):
            if not (data.get(key) or "").strip():
                errors.add(key, "Chỉ tiêu tỷ lệ cần ghi rõ tử số và mẫu số đếm gì.")
    elif not unit:
        errors.add("unit", "Cần nhập đơn vị tính, ví dụ “phòng”, “mức”.")
    elif data.get("numerator_label") or data.get("denominator_label"):
        errors.add("numerator_label", "Chỉ chỉ tiêu tỷ lệ mới có tử số và mẫu số.")

    level_range = None
    low, high = data.get("level_min"), data.get("level_max")
    if value_type is ValueType.LEVEL:
        if low is None or high is None:
            errors.add("level_min", "Chỉ tiêu mức độ cần mức thấp nhất và cao nhất.")
        elif not 0 <= low < high <= MAX_LEVEL:
            errors.add("level_max", f"Mức cao nhất phải lớn hơn mức thấp nhất (trong khoảng 0–{MAX_LEVEL}).")
        else:
            level_range = (low, high)
    elif low is not None or high is not None:
        errors.add("level_min", "Chỉ chỉ tiêu mức độ mới có mức thấp nhất và cao nhất.")

    limits = data.get("limit_by_level") or {}
    if limits and value_type is not ValueType.COUNT:
        errors.add("limit_by_level", "Chỉ chỉ tiêu số lượng mới có giới hạn theo cấp học.")
    for level, limit in limits.items():
        if SchoolLevel(level) not in levels:
            errors.add(f"limit_by_level.{level}", "Cấp học này không thuộc các cấp học áp dụng.")
        elif limit < 0:
            errors.add(f"limit_by_level.{level}", "Không được là số âm.")

    targets = _check_targets(data.get("targets") or [], value_type, errors, levels, level_range)
    threshold = _check_threshold(data.get("threshold"), value_type, errors)
    if errors:
        return None, list(errors)
    return Indicator(
        code=code, name=data["name"].strip(), unit=unit, value_type=value_type, levels=levels,
        direction=Direction(data["direction"]), aggregation=Aggregation(aggregation),
        level_min=level_range[0] if level_range else None, level_max=level_range[1] if level_range else None,
        numerator_label=(data.get("numerator_label") or "").strip() or None,
        denominator_label=(data.get("denominator_label") or "").strip() or None,
        limit_by_level=MappingProxyType({SchoolLevel(k): v for k, v in limits.items()}),
        origin=Origin.PROVINCE, description=(data.get("description") or "").strip() or None,
        targets=targets, threshold=threshold,
    ), []


def _check_change_limits(raw: Mapping[str, Any] | None, errors: _Errors) -> ChangeLimits | None:
    """Limits beyond which a change is warned about; ``None`` brings back the defaults."""
    if raw is None:
        return None
    limits = ChangeLimits.from_dict(raw)
    if limits.factor < 1:
        errors.add("change_limits.factor", "Số lần chênh lệch phải từ 1 trở lên.")
    if limits.absolute < 0:
        errors.add("change_limits.absolute", "Mức chênh lệch tuyệt đối không được là số âm.")
    if not 0 < limits.points <= 100:
        errors.add("change_limits.points", "Số điểm phần trăm phải lớn hơn 0 và không quá 100.")
    if limits.level_drop < 1:
        errors.add("change_limits.level_drop", "Số mức giảm phải từ 1 trở lên.")
    if limits.peer_z <= 0:
        errors.add("change_limits.peer_z", "Ngưỡng so với các trường cùng cấp phải lớn hơn 0.")
    return limits


def changed_indicator(data: Mapping[str, Any], indicator: Indicator) -> tuple[Indicator | None, list[dict[str, str]]]:
    """``indicator`` with the changes of ``data`` (only :data:`EDITABLE` keys), or why not."""
    errors = _Errors()
    if "change_limits" in data:
        limits = _check_change_limits(data["change_limits"], errors)
        if set(data) <= set(QUALITY):
            return (None, list(errors)) if errors else (replace(indicator, change_limits=limits), [])
    if indicator.origin is not Origin.PROVINCE:
        errors.add("code", "Chỉ tiêu quốc gia không thể sửa; Sở GD&ĐT chỉ sửa các chỉ tiêu do tỉnh/thành bổ sung.")
        return None, list(errors)
    changes: dict[str, Any] = {}
    if "name" in data:
        changes["name"] = data["name"].strip()
    if "description" in data:
        changes["description"] = (data["description"] or "").strip() or None
    for key in ("numerator_label", "denominator_label"):
        if key in data:
            if indicator.value_type is not ValueType.RATIO:
                errors.add(key, "Chỉ chỉ tiêu tỷ lệ mới có tử số và mẫu số.")
            elif not (data[key] or "").strip():
                errors.add(key, "Chỉ tiêu tỷ lệ cần ghi rõ tử số và mẫu số đếm gì.")
            else:
                changes[key] = data[key].strip()
    level_range = (indicator.level_min, indicator.level_max) if indicator.value_type is ValueType.LEVEL else None
    if "targets" in data:
        changes["targets"] = _check_targets(data["targets"] or [], indicator.value_type, errors, indicator.levels,
                                            level_range)
    if "threshold" in data:
        changes["threshold"] = _check_threshold(data["threshold"], indicator.value_type, errors)
    if "change_limits" in data:
        changes["change_limits"] = _check_change_limits(data["change_limits"], _Errors())
    if not changes and not errors:
        errors.add("_schema", "Cần ít nhất một thay đổi: " + ", ".join(EDITABLE) + ".")
    if errors:
        return None, list(errors)
    return replace(indicator, **changes), []


def with_indicator(catalogue: Catalogue, indicator: Indicator) -> Catalogue:
    """The next version: ``indicator`` added at the end, or replacing the one with its code in place."""
    if indicator.code in catalogue:
        indicators = tuple(indicator if i.code == indicator.code else i for i in catalogue.indicators)
    else:
        indicators = (*catalogue.indicators, indicator)
    return Catalogue(version=catalogue.version + 1, indicators=indicators, province_code=catalogue.province_code)


def changed_fields(before: Indicator, after: Indicator) -> list[str]:
    """Which editable fields differ between two definitions of one indicator, for the version's summary."""
    old, new = before.as_dict(), after.as_dict()
    return [key for key in EDITABLE if old.get(key) != new.get(key)]
