"""View models of the city and commune dashboards, from the reports API's answers (pure)."""
from __future__ import annotations

import operator
from collections import Counter
from datetime import datetime
from typing import Any, Iterable, Mapping

from portal.domain.charts import Bar
from portal.domain.formatting import vn_number, vn_percent

COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.ge}
SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


def _target_for(indicator: Mapping[str, Any], scope: str) -> dict | None:
    """The nearest-horizon target of the area (province first, then nation), without school-level limits."""
    targets = [t for t in indicator.get("targets") or [] if not t.get("school_levels")
               and t.get("share_of_schools") is None]
    for wanted in (scope, "province", "nation"):
        found = sorted((t for t in targets if t.get("scope") == wanted), key=lambda t: t.get("horizon", 0))
        if found:
            return found[0]
    return None


#: The reports API's statuses against a trajectory, and how each is shown.
STATUS_CLASSES = {"reached": "ok", "on_track": "ok", "at_risk": "risk", "behind": "risk", "not_yet": "risk",
                  "no_data": ""}


def _progress_target(row: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The target a progress row's status is judged by (the city's, else the nation's)."""
    for key in ("school_target", "commune_target", "city_target", "national_target"):
        if row.get(key):
            return row[key]
    return None


def indicator_rows(rollup: Mapping[str, Any], catalogue: Mapping[str, Any], scope: str = "province",
                   checks: Mapping[str, Any] | None = None, progress: Mapping[str, Any] | None = None) -> list[dict]:
    """Each indicator's figure, its target and whether the figure meets it (ratios compared in %).

    ``progress`` is the reports API's judgement against each target's trajectory (``/rounds/{id}/progress``):
    where it has a row, the target, the status (đã đạt, đúng lộ trình, có nguy cơ, chậm) and its note come
    from it. Else ``checks`` (``/rounds/{id}/targets``), else the catalogue's own targets compared here.
    """
    by_code = {i["code"]: i for i in catalogue.get("indicators", [])}
    judged = {r["indicator_code"]: r for r in (progress or {}).get("indicators", []) or []}
    checked: dict[str, Mapping[str, Any]] = {}
    for check in (checks or {}).get("targets", []) or []:
        checked.setdefault(check.get("indicator_code"), check)
    rows = []
    for item in rollup.get("indicators", []):
        code = item["indicator_code"]
        meta = by_code.get(code, {})
        value = item.get("value")
        ratio = item.get("aggregation") in ("ratio", "ratio_of_sums", "share") or item.get("value_type") == "ratio"
        if value is None:
            caption = "–"
        elif ratio:
            caption = vn_percent(value)
        elif item.get("aggregation") == "distribution":
            caption = f"thấp nhất: mức {vn_number(value)}"
        elif meta.get("aggregation") == "max_and_share_over_limit" and item.get("maximum") is not None:
            caption = f"lớn nhất: {vn_number(item['maximum'])} {meta.get('unit', '')}".strip()
        else:
            caption = f"{vn_number(value)} {meta.get('unit', '')}".strip()
        unit = " %" if ratio else f" {meta.get('unit', '')}".rstrip()
        target, target_text, meets = None, "", None
        if code in checked:
            check = checked[code]
            target = {"comparator": check.get("comparator"), "value": check.get("target"),
                      "horizon": check.get("horizon")}
            meets = check.get("met")
        else:
            target = _target_for(meta, scope)
            if target is not None and value is not None:
                actual = value * 100 if ratio else value
                meets = COMPARE.get(target["comparator"], operator.ge)(actual, target["value"])
        if target is not None and target.get("value") is not None:
            horizon = f" (đến {str(target['horizon'])[:4]})" if target.get("horizon") else ""
            target_text = f"{SYMBOLS.get(target['comparator'], target['comparator'])} " \
                          f"{vn_number(target['value'])}{unit}{horizon}"
        else:
            target = None
        status = status_label = note = reason = None
        if code in judged:
            row = judged[code]
            head = _progress_target(row)
            if head is not None:
                horizon = f" (đến {head['horizon']})" if head.get("horizon") else ""
                target_text = f"{head['description']}{horizon} — {head['kind_label'].lower()}"
                target = {"comparator": head.get("comparator"), "value": head.get("target"),
                          "horizon": head.get("horizon")}
            status, status_label = row.get("status"), row.get("status_label")
            note, reason = row.get("note"), row.get("reason")
            meets = {"reached": True, "on_track": True, "at_risk": False, "behind": False,
                     "not_yet": False}.get(status, meets)
            meta = {**meta, "name": row.get("indicator_name") or meta.get("name", code)}
        rows.append({
            "status": status,
            "status_label": status_label,
            "status_class": STATUS_CLASSES.get(status or "", ""),
            "note": note,
            "reason": reason,
            "code": code,
            "name": meta.get("name", code),
            "ratio": ratio,
            "value": value,
            "caption": caption,
            "schools_reporting": item.get("schools_reporting", 0),
            "target": target,
            "target_text": target_text,
            "meets": meets,
            "direction": meta.get("direction", "higher"),
        })
    return rows


def at_risk(checks: Mapping[str, Any] | None, catalogue: Mapping[str, Any]) -> dict[str, list[dict]]:
    """Schools and communes on the wrong side of a target, with how far off they are, worst first."""
    names = {i["code"]: i.get("name", i["code"]) for i in catalogue.get("indicators", [])}
    out: dict[str, list[dict]] = {}
    for key, who in (("at_risk_schools", "school_name"), ("at_risk_communes", "commune_name")):
        rows = []
        for check in (checks or {}).get(key, []) or []:
            gap = check.get("gap")
            rows.append({"who": check.get(who) or check.get("school_code") or check.get("commune_code"),
                         "commune_code": check.get("commune_code"), "school_code": check.get("school_code"),
                         "indicator": names.get(check.get("indicator_code"), check.get("indicator_code")),
                         "actual": check.get("actual"), "target": check.get("target"),
                         "comparator": SYMBOLS.get(check.get("comparator"), check.get("comparator")),
                         "unit": check.get("unit") or "", "gap": gap})
        rows.sort(key=lambda r: -(abs(r["gap"]) if isinstance(r["gap"], (int, float)) else 0))
        out[key] = rows
    return out


def indicator_bars(rows: Iterable[Mapping[str, Any]]) -> list[Bar]:
    """Bars for the ratio indicators (the ones a 0–100 % scale fits)."""
    bars = []
    for row in rows:
        if not row["ratio"] or row["value"] is None:
            continue
        target = row["target"]["value"] / 100 if row["target"] else None
        bars.append(Bar(row["name"], row["value"], row["caption"], target, at_risk=row["meets"] is False))
    return bars


def commune_rows(schools: Iterable[Mapping[str, Any]], names: Mapping[str, str],
                 completeness: Mapping[str, Any] | None = None) -> list[dict]:
    """Per commune: schools reporting, and expected, late and missing where the reports API knows them."""
    reporting: Counter[str] = Counter()
    late: Counter[str] = Counter()
    for school in schools:
        reporting[school.get("commune_code", "")] += 1
        if school.get("late"):
            late[school.get("commune_code", "")] += 1
    known: dict[str, Mapping[str, Any]] = {}
    for area in (completeness or {}).get("communes", []) or []:
        code = str(area.get("commune_code") or "")
        if code:
            known[code] = area
    rows = []
    for code in set(reporting) | set(known):
        area = known.get(code, {})
        total = area.get("expected")
        submitted = area.get("submitted", reporting.get(code, 0))
        rows.append({
            "code": code,
            "name": area.get("commune_name") or names.get(code, code),
            "submitted": submitted,
            "expected": total,
            "late": area.get("late", late.get(code, 0)),
            "missing": area.get("missing"),
            "share": (submitted / total) if total else None,
        })
    # least complete first: the communes a department has to call
    rows.sort(key=lambda r: (r["share"] if r["share"] is not None else 2, r["name"]))
    return rows


def commune_bars(rows: Iterable[Mapping[str, Any]]) -> list[Bar]:
    out = []
    for row in rows:
        if row["expected"]:
            caption = f"{vn_number(row['submitted'])}/{vn_number(row['expected'])}"
            out.append(Bar(row["name"], row["share"], caption, at_risk=(row["share"] or 0) < 1))
        else:
            out.append(Bar(row["name"], None, f"{vn_number(row['submitted'])} trường"))
    return out


def school_values(values: Iterable[Mapping[str, Any]], catalogue: Mapping[str, Any]) -> list[dict]:
    """A school's reported values as label/caption pairs."""
    by_code = {i["code"]: i for i in catalogue.get("indicators", [])}
    rows = []
    for item in values:
        meta = by_code.get(item.get("indicator_code"), {})
        if item.get("denominator") is not None:
            num, den = item.get("numerator") or 0, item["denominator"]
            caption = f"{vn_number(num)}/{vn_number(den)} ({vn_percent(num / den) if den else '–'})"
        elif item.get("value") is not None:
            caption = f"{vn_number(item['value'])} {meta.get('unit', '')}".strip()
        elif item.get("level") is not None:
            caption = f"mức {vn_number(item['level'])}"
        elif item.get("flag") is not None:
            caption = "đạt" if item["flag"] else "chưa đạt"
        else:
            caption = "–"
        rows.append({"code": item.get("indicator_code"), "name": meta.get("name", item.get("indicator_code")),
                     "caption": caption})
    return rows


def trend_bars(series: Mapping[str, Any] | None, ratio: bool, unit: str = "") -> list[Bar]:
    """One bar per round, oldest first: ratios on a 0–100 % scale, other figures against the largest."""
    points = list((series or {}).get("points") or [])
    largest = max((p["value"] for p in points if p.get("value") is not None), default=0) or 1
    bars = []
    for point in points:
        value = point.get("value")
        label = point.get("round_name") or point.get("round_id", "")
        if value is None:
            bars.append(Bar(label, None, "chưa có số liệu"))
        elif ratio:
            bars.append(Bar(label, value, vn_percent(value)))
        else:
            bars.append(Bar(label, value / largest, f"{vn_number(value)} {unit}".strip()))
    return bars


def _at(moment: str) -> datetime:
    return datetime.fromisoformat(moment)


def default_round(rounds: Iterable[Mapping[str, Any]], now: datetime) -> Mapping[str, Any] | None:
    """The round a dashboard opens on: the open round whose due date comes first, else the round closed
    last, else the next to open — never an upcoming round with nothing reported while another is open."""
    rounds = list(rounds)
    open_ = [r for r in rounds if _at(r["opens_at"]) <= now < _at(r["closes_at"])]
    if open_:
        return min(open_, key=lambda r: _at(r["due_at"]))
    closed = [r for r in rounds if _at(r["closes_at"]) <= now]
    if closed:
        return max(closed, key=lambda r: _at(r["closes_at"]))
    return min(rounds, key=lambda r: _at(r["opens_at"]), default=None)


def by_date(rounds: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Rounds newest first, by when they open (the order of every round list)."""
    return sorted(rounds, key=lambda r: _at(r["opens_at"]), reverse=True)
