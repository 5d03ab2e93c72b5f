"""Reporting rounds: the school's entry form, template and upload; the city's opening and rescheduling."""
from __future__ import annotations

import uuid

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for

from portal import backends
from portal.clients.base import ApiError
from portal.domain import indicator_form, progress
from edu71.vn import parse_vn_moment, vn_date
from portal.session import login_required

bp = Blueprint("rounds", __name__)

PHASES = {"upcoming": "Sắp mở", "open": "Đang mở", "late": "Quá hạn nộp", "closed": "Đã khoá"}
LEVELS = ("mam_non", "tieu_hoc", "thcs", "thpt", "lien_cap")


@bp.app_template_filter("phase_label")
def phase_label(phase: str) -> str:
    return PHASES.get(phase, phase)


@bp.get("/rounds")
@login_required("school", "commune", "city", "admin")
def index():
    rounds = backends.indicators().rounds(page=1, page_size=100)["items"]
    submitted: dict[str, dict | None] = {}
    if g.user["role"] == "school":
        level = g.user.get("school_level")
        rounds = [r for r in rounds if not level or level in r.get("school_levels", [])]
        client = backends.indicators()
        submitted = {r["id"]: client.submission(r["id"], g.user["org_code"]) for r in rounds}
    return render_template("rounds/index.html", rounds=rounds, submitted=submitted)


def _entry(round_id: str):
    client = backends.indicators()
    rnd = client.round(round_id)
    catalogue = client.catalogue(rnd.get("catalogue_version"))
    indicators = indicator_form.round_indicators(catalogue, rnd.get("indicator_codes", []),
                                                 g.user.get("school_level"))
    return client, rnd, indicators


def _entry_page(rnd, indicators, submission, values, errors, status=200, upload_errors=(), own_progress=()):
    return render_template("rounds/entry.html", round=rnd, indicators=indicators, submission=submission,
                           own_progress=list(own_progress),
                           values=values, errors=errors, inputs_of=indicator_form.inputs_of,
                           labels=indicator_form.labels(indicators),
                           idempotency_key=uuid.uuid4().hex, upload_errors=list(upload_errors)), status


@bp.get("/rounds/<round_id>")
@login_required("school")
def entry(round_id: str):
    client, rnd, indicators = _entry(round_id)
    submission = client.submission(round_id, g.user["org_code"])
    own = []
    if submission:
        approved = backends.plans().list(status="approved", page=1, page_size=1)["items"]
        if approved:
            own = progress.against_plan(submission.get("values", []), approved[0].get("targets") or [])
    return _entry_page(rnd, indicators, submission, indicator_form.form_from_submission(submission), {},
                       own_progress=own)


@bp.post("/rounds/<round_id>")
@login_required("school")
def submit(round_id: str):
    client, rnd, indicators = _entry(round_id)
    values = indicator_form.values_from_form(request.form, indicators)
    if not values:
        return _entry_page(rnd, indicators, None, dict(request.form),
                           {"_form": "Chưa nhập giá trị nào. Hãy điền số liệu rồi gửi lại."}, 422)
    key = request.form.get("idempotency_key") or uuid.uuid4().hex
    try:
        answer = client.submit(round_id, g.user["org_code"], values, key)
    except ApiError as exc:
        if exc.status not in (409, 412, 422):
            raise
        errors = indicator_form.errors_for_form(exc.field_errors, values)
        if not errors:
            errors["_form"] = exc.detail
        return _entry_page(rnd, indicators, None, dict(request.form), errors, exc.status)
    late = " (nộp sau hạn)" if answer.get("late") else ""
    flash(f"Đã nộp số liệu, lần {answer.get('revision', 1)}{late}.", "success")
    for warning in answer.get("warnings") or []:
        flash(f"Lưu ý: {warning.get('message', warning)}" if isinstance(warning, dict) else f"Lưu ý: {warning}",
              "info")
    return redirect(url_for("rounds.entry", round_id=round_id))


@bp.get("/rounds/<round_id>/template")
@login_required("school")
def template(round_id: str):
    data, disposition, content_type = backends.indicators().template(round_id, g.user["org_code"])
    response = Response(data, mimetype=content_type or "application/octet-stream")
    response.headers["Content-Disposition"] = disposition or f'attachment; filename="mau-{round_id}.xlsx"'
    return response


