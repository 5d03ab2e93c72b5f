"""Official reports in the portal (báo cáo gửi cấp trên): the unit's draft with its figures and generated
sentences, the written sections, issue, the Word/PDF files, the unit's issued reports and those sent to it.

A school, a commune/ward and the city each draft and issue their own unit's report; the level above opens the
reports sent to it. Every rule is the reports service's: the portal shows what it answers.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for

from portal import backends
from portal.domain import dashboard
from portal.clients.base import ApiError
from portal.clients.official import OfficialReportsClient
from portal.session import login_required

bp = Blueprint("reports", __name__)

AUTHORS = ("school", "commune", "city")
WRITTEN = (("shortcomings", "Tồn tại, hạn chế"), ("tasks", "Nhiệm vụ, giải pháp trong thời gian tới"),
           ("proposals", "Kiến nghị, đề xuất"))
#: The file names the portal offers → the reports service's.
FILES = {"du-thao.docx": "draft.docx", "ban-hanh.docx": "issued.docx", "ban-hanh.pdf": "issued.pdf"}
KINDS = ("school", "commune", "province")


def _client() -> OfficialReportsClient:
    return backends._make(OfficialReportsClient, "reports")


def own_unit() -> tuple[str, str]:
    """(kind, code) of the signed-in user's unit, as the reports service names it."""
    user = g.user
    if user["role"] == "school":
        return "school", user["org_code"]
    if user["role"] == "commune":
        return "commune", user["commune_code"] or user["org_code"]
    return "province", user["province_code"] or user["org_code"]


@bp.get("/bao-cao")
@login_required(*AUTHORS)
def index():
    client = _client()
    rounds = dashboard.by_date(backends.indicators().rounds(page=1, page_size=100)["items"])
    received = client.issued(received=True) if g.user["role"] in ("commune", "city") else []
    return render_template("reports/index.html", rounds=rounds, mine=client.issued(), received=received)


@bp.get("/bao-cao/<round_id>")
@login_required(*AUTHORS)
def draft(round_id: str):
    kind, code = own_unit()
    report = _client().report(round_id, kind, code)
    return render_template("reports/draft.html", report=report, written=WRITTEN, errors={})


@bp.post("/bao-cao/<round_id>")
@login_required(*AUTHORS)
def save(round_id: str):
    kind, code = own_unit()
    client = _client()
    written = {key: request.form.get(key, "") for key, _ in WRITTEN}
    try:
        client.save(round_id, kind, code, written, request.form.get("signer_name", ""),
                    request.form.get("version", 0, type=int))
    except ApiError as exc:
        if exc.status not in (409, 422):
            raise
        report = client.report(round_id, kind, code)
        report.update(written=written, signer_name=request.form.get("signer_name", ""))
        return render_template("reports/draft.html", report=report, written=WRITTEN, errors=exc.field_errors,
                               problem=exc.detail), exc.status
    if request.form.get("then") == "issue":
        return _issue(round_id, kind, code)
    flash("Đã lưu dự thảo báo cáo.", "success")
    return redirect(url_for("reports.draft", round_id=round_id))


def _issue(round_id: str, kind: str, code: str):
    client = _client()
    try:
        issued = client.issue(round_id, kind, code)
    except ApiError as exc:
        if exc.status not in (409, 422):
            raise
        report = client.report(round_id, kind, code)
        return render_template("reports/draft.html", report=report, written=WRITTEN, errors=exc.field_errors,
                               problem=exc.detail), exc.status
    flash(f"Đã ban hành báo cáo số {issued['number_symbol']} và gửi {issued['recipient']['name']}.", "success")
    return redirect(url_for("reports.show", round_id=round_id, kind=kind, code=code))


@bp.post("/bao-cao/<round_id>/ban-hanh")
@login_required(*AUTHORS)
def issue(round_id: str):
    kind, code = own_unit()
    return _issue(round_id, kind, code)


@bp.get("/bao-cao/<round_id>/<kind>/<code>")
@login_required(*AUTHORS, "admin")
def show(round_id: str, kind: str, code: str):
    if kind not in KINDS:
        abort(404)
    report = _client().report(round_id, kind, code)
    return render_template("reports/show.html", report=report, written=WRITTEN, own=own_unit() == (kind, code)
                           if g.user["role"] in AUTHORS else False)


@bp.get("/bao-cao/<round_id>/<kind>/<code>/<name>")
@login_required(*AUTHORS, "admin")
def download(round_id: str, kind: str, code: str, name: str):
    if kind not in KINDS or name not in FILES:
        abort(404)
    data, disposition, content_type = _client().file(round_id, kind, code, FILES[name])
    response = Response(data, mimetype=content_type or "application/octet-stream")
    response.headers["Content-Disposition"] = disposition or f'attachment; filename="bao-cao-{round_id}.{name}"'
    return response
