"""The precomputed read models of one province, built from the model (pure, no I/O).

For every round of the province: a *province view* (completeness, roll-ups
per school level, plans, targets, the communes side by side, at-risk lists)
and a *commune view* per commune (the same, plus its schools one by one).
Outside rounds: a *plans view* per province and commune (plan status counts,
schools without an approved plan). The API reads them by ``_id`` only, so a
query never scans the schools.

Completeness: a school is *expected* in a round when it is active in the
directory, of the round's province and of one of the round's school levels;
*submitted* when its values are in; *late* when its latest revision was
submitted after the due date (the flag the indicators service set);
*missing* when expected and not submitted.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from typing import Callable, Iterable, Mapping

from reports.domain.model import Model
from reports.domain.rollup import rollup
from reports.domain.targets import check_area, check_school_plan, in_target_unit, misses

ALL = "all"
PLAN_STATUSES = ("approved", "submitted", "returned", "none")
STATUS_OF_EVENT = {"PlanSubmitted": "submitted", "PlanApproved": "approved", "PlanReturned": "returned"}


def view_id(kind: str, *parts: str) -> str:
    return "|".join((kind, *parts))


def round_view_id(round_id: str, scope_kind: str, code: str) -> str:
    return view_id("round", round_id, scope_kind, code)


def plans_view_id(scope_kind: str, code: str) -> str:
    return view_id("plans", scope_kind, code)


def digest(view: Mapping) -> str:
    """A fingerprint of a view's figures (not of when it was computed)."""
    body = {k: v for k, v in view.items() if k not in ("computed_at", "digest")}
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def _school_entry(school: Mapping) -> dict:
    return {"school_code": school["school_code"], "school_name": school["name"], "school_level": school["level"],
            "commune_code": school["commune_code"]}


def _rollups_by_level(rows: list[dict], indicator_codes) -> dict[str, list[dict]]:
    out = {ALL: [r.as_dict() for r in rollup([row["values"] for row in rows], indicator_codes)]}
    for level in sorted({row["school_level"] for row in rows}):
        out[level] = [r.as_dict() for r in rollup([row["values"] for row in rows if row["school_level"] == level],
                                                  indicator_codes)]
    return out


def _completeness(expected: int, rows: list[dict], expected_codes: set[str]) -> dict:
    submitted = len(rows)
    late = sum(1 for r in rows if r["late"])
    missing = len(expected_codes - {r["school_code"] for r in rows})
    return {"expected": expected, "submitted": submitted, "on_time": submitted - late, "late": late,
            "missing": missing,
            "rate": round(len(expected_codes & {r["school_code"] for r in rows}) / expected, 6) if expected else None}


def _headline(rollups: list[dict]) -> dict[str, float | None]:
    return {r["indicator_code"]: in_target_unit(r["value"], r["value_type"]) for r in rollups}


def _plan_counts(schools: Iterable[Mapping], status_of: Callable[[str], str]) -> dict[str, int]:
    tally = Counter(status_of(s["school_code"]) for s in schools)
    return {status: tally.get(status, 0) for status in PLAN_STATUSES}


