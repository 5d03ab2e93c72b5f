"""Targets vs actuals: whether a figure meets a target, and by how much it misses (pure).

Targets are written in the indicator's unit as people read it: ratios as
percentages (0,5 % → 0.5), counts and levels as numbers. Actual figures come
as the roll-up's headline value (a fraction 0..1 for ratios and shares), so
they are converted to the target's unit first.

``=`` ("đạt 100 %") reads as a floor for a higher-is-better indicator and a
ceiling for a lower-is-better one, as the catalogue's contract says.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from reports.domain.rollup import ValueType

COMPARATORS = (">=", ">", "<=", "<", "=")


def in_target_unit(value: float | None, value_type: ValueType | str | None) -> float | None:
    """A headline figure in the unit targets use: percent for ratios and shares (booleans)."""
    if value is None or value_type is None:
        return None
    if ValueType(value_type) in (ValueType.RATIO, ValueType.BOOLEAN):
        return value * 100.0
    return float(value)


def school_actual(value: Mapping) -> float | None:
    """One school's reported ``IndicatorValue`` in the unit targets use (None if it cannot be told)."""
    match value.get("value_type"):
        case "ratio":
            den = value.get("denominator") or 0
            return value["numerator"] * 100.0 / den if den else None
        case "count":
            return float(value["value"])
        case "level":
            return float(value["level"])
        case "boolean":
            return 100.0 if value.get("flag") else 0.0
    return None


def effective_comparator(comparator: str, direction: str | None) -> str:
    if comparator != "=":
        return comparator
    return "<=" if direction == "lower" else ">="


def shortfall(actual: float, comparator: str, target: float, direction: str | None = None) -> float:
    """How far ``actual`` is on the wrong side of the target, in the target's unit (0 when met).

    A strict comparator met with equality misses by 0 but is still not met: see :func:`meets`.
    """
    match effective_comparator(comparator, direction):
        case ">=" | ">":
            return max(0.0, target - actual)
        case "<=" | "<":
            return max(0.0, actual - target)
    raise ValueError(f"unknown comparator {comparator!r}")


def meets(actual: float, comparator: str, target: float, direction: str | None = None) -> bool:
    match effective_comparator(comparator, direction):
        case ">=":
            return actual >= target
        case ">":
            return actual > target
        case "<=":
            return actual <= target
        case "<":
            return actual < target
    raise ValueError(f"unknown comparator {comparator!r}")


@dataclass(frozen=True)
class TargetCheck:
    """One figure against one target."""

    indicator_code: str
    comparator: str
    target: float
    actual: float | None
    met: bool | None  # None: no actual figure yet
    gap: float | None  # how much is missing, in the target's unit; 0 when met
    horizon: str | int | None = None
    source: str | None = None
    text: str | None = None
    unit: str | None = None

    @property
    def relative_gap(self) -> float:
        """The gap as a share of the target (to rank misses of different units together)."""
        if not self.gap:
            return 0.0
        return self.gap / abs(self.target) if self.target else self.gap

    def as_dict(self) -> dict:
        # By hand rather than dataclasses.asdict (deep copies, slow): the views call this for every check.
        return {"indicator_code": self.indicator_code, "comparator": self.comparator, "target": self.target,
                "actual": self.actual, "met": self.met, "gap": self.gap, "horizon": self.horizon,
                "source": self.source, "text": self.text, "unit": self.unit}


def check(indicator_code: str, actual: float | None, comparator: str, target: float, *,
          direction: str | None = None, horizon=None, source: str | None = None, text: str | None = None,
          unit: str | None = None) -> TargetCheck:
    if actual is None:
        return TargetCheck(indicator_code, comparator, target, None, None, None, horizon, source, text, unit)
    ok = meets(actual, comparator, target, direction)
    gap = shortfall(actual, comparator, target, direction)
    return TargetCheck(indicator_code, comparator, target, round(actual, 6), ok, round(gap, 6), horizon, source,
                       text, unit)


def check_school_plan(values: Mapping[str, Mapping], plan_targets: Iterable[Mapping],
                      directions: Mapping[str, str]) -> list[TargetCheck]:
    """A school's latest values against its approved plan's targets (those naming an indicator)."""
    out = []
    for t in plan_targets:
        code = t.get("indicator_code")
        if not code:
            continue  # a target in words only: nothing to measure it with
        value = values.get(code)
        actual = school_actual(value) if value else None
        out.append(check(code, actual, t["comparator"], float(t["value"]), direction=directions.get(code),
                         horizon=t.get("horizon"), source="Kế hoạch của nhà trường", text=t.get("text"),
                         unit=t.get("unit")))
    return out


def check_area(rollups: Iterable[Mapping], catalogue: Mapping[str, Mapping], scopes=("province", "nation")
               ) -> list[TargetCheck]:
    """An area's roll-ups (``IndicatorRollup.as_dict()``) against the catalogue's targets of ``scopes``."""
    by_code = {r["indicator_code"]: r for r in rollups}
    out = []
    for code, indicator in catalogue.items():
        rolled = by_code.get(code)
        actual = in_target_unit(rolled["value"], rolled["value_type"]) if rolled else None
        for t in indicator.get("targets") or ():
            if t["scope"] not in scopes:
                continue
            out.append(check(code, actual, t["comparator"], float(t["value"]), direction=indicator.get("direction"),
                             horizon=t.get("horizon"), source=t.get("source"), unit=indicator.get("unit"),
                             text=f"{indicator.get('name', code)} ({'toàn quốc' if t['scope'] == 'nation' else 'tỉnh/thành phố'})"))
    return out


def misses(checks: Iterable[TargetCheck]) -> list[TargetCheck]:
    """The checks on the wrong side of their target, worst (relatively) first."""
    return sorted((c for c in checks if c.met is False), key=lambda c: -c.relative_gap)
