"""Live dashboards of the city department and the commune: completeness, key indicators, drill-down.

The figures come from the reports API in one call (``/rounds/{round}/dashboard``); the page
subscribes to ``…/stream`` (Server-Sent Events), which fetches them again when the reports
service announces a new version of the area's figures (DashboardUpdated, :mod:`portal.live`)
or, as a fallback, after a few seconds, and sends the re-rendered block only when it changed.
Each stream ends after a bounded time and the browser reconnects, so a server thread is never
held by a forgotten tab.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from functools import lru_cache

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request,
                   stream_with_context, url_for)

from edu71 import orgs
from portal import backends
from portal.clients.base import ApiError
from portal.domain import charts, dashboard, progress
from portal.live import Area, DashboardSignal, Heard
from edu71.vn import parse_vn_moment, vn_number
from portal.session import login_required

bp = Blueprint("dashboard", __name__)

VIEWERS = ("commune", "city", "admin")
#: The school levels a dashboard can be narrowed to (the reports API's ``school_level``).
LEVELS = tuple(lv.value for lv in orgs.SchoolLevel)


@lru_cache(maxsize=64)
def commune_names(province_code: str) -> dict[str, str]:
    try:
        return {c.code: c.name for c in orgs.communes(province_code)}
    except (ValueError, KeyError):
        return {}


def _scope() -> tuple[str, str]:
    """The area asked for, defaulting to the user's own; the reports API enforces what may be seen."""
    scope, code = request.args.get("scope"), request.args.get("code")
    if scope in ("province", "commune") and code:
        return scope, code
    if g.user["role"] == "commune":
        return "commune", g.user.get("commune_code") or g.user["org_code"]
    return "province", g.user.get("province_code") or g.user["org_code"]


def _province_of(scope: str, code: str) -> str:
    if scope == "province":
        return code
    try:
        return orgs.commune(code).province_code
    except (ValueError, KeyError):
        return g.user.get("province_code") or ""


def _level() -> str | None:
    """The school level chosen (mầm non … liên cấp), or ``None`` for every level."""
    level = request.args.get("level") or None
    return level if level in LEVELS else None


def _figures_choice() -> str:
    """How the figures are read: every submitted report (the default) or confirmed ones only."""
    choice = request.args.get("figures")
    return choice if choice in dashboard.FIGURES else next(iter(dashboard.FIGURES))


def _sort() -> str:
    sort = request.args.get("sort")
    return sort if sort in dashboard.COMMUNE_SORTS else dashboard.COMMUNE_SORTS[0]


