"""Actuals against targets (pure): a school's values against its own plan (the entry page), and the
reports API's judgements along each target's trajectory as dashboard rows (đã đạt, đúng lộ trình,
có nguy cơ, chậm), the at-risk lists and the cascade of school commitments to the city's targets."""
from __future__ import annotations

import operator
from typing import Any, Iterable, Mapping

from edu71.vn import LEVEL_SHORT, vn_date, vn_number
from portal.domain.plan_form import LEVEL_UNIT

COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.ge}
SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


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


# -- actuals against targets along their trajectory, as the reports API judges them ------------------------
#: Worst first: the order of every list of statuses on a dashboard.
SEVERITY = {"behind": 0, "at_risk": 1, "not_yet": 2, "on_track": 3, "reached": 4, "no_data": 5}
#: How each status is drawn; the words (the API's label) always stand beside the colour.
STATUS_CLASSES = {"reached": "ok", "on_track": "ok", "at_risk": "warn", "behind": "risk", "not_yet": "risk",
                  "no_data": "none"}
#: The four targets a row may carry, in the order a reader goes up the administration.
TARGET_KINDS = (("school", "school_target", "Kế hoạch của trường"), ("commune", "commune_target", "Kế hoạch của xã/phường"),
                ("province", "city_target", "Chỉ tiêu thành phố"), ("nation", "national_target", "Chỉ tiêu quốc gia"))
_BINDING = {"school": 0, "commune": 1, "province": 2, "nation": 3}
#: School levels as a dashboard names them (short: a table cell, a select).
LEVEL_LABELS = {level.value: label for level, label in LEVEL_SHORT.items()}


def levels_text(levels: Iterable[str] | None) -> str:
    """"THCS, THPT" for a target of some levels; "" for one of every level."""
    levels = [lv for lv in LEVEL_LABELS if lv in set(levels or ())]
    return "" if not levels or len(levels) == len(LEVEL_LABELS) else ", ".join(LEVEL_LABELS[lv] for lv in levels)


def figure(value: float | None, unit: str) -> str:
    """A figure in a target's unit (percent already ×100): ``95,7 %``, ``2 phòng``, ``mức 3`` (a level is
    named before its number: "3 mức" would read as three levels), ``–``."""
    if value is None:
        return "–"
    text = vn_number(round(value, 1) if abs(value) >= 1 or value == 0 else round(value, 2))
    if not unit:
        return text
    if unit.casefold() == LEVEL_UNIT:
        return f"{unit} {text}"
    return f"{text} {unit}"


def difference(value: float | None, unit: str) -> str:
    """How far a figure is from another, in the target's unit: between percentages in percentage points
    (``13 điểm phần trăm``: "13 %" would read as 13 % of something), between levels a count of levels
    (``1 mức``: "mức 1" is a level, not a gap), ``–``."""
    if value is None:
        return "–"
    text = figure(value, "")
    if unit.startswith("%"):
        return f"{text} điểm phần trăm"
    return f"{text} {unit}".strip()


def applies_to(target: Mapping[str, Any], level: str | None) -> bool:
    """Whether a target concerns the schools of ``level`` (every target does when no level is chosen)."""
    levels = target.get("school_levels") or ()
    return not level or not levels or level in levels


def cell(target: Mapping[str, Any] | None) -> dict | None:
    """One judged target as shown in a table cell: what it asks, by when, the status in words and why."""
    if not target:
        return None
    unit = target.get("unit") or ""
    status = target.get("status") or "no_data"
    return {"kind": target.get("kind"), "description": target.get("description", ""),
            "horizon": target.get("horizon"), "status": status, "label": target.get("status_label") or "",
            "css": STATUS_CLASSES.get(status, "none"), "reason": target.get("reason") or "",
            "expected": None if target.get("expected") is None else figure(target["expected"], unit),
            "source": target.get("source") or "", "text": target.get("text") or "",
            "levels": levels_text(target.get("school_levels"))}


