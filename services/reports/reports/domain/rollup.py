"""Roll-ups: turning the values of many schools into one figure per indicator.

The rule depends on the indicator's value type (see the contracts' ``IndicatorValue``):

- ratio   → Σnumerators / Σdenominators. Never the mean of the schools' percentages:
            a school of 1 teacher must not weigh as much as a school of 100.
- count   → the sum (plus the largest value and how many schools reported at least 1,
            e.g. schools with a smart classroom).
- level   → the distribution of schools per level, and the minimum level reached.
- boolean → the share of reporting schools for which the condition holds.

Pure functions on plain mappings; nothing here reads or writes anything.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable, Mapping, Sequence


class ValueType(StrEnum):
    RATIO = "ratio"
    COUNT = "count"
    LEVEL = "level"
    BOOLEAN = "boolean"


class Aggregation(StrEnum):
    """Names as in the RollupUpdated contract."""

    RATIO = "ratio"
    SUM = "sum"
    DISTRIBUTION = "distribution"
    SHARE = "share"


AGGREGATION_OF = {
    ValueType.RATIO: Aggregation.RATIO,
    ValueType.COUNT: Aggregation.SUM,
    ValueType.LEVEL: Aggregation.DISTRIBUTION,
    ValueType.BOOLEAN: Aggregation.SHARE,
}


@dataclass(frozen=True)
class IndicatorRollup:
    """The aggregate of one indicator over the schools that reported it.

    ``value`` is the headline figure, as in RollupUpdated: the fraction 0..1 for
    ratio and share, the total for sum, the minimum level for distribution;
    ``None`` when nothing can be computed (no school reported, or Σdenominators = 0).
    """

    indicator_code: str
    value_type: ValueType | None
    aggregation: Aggregation | None
    schools_reporting: int
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    distribution: dict[str, int] | None = None
    minimum: int | None = None
    maximum: float | None = None
    #: For counts: schools whose value is at least 1 (e.g. with a smart classroom).
    schools_nonzero: int | None = None

    def as_dict(self) -> dict:
        # By hand rather than dataclasses.asdict: a rebuild calls this a million times.
        return {"indicator_code": self.indicator_code,
                "value_type": self.value_type.value if self.value_type else None,
                "aggregation": self.aggregation.value if self.aggregation else None,
                "schools_reporting": self.schools_reporting, "value": self.value, "numerator": self.numerator,
                "denominator": self.denominator,
                "distribution": dict(self.distribution) if self.distribution is not None else None,
                "minimum": self.minimum, "maximum": self.maximum, "schools_nonzero": self.schools_nonzero}


_VALUE_TYPES = {vt.value: vt for vt in ValueType}


class RollupError(ValueError):
    """Values that cannot be rolled up together (wrong type or missing field)."""


def _fraction(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def rollup_indicator(code: str, value_type: ValueType | str, values: Sequence[Mapping]) -> IndicatorRollup:
    """Aggregate ``values`` (one ``IndicatorValue`` per school, all of ``value_type``) of indicator ``code``."""
    vt = ValueType(value_type)
    wanted = vt.value  # once: an enum's .value is a descriptor call, and this loop sees every school
    for v in values:
        if v.get("value_type") != wanted:
            raise RollupError(f"{code}: a {v.get('value_type')!r} value among {wanted!r} values")
    n = len(values)
    agg = AGGREGATION_OF[vt]
    if n == 0:
        return IndicatorRollup(code, vt, agg, 0, None)
    try:
        match vt:
            case ValueType.RATIO:
                num = sum(v["numerator"] for v in values)
                den = sum(v["denominator"] for v in values)
                return IndicatorRollup(code, vt, agg, n, _fraction(num, den), numerator=num, denominator=den)
            case ValueType.COUNT:
                counts = [v["value"] for v in values]
                return IndicatorRollup(code, vt, agg, n, sum(counts), maximum=max(counts),
                                       schools_nonzero=sum(1 for c in counts if c >= 1))
            case ValueType.LEVEL:
                levels = [int(v["level"]) for v in values]
                tally = Counter(levels)
                distribution = {str(level): tally[level] for level in sorted(tally)}
                lowest = min(levels)
                return IndicatorRollup(code, vt, agg, n, lowest, distribution=distribution, minimum=lowest)
            case ValueType.BOOLEAN:
                holding = sum(1 for v in values if v["flag"] is True)
                return IndicatorRollup(code, vt, agg, n, _fraction(holding, n), numerator=holding, denominator=n)
    except KeyError as exc:
        raise RollupError(f"{code}: a {vt.value} value without {exc.args[0]!r}") from None
    raise AssertionError(vt)  # pragma: no cover - every ValueType is matched above


def rollup(schools: Iterable[Mapping[str, Mapping]], indicator_codes: Sequence[str] = ()) -> list[IndicatorRollup]:
    """Roll up every indicator of ``schools`` (each: indicator code → that school's ``IndicatorValue``).

    Indicators named in ``indicator_codes`` (the round's list) come first, in that
    order, with an empty roll-up when no school reported them; any other reported
    indicator follows in code order. Should schools have reported one code with
    different value types (e.g. across catalogue versions), each type is rolled
    up on its own rather than mixed.
    """
    groups: dict[str, dict[ValueType, list[Mapping]]] = defaultdict(lambda: defaultdict(list))
    for values in schools:
        for code, value in values.items():
            vt = _VALUE_TYPES.get(value.get("value_type"))
            if vt is None:
                raise RollupError(f"{code}: unknown value type {value.get('value_type')!r}")
            groups[code][vt].append(value)
    ordered = list(dict.fromkeys(indicator_codes)) + sorted(set(groups) - set(indicator_codes))
    out: list[IndicatorRollup] = []
    for code in ordered:
        by_type = groups.get(code)
        if not by_type:
            out.append(IndicatorRollup(code, None, None, 0, None))
            continue
        for vt in sorted(by_type):
            out.append(rollup_indicator(code, vt, by_type[vt]))
    return out


def merge(parts: Iterable[Sequence[Mapping]], indicator_codes: Sequence[str] = ()) -> list[dict]:
    """The roll-ups of the union of disjoint groups of schools, from each group's roll-ups (as
    :meth:`IndicatorRollup.as_dict` gives them), in :func:`rollup`'s order: the same figures as rolling
    up all their schools at once (sums of integers exactly), without visiting any school again.

    This is how a province's figures are assembled from its communes' when only one commune changed.
    """
    merged: dict[str, dict[str, dict]] = defaultdict(dict)
    for rollups in parts:
        for r in rollups:
            if r["aggregation"] is None:
                continue  # no school of that group reported it
            into = merged[r["indicator_code"]].get(r["value_type"])
            if into is None:
                merged[r["indicator_code"]][r["value_type"]] = {
                    **r, "distribution": dict(r["distribution"]) if r["distribution"] is not None else None}
                continue
            into["schools_reporting"] += r["schools_reporting"]
            match r["value_type"]:
                case ValueType.RATIO.value | ValueType.BOOLEAN.value:
                    into["numerator"] += r["numerator"]
                    into["denominator"] += r["denominator"]
                    into["value"] = _fraction(into["numerator"], into["denominator"])
                case ValueType.COUNT.value:
                    into["value"] += r["value"]
                    into["maximum"] = max(into["maximum"], r["maximum"])
                    into["schools_nonzero"] += r["schools_nonzero"]
                case ValueType.LEVEL.value:
                    tally = Counter({int(k): n for k, n in into["distribution"].items()})
                    tally.update({int(k): n for k, n in r["distribution"].items()})
                    into["distribution"] = {str(level): tally[level] for level in sorted(tally)}
                    into["minimum"] = into["value"] = min(into["minimum"], r["minimum"])
    ordered = list(dict.fromkeys(indicator_codes)) + sorted(set(merged) - set(indicator_codes))
    out: list[dict] = []
    for code in ordered:
        by_type = merged.get(code)
        if not by_type:
            out.append(IndicatorRollup(code, None, None, 0, None).as_dict())
            continue
        out += [by_type[vt] for vt in sorted(by_type)]
    return out
