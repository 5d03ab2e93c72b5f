"""Live dashboards of the city department and the commune: completeness, key indicators, drill-down.

The figures come from the reports API; the page subscribes to ``…/stream`` (Server-Sent
Events), which re-reads them when the round's roll-up changes (:mod:`portal.live`) or
after a few seconds, and sends the re-rendered block only when it changed. Each stream
ends after a bounded time and the browser reconnects, so a server thread is never held
by a forgotten tab.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from functools import lru_cache

from flask import (Blueprint, Response, abort, current_app, g, render_template, request, stream_with_context,
                   url_for)

from edu71 import orgs
from portal import backends
from portal.clients.base import ApiError
from portal.domain import charts, dashboard
from portal.session import login_required

bp = Blueprint("dashboard", __name__)

VIEWERS = ("commune", "city", "admin")


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


def figures(round_id: str, scope: str, code: str) -> dict:
    reports = backends.reports()
    try:
        rollup = reports.rollups(round_id, scope, code)
    except ApiError as exc:
        if exc.status != 404:
            raise
        # The reports service has not yet heard of a round just opened: nothing is reported so far.
        rollup = {"schools_reporting": 0, "indicators": [], "round": None}
    completeness = reports.completeness(round_id, scope, code)
    # The list of schools is needed for a commune's page, or to count a province's communes when the
    # completeness report is not there; the live stream asks every few seconds, so it is spared otherwise.
    schools = []
    if rollup.get("round") is not None and (scope == "commune" or completeness is None):
        schools = reports.schools(round_id, scope, code)["items"]
    checks = reports.targets(round_id, scope, code)
    try:
        catalogue = backends.indicators().catalogue(((rollup.get("round") or {}).get("catalogue_version")))
    except ApiError:
        catalogue = {"indicators": []}
    names = commune_names(_province_of(scope, code))
    progress = reports.progress(round_id, scope, code)
    rows = dashboard.indicator_rows(rollup, catalogue, checks=checks, progress=progress)
    communes = dashboard.commune_rows(schools, names, completeness) if scope == "province" else []
    return {
        "round_id": round_id,
        "scope": scope,
        "code": code,
        "rollup": rollup,
        "total": (completeness or {}).get("completeness") or {},
        "missing_schools": (completeness or {}).get("missing_schools") or [],
        "at_risk": dashboard.at_risk(checks, catalogue),
        "progress": progress or {},
        "plans": reports.plan_status(scope, code),
        "rows": rows,
        "indicator_chart": charts.bar_chart("Chỉ tiêu tỷ lệ so với mục tiêu", dashboard.indicator_bars(rows)),
        "communes": communes,
        "commune_chart": charts.bar_chart("Số trường đã báo cáo theo xã/phường", dashboard.commune_bars(communes)),
        "schools": schools,
        "completeness": completeness,
        "names": names,
    }


def _rounds() -> list[dict]:
    return dashboard.by_date(backends.indicators().rounds(page=1, page_size=100)["items"])


@bp.get("/dashboard")
@login_required(*VIEWERS)
def index():
    rounds = _rounds()
    chosen = dashboard.default_round(rounds, datetime.now(timezone.utc))
    round_id = request.args.get("round") or (chosen["id"] if chosen else None)
    if round_id is None:
        return render_template("dashboard/index.html", rounds=rounds, data=None, area_name="")
    scope, code = _scope()
    data = figures(round_id, scope, code)
    return render_template("dashboard/index.html", rounds=rounds, data=data, area_name=_area_name(scope, code),
                           stream_url=url_for("dashboard.stream", round_id=round_id, scope=scope, code=code))


def _area_name(scope: str, code: str) -> str:
    try:
        return orgs.province_name(code) if scope == "province" else orgs.commune(code).name
    except (ValueError, KeyError):
        return code


@bp.get("/dashboard/trends")
@login_required(*VIEWERS)
def trends():
    """One indicator across the rounds of the area, as bars (oldest round first)."""
    scope, code = _scope()
    catalogue = backends.indicators().catalogue()
    indicators = catalogue.get("indicators", [])
    chosen = request.args.get("indicator") or (indicators[0]["code"] if indicators else None)
    meta = next((i for i in indicators if i["code"] == chosen), None)
    if meta is None:
        abort(404)
    series = backends.reports().series(chosen, scope, code)
    bars = dashboard.trend_bars(series, meta.get("value_type") == "ratio", meta.get("unit", ""))
    chart = charts.bar_chart(f"{meta['name']} qua các đợt báo cáo", bars)
    return render_template("dashboard/trends.html", indicators=indicators, chosen=meta, chart=chart, bars=bars,
                           scope=scope, code=code, area_name=_area_name(scope, code))


@bp.get("/dashboard/<round_id>/figures")
@login_required(*VIEWERS)
def fragment(round_id: str):
    scope, code = _scope()
    return render_template("dashboard/_figures.html", data=figures(round_id, scope, code))


@bp.get("/dashboard/<round_id>/stream")
@login_required(*VIEWERS)
def stream(round_id: str):
    scope, code = _scope()
    settings = current_app.extensions["portal.settings"]
    live = current_app.extensions["portal.live"]
    live.start()

    @stream_with_context
    def events():
        yield "retry: 3000\n\n"
        last = None
        seen = live.count(round_id)
        ends = time.monotonic() + settings.live_max_seconds
        while time.monotonic() < ends:
            try:
                html = render_template("dashboard/_figures.html", data=figures(round_id, scope, code))
            except ApiError:
                html = None  # the reports API is away for a moment: keep the figures shown, try again
            if html is not None and html != last:
                last = html
                yield "event: figures\n" + "".join(f"data: {line}\n" for line in html.splitlines()) + "\n"
            else:
                yield ": still here\n\n"
            seen = live.wait(round_id, seen, min(settings.live_interval, max(0.0, ends - time.monotonic())))

    return Response(events(), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@bp.get("/dashboard/<round_id>/schools/<school_code>")
@login_required(*VIEWERS)
def school(round_id: str, school_code: str):
    client = backends.indicators()
    submission = client.submission(round_id, school_code)
    if submission is None:
        abort(404)
    catalogue = client.catalogue()
    return render_template("dashboard/school.html", round_id=round_id, submission=submission,
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
    params = {"scope": scope, "code": code}
    if fmt == "csv":
        params["view"] = request.args.get("view", "summary")
    data, disposition, content_type = backends.reports().export(round_id, fmt, params)
    response = Response(data, mimetype=content_type or "application/octet-stream")
    response.headers["Content-Disposition"] = disposition or f'attachment; filename="tong-hop-{round_id}.{fmt}"'
    return response
