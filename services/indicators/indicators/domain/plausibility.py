"""Warnings (not errors) when a value moves implausibly far from the school's value in its previous round.

A typo (4 instead of 40, a denominator with an extra zero) usually shows as a
jump against the last round, or against the value the school itself reported
earlier in the round, while a real change is rarely that large. The
submission is still accepted: the school may be right, and the warning asks it
to check (and may explain). The rule depends on the value type, with limits
each indicator may set in the catalogue (``Indicator.change_limits``; the
defaults below otherwise):

- ratio: the rate moves by more than ``points`` percentage points (default
  :data:`RATIO_POINTS`), or its denominator moves like an implausible count;
- count: the larger value is more than ``factor`` times the smaller one *and*
  they differ by at least ``absolute`` (1 → 4 smart classrooms is plausible,
  40 → 400 pupils is not);
- level: it drops by ``level_drop`` levels or more (levels rise slowly but are
  rarely lost two at a time);
- boolean: never (either answer is plausible).

Cross-indicator checks of importance *warning* (``Indicator.checks``) are
warnings of the same kind: :func:`check_warnings`.
"""
from __future__ import annotations

from typing import Any, Iterable

from indicators.domain.catalogue import DEFAULT_CHANGE_LIMITS, Catalogue, ChangeLimits, Importance, ValueType
from indicators.domain.validation import cross_check_findings

RATIO_POINTS = DEFAULT_CHANGE_LIMITS.points
COUNT_FACTOR = DEFAULT_CHANGE_LIMITS.factor
COUNT_MIN_CHANGE = DEFAULT_CHANGE_LIMITS.absolute
LEVEL_DROP = DEFAULT_CHANGE_LIMITS.level_drop


def _pct(value: dict[str, Any]) -> float | None:
    den = value.get("denominator")
    return None if not den else 100 * value["numerator"] / den


def _vn(number: float) -> str:
    """12.5 → "12,5" (decimal comma); whole numbers without decimals, grouped with dots."""
    if float(number).is_integer():
        return f"{int(number):,}".replace(",", ".")
    return f"{number:.1f}".replace(".", ",")


def _count_jump(old: int, new: int, limits: ChangeLimits) -> bool:
    low, high = sorted((old, new))
    return high > limits.factor * low and high - low >= limits.absolute


def _moved(old: float, new: float) -> str:
    return "tăng" if new > old else "giảm"


def implausible_changes(previous: Iterable[dict[str, Any]], incoming: Iterable[dict[str, Any]],
                        catalogue: Catalogue, previous_round: str | None = None, *,
                        kind: str = "previous_round") -> list[dict[str, str]]:
    """One ``{field, message, indicator_code, kind}`` warning per value of ``incoming`` that jumps from ``previous``.

    ``previous_round`` is the earlier round's name, for the message; without it
    ``previous`` is the school's own earlier revision in this round. Values of
    another type (the indicator changed between catalogue versions) are not compared.
    """
    before = {v["indicator_code"]: v for v in previous}
    warnings: list[dict[str, str]] = []
    against = f"so với đợt “{previous_round}”" if previous_round else "so với lần nộp trước trong đợt này"

    def warn(path: str, what: str, old: float, new: float, unit: str, how: str) -> None:
        warnings.append({
            "field": path,
            "indicator_code": code,
            "kind": kind,
            "message": f"{what} {_moved(old, new)} bất thường {against}: "
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
        limits = indicator.limits
        match indicator.value_type:
            case ValueType.RATIO:
                was, now = _pct(old), _pct(value)
                if was is not None and now is not None and abs(now - was) > limits.points:
                    warn(f"{path}.numerator", f"Tỷ lệ “{indicator.name}”", was, now, " %",
                         f"chênh {_vn(abs(now - was))} điểm phần trăm")
                if _count_jump(old["denominator"], value["denominator"], limits):
                    warn(f"{path}.denominator", f"Mẫu số của “{indicator.name}”", old["denominator"],
                         value["denominator"], "", f"chênh hơn {_vn(limits.factor)} lần")
            case ValueType.COUNT:
                if _count_jump(old["value"], value["value"], limits):
                    warn(f"{path}.value", f"“{indicator.name}”", old["value"], value["value"],
                         f" {indicator.unit}", f"chênh hơn {_vn(limits.factor)} lần")
            case ValueType.LEVEL:
                if old["level"] - value["level"] >= limits.level_drop:
                    warn(f"{path}.level", f"“{indicator.name}”", old["level"], value["level"], "",
                         f"giảm {old['level'] - value['level']} mức")
    return warnings


def check_warnings(values: Iterable[dict[str, Any]], catalogue: Catalogue) -> list[dict[str, str]]:
    """Cross-indicator checks of importance *warning* that the submission's values break."""
    found = cross_check_findings({v["indicator_code"]: v for v in values}, catalogue, Importance.WARNING)
    return [{**f, "indicator_code": f["field"].split(".")[1], "kind": "check",
             "message": f"{f['message']} Số liệu vẫn được ghi nhận; vui lòng kiểm tra lại."} for f in found]


def revision_jumps(earlier: list[dict[str, Any]], incoming: Iterable[dict[str, Any]], catalogue: Catalogue,
                   references: Iterable[Iterable[dict[str, Any]]] = ()) -> list[dict[str, str]]:
    """Jumps of ``incoming`` from the school's own ``earlier`` values in this round (3 → 300 smart classrooms).

    A correction is not a jump: a value plausible against any of ``references``
    (the values of each earlier revision, last round's) is not warned about.
    """
    refs = [list(r) for r in references]
    incoming = list(incoming)
    out = []
    for warning in implausible_changes(earlier, incoming, catalogue, kind="revision"):
        value = next(v for v in incoming if v["indicator_code"] == warning["indicator_code"])
        if all(implausible_changes(ref, [value], catalogue) for ref in refs
               if any(r["indicator_code"] == value["indicator_code"] for r in ref)):
            out.append(warning)
    return out
