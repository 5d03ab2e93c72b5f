"""The operator's page: each service's health, outbox and consumer backlogs, dead letters and failed deliveries.

Read from the services' own ops endpoints, not from their data: the operator sees no school's figures.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, render_template, send_file

from portal.config import Settings
from portal.domain.operations import SERVICES, Overview, service_status
from portal.session import login_required

bp = Blueprint("operator", __name__, url_prefix="/operator")


def _overview() -> Overview:
    settings: Settings = current_app.extensions["portal.settings"]
    urls = {}
    for service in SERVICES:
        urls[(service, "api")] = getattr(settings.backends, service)
        urls[(service, "worker")] = settings.monitoring.workers[service]
    probes = current_app.extensions["portal.wiring"].ops().probe_all(urls)
    return Overview([service_status(s, probes[(s, "api")], probes[(s, "worker")]) for s in SERVICES])


def _context() -> dict:
    settings: Settings = current_app.extensions["portal.settings"]
    return {"overview": _overview(), "checked_at": datetime.now(timezone.utc), "monitoring": settings.monitoring}


@bp.get("")
@login_required("operator", "admin")
def index():
    return render_template("operator.html", **_context())


@bp.get("/status")
@login_required("operator", "admin")
def status():
    """The page's changing part alone, fetched again every few seconds by operator.js."""
    return render_template("operator_status.html", **_context())


@bp.get("/grafana-dashboard.json")
@login_required("operator", "admin")
def grafana_dashboard():
    path = current_app.extensions["portal.settings"].monitoring.grafana_dashboard
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype="application/json", as_attachment=True, download_name="edu71-grafana.json")