def figures(round_id: str, scope: str, code: str, level: str | None = None, sort: str = "share",
            choice: str = "submitted", as_of: str | None = None) -> dict:
    """Everything the live block of a dashboard shows, for an area and optionally one school level, its figures
    read as ``choice`` (:data:`portal.domain.dashboard.FIGURES`), as they stood at ``as_of`` when given.

    Figures as of a past moment come from the reports service's history; the cascade and the plans' status
    are what the approved plans say now, so a past view leaves them out rather than mix two moments.

    The reports API filters roll-ups and schools by level itself; progress, at-risk lists and the cascade
    are judged over each target's own levels, so for a level the portal keeps the targets that concern it."""
    reports = backends.reports()
    digest = reports.dashboard(round_id, scope, code, level, choice, as_of)
    if digest is None:
        # The reports service has not yet heard of a round just opened: nothing is reported so far.
        digest = {"version": None, "rollup": {"schools_reporting": 0, "indicators": [], "round": None},
                  "completeness": None, "progress": None, "cascade": None, "schools": None,
                  "plans": None if as_of else reports.plan_status(scope, code)}
    rollup, completeness = digest["rollup"], digest["completeness"]
    # The schools come for a commune's page and to count a level's schools per commune; a province's page
    # counts its communes from the completeness report.
    schools = digest.get("schools") or []
    try:
        catalogue = _catalogue((rollup.get("round") or {}).get("catalogue_version"))
    except ApiError:
        catalogue = {"indicators": []}
    names = commune_names(_province_of(scope, code))
    judged = digest["progress"] or {}
    rows = progress.target_rows(judged, level)
    figures_by_code = {r["code"]: r for r in dashboard.indicator_rows(rollup, catalogue)}
    with_target = {r["code"] for r in rows}
    others = [r for code, r in figures_by_code.items() if code not in with_target]
    for row in rows:
        rolled = figures_by_code.get(row["code"], {})
        # with a level chosen, the level's own figure stands beside the one the target is judged on
        row["level_figure"] = rolled.get("caption") if level else None
        row["series_unit"] = rolled.get("series_unit")
        row["chart"] = charts.bullet(row["actual_value"], row["expected_value"], row["target_value"],
                                     _bullet_title(row)) if row["percent"] else ""
    communes = dashboard.commune_rows(schools, names, completeness, level, sort) if scope == "province" else []
    for c in communes:
        c["bar"] = charts.progress_bar(c["share"], c["band"], f"{c['name']}: {_share_words(c)}")
    missing = [s for s in (completeness or {}).get("missing_schools") or []
               if not level or s.get("school_level") == level]
    total = dict((completeness or {}).get("completeness") or {})
    if level and completeness is not None:
        submitted = int(rollup.get("schools_reporting") or 0)
        expected = submitted + len(missing)
        total = {"expected": expected, "submitted": submitted, "missing": len(missing),
                 "late": sum(1 for s in schools if s.get("late")),
                 "rate": submitted / expected if expected else None}
        total["on_time"] = submitted - total["late"]
    at_risk_schools = progress.at_risk_rows(judged.get("at_risk_schools"), level)
    data = {
        "round_id": round_id,
        "scope": scope,
        "code": code,
        "level": level,
        "sort": sort,
        "figures": choice,
        "figures_label": dashboard.FIGURES[choice],
        "submitted_stage_names": dashboard.SUBMITTED_STAGES,
        "stages": (completeness or {}).get("completeness", {}).get("stages") if not level else None,
        "rollup": rollup,
        "total": total,
        "missing_schools": missing,
        "progress": judged,
        "rows": rows,
        "statuses": progress.status_counts(rows),
        "others": others,
        "at_risk_schools": at_risk_schools,
        "at_risk_total": (judged.get("at_risk_schools_total") or len(at_risk_schools)) if not level
        else len(at_risk_schools),
        # Entries are a school and one indicator each; the headline counts schools.
        "at_risk_school_count": (judged.get("at_risk_schools_count") if not level and "at_risk_schools_count" in judged
                                 else len({r["school_code"] for r in at_risk_schools})),
        "at_risk_communes": progress.at_risk_rows(judged.get("at_risk_communes")) if not level else [],
        "cascade": [] if as_of else progress.cascade_rows(digest["cascade"], level),
        "plans": None if as_of else digest["plans"],
        "version": digest.get("version"),
        "as_of": as_of,
        "communes": communes,
        "schools": schools,
        "names": names,
    }
    data["summary"] = summary(data)
    return data


#: Published catalogue versions never change: each is fetched once per process (per indicators API and province).
_catalogues: dict[tuple[str, str, int], dict] = {}
CATALOGUES_KEPT = 32


def _catalogue(version: int | None) -> dict:
    """The catalogue of ``version`` (the current one when None, read every time as it may change)."""
    if version is None:
        return backends.indicators().catalogue()
    key = (current_app.extensions["portal.settings"].backends.indicators,
           g.user.get("province_code") or g.user.get("org_code") or "", version)
    found = _catalogues.get(key)
    if found is None:
        found = backends.indicators().catalogue(version)
        if len(_catalogues) >= CATALOGUES_KEPT:
            _catalogues.pop(next(iter(_catalogues)), None)
        _catalogues[key] = found
    return found


