"""View models of the city and commune dashboards, from the reports API's answers (pure)."""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, Iterable, Mapping

from portal.domain.charts import Point
from edu71.vn import vn_number, vn_percent

#: What stands for an indicator's name when the catalogue no longer has it (never its code).
GONE = "Chỉ tiêu không còn trong danh mục"
#: How a dashboard's figures may be read (the reports API's ``figures``), the default first.
FIGURES = {"submitted": "Tất cả số liệu đã nộp", "confirmed": "Chỉ số liệu đã xác nhận"}
#: The stages of a school's report once it has reported (the reports API's, one per school), as the completeness
#: table and the summary card head them; the API's ``not_started`` is their "Chưa nộp" (the schools that have not
#: reported), said once, so that a row adds up to the commune's schools. A school whose values are in but not marked
#: complete is not "đang nhập" beside "đã nộp số liệu".
SUBMITTED_STAGES = {"draft": "Đã nộp, chưa hoàn thành", "submitted": "Chờ xác nhận", "confirmed": "Xã/phường đã xác nhận",
                    "returned": "Trả lại", "accepted": "Sở đã tiếp nhận"}


def indicator_rows(rollup: Mapping[str, Any], catalogue: Mapping[str, Any]) -> list[dict]:
    """Each indicator's figure as text (ratios in %, counts with their unit, levels as the lowest level)."""
    by_code = {i["code"]: i for i in catalogue.get("indicators", [])}
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
        # the unit a series of this figure across rounds is drawn in; none where the figure is a largest
        # value or a lowest level (the series carries the area's sum or nothing comparable)
        summed = item.get("aggregation") != "distribution" and meta.get("aggregation") != "max_and_share_over_limit"
        rows.append({"code": code, "name": meta.get("name") or GONE, "caption": caption, "ratio": ratio,
                     "value": value, "schools_reporting": item.get("schools_reporting", 0),
                     "series_unit": "%" if ratio else meta.get("unit", "") if summed else None})
    return rows


def completeness_band(share: float | None) -> tuple[str, str]:
    """(colour class, words) of a share of schools that reported: the words carry the meaning."""
    if share is None:
        return "none", "chưa rõ số phải nộp"
    if share >= 1:
        return "ok", "đủ"
    if share >= 0.5:
        return "warn", "còn thiếu"
    return "risk", "thiếu nhiều"


def commune_rows(schools: Iterable[Mapping[str, Any]], names: Mapping[str, str],
                 completeness: Mapping[str, Any] | None = None, level: str | None = None,
                 sort: str = "share") -> list[dict]:
    """Per commune: schools that reported, expected, late and missing, worst first by default.

    Without a level, the reports API's completeness per commune is used where it has one. With a level,
    the figures are counted here from the schools that reported that level and the missing ones of it
    (the completeness report is not split by level)."""
    reporting: Counter[str] = Counter()
    late: Counter[str] = Counter()
    for school in schools:
        if level and school.get("school_level") != level:
            continue
        reporting[school.get("commune_code", "")] += 1
        if school.get("late"):
            late[school.get("commune_code", "")] += 1
    known: dict[str, Mapping[str, Any]] = {}
    missing: Counter[str] = Counter()
    for area in (completeness or {}).get("communes", []) or []:
        code = str(area.get("commune_code") or "")
        if code:
            known[code] = area
    for school in (completeness or {}).get("missing_schools", []) or []:
        if not level or school.get("school_level") == level:
            missing[str(school.get("commune_code") or "")] += 1
    rows = []
    for code in set(reporting) | set(known) | set(missing):
        area = known.get(code, {})
        if level:
            submitted, lacking = reporting.get(code, 0), missing.get(code, 0)
            total = submitted + lacking if completeness is not None else None
            late_count = late.get(code, 0)
        else:
            total = area.get("expected")
            submitted = area.get("submitted", reporting.get(code, 0))
            lacking, late_count = area.get("missing"), area.get("late", late.get(code, 0))
            if area.get("stages"):
                # the stage's count, as the other stages are counted over the same schools: a view stored before
                # not_started was split from draft has none (its draft holds them), shown as unknown, not twice
                lacking = area["stages"].get("not_started")
        if level and not total and not submitted:
            continue
        share = (submitted / total) if total else None
        band, words = completeness_band(share)
        rows.append({"code": code, "name": area.get("commune_name") or names.get(code, code),
                     "submitted": submitted, "expected": total, "late": late_count, "missing": lacking,
                     "share": share, "band": band, "band_words": words,
                     # the approval stages are counted over every level only
                     "stages": None if level else area.get("stages")})
    return sort_communes(rows, sort)


#: The orders a commune table can be read in (a column header's link), the default first.
COMMUNE_SORTS = ("share", "missing", "name")


def sort_communes(rows: list[dict], sort: str) -> list[dict]:
    if sort == "name":
        return sorted(rows, key=lambda r: r["name"])
    if sort == "missing":
        return sorted(rows, key=lambda r: (-(r["missing"] or 0), r["name"]))
    # least complete first: the communes a department has to call
    return sorted(rows, key=lambda r: (r["share"] if r["share"] is not None else 2, r["name"]))


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
        rows.append({"code": item.get("indicator_code"), "name": meta.get("name") or GONE, "caption": caption})
    return rows


def trend_points(series: Mapping[str, Any] | None, ratio: bool, now: datetime) -> list[Point]:
    """One point per round that has opened, oldest first (ratios in %); an upcoming round has no place."""
    points = []
    for point in (series or {}).get("points") or []:
        opens = point.get("opens_at")
        if opens and _at(str(opens).replace("Z", "+00:00")) > now:
            continue
        value = point.get("value")
        if value is not None and ratio:
            value = value * 100
        points.append(Point(point.get("round_name") or "", value))
    return points


def _at(moment: str) -> datetime:
    return datetime.fromisoformat(moment)


def default_round(rounds: Iterable[Mapping[str, Any]], now: datetime) -> Mapping[str, Any] | None:
    """The round a dashboard opens on: an open round of the latest school year that has one (the current period;
    of two open in it, the one due first), else the round of the latest school year that closed last, else the
    next to open. A baseline round (last school year's, still open while the demo loads it, and due before the
    current one) is never chosen while the current year's round is open, whichever was created first; nor is an
    upcoming round with nothing reported while another is open."""
    rounds = list(rounds)
    open_ = [r for r in rounds if _at(r["opens_at"]) <= now < _at(r["closes_at"])]
    if open_:
        current = max(_period(r) for r in open_)
        return min((r for r in open_ if _period(r) == current), key=lambda r: (_at(r["due_at"]), r["id"]))
    closed = [r for r in rounds if _at(r["closes_at"]) <= now]
    if closed:
        return max(closed, key=lambda r: (_period(r), _at(r["closes_at"]), r["id"]))
    return min(rounds, key=lambda r: (_at(r["opens_at"]), r["id"]), default=None)


def _period(round_: Mapping[str, Any]) -> str:
    """The school year a round reports on ("2026-2027"; ordered as text, as its form is fixed)."""
    return str(round_.get("school_year") or "")


def by_date(rounds: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Rounds newest first, by when they open (the order of every round list)."""
    return sorted(rounds, key=lambda r: _at(r["opens_at"]), reverse=True)
