"""A school's reported values against the quantitative targets of its own approved plan (pure)."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from portal.domain.dashboard import COMPARE, SYMBOLS
from portal.domain.formatting import vn_date, vn_number


def _actual(value: Mapping[str, Any], unit: str) -> float | None:
    """The reported figure in the target's terms: a ratio in % when the target is in %."""
    if value.get("denominator") is not None:
        if not value["denominator"]:
            return None
        share = (value.get("numerator") or 0) / value["denominator"]
        return share * 100 if unit.strip() == "%" else share
    for key in ("value", "level"):
        if value.get(key) is not None:
            return float(value[key])
    if value.get("flag") is not None:
        return 1.0 if value["flag"] else 0.0
    return None


def against_plan(values: Iterable[Mapping[str, Any]], targets: Iterable[Mapping[str, Any]]) -> list[dict]:
    """One row per plan target that names an indicator the school reported: actual, target, met or not."""
    reported = {v.get("indicator_code"): v for v in values}
    rows = []
    for target in targets:
        code = target.get("indicator_code")
        if not code or code not in reported:
            continue
        unit = target.get("unit") or ""
        actual = _actual(reported[code], unit)
        comparator = target.get("comparator", ">=")
        met = None if actual is None else COMPARE.get(comparator, COMPARE[">="])(actual, float(target["value"]))
        rows.append({
            "indicator_code": code,
            "text": target.get("text", ""),
            "actual": "–" if actual is None else f"{vn_number(round(actual, 1))} {unit}".strip(),
            "target": f"{SYMBOLS.get(comparator, comparator)} {vn_number(target['value'])} {unit}".strip(),
            "horizon": vn_date(target.get("horizon")),
            "met": met,
        })
    return rows
