"""Progress towards targets at every level: school, commune/ward, city (pure, no I/O).

For each indicator a round collects that has a target — the school's own approved
plan, the commune's own approved plan (UBND xã/phường), the city's (``province``) or
the nation's — one row with the actual, each target judged against its trajectory
(:mod:`reports.domain.trajectory`), and a headline status judged against the *binding*
target: for a school its own plan's target, else its commune's, the city's, the nation's;
for a commune its own plan's target, else the city's, else the nation's; for the city
the city's, else the nation's (the nearest horizon first within each).

A commune's plan target is compared with the commune's figure read like a city target
of every level (its roll-up of all its schools). A school is measured by its commune's
plan targets too, except a summed count (the commune's 10 smart classrooms are not one
school's).

How an area's figure is read for a target:

- a target with ``school_levels`` is compared with the roll-up of those levels only
  (primary completion 99,7 % is the primary schools' rate);
- a target with ``share_of_schools`` (80 % of schools at national-standard level ≥ 1;
  every school with ≥ 1 smart classroom) compares the share of reporting schools whose
  own value meets ``comparator value`` with that share;
- a count whose roll-up is "largest and share over the limit" (largest class) is
  compared by its largest value; other counts by their sum; levels by the lowest level;
  ratios and yes/no indicators in percent.

The cascade: for each city (or national) target, the schools whose approved plans
commit to the indicator by the target's horizon, and what their commitments add up
to — ratios weighted by each school's denominator in the round (or the baseline round),
shares of schools over the schools the target applies to, counts summed. They add up only when they reach
the target *and* every school the target applies to has committed (a share of schools counts the others as
not committed already).
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, Mapping, Sequence

from edu71.vn import vn_number
from reports.domain.rollup import merge
from reports.domain.targets import effective_comparator, in_target_unit, meets, school_actual
from reports.domain.trajectory import (
    METHOD_NOTE,
    NO_DATA,
    SEVERITY,
    Baseline,
    with_unit,
    horizon_year,
    judge,
    to_date,
)

#: What stands for an indicator's name when the round's catalogue no longer has it (never its code).
GONE = "Chỉ tiêu không còn trong danh mục"


ALL = "all"
SCOPE_LABELS = {"school": "Kế hoạch của nhà trường", "commune": "Kế hoạch của xã/phường",
                "province": "Chỉ tiêu của thành phố", "nation": "Chỉ tiêu quốc gia"}
__all__ = ["METHOD_NOTE", "area_figure", "area_progress", "school_progress", "cascade", "at_risk_entries"]


def _levels_rollup(rollups: Mapping[str, list[dict]], code: str, levels: Sequence[str]) -> dict | None:
    """The roll-up of ``code`` over ``levels`` (every level when empty)."""
    if not levels:
        parts = [rollups.get(ALL) or []]
    else:
        parts = [rollups[lv] for lv in levels if lv in rollups]
    if not parts:
        return None
    merged = merge(parts, [code]) if len(parts) > 1 else parts[0]
    return next((r for r in merged if r["indicator_code"] == code and r.get("schools_reporting")), None)


def _share_meeting(r: Mapping, comparator: str, value: float) -> float | None:
    n = r.get("schools_reporting") or 0
    if not n:
        return None
    if r.get("distribution") is not None:
        ok = sum(count for level, count in r["distribution"].items() if meets(float(level), comparator, value))
        return ok * 100.0 / n
    if r.get("schools_nonzero") is not None and effective_comparator(comparator, None) in (">=", ">") \
            and (value == 1 if comparator in (">=", "=") else value == 0):
        return r["schools_nonzero"] * 100.0 / n
    return None


def area_figure(rollups: Mapping[str, list[dict]], indicator: Mapping, target: Mapping) -> tuple[float | None, str]:
    """(actual in the target's unit, unit) of an area's roll-ups for one catalogue target."""
    r = _levels_rollup(rollups, indicator["code"], target.get("school_levels") or ())
    if target.get("share_of_schools") is not None:
        return (_share_meeting(r, target["comparator"], float(target["value"])) if r else None), "% số trường"
    unit = "%" if indicator.get("value_type") in ("ratio", "boolean") else indicator.get("unit", "")
    if r is None:
        return None, unit
    if indicator.get("aggregation") == "max_and_share_over_limit":
        return r.get("maximum"), unit
    return in_target_unit(r.get("value"), r.get("value_type")), unit


def _target_value(target: Mapping) -> tuple[str, float]:
    """(comparator, value) an area is judged by: a share of schools is a floor on that share."""
    if target.get("share_of_schools") is not None:
        return ">=", float(target["share_of_schools"])
    return target["comparator"], float(target["value"])


def _describe(target: Mapping, unit: str) -> str:
    cmp, value = _target_value(target)
    symbol = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}[cmp]
    if target.get("share_of_schools") is not None:
        inner = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}[target["comparator"]]
        return f"{symbol} {vn_number(value, 2, trim=True)} % số trường đạt {inner} {vn_number(float(target['value']), 2, trim=True)}"
    return f"{symbol} {with_unit(value, unit, 2)}"


def _catalogue_baseline(target: Mapping) -> Baseline | None:
    b = target.get("baseline")
    if not b or b.get("value") is None or not b.get("year"):
        return None
    return Baseline(float(b["value"]), date(int(b["year"]), 12, 31), f"năm {b['year']}, theo danh mục chỉ tiêu")


def _round_baseline(value: float | None, baseline_round: Mapping | None) -> Baseline | None:
    if value is None or not baseline_round:
        return None
    return Baseline(value, to_date(baseline_round["due_at"]), f"đợt “{baseline_round['name']}”")


def _judged(kind: str, target: Mapping, actual: float | None, unit: str, at: date, direction: str | None,
            baseline: Baseline | None) -> dict:
    cmp, value = _target_value(target)
    j = judge(actual, cmp, value, target.get("horizon"), at, direction=direction if target.get(
        "share_of_schools") is None else "higher", baseline=baseline, unit=unit)
    return {"kind": kind, "kind_label": SCOPE_LABELS[kind], "description": _describe(target, unit),
            "source": target.get("source") or SCOPE_LABELS[kind], "school_levels": list(target.get("school_levels") or ()),
            "unit": unit, **j.as_dict()}


def _binding(judged: list[dict]) -> dict | None:
    """The target the headline status is judged by: of those the area has a figure for (all, when none has),
    the school plan's, then the commune's, the city's, the nation's; nearest horizon first. A commune target
    whose figure cannot be computed must not hide the city's that can be judged."""
    order = {"school": 0, "commune": 1, "province": 2, "nation": 3}
    with_data = [j for j in judged if j.get("actual") is not None] or judged
    ranked = sorted(with_data, key=lambda j: (order[j["kind"]], j.get("horizon") or 9999))
    return ranked[0] if ranked else None


def _row(code: str, indicator: Mapping, judged: list[dict], actual: float | None, unit: str) -> dict:
    head = _binding(judged)
    first = {k: next((j for j in judged if j["kind"] == k), None) for k in ("school", "commune", "province", "nation")}
    return {"indicator_code": code, "indicator_name": indicator.get("name", GONE),
            "short_label": indicator.get("short_label") or indicator.get("name", GONE),
            "unit": unit, "direction": indicator.get("direction") or "higher", "actual": actual,
            "school_target": first["school"], "commune_target": first["commune"], "city_target": first["province"],
            "national_target": first["nation"], "targets": judged,
            "status": head["status"] if head else NO_DATA, "status_label": head["status_label"] if head else "",
            "gap": head["gap"] if head else None, "expected": head["expected"] if head else None,
            "behind_by": head["behind_by"] if head else None, "behind_share": head["behind_share"] if head else 0.0,
            "reason": head["reason"] if head else "", "note": head["note"] if head else ""}


def plan_targets_by_code(plan_targets: Iterable[Mapping] | None) -> dict[str, list[Mapping]]:
    """An approved plan's targets linked to an indicator, by indicator code, nearest horizon first."""
    by_code: dict[str, list[Mapping]] = {}
    for t in sorted(plan_targets or (), key=lambda t: str(t.get("horizon"))):
        if t.get("indicator_code"):
            by_code.setdefault(t["indicator_code"], []).append(t)
    return by_code


def _plan_target(t: Mapping, kind: str) -> dict:
    """A plan's target as the catalogue's targets are read (a year for its horizon)."""
    return {"comparator": t["comparator"], "value": t["value"], "horizon": horizon_year(t.get("horizon")),
            "source": SCOPE_LABELS[kind]}


def area_progress(rollups: Mapping[str, list[dict]], baseline_rollups: Mapping[str, list[dict]] | None,
                  baseline_round: Mapping | None, catalogue: Mapping[str, Mapping], indicator_codes: Iterable[str],
                  at: date, *, use_catalogue_baselines: bool, plan_targets: Iterable[Mapping] | None = None
                  ) -> list[dict]:
    """One row per indicator of the round with a target of the area's own approved plan (``plan_targets``:
    a commune's), the city's or the nation's (see the module)."""
    own = plan_targets_by_code(plan_targets)
    rows = []
    for code in indicator_codes:
        indicator = catalogue.get(code)
        if not indicator or not (indicator.get("targets") or own.get(code)):
            continue
        judged, main_actual, main_unit = [], None, None
        for t in own.get(code, ()):
            target = _plan_target(t, "commune")
            actual, unit = area_figure(rollups, {**indicator, "code": code}, target)
            baseline = None
            if baseline_rollups:
                before, _ = area_figure(baseline_rollups, {**indicator, "code": code}, target)
                baseline = _round_baseline(before, baseline_round)
            judged.append({**_judged("commune", target, actual, unit, at, indicator.get("direction"), baseline),
                           "text": t.get("text")})
        for target in indicator.get("targets") or ():
            if target.get("scope") not in ("province", "nation"):
                continue
            actual, unit = area_figure(rollups, {**indicator, "code": code}, target)
            baseline = _catalogue_baseline(target) if use_catalogue_baselines else None
            if baseline is None and baseline_rollups:
                before, _ = area_figure(baseline_rollups, {**indicator, "code": code}, target)
                baseline = _round_baseline(before, baseline_round)
            judged.append(_judged(target["scope"], target, actual, unit, at, indicator.get("direction"), baseline))
            if main_unit is None:
                main_actual, main_unit = actual, unit
        if judged:
            head = _binding(judged)
            rows.append(_row(code, indicator, judged, head["actual"] if head else main_actual,
                             head["unit"] if head else main_unit or ""))
    return rows


def school_progress(values: Mapping[str, Mapping], baseline_values: Mapping[str, Mapping] | None,
                    baseline_round: Mapping | None, plan_targets: Iterable[Mapping], catalogue: Mapping[str, Mapping],
                    indicator_codes: Iterable[str], school_level: str, at: date,
                    commune_targets: Iterable[Mapping] | None = None) -> list[dict]:
    """One school's rows: its own approved plan's targets (linked to an indicator), its commune's approved plan
    targets (``commune_targets``; not a summed count), and the city's and the nation's targets a single school
    can be measured by (no share of schools), for its level."""
    by_code = plan_targets_by_code(plan_targets)
    commune = plan_targets_by_code(commune_targets)
    rows = []
    for code in indicator_codes:
        indicator = catalogue.get(code) or {}
        if indicator.get("school_levels") and school_level not in indicator["school_levels"]:
            continue
        value = values.get(code)
        actual = school_actual(value) if value else None
        before = (baseline_values or {}).get(code)
        baseline = _round_baseline(school_actual(before) if before else None, baseline_round)
        unit = "%" if indicator.get("value_type") in ("ratio", "boolean") else indicator.get("unit", "")
        judged = []
        for t in by_code.get(code, ()):
            judged.append({**_judged("school", _plan_target(t, "school"), actual, unit, at, indicator.get("direction"),
                                     baseline), "text": t.get("text")})
        summed = indicator.get("value_type") == "count" and indicator.get("aggregation") != "max_and_share_over_limit"
        for t in () if summed else commune.get(code, ()):
            judged.append({**_judged("commune", _plan_target(t, "commune"), actual, unit, at,
                                     indicator.get("direction"), baseline), "text": t.get("text")})
        for target in indicator.get("targets") or ():
            if target.get("scope") not in ("province", "nation") or target.get("share_of_schools") is not None:
                continue
            if target.get("school_levels") and school_level not in target["school_levels"]:
                continue
            judged.append(_judged(target["scope"], target, actual, unit, at, indicator.get("direction"), baseline))
        if judged:
            rows.append(_row(code, indicator, judged, actual, unit))
    return rows


def at_risk_entries(rows: Iterable[Mapping], who: Mapping) -> list[dict]:
    """The rows of an area or school whose headline status is có nguy cơ or chậm, with who they concern."""
    keep = ("indicator_code", "indicator_name", "short_label", "unit", "actual", "status", "status_label", "gap",
            "expected", "behind_by", "behind_share", "reason", "note")
    out = []
    for r in rows:
        if r["status"] not in ("at_risk", "behind"):
            continue
        head = _binding(r["targets"])
        out.append({**who, **{k: r[k] for k in keep}, "target_kind": head["kind"], "target_label": head["kind_label"],
                    "target_description": head["description"], "horizon": head["horizon"],
                    "comparator": head["comparator"], "target": head["target"]})
    return out


def sort_at_risk(entries: Iterable[Mapping]) -> list[dict]:
    return sorted(entries, key=lambda e: (SEVERITY.get(e["status"], 9), -(e.get("behind_share") or 0.0),
                                          e.get("school_code") or e.get("commune_code") or ""))


# -- the cascade --------------------------------------------------------------------------------
def commitments(school_code: str, school_level: str, plan_targets: Iterable[Mapping], values: Mapping[str, Mapping],
                baseline_values: Mapping[str, Mapping] | None) -> list[dict]:
    """A school's commitments: each plan target linked to an indicator, with the school's weight (its
    denominator in the round, else in the baseline round) for ratios."""
    out = []
    for t in plan_targets or ():
        code = t.get("indicator_code")
        if not code:
            continue
        weight = None
        for source in (values.get(code), (baseline_values or {}).get(code)):
            if source and source.get("value_type") == "ratio" and source.get("denominator"):
                weight = float(source["denominator"])
                break
        out.append({"school_code": school_code, "school_level": school_level, "indicator_code": code,
                    "comparator": t["comparator"], "value": float(t["value"]),
                    "horizon": horizon_year(t.get("horizon")), "weight": weight})
    return out


def cascade(commitments_: Iterable[Mapping], catalogue: Mapping[str, Mapping], indicator_codes: Iterable[str],
            schools_by_level: Mapping[str, int]) -> list[dict]:
    """For each city (else national) target of the round's indicators: how many schools commit, and whether
    their commitments add up to it (see the module)."""
    by_code: dict[str, list[Mapping]] = {}
    for c in commitments_:
        by_code.setdefault(c["indicator_code"], []).append(c)
    out = []
    for code in indicator_codes:
        indicator = catalogue.get(code) or {}
        targets = [t for t in indicator.get("targets") or () if t.get("scope") == "province"] or \
                  [t for t in indicator.get("targets") or () if t.get("scope") == "nation"]
        for target in targets:
            levels = list(target.get("school_levels") or indicator.get("school_levels") or schools_by_level)
            year = target.get("horizon")
            # Each school's commitment for the target's horizon: the latest of its targets due by then.
            chosen: dict[str, Mapping] = {}
            for c in sorted(by_code.get(code, ()), key=lambda c: c["horizon"] or 0):
                if c["school_level"] in levels and (c["horizon"] is None or year is None or c["horizon"] <= year):
                    chosen[c["school_code"]] = c
            applicable = sum(n for lv, n in schools_by_level.items() if lv in levels)
            unit = "%" if indicator.get("value_type") in ("ratio", "boolean") else indicator.get("unit", "")
            cmp, wanted = _target_value(target)
            committed = list(chosen.values())
            figure, note = None, ""
            if target.get("share_of_schools") is not None:
                ok = sum(1 for c in committed if meets(c["value"], target["comparator"], float(target["value"]),
                                                       indicator.get("direction")))
                figure = ok * 100.0 / applicable if applicable else None
                note = f"{ok} trường cam kết đạt mức yêu cầu trên {applicable} trường thuộc diện"
                unit = "% số trường"
            elif indicator.get("value_type") == "ratio":
                weighted = [c for c in committed if c["weight"]]
                total = sum(c["weight"] for c in weighted)
                figure = sum(c["value"] * c["weight"] for c in weighted) / total if total else None
                note = (f"bình quân các cam kết có trọng số theo mẫu số của {len(weighted)} trường"
                        + (f"; {len(committed) - len(weighted)} trường chưa có mẫu số" if len(committed) > len(weighted)
                           else ""))
            elif indicator.get("value_type") == "level":
                figure = min((c["value"] for c in committed), default=None)
                note = "mức thấp nhất trong các cam kết"
            else:
                figure = sum(c["value"] for c in committed) if committed else None
                note = "tổng các cam kết"
            reaches = None if figure is None else meets(figure, cmp, wanted, indicator.get("direction"))
            uncovered = max(0, applicable - len(committed)) if target.get("share_of_schools") is None else 0
            if committed and uncovered:
                # Schools without a commitment leave the city's figure open: the commitments cannot answer for them.
                note += f"; {uncovered} trường thuộc diện chưa cam kết"
            adds_up = None if reaches is None else (reaches and not uncovered)
            out.append({"indicator_code": code, "indicator_name": indicator.get("name", GONE),
                        "short_label": indicator.get("short_label") or indicator.get("name", GONE),
                        "target_kind": target.get("scope"), "target_label": SCOPE_LABELS[target.get("scope")],
                        "target_description": _describe(target, unit if target.get("share_of_schools") is None
                                                        else "%"),
                        "comparator": cmp, "target": wanted, "horizon": year, "source": target.get("source"),
                        "school_levels": levels, "schools_applicable": applicable,
                        "schools_committing": len(committed), "committed_figure":
                            round(figure, 6) if figure is not None else None,
                        "unit": unit, "adds_up": adds_up,
                        "verdict": ("Các cam kết cộng lại đạt chỉ tiêu" if adds_up else
                                    f"Các cam kết đạt mức chỉ tiêu nhưng còn {uncovered} trường chưa cam kết"
                                    if reaches else
                                    "Các cam kết cộng lại chưa đạt chỉ tiêu" if reaches is False else
                                    "Chưa có trường nào cam kết"),
                        "note": note})
    return out