def build_province(model: Model, province: str, commune_name: Callable[[str], str] = lambda c: c) -> dict[str, dict]:
    """Every view of ``province``: ``{view id: view}``."""
    views: dict[str, dict] = {}
    directory = [s for s in model.directory(province) if s["active"]]
    catalogue = model.catalogue(province)
    directions = {code: ind.get("direction") for code, ind in catalogue.items()}

    def plan_status(code: str) -> str:
        row = model.plan_status(code)
        return STATUS_OF_EVENT[row["event_type"]] if row else "none"

    # -- plans, outside rounds ------------------------------------------------
    by_commune: dict[str, list[dict]] = defaultdict(list)
    for s in directory:
        by_commune[s["commune_code"]].append(s)
    commune_rows = []
    for commune in sorted(by_commune):
        schools = by_commune[commune]
        counts = _plan_counts(schools, plan_status)
        without = [{**_school_entry(s), "plan_status": plan_status(s["school_code"])}
                   for s in schools if plan_status(s["school_code"]) != "approved"]
        views[plans_view_id("commune", commune)] = {
            "kind": "plans", "scope": {"kind": "commune", "code": commune}, "province_code": province,
            "counts": counts, "schools_without_approved_plan": without}
        commune_rows.append({"commune_code": commune, "commune_name": commune_name(commune), **counts})
    views[plans_view_id("province", province)] = {
        "kind": "plans", "scope": {"kind": "province", "code": province}, "province_code": province,
        "counts": _plan_counts(directory, plan_status), "communes": commune_rows,
        "schools_without_approved_plan": [{**_school_entry(s), "plan_status": plan_status(s["school_code"])}
                                          for s in directory if plan_status(s["school_code"]) != "approved"]}

    # -- rounds ------------------------------------------------------------------
    for round_id in model.rounds_of(province):
        views.update(_round_views(model, round_id, province, directory, catalogue, directions, plan_status,
                                  commune_name))
    return views


def _round_views(model: Model, round_id: str, province: str, directory: list[dict], catalogue: dict,
                 directions: dict, plan_status: Callable[[str], str], commune_name: Callable[[str], str]
                 ) -> dict[str, dict]:
    rnd = model.round(round_id)
    indicator_codes = rnd["indicator_codes"] if rnd else ()
    levels = set(rnd["school_levels"]) if rnd else set()
    expected = [s for s in directory if s["level"] in levels] if rnd and rnd["province_code"] == province else []
    directory_of = {s["school_code"]: s for s in directory}

    rows = []
    for row in model.values(round_id, province):
        # The directory knows where a school is now (after a merge of communes); the event, where it was.
        known = directory_of.get(row["school_code"])
        rows.append({**row, "commune_code": known["commune_code"] if known else row["commune_code"],
                     "school_level": known["level"] if known else row["school_level"]})
    by_commune: dict[str, list[dict]] = defaultdict(list)
    expected_by_commune: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_commune[row["commune_code"]].append(row)
    for s in expected:
        expected_by_commune[s["commune_code"]].append(s)

    meta = {"round_id": round_id, "province_code": province,
            "round_name": rnd["name"] if rnd else None, "indicator_codes": list(indicator_codes),
            "directions": {code: d for code, d in directions.items() if d}}
    views: dict[str, dict] = {}
    commune_summaries, school_misses, commune_misses = [], [], []
    for commune in sorted(set(by_commune) | set(expected_by_commune)):
        c_rows, c_expected = by_commune[commune], expected_by_commune[commune]
        reported = {r["school_code"]: r for r in c_rows}
        c_expected_codes = {s["school_code"] for s in c_expected}
        schools, c_school_misses = [], []
        for code in sorted(c_expected_codes | set(reported)):
            row, known = reported.get(code), directory_of.get(code)
            approved = model.plan_approved(code)
            checks = check_school_plan(row["values"], approved["targets"], directions) if row and approved else []
            entry = {"school_code": code,
                     "school_name": known["name"] if known else row["school_name"],
                     "school_level": known["level"] if known else row["school_level"],
                     "commune_code": commune, "expected": code in c_expected_codes,
                     "submitted": row is not None, "late": bool(row and row["late"]),
                     "revision": row["revision"] if row else None,
                     "submitted_at": row["submitted_at"] if row else None,
                     "values": [row["values"][k] for k in sorted(row["values"])] if row else [],
                     "plan_status": plan_status(code),
                     "plan_checks": [c.as_dict() for c in checks]}
            schools.append(entry)
            for c in misses(checks):
                c_school_misses.append({**_school_entry({**entry, "name": entry["school_name"],
                                                         "level": entry["school_level"]}), **c.as_dict()})
        rollups = _rollups_by_level(c_rows, indicator_codes)
        completeness = _completeness(len(c_expected), c_rows, c_expected_codes)
        area_checks = check_area(rollups[ALL], catalogue)
        c_misses = [c.as_dict() for c in misses(area_checks)]
        views[round_view_id(round_id, "commune", commune)] = {
            "kind": "round", **meta, "scope": {"kind": "commune", "code": commune},
            "commune_name": commune_name(commune), "completeness": completeness,
            "submitted_by_level": dict(sorted(Counter(r["school_level"] for r in c_rows).items())),
            "missing_schools": [s for s in schools if s["expected"] and not s["submitted"]],
            "rollups": rollups, "targets": [c.as_dict() for c in area_checks],
            "at_risk_schools": sorted(c_school_misses, key=lambda m: -_relative(m)),
            "schools": schools}
        commune_summaries.append({"commune_code": commune, "commune_name": commune_name(commune),
                                  **{f"schools_{k}": v for k, v in completeness.items()},
                                  "values": _headline(rollups[ALL])})
        school_misses += c_school_misses
        commune_misses += [{"commune_code": commune, "commune_name": commune_name(commune), **m} for m in c_misses]

    rollups = _rollups_by_level(rows, indicator_codes)
    expected_codes = {s["school_code"] for s in expected}
    reported_codes = {r["school_code"] for r in rows}
    views[round_view_id(round_id, "province", province)] = {
        "kind": "round", **meta, "scope": {"kind": "province", "code": province},
        "completeness": _completeness(len(expected), rows, expected_codes),
        "expected_by_level": dict(sorted(Counter(s["level"] for s in expected).items())),
        "submitted_by_level": dict(sorted(Counter(r["school_level"] for r in rows).items())),
        "missing_schools": [{**_school_entry(s)} for s in expected if s["school_code"] not in reported_codes],
        "rollups": rollups, "targets": [c.as_dict() for c in check_area(rollups[ALL], catalogue)],
        "communes": commune_summaries,
        "at_risk_schools": sorted(school_misses, key=lambda m: -_relative(m)),
        "at_risk_communes": sorted(commune_misses, key=lambda m: -_relative(m))}
    return views