def _bullet_title(row: dict) -> str:
    parts = [f"{row['name']}: {row['actual']}"]
    if row["expected"]:
        parts.append(f"mức cần đạt theo lộ trình {row['expected']}")
    parts.append(f"mục tiêu {row['target']}")
    return ", ".join(parts)


def _share_words(row: dict) -> str:
    if row["expected"]:
        return f"{vn_number(row['submitted'])}/{vn_number(row['expected'])} trường đã nộp, {row['band_words']}"
    return f"{vn_number(row['submitted'])} trường đã nộp"


def summary(data: dict) -> str:
    """What a screen reader announces when the figures change: a sentence, not the whole block."""
    total = data["total"]
    parts = [f"{vn_number(data['rollup'].get('schools_reporting') or 0)}"
             + (f"/{vn_number(total['expected'])}" if total.get("expected") else "")
             + (" trường đã được xác nhận" if data.get("figures") == "confirmed" else " trường đã nộp")]
    if data["statuses"]:
        parts.append("chỉ tiêu: " + ", ".join(f"{c['count']} {c['label'].lower()}" for c in data["statuses"]))
    if data["at_risk_school_count"]:
        parts.append(f"{vn_number(data['at_risk_school_count'])} trường có nguy cơ hoặc chậm")
    return "; ".join(parts) + "."


def _rounds() -> list[dict]:
    return dashboard.by_date(backends.indicators().rounds(page=1, page_size=100)["items"])


#: How many key indicators get a trend chart on the dashboard itself (the others on the trends page).
TREND_CHARTS = 4


def _trends(rows: list[dict], scope: str, code: str, level: str | None) -> list[dict]:
    """Line charts across the rounds that have opened, for the first key indicators with a target; the target
    is drawn where it is in the series' own unit (not a share of schools, not a largest value)."""
    now = datetime.now(timezone.utc)
    out = []
    for row in [r for r in rows if r.get("series_unit") is not None][:TREND_CHARTS]:
        unit = row["series_unit"]
        points = dashboard.trend_points(backends.reports().series(row["code"], scope, code, level), unit == "%", now)
        if not any(p.value is not None for p in points):
            continue
        same = row["unit"] == unit
        label = f"Mục tiêu {row['target']}" + (f" (đến {row['horizon']})" if row["horizon"] else "")
        out.append({"name": row["name"], "code": row["code"],
                    "chart": charts.line_chart(f"{row['name']} qua các đợt báo cáo", points, unit,
                                               row["target_value"] if same else None, label if same else "")})
    return out


@bp.get("/dashboard")
@login_required(*VIEWERS)
def index():
    rounds = _rounds()
    chosen = dashboard.default_round(rounds, datetime.now(timezone.utc))
    round_id = request.args.get("round") or (chosen["id"] if chosen else None)
    level = _level()
    if round_id is None:
        return render_template("dashboard/index.html", rounds=rounds, data=None, area_name="", level=level)
    scope, code = _scope()
    as_of, as_of_error = _as_of()
    try:
        data = figures(round_id, scope, code, level, _sort(), _figures_choice(), as_of)
    except ApiError as exc:
        if as_of is None or exc.status != 422:
            raise
        # The moment is one the reports service cannot answer for (in the future, before its first data):
        # say why, and show the figures as they are now.
        as_of, as_of_error = None, exc.detail
        data = figures(round_id, scope, code, level, _sort(), _figures_choice())
    stream_url = None if as_of else url_for("dashboard.stream", round_id=round_id, scope=scope, code=code,
                                              level=level, sort=data["sort"], figures=data["figures"])
    return render_template("dashboard/index.html", rounds=rounds, data=data, area_name=_area_name(scope, code),
                           level=level, figure_choices=dashboard.FIGURES, trends=_trends(data["rows"], scope, code, level),
                           stream_url=stream_url, as_of_form=_as_of_form(), as_of_error=as_of_error)


def _as_of_form() -> dict[str, str]:
    return {"day": request.args.get("as_of_day") or "", "time": request.args.get("as_of_time") or ""}