def _binding(targets: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The target a row's headline status follows: the school's plan, then the commune's, the city's, the
    nation's, nearest horizon first (the reports API's order) — among the targets with a figure to judge, so
    that a row whose nation sets one target per level is not "chưa có số liệu" for the levels the area lacks."""
    targets = list(targets)
    judged = [t for t in targets if t.get("status") not in (None, "no_data")] or targets
    return min(judged, key=lambda t: (_BINDING.get(t.get("kind"), 9), t.get("horizon") or 9999), default=None)


def target_rows(progress: Mapping[str, Any] | None, level: str | None = None) -> list[dict]:
    """The progress rows of ``/rounds/{id}/progress`` (or a school's) for a table, worst first.

    Each kind of target (school, commune, city, nation) is a list: the nation may set one per level. With a
    school level chosen, only the targets that concern that level are kept (a row without one drops out)."""
    rows = []
    for row in (progress or {}).get("indicators") or []:
        targets = [t for t in row.get("targets") or [] if applies_to(t, level)]
        if not targets:
            continue
        head = _binding(targets)
        cells = {kind: [cell(t) for t in targets if t.get("kind") == kind] for kind, _, _ in TARGET_KINDS}
        unit = head.get("unit") or row.get("unit") or ""
        status = head.get("status") or "no_data"
        actual = head.get("actual")
        rows.append({
            "code": row.get("indicator_code"),
            "name": row.get("indicator_name") or row.get("short_label") or "",
            "short": row.get("short_label") or row.get("indicator_name") or "",
            "actual": figure(actual, unit), "actual_value": actual, "unit": unit,
            "cells": cells, "status": status, "label": head.get("status_label") or "",
            "css": STATUS_CLASSES.get(status, "none"), "reason": head.get("reason") or "",
            "note": head.get("note") or "", "head_kind": head.get("kind"),
            "head_levels": levels_text(head.get("school_levels")),
            "expected": None if head.get("expected") is None else figure(head["expected"], unit),
            "expected_value": head.get("expected"), "target_value": head.get("target"),
            "target": head.get("description", ""), "horizon": head.get("horizon"),
            "percent": unit.startswith("%"),
        })
    rows.sort(key=lambda r: (SEVERITY.get(r["status"], 9), r["name"]))
    return rows


def status_counts(rows: Iterable[Mapping[str, Any]]) -> list[dict]:
    """How many rows stand at each status, worst first, leaving out the statuses nobody has."""
    counts: dict[str, dict] = {}
    for row in rows:
        entry = counts.setdefault(row["status"], {"status": row["status"], "label": row["label"],
                                                  "css": row["css"], "count": 0})
        entry["count"] += 1
    return sorted(counts.values(), key=lambda c: SEVERITY.get(c["status"], 9))


def at_risk_rows(entries: Iterable[Mapping[str, Any]] | None, level: str | None = None) -> list[dict]:
    """At-risk or behind entries (schools or communes), as the API sorts them (furthest behind first)."""
    rows = []
    for e in entries or []:
        if level and e.get("school_level") and e["school_level"] != level:
            continue
        unit = e.get("unit") or ""
        status = e.get("status") or "at_risk"
        rows.append({
            "school_code": e.get("school_code"), "school_name": e.get("school_name") or e.get("school_code"),
            "commune_code": e.get("commune_code"), "commune_name": e.get("commune_name") or e.get("commune_code"),
            "indicator": e.get("indicator_name") or e.get("short_label") or "",
            "actual": figure(e.get("actual"), unit),
            "expected": None if e.get("expected") is None else figure(e["expected"], unit),
            "behind_by": None if e.get("behind_by") is None else difference(e["behind_by"], unit),
            "target": e.get("target_description") or "", "horizon": e.get("horizon"),
            "target_label": e.get("target_label") or "", "status": status, "label": e.get("status_label") or "",
            "css": STATUS_CLASSES.get(status, "risk"), "reason": e.get("reason") or "",
        })
    return rows


def cascade_rows(cascade: Mapping[str, Any] | None, level: str | None = None) -> list[dict]:
    """Each city (or national) target: how many schools' approved plans commit to it, and whether the
    commitments add up; the ones that do not come first."""
    rows = []
    for t in (cascade or {}).get("targets") or []:
        if level and t.get("school_levels") and level not in t["school_levels"]:
            continue
        applicable, committing = t.get("schools_applicable") or 0, t.get("schools_committing") or 0
        if not applicable:
            continue  # a target for a level the area has no school of
        adds_up = t.get("adds_up")
        rows.append({
            "code": t.get("indicator_code"), "name": t.get("indicator_name") or t.get("short_label") or "",
            "target": t.get("target_description") or "", "horizon": t.get("horizon"),
            "target_label": t.get("target_label") or "", "levels": levels_text(t.get("school_levels")),
            "committing": committing, "applicable": applicable,
            "share": committing / applicable if applicable else None,
            "figure": figure(t.get("committed_figure"), t.get("unit") or ""),
            "adds_up": adds_up, "verdict": t.get("verdict") or "", "note": t.get("note") or "",
            "css": "ok" if adds_up else "risk" if adds_up is False else "none",
        })
    rows.sort(key=lambda r: ({False: 0, None: 1, True: 2}[r["adds_up"]], r["name"]))
    return rows