@bp.post("/rounds/<round_id>/upload")
@login_required("school")
def upload(round_id: str):
    client, rnd, indicators = _entry(round_id)
    file = request.files.get("file")
    if file is None or not file.filename:
        return _entry_page(rnd, indicators, None, {}, {"file": "Chọn tệp Excel (.xlsx) hoặc CSV để tải lên."}, 422)
    try:
        answer = client.upload(round_id, file.filename, file.read(), file.mimetype,
                               request.form.get("idempotency_key") or uuid.uuid4().hex)
    except ApiError as exc:
        if exc.status >= 500:
            raise
        cells = [_cell_message(e) for e in exc.problem.get("errors") or []]
        return _entry_page(rnd, indicators, None, {}, {"file": exc.detail}, exc.status, cells)
    flash(f"Đã nhận số liệu từ tệp, lần {answer.get('revision', 1)}.", "success")
    return redirect(url_for("rounds.entry", round_id=round_id))


def _cell_message(error: dict) -> str:
    where = " ".join(str(error[k]) for k in ("sheet", "cell") if error.get(k)) or error.get("field", "")
    return f"{where}: {error.get('message', '')}" if where else str(error.get("message", ""))


# -- city --------------------------------------------------------------------------
def _moment(form, name: str, errors: dict) -> str | None:
    moment = parse_vn_moment(form.get(f"{name}_date", ""), form.get(f"{name}_time", ""))
    if moment is None:
        errors[f"{name}_date"] = "Ngày phải có dạng ngày/tháng/năm, giờ dạng giờ:phút (ví dụ 15/01/2026, 17:00)."
        return None
    return moment.isoformat()


@bp.route("/rounds/new", methods=["GET", "POST"])
@login_required("city", "admin")
def open_round():
    catalogue = backends.indicators().catalogue()
    errors: dict[str, str] = {}
    form = request.form
    if request.method == "POST":
        data = {
            "name": (form.get("name") or "").strip(),
            "school_year": (form.get("school_year") or "").strip(),
            "school_levels": [lv for lv in form.getlist("school_levels") if lv in LEVELS],
            "indicator_codes": form.getlist("indicator_codes"),
            "opens_at": _moment(form, "opens_at", errors),
            "due_at": _moment(form, "due_at", errors),
            "closes_at": _moment(form, "closes_at", errors),
        }
        if not data["name"]:
            errors["name"] = "Cần nhập tên đợt báo cáo."
        if not data["school_levels"]:
            errors["school_levels"] = "Chọn ít nhất một cấp học."
        if not data["indicator_codes"]:
            errors["indicator_codes"] = "Chọn ít nhất một chỉ tiêu."
        if not errors:
            try:
                created = backends.indicators().open_round(data)
            except ApiError as exc:
                if exc.status not in (403, 409, 422):
                    raise
                errors = {**exc.field_errors, "_form": exc.detail}
            else:
                flash(f"Đã mở đợt báo cáo “{created['name']}”.", "success")
                return redirect(url_for("rounds.index"))
    return render_template("rounds/new.html", catalogue=catalogue, errors=errors, form=form,
                           levels=LEVELS), 422 if errors else 200


@bp.route("/rounds/<round_id>/schedule", methods=["GET", "POST"])
@login_required("city", "admin")
def schedule(round_id: str):
    rnd = backends.indicators().round(round_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        due = _moment(request.form, "due_at", errors)
        closes = _moment(request.form, "closes_at", errors)
        if not errors:
            try:
                backends.indicators().reschedule(round_id, due, closes)
            except ApiError as exc:
                if exc.status not in (403, 409, 422):
                    raise
                errors = {**exc.field_errors, "_form": exc.detail}
            else:
                flash("Đã cập nhật thời hạn của đợt báo cáo.", "success")
                return redirect(url_for("rounds.index"))
        form = request.form
    else:
        form = {"due_at_date": vn_date(rnd.get("due_at")), "closes_at_date": vn_date(rnd.get("closes_at"))}
    return render_template("rounds/schedule.html", round=rnd, errors=errors, form=form), 422 if errors else 200