def _as_of() -> tuple[str | None, str | None]:
    """The moment asked for ("Số liệu tại thời điểm": a day, dd/mm/yyyy, and a time, Vietnam time; the end of the
    day when no time is given) as ISO 8601, or an error in Vietnamese; (None, None) for now."""
    form = _as_of_form()
    if not form["day"]:
        return None, None
    moment = parse_vn_moment(form["day"], form["time"])
    if moment is None:
        return None, ("Thời điểm xem số liệu không hợp lệ: ngày ghi theo dạng ngày/tháng/năm (ví dụ 15/12/2026), giờ theo "
                      "dạng giờ:phút (ví dụ 17:00).")
    return moment.isoformat(), None


def _area_name(scope: str, code: str) -> str:
    try:
        return orgs.province_name(code) if scope == "province" else orgs.commune(code).name
    except (ValueError, KeyError):
        return code


@bp.get("/dashboard/trends")
@login_required(*VIEWERS)
def trends():
    """One indicator across the rounds of the area that have opened, as a line with its target."""
    scope, code = _scope()
    level = _level()
    catalogue = backends.indicators().catalogue()
    indicators = catalogue.get("indicators", [])
    by_code = {i["code"]: i for i in indicators}
    chosen = request.args.get("indicator") or _first_reported(indicators, scope, code, level)
    meta = by_code.get(chosen or "")
    if meta is None:
        abort(404)
    ratio = meta.get("value_type") == "ratio"
    points = dashboard.trend_points(backends.reports().series(meta["code"], scope, code, level), ratio,
                                    datetime.now(timezone.utc))
    unit = "%" if ratio else meta.get("unit", "")
    target, label = _catalogue_target(meta, unit, level)
    chart = charts.line_chart(f"{meta['name']} qua các đợt báo cáo", points, unit, target, label)
    return render_template("dashboard/trends.html", indicators=indicators, chosen=meta, chart=chart, points=points,
                           unit=unit, scope=scope, code=code, level=level, area_name=_area_name(scope, code))


def _first_reported(indicators: list[dict], scope: str, code: str, level: str | None) -> str | None:
    """The indicator a trends page opens on: the first with a figure in the round the dashboard opens on."""
    chosen = dashboard.default_round(_rounds(), datetime.now(timezone.utc))
    if chosen is not None:
        try:
            rollup = backends.reports().rollups(chosen["id"], scope, code, level)
        except ApiError:
            rollup = {}
        for item in rollup.get("indicators") or []:
            if item.get("value") is not None:
                return item["indicator_code"]
    return indicators[0]["code"] if indicators else None


def _catalogue_target(meta: dict, unit: str, level: str | None) -> tuple[float | None, str]:
    """The city's (else the nation's) nearest target of an indicator as a line: (value, legend)."""
    targets = [t for t in meta.get("targets") or [] if t.get("share_of_schools") is None
               and progress.applies_to(t, level)]
    for scope in ("province", "nation"):
        found = sorted((t for t in targets if t.get("scope") == scope), key=lambda t: t.get("horizon") or 9999)
        if found:
            t = found[0]
            symbol = progress.SYMBOLS.get(t["comparator"], t["comparator"])
            who = "thành phố" if scope == "province" else "quốc gia"
            return float(t["value"]), (f"Mục tiêu {who} {symbol} {progress.figure(float(t['value']), unit)}"
                                       + (f" (đến {t['horizon']})" if t.get("horizon") else ""))
    return None, ""


@bp.get("/dashboard/<round_id>/figures")
@login_required(*VIEWERS)
def fragment(round_id: str):
    scope, code = _scope()
    return render_template("dashboard/_figures.html", data=figures(round_id, scope, code, _level(), _sort(),
                                                                   _figures_choice()))