def _relative(miss: Mapping) -> float:
    gap, target = miss.get("gap") or 0.0, miss.get("target") or 0.0
    return gap / abs(target) if target else gap


def city_figures(province_view: Mapping, catalogue: Mapping[str, Mapping]) -> dict[str, dict[str, dict]]:
    """The city-level figures RollupUpdated reports: level → indicator → roll-up and schools expected."""
    expected_by_level = province_view.get("expected_by_level") or {}
    out: dict[str, dict[str, dict]] = {}
    for level, rollups in province_view["rollups"].items():
        figures = {}
        for r in rollups:
            if r["aggregation"] is None:
                continue
            levels = set((catalogue.get(r["indicator_code"]) or {}).get("school_levels") or expected_by_level)
            if level == ALL:
                expected = sum(n for lv, n in expected_by_level.items() if lv in levels)
            else:
                expected = expected_by_level.get(level, 0) if level in levels else 0
            figures[r["indicator_code"]] = {**r, "schools_expected": expected}
        out[level] = figures
    return out


def changed_figures(before: Mapping[str, Mapping], after: Mapping[str, Mapping]) -> list[tuple[str, dict]]:
    """(level, figure) of every city figure that differs from ``before``."""
    return [(level, fig) for level, figures in after.items() for code, fig in figures.items()
            if (before.get(level) or {}).get(code) != fig]


def ranking(province_view: Mapping, indicator_code: str, direction: str | None) -> list[dict]:
    """The communes of a province view ranked by an indicator, best first (communes without a figure last)."""
    rows = [{"commune_code": c["commune_code"], "commune_name": c["commune_name"],
             "value": c["values"].get(indicator_code), "schools_submitted": c["schools_submitted"],
             "schools_expected": c["schools_expected"]} for c in province_view.get("communes", ())]
    sign = 1 if direction == "lower" else -1
    rows.sort(key=lambda r: (r["value"] is None, sign * (r["value"] or 0), r["commune_code"]))
    for i, r in enumerate(rows, start=1):
        r["rank"] = i if r["value"] is not None else None
    return rows
