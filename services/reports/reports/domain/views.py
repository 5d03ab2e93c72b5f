"""The precomputed read models of one province, built from the model (pure, no I/O).

For every round of the province: a *province view* (completeness, roll-ups
per school level, plans, targets, the communes side by side, at-risk lists)
and a *commune view* per commune (the same, plus its schools one by one).
Outside rounds: a *plans view* per province and commune (plan status counts,
schools without an approved plan). The API reads them by ``_id`` only, so a
query never scans the schools.

Completeness: a school is *expected* in a round when it is active in the
directory, of the round's province and of one of the round's school levels;
*submitted* when its values are in; *late* when its *first* submission came
after the due date (the flag the indicators service set on it): the issue asks
who "submitted on time", and a school that did and later corrected a figure
after the due date did submit on time; *missing* when expected and not submitted.
The figures are always the latest revision's.

Stages: each school's report is in one stage (:data:`reports.domain.model.SCHOOL_STAGES`: chưa nộp số liệu,
đã nộp số liệu chưa đánh dấu hoàn thành, đã đánh dấu hoàn thành chờ xác nhận, xã/phường đã xác nhận, trả lại, Sở
đã tiếp nhận); completeness counts the schools of each stage. Every round
view also holds, under ``confirmed``, the same figures read "confirmed only" (chỉ số liệu đã xác nhận): counting
only schools whose report is confirmed or accepted. Both readings come from one pass over the schools: the
confirmed schools and the others are rolled up apart and the "all submitted" figures are the merge of the two
(:func:`reports.domain.rollup.merge`), so the second reading costs no second visit of any school's values.
:func:`figures_view` gives the view as read one way or the other.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timezone
from typing import Callable, Iterable, Mapping

from reports.domain.model import CONFIRMED_STAGES, EVERYTHING, NOT_STARTED, SCHOOL_STAGES, Model
from reports.domain.rollup import merge, rollup
from reports.domain.progress import (
    METHOD_NOTE,
    area_progress,
    at_risk_entries,
    cascade,
    commitments,
    school_progress,
    sort_at_risk,
)
from reports.domain.targets import check_area, check_school_plan, in_target_unit, misses
from reports.domain.trajectory import to_date

ALL = "all"
#: How figures may be read: every submitted report (today's reading), or confirmed/accepted reports only.
FIGURES = ("submitted", "confirmed")
#: The view keys the "confirmed only" reading replaces (see :func:`figures_view`).
CONFIRMED_KEYS = ("rollups", "completeness", "submitted_by_level", "missing_schools", "progress",
                  "progress_at_risk_schools", "progress_at_risk_schools_total", "progress_at_risk_schools_count",
                  "progress_at_risk_communes",
                  "targets", "at_risk_schools", "at_risk_communes", "communes")
#: At most this many schools' at-risk entries are kept in a province's view (the worst; each commune keeps all).
PROVINCE_AT_RISK_LIMIT = 1000
PLAN_STATUSES = ("approved", "submitted", "returned", "none")
STATUS_OF_EVENT = {"PlanSubmitted": "submitted", "PlanApproved": "approved", "PlanReturned": "returned"}


#: What a list of schools keeps of each (the confirmed reading's missing schools).
SCHOOL_REF = ("school_code", "school_name", "school_level", "commune_code", "stage", "submitted")


def view_id(kind: str, *parts: str) -> str:
    return "|".join((kind, *parts))


def round_view_id(round_id: str, scope_kind: str, code: str) -> str:
    return view_id("round", round_id, scope_kind, code)


def plans_view_id(scope_kind: str, code: str) -> str:
    return view_id("plans", scope_kind, code)


def _school_entry(school: Mapping) -> dict:
    return {"school_code": school["school_code"], "school_name": school["name"], "school_level": school["level"],
            "commune_code": school["commune_code"]}


def _rollups_by_level(rows: list[dict], indicator_codes) -> dict[str, list[dict]]:
    """Roll-ups per school level, and of all levels merged from those (each school's values visited once)."""
    levels = {level: [r.as_dict() for r in rollup([row["values"] for row in rows if row["school_level"] == level],
                                                  indicator_codes)]
              for level in sorted({row["school_level"] for row in rows})}
    return {ALL: merge(levels.values(), indicator_codes), **levels}


def _rollups_both(rows: list[dict], counted: set[str], indicator_codes) -> tuple[dict, dict]:
    """(all submitted, confirmed only) roll-ups of ``rows``, ``counted`` naming the confirmed schools: the two
    groups are rolled up apart and merged, each school's values visited once."""
    confirmed = _rollups_by_level([r for r in rows if r["school_code"] in counted], indicator_codes)
    if len(counted) == len(rows):
        return confirmed, confirmed
    others = _rollups_by_level([r for r in rows if r["school_code"] not in counted], indicator_codes)
    if not counted:
        return others, confirmed
    every = {level: merge([part[level] for part in (confirmed, others) if level in part], indicator_codes)
             for level in sorted(set(confirmed) | set(others))}
    return every, confirmed


def figures_view(view: Mapping, figures: str | None) -> dict:
    """``view`` read as ``figures`` (:data:`FIGURES`; None: all submitted, as before the choice existed)."""
    if figures != "confirmed" or not view:
        return dict(view)
    return {**view, **(view.get("confirmed") or {}), "figures": "confirmed"}


def _stage_counts(stages: Iterable[str]) -> dict[str, int]:
    tally = Counter(stages)
    return {stage: tally.get(stage, 0) for stage in SCHOOL_STAGES}


def _completeness(expected: int, rows: list[dict], expected_codes: set[str]) -> dict:
    submitted = len(rows)
    late = sum(1 for r in rows if r["late"])
    missing = len(expected_codes - {r["school_code"] for r in rows})
    return {"expected": expected, "submitted": submitted, "on_time": submitted - late, "late": late,
            "missing": missing,
            "rate": round(len(expected_codes & {r["school_code"] for r in rows}) / expected, 6) if expected else None}


def _headline(rollups: list[dict]) -> dict[str, float | None]:
    return {r["indicator_code"]: in_target_unit(r["value"], r["value_type"]) for r in rollups}


def _plan_counts(statuses: Iterable[str]) -> dict[str, int]:
    tally = Counter(statuses)
    return {status: tally.get(status, 0) for status in PLAN_STATUSES}


def build_province(model: Model, province: str, commune_name: Callable[[str], str] = lambda c: c) -> dict[str, dict]:
    """Every view of ``province``, computed from scratch: ``{view id: view}``."""
    return ProvinceViews(province, commune_name).update(model)


class ProvinceViews:
    """The views of one province, and the per-commune pieces its province-wide views are assembled from.

    :meth:`update` recomputes only the pieces a change may alter (the :data:`reports.domain.model.Marks`
    :meth:`Model.apply` returns) and assembles the province's views from the pieces it keeps — the
    commune's roll-ups merged (:func:`reports.domain.rollup.merge`), its counts and lists added up — so a
    submission costs one commune, not the province. Built piece by piece or at once, the views are the same.
    """

    def __init__(self, province: str, commune_name: Callable[[str], str] = lambda c: c):
        self.province = province
        self.commune_name = commune_name
        #: commune → its plans piece; round id → commune → its round piece.
        self._plans: dict[str, dict] = {}
        self._rounds: dict[str, dict[str, dict]] = {}
        self._built = False
        #: The views the last :meth:`update` made obsolete (a commune left without schools, a round moved away).
        self.removed: set[str] = set()

    def ids(self) -> set[str]:
        """The ids of the views this province has now."""
        out = {plans_view_id("commune", c) for c in self._plans}
        out |= {plans_view_id("province", self.province)} if self._built else set()
        for round_id, pieces in self._rounds.items():
            out |= {round_view_id(round_id, "commune", c) for c in pieces}
            out.add(round_view_id(round_id, "province", self.province))
        return out

    def update(self, model: Model, marks: Iterable[tuple[str | None, str | None]] | None = None) -> dict[str, dict]:
        """Recompute what ``marks`` names (everything when None, and the first time); return the views
        recomputed."""
        marks = {EVERYTHING} if marks is None or not self._built else set(marks)
        full = EVERYTHING in marks
        before = self.ids()
        self._built = True
        communes = set() if full else {c for r, c in marks if r is None}
        views: dict[str, dict] = {}
        if full:
            self._plans.clear()
            self._rounds.clear()
        if full or communes:
            views.update(self._update_plans(model, None if full else communes))
        rounds = model.rounds_of(self.province)
        for gone in set(self._rounds) - set(rounds):
            del self._rounds[gone]
        if any(r is not None and c is None for r, c in marks):
            # A round opened, moved or re-dated: which round is the baseline of which may change.
            marks |= {(r, None) for r in rounds}
        dependants: dict[str, list[str]] = defaultdict(list)
        for round_id in rounds:
            base = baseline_round(model, self.province, round_id)
            if base is not None:
                dependants[base["round_id"]].append(round_id)
        # A later round measures its trajectory from its baseline round: what changes that changes it.
        marks |= {(later, c) for r, c in list(marks) if r in dependants for later in dependants[r]}
        whole = {r for r, c in marks if c is None}
        for round_id in rounds:
            if full or round_id in whole or round_id not in self._rounds:
                todo = None
            else:
                todo = communes | {c for r, c in marks if r == round_id}
                if not todo:
                    continue
            views.update(self._update_round(model, round_id, todo))
        self.removed = before - self.ids()
        return views

    # -- plans, outside rounds ------------------------------------------------
    def _update_plans(self, model: Model, communes: set[str] | None) -> dict[str, dict]:
        province, views = self.province, {}
        for commune in sorted(model.communes_of(province) if communes is None else communes):
            schools = [s for s in model.directory_in(province, commune) if s["active"]]
            if not schools:
                self._plans.pop(commune, None)
                continue
            status = {s["school_code"]: plan_status(model, s["school_code"]) for s in schools}
            counts = _plan_counts(status.values())
            without = [{**_school_entry(s), "plan_status": status[s["school_code"]]}
                       for s in schools if status[s["school_code"]] != "approved"]
            view = {"kind": "plans", "scope": {"kind": "commune", "code": commune}, "province_code": province,
                    "counts": counts, "schools_without_approved_plan": without}
            views[plans_view_id("commune", commune)] = view
            self._plans[commune] = {"view": view, "row": {"commune_code": commune,
                                                          "commune_name": self.commune_name(commune), **counts}}
        pieces = [self._plans[c] for c in sorted(self._plans)]
        views[plans_view_id("province", province)] = {
            "kind": "plans", "scope": {"kind": "province", "code": province}, "province_code": province,
            "counts": {status: sum(p["view"]["counts"][status] for p in pieces) for status in PLAN_STATUSES},
            "communes": [p["row"] for p in pieces],
            "schools_without_approved_plan": sorted(
                (s for p in pieces for s in p["view"]["schools_without_approved_plan"]),
                key=lambda s: s["school_code"])}
        return views

    # -- rounds ------------------------------------------------------------------
    def _update_round(self, model: Model, round_id: str, communes: set[str] | None) -> dict[str, dict]:
        """Recompute ``communes`` of a round (every one when None), then the province's view of it."""
        province = self.province
        rnd = model.round(round_id)
        catalogue = model.round_catalogue(round_id, province)
        directions = {code: ind.get("direction") for code, ind in catalogue.items()}
        indicator_codes = list(rnd["indicator_codes"]) if rnd else []
        levels = set(rnd["school_levels"]) if rnd and rnd["province_code"] == province else set()
        base = baseline_round(model, province, round_id)
        meta = {"round_id": round_id, "province_code": province,
                "round_name": rnd["name"] if rnd else None, "indicator_codes": indicator_codes,
                # What a reader sees of each indicator (exports never show a code).
                "indicators": {code: {k: catalogue[code].get(k) for k in ("name", "short_label", "unit", "value_type")}
                               for code in indicator_codes if code in catalogue},
                "directions": {code: d for code, d in directions.items() if d},
                "as_of": to_date(rnd["due_at"]).isoformat() if rnd else None,
                "baseline_round": {"round_id": base["round_id"], "name": base["name"],
                                   "due_at": to_date(base["due_at"]).isoformat()} if base else None}
        # The baseline round's values, where each school is now (for trajectories).
        baseline_by_commune: dict[str, list[dict]] = defaultdict(list)
        if base is not None:
            for row in model.values(base["round_id"], province):
                known = model.school(row["school_code"])
                if known is not None and not (known["active"] and known["province_code"] == province):
                    known = None
                baseline_by_commune[known["commune_code"] if known else row["commune_code"]].append(
                    {**row, "school_level": known["level"] if known else row["school_level"]})
        # The directory knows where a school is now (after a merge of communes); the event, where it was.
        reported: dict[str, list[tuple[dict, dict | None]]] = defaultdict(list)
        for row in model.values(round_id, province):
            known = model.school(row["school_code"])
            if known is not None and not (known["active"] and known["province_code"] == province):
                known = None
            commune = known["commune_code"] if known else row["commune_code"]
            if communes is None or commune in communes:
                reported[commune].append((row, known))
        pieces = self._rounds.setdefault(round_id, {})
        if communes is None:
            pieces.clear()
            communes = set(reported) | set(model.communes_of(province))
        views: dict[str, dict] = {}
        for commune in sorted(communes):
            expected = [s for s in model.directory_in(province, commune) if s["active"] and s["level"] in levels]
            if not expected and not reported.get(commune):
                pieces.pop(commune, None)
                continue
            piece = self._commune_round(model, round_id, commune, reported.get(commune, []), expected, meta,
                                        catalogue, directions, baseline_by_commune.get(commune, []))
            pieces[commune] = piece
            views[round_view_id(round_id, "commune", commune)] = piece["view"]
        views[round_view_id(round_id, "province", province)] = self._province_round(
            [pieces[c] for c in sorted(pieces)], meta, indicator_codes, catalogue)
        return views

    def _commune_round(self, model: Model, round_id: str, commune: str, reported: list[tuple[dict, dict | None]],
                       expected: list[dict], meta: dict, catalogue: dict, directions: dict,
                       baseline_rows: list[dict] = ()) -> dict:
        name = self.commune_name(commune)
        at = to_date(meta["as_of"]) if meta.get("as_of") else None
        base_meta = meta.get("baseline_round")
        baseline_values = {r["school_code"]: r["values"] for r in baseline_rows}
        commune_plan = model.commune_plan_approved(commune)
        commune_targets = commune_plan["targets"] if commune_plan else ()
        school_risks, promised = [], []
        rows = []
        for row, known in reported:
            first = model.first(round_id, row["school_code"]) or row
            rows.append({**row, "commune_code": commune, "school_level": known["level"] if known else row["school_level"],
                         "late": bool(first["late"]), "first_submitted_at": first["submitted_at"],
                         "name": known["name"] if known else row["school_name"]})
        by_code = {r["school_code"]: r for r in rows}
        expected_by_code = {s["school_code"]: s for s in expected}
        expected_codes = set(expected_by_code)
        schools, school_misses, missing = [], [], []
        stages = {code: model.stage(round_id, code) for code in expected_codes | set(by_code)}
        stages.update({code: NOT_STARTED for code, stage in stages.items() if stage == "draft" and code not in by_code})
        counted = {code for code in by_code if stages[code] in CONFIRMED_STAGES}
        for code in sorted(expected_codes | set(by_code)):
            row = by_code.get(code)
            known = row if row is not None else expected_by_code[code]
            approved = model.plan_approved(code)
            checks = check_school_plan(row["values"], approved["targets"], directions) if row and approved else []
            level = known["school_level"] if row else known["level"]
            progress = school_progress(row["values"] if row else {}, baseline_values.get(code), base_meta,
                                       approved["targets"] if approved else (), catalogue, meta["indicator_codes"],
                                       level, at, commune_targets) if at and (row or approved) else []
            if approved and (code in expected_codes or row):
                promised += commitments(code, level, approved["targets"], row["values"] if row else {},
                                        baseline_values.get(code))
            entry = {"school_code": code, "school_name": known["name"],
                     "school_level": known["school_level"] if row else known["level"],
                     "commune_code": commune, "expected": code in expected_codes, "stage": stages[code],
                     "submitted": row is not None, "late": bool(row and row["late"]),
                     "revision": row["revision"] if row else None,
                     "submitted_at": row["submitted_at"] if row else None,
                     "first_submitted_at": row["first_submitted_at"] if row else None,
                     "values": [row["values"][k] for k in sorted(row["values"])] if row else [],
                     "plan_status": plan_status(model, code),
                     "plan_checks": [c.as_dict() for c in checks], "progress": progress}
            schools.append(entry)
            ref = {k: entry[k] for k in ("school_code", "school_name", "school_level", "commune_code", "stage")}
            if entry["expected"] and not entry["submitted"]:
                missing.append(ref)
            school_misses += [{**ref, **c.as_dict()} for c in misses(checks)]
            school_risks += at_risk_entries(progress, {**ref, "commune_name": name})
        rollups, rollups_confirmed = _rollups_both(rows, counted, meta["indicator_codes"])
        baseline_rollups = _rollups_by_level(list(baseline_rows), meta["indicator_codes"]) if baseline_rows else {}
        expected_by_level = Counter(s["level"] for s in expected)

        def area_of(figures):
            return area_progress(figures, baseline_rollups, base_meta, catalogue, meta["indicator_codes"], at,
                                 use_catalogue_baselines=False, plan_targets=commune_targets) if at else []
        area = area_of(rollups)
        area_confirmed = area_of(rollups_confirmed) if rollups_confirmed is not rollups else area
        commune_risks = at_risk_entries(area, {"commune_code": commune, "commune_name": name})
        commune_risks_confirmed = at_risk_entries(area_confirmed, {"commune_code": commune, "commune_name": name}) \
            if area_confirmed is not area else commune_risks
        stage_counts = _stage_counts(stages.values())
        completeness = {**_completeness(len(expected), rows, expected_codes), "stages": stage_counts}
        confirmed_rows = [r for r in rows if r["school_code"] in counted]
        completeness_confirmed = {**_completeness(len(expected), confirmed_rows, expected_codes),
                                  "stages": stage_counts}
        area_checks = check_area(rollups[ALL], catalogue)
        area_checks_confirmed = check_area(rollups_confirmed[ALL], catalogue) \
            if rollups_confirmed is not rollups else area_checks
        submitted_by_level = Counter(r["school_level"] for r in rows)
        submitted_by_level_confirmed = Counter(r["school_level"] for r in confirmed_rows)
        school_risks_confirmed = [m for m in school_risks if m["stage"] in CONFIRMED_STAGES]
        school_misses_confirmed = [m for m in school_misses if m["stage"] in CONFIRMED_STAGES]
        summary_confirmed = {"commune_code": commune, "commune_name": name,
                             **{f"schools_{k}": v for k, v in completeness_confirmed.items()},
                             "values": _headline(rollups_confirmed[ALL])}
        commune_misses_confirmed = [{"commune_code": commune, "commune_name": name, **c.as_dict()}
                                    for c in misses(area_checks_confirmed)]
        view = {"kind": "round", **meta, "scope": {"kind": "commune", "code": commune},
                "commune_name": name, "completeness": completeness,
                "submitted_by_level": dict(sorted(submitted_by_level.items())),
                "missing_schools": [s for s in schools if s["expected"] and not s["submitted"]],
                "rollups": rollups, "targets": [c.as_dict() for c in area_checks],
                "at_risk_schools": sorted(school_misses, key=lambda m: -_relative(m)),
                "progress": area, "progress_at_risk_schools": sort_at_risk(school_risks),
                "progress_at_risk_communes": [], "method": METHOD_NOTE,
                "cascade": cascade(promised, catalogue, meta["indicator_codes"], expected_by_level),
                "schools": schools,
                "confirmed": {
                    "rollups": rollups_confirmed, "completeness": completeness_confirmed,
                    "submitted_by_level": dict(sorted(submitted_by_level_confirmed.items())),
                    # Their references only: a school submitted but not confirmed has values the view need not repeat.
                    "missing_schools": [{k: s[k] for k in SCHOOL_REF} for s in schools
                                        if s["expected"] and s["stage"] not in CONFIRMED_STAGES],
                    "progress": area_confirmed, "progress_at_risk_schools": sort_at_risk(school_risks_confirmed),
                    "targets": [c.as_dict() for c in area_checks_confirmed],
                    "at_risk_schools": sorted(school_misses_confirmed, key=lambda m: -_relative(m))}}
        return {"view": view, "rollups": rollups, "missing": missing, "school_misses": school_misses,
                "baseline_rollups": baseline_rollups, "school_risks": school_risks, "commune_risks": commune_risks,
                "commitments": promised,
                "commune_misses": [{"commune_code": commune, "commune_name": name, **c.as_dict()}
                                   for c in misses(area_checks)],
                "summary": {"commune_code": commune, "commune_name": name,
                            **{f"schools_{k}": v for k, v in completeness.items()},
                            "values": _headline(rollups[ALL])},
                "reached": len(expected_codes & set(by_code)),
                "expected_by_level": expected_by_level, "submitted_by_level": submitted_by_level,
                "confirmed": {"rollups": rollups_confirmed, "summary": summary_confirmed,
                              "missing": view["confirmed"]["missing_schools"],
                              "school_misses": school_misses_confirmed, "school_risks": school_risks_confirmed,
                              "commune_risks": commune_risks_confirmed, "commune_misses": commune_misses_confirmed,
                              "reached": len(expected_codes & counted),
                              "submitted_by_level": submitted_by_level_confirmed}}

    def _province_round(self, pieces: list[dict], meta: dict, indicator_codes: list[str], catalogue: dict) -> dict:
        expected_by_level = sum((p["expected_by_level"] for p in pieces), Counter())
        baseline_rollups = {}
        for level in sorted({lv for p in pieces for lv in p["baseline_rollups"]}):
            baseline_rollups[level] = merge([p["baseline_rollups"][level] for p in pieces
                                             if level in p["baseline_rollups"]], indicator_codes)
        at = to_date(meta["as_of"]) if meta.get("as_of") else None

        def figures(parts: list[dict], every: dict | None = None) -> dict:
            """The province's figures assembled from its communes' (one reading of them). The confirmed reading
            (``every``: the all-submitted one) takes its school lists from the other's, already sorted: its
            entries are a subset, kept in the same order."""
            levels = {level: merge([p["rollups"][level] for p in parts if level in p["rollups"]], indicator_codes)
                      for level in sorted({lv for p in parts for lv in p["rollups"]} - {ALL})}
            # All levels from the province's levels (a few) rather than from every commune again.
            rollups = {ALL: merge(levels.values(), indicator_codes), **levels}
            totals = {k: sum(p["completeness"][k] for p in parts) for k in ("expected", "submitted", "late", "missing")}
            reached = sum(p["reached"] for p in parts)
            completeness = {"expected": totals["expected"], "submitted": totals["submitted"],
                            "on_time": totals["submitted"] - totals["late"], "late": totals["late"],
                            "missing": totals["missing"],
                            "rate": round(reached / totals["expected"], 6) if totals["expected"] else None,
                            "stages": {st: sum(p["completeness"]["stages"].get(st, 0) for p in parts)
                                       for st in SCHOOL_STAGES}}
            area = area_progress(rollups, baseline_rollups, meta.get("baseline_round"), catalogue, indicator_codes,
                                 at, use_catalogue_baselines=True) if at else []
            if every is None:
                school_risks = sort_at_risk(m for p in parts for m in p["school_risks"])
                school_misses = sorted((m for p in parts for m in p["school_misses"]), key=lambda m: -_relative(m))
            else:
                school_risks = [m for m in every["_school_risks"] if m["stage"] in CONFIRMED_STAGES]
                school_misses = [m for m in every["at_risk_schools"] if m["stage"] in CONFIRMED_STAGES]
            return {"rollups": rollups, "completeness": completeness, "progress": area,
                    "progress_at_risk_communes": sort_at_risk(m for p in parts for m in p["commune_risks"]),
                    "progress_at_risk_schools": school_risks[:PROVINCE_AT_RISK_LIMIT],
                    "progress_at_risk_schools_total": len(school_risks),
                    # An entry is a school and one indicator: a school behind on three is one school.
                    "progress_at_risk_schools_count": len({m["school_code"] for m in school_risks}),
                    "submitted_by_level": dict(sorted(sum((p["submitted_by_level"] for p in parts),
                                                          Counter()).items())),
                    "missing_schools": sorted((s for p in parts for s in p["missing"]),
                                              key=lambda s: s["school_code"]),
                    "targets": [c.as_dict() for c in check_area(rollups[ALL], catalogue)],
                    "communes": [p["summary"] for p in parts],
                    "at_risk_schools": school_misses, "_school_risks": school_risks,
                    "at_risk_communes": sorted((m for p in parts for m in p["commune_misses"]),
                                               key=lambda m: -_relative(m))}

        every = figures([{**p, "completeness": p["view"]["completeness"]} for p in pieces])
        confirmed = figures([{**p["confirmed"], "completeness": p["view"]["confirmed"]["completeness"]}
                             for p in pieces], every)
        del every["_school_risks"], confirmed["_school_risks"]
        return {"kind": "round", **meta, "scope": {"kind": "province", "code": self.province}, **every,
                "method": METHOD_NOTE,
                "cascade": cascade((c for p in pieces for c in p["commitments"]), catalogue, indicator_codes,
                                   expected_by_level),
                "expected_by_level": dict(sorted(expected_by_level.items())), "confirmed": confirmed}


def baseline_round(model: Model, province: str, round_id: str) -> dict | None:
    """The round a round's trajectories start from when the catalogue gives no baseline: the earliest round
    opened for the province that was due before it (None when there is none)."""
    rnd = model.round(round_id)
    if rnd is None:
        return None
    earlier = [r for r in (model.round(x) for x in model.rounds_of(province) if x != round_id)
               if r is not None and r["province_code"] == province and _utc(r["due_at"]) < _utc(rnd["due_at"])]
    return min(earlier, key=lambda r: (_utc(r["due_at"]), r["round_id"]), default=None)


def _utc(instant):
    """An instant comparable with any other: naive UTC (the store gives naive UTC, events aware times)."""
    return instant.astimezone(timezone.utc).replace(tzinfo=None) if getattr(instant, "tzinfo", None) else instant


def plan_status(model: Model, school_code: str) -> str:
    row = model.plan_status(school_code)
    return STATUS_OF_EVENT[row["event_type"]] if row else "none"


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
