"""Warnings (not errors) when a value moves implausibly far from the school's value in its previous round.

A typo (4 instead of 40, a denominator with an extra zero) usually shows as a
jump against the last round, while a real change is rarely that large. The
submission is still accepted: the school may be right, and the warning asks it
to check. The rule depends on the value type:

- ratio: the rate moves by more than :data:`RATIO_POINTS` percentage points,
  or its denominator moves like an implausible count (below);
- count: the larger value is more than :data:`COUNT_FACTOR` times the smaller
  one *and* they differ by at least :data:`COUNT_MIN_CHANGE` (1 → 4 smart
  classrooms is plausible, 40 → 400 pupils is not);
- level: it drops by :data:`LEVEL_DROP` levels or more (levels rise slowly but
  are rarely lost two at a time);
- boolean: never (either answer is plausible).
"""
from __future__ import annotations

from typing import Any, Iterable

from indicators.domain.catalogue import Catalogue, ValueType

RATIO_POINTS = 30
COUNT_FACTOR = 3
COUNT_MIN_CHANGE = 10
LEVEL_DROP = 2


def _pct(value: dict[str, Any]) -> float | None:
    den = value.get("denominator")
    return None if not den else 100 * value["numerator"] / den


def _vn(number: float) -> str:
    """12.5 → "12,5" (decimal comma); whole numbers without decimals, grouped with dots."""
    if float(number).is_integer():
        return f"{int(number):,}".replace(",", ".")
    return f"{number:.1f}".replace(".", ",")


def _count_jump(old: int, new: int) -> bool:
    low, high = sorted((old, new))
    return high > COUNT_FACTOR * low and high - low >= COUNT_MIN_CHANGE


def _moved(old: float, new: float) -> str:
    return "tăng" if new > old else "giảm"


def implausible_changes(previous: Iterable[dict[str, Any]], incoming: Iterable[dict[str, Any]],
                        catalogue: Catalogue, previous_round: str) -> list[dict[str, str]]:
    """One ``{field, message}`` warning per value of ``incoming`` that jumps from ``previous``.

    ``previous_round`` is the earlier round's name, for the message. Values of
    another type (the indicator changed between catalogue versions) are not compared.
    """
    before = {v["indicator_code"]: v for v in previous}
    warnings: list[dict[str, str]] = []

    def warn(path: str, what: str, old: float, new: float, unit: str, how: str) -> None:
        warnings.append({
            "field": path,
            "message": f"{what} {_moved(old, new)} bất thường so với đợt “{previous_round}”: "
                       f"từ {_vn(old)}{unit} {'lên' if new > old else 'xuống'} {_vn(new)}{unit} ({how}). "
                       "Số liệu vẫn được ghi nhận; vui lòng kiểm tra lại.",
        })

    for value in incoming:
        code = value["indicator_code"]
        old = before.get(code)
        indicator = catalogue.get(code)
        if old is None or indicator is None or old.get("value_type") != value["value_type"]:
            continue
        path = f"values.{code}"
        match indicator.value_type:
            case ValueType.RATIO:
                was, now = _pct(old), _pct(value)
                if was is not None and now is not None and abs(now - was) > RATIO_POINTS:
                    warn(f"{path}.numerator", "Tỷ lệ", was, now, " %",
                         f"chênh {_vn(abs(now - was))} điểm phần trăm")
                if _count_jump(old["denominator"], value["denominator"]):
                    warn(f"{path}.denominator", "Mẫu số", old["denominator"], value["denominator"], "",
                         f"chênh hơn {COUNT_FACTOR} lần")
            case ValueType.COUNT:
                if _count_jump(old["value"], value["value"]):
                    warn(f"{path}.value", indicator.name, old["value"], value["value"], f" {indicator.unit}",
                         f"chênh hơn {COUNT_FACTOR} lần")
            case ValueType.LEVEL:
                if old["level"] - value["level"] >= LEVEL_DROP:
                    warn(f"{path}.level", indicator.name, old["level"], value["level"], "",
                         f"giảm {old['level'] - value['level']} mức")
    return warnings