@bp.get("/dashboard/<round_id>/stream")
@login_required(*VIEWERS)
def stream(round_id: str):
    scope, code = _scope()
    level, sort, choice = _level(), _sort(), _figures_choice()
    settings = current_app.extensions["portal.settings"]
    live = current_app.extensions["portal.live"]
    live.start()

    area = Area(round_id, scope, code)

    @stream_with_context
    def events():
        yield "retry: 3000\n\n"
        last, shown = None, None
        heard = live.heard(area)  # before fetching: what is announced while it fetches is not missed
        ends = time.monotonic() + settings.live_max_seconds
        while time.monotonic() < ends:
            try:
                data = figures(round_id, scope, code, level, sort, choice)
                html, shown = render_template("dashboard/_figures.html", data=data), data["version"]
            except ApiError:
                html = None  # the reports API is away for a moment: keep the figures shown, try again
            if html is not None and html != last:
                last = html
                yield "event: figures\n" + "".join(f"data: {line}\n" for line in html.splitlines()) + "\n"
            else:
                yield ": still here\n\n"
            heard = _next_version(live, area, heard, shown,
                                  min(settings.live_interval, max(0.0, ends - time.monotonic())))

    return Response(events(), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _next_version(live: DashboardSignal, area: Area, heard: Heard, shown: str | None, timeout: float) -> Heard:
    """Wait until the area is announced in a version other than the one ``shown`` (a redelivered or replayed
    event, or one the last fetch already showed, fetches nothing), or ``timeout`` seconds: the fallback."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        now = live.wait(area, heard.count, left)
        if now.count == heard.count or now.version != shown:
            return now
        heard = now
    return heard


@bp.route("/dashboard/<round_id>/reminders", methods=["GET", "POST"])
@login_required("commune", "city")
def remind(round_id: str):
    """Ask for confirmation, then have the notifications service remind the schools still missing."""
    if request.method == "GET":
        return render_template("dashboard/remind.html", round=backends.indicators().round(round_id))
    result = backends.notifications().remind(round_id)
    flash(f"Đã nhắc {vn_number(result['reminded'])} trường; {vn_number(result['already_reminded_today'])} trường "
          "đã được nhắc hôm nay.", "success")
    return redirect(url_for("dashboard.index", round=round_id))


@bp.get("/dashboard/<round_id>/schools/<school_code>")
@login_required(*VIEWERS)
def school(round_id: str, school_code: str):
    client = backends.indicators()
    submission = client.submission(round_id, school_code)
    if submission is None:
        abort(404)
    catalogue = client.catalogue()
    judged = backends.reports().school_progress(round_id, school_code) or {}
    return render_template("dashboard/school.html", round_id=round_id, submission=submission, progress=judged,
                           targets=progress.target_rows(judged), level=_level(),
                           rows=dashboard.school_values(submission.get("values", []), catalogue))


@bp.get("/dashboard/<round_id>/schools/<school_code>/template")
@login_required(*VIEWERS)
def school_template(round_id: str, school_code: str):
    """A school's XLSX form, prepared by its commune or the city (e.g. for a school that has not reported)."""
    data, disposition, content_type = backends.indicators().template(round_id, school_code)
    response = Response(data, mimetype=content_type or "application/octet-stream")
    response.headers["Content-Disposition"] = disposition or f'attachment; filename="mau-{school_code}.xlsx"'
    return response


@bp.get("/dashboard/<round_id>/export")
@login_required(*VIEWERS)
def export(round_id: str):
    scope, code = _scope()
    fmt = "csv" if request.args.get("format") == "csv" else "xlsx"
    params = {"scope": scope, "code": code, "figures": _figures_choice()}
    if request.args.get("as_of"):
        params["as_of"] = request.args["as_of"]
    if fmt == "csv":
        params["view"] = request.args.get("view", "summary")
    data, disposition, content_type = backends.reports().export(round_id, fmt, params)
    response = Response(data, mimetype=content_type or "application/octet-stream")
    response.headers["Content-Disposition"] = disposition or f'attachment; filename="tong-hop-{round_id}.{fmt}"'
    return response
