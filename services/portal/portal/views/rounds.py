"""Reporting rounds: the school's entry form, template and upload, marking its report complete, answering
flags and its history; the commune's and the city's review of each report and bulk confirmation; the city's
opening and rescheduling."""
from __future__ import annotations

import uuid

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for

from portal import backends
from portal.clients.base import ApiError
from edu71 import orgs
from portal.domain import indicator_form, progress, units
from edu71.vn import parse_vn_moment, vn_date
from portal.session import login_required

bp = Blueprint("rounds", __name__)

PHASES = {"upcoming": "Sắp mở", "open": "Đang mở", "late": "Quá hạn nộp", "closed": "Đã khoá"}
STAGES = {"draft": "Đang nhập", "submitted": "Đã nộp, chờ xác nhận", "confirmed": "Xã/phường đã xác nhận",
          "returned": "Trả lại để sửa", "accepted": "Sở đã tiếp nhận"}
ACTIONS = {"complete": "Nhà trường đánh dấu hoàn thành", "confirm": "Xác nhận", "return": "Trả lại",
           "accept": "Sở GD&ĐT tiếp nhận", "reopen": "Mở lại để sửa", "withdraw": "Nhà trường sửa số liệu đã nộp"}
#: Review actions and what the page says once done.
REVIEW_DONE = {"confirm": "Đã xác nhận báo cáo.", "accept": "Đã tiếp nhận báo cáo.",
               "return": "Đã trả lại báo cáo cho nhà trường.", "reopen": "Đã mở lại báo cáo để nhà trường sửa."}
LEVELS = ("mam_non", "tieu_hoc", "thcs", "thpt", "lien_cap")


@bp.app_template_filter("phase_label")
def phase_label(phase: str) -> str:
    return PHASES.get(phase, phase)


@bp.app_template_filter("stage_label")
def stage_label(stage: str | None) -> str:
    return STAGES.get(stage or "draft", stage or "")


@bp.app_template_filter("action_label")
def action_label(action: str | None) -> str:
    return ACTIONS.get(action or "", action or "")


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


def _entry_page(rnd, indicators, submission, values, errors, status=200, upload_errors=(), own_progress=(),
                previous=None):
    client = backends.indicators()
    if submission is None:
        submission = client.submission(rnd["id"], g.user["org_code"])
    if previous is None:
        previous = client.previous(rnd["id"], g.user["org_code"])
    return render_template("rounds/entry.html", round=rnd, indicators=indicators, submission=submission,
                           own_progress=list(own_progress), previous=previous,
                           rows=indicator_form.rows(indicators, submission, previous, g.user.get("school_level")),
                           locked=(submission or {}).get("stage") in ("confirmed", "accepted"),
                           values=values, errors=errors, labels=indicator_form.labels(indicators),
                           names={i["code"]: i.get("name", "") for i in indicators},
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
    values = indicator_form.form_from_submission(submission)
    for code, explanation in ((submission or {}).get("explanations") or {}).items():
        values[f"{indicator_form.EXPLAIN}{code}"] = explanation.get("text", "")
    return _entry_page(rnd, indicators, submission, values, {}, own_progress=own)


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
        answer = client.submit(round_id, g.user["org_code"], values, key,
                               indicator_form.explanations_from_form(request.form))
    except ApiError as exc:
        if exc.status not in (409, 412, 422):
            raise
        errors = indicator_form.errors_for_form(exc.field_errors, values, indicators)
        if not errors or exc.status != 422:
            errors["_form"] = exc.detail
        return _entry_page(rnd, indicators, None, dict(request.form), errors, exc.status)
    late = " (nộp sau hạn)" if answer.get("late") else ""
    flash(f"Đã nộp số liệu, lần {answer.get('revision', 1)}{late}.", "success")
    if answer.get("warnings"):
        flash("Một số giá trị có cảnh báo (xem bên cạnh từng chỉ tiêu). Cảnh báo không chặn việc nộp; nếu số liệu "
              "đúng, hãy ghi lời giải thích rồi nộp lại.", "info")
    return redirect(url_for("rounds.entry", round_id=round_id))


@bp.post("/rounds/<round_id>/complete")
@login_required("school")
def complete(round_id: str):
    try:
        backends.indicators().report_action(round_id, g.user["org_code"], "complete")
    except ApiError as exc:
        if exc.status not in (404, 409, 412, 422):
            raise
        missing = [e.get("message", "") for e in exc.problem.get("errors") or []]
        flash(" ".join([exc.detail, *missing]), "error")
    else:
        flash("Đã đánh dấu hoàn thành báo cáo; báo cáo đã được gửi để xác nhận.", "success")
    return redirect(url_for("rounds.entry", round_id=round_id))


@bp.post("/rounds/<round_id>/flags/<flag_id>/answer")
@login_required("school")
def answer_flag(round_id: str, flag_id: str):
    try:
        backends.indicators().flag_step(round_id, g.user["org_code"], flag_id, "answer",
                                        {"text": request.form.get("text", "")})
    except ApiError as exc:
        if exc.status not in (404, 409, 422):
            raise
        flash(exc.detail, "error")
    else:
        flash("Đã gửi câu trả lời.", "success")
    return redirect(url_for("rounds.entry", round_id=round_id))


@bp.get("/rounds/<round_id>/history/<school_code>")
@login_required("school", "commune", "city", "admin")
def history(round_id: str, school_code: str):
    """The report's audit trail: each revision's changes (old → new), explanations, approvals and flags."""
    client = backends.indicators()
    rnd = client.round(round_id)
    report, _ = client.report(round_id, school_code)
    catalogue = client.catalogue(rnd.get("catalogue_version"))
    by_code = {i["code"]: i for i in catalogue.get("indicators", [])}
    return render_template("rounds/history.html", round=rnd, report=report, entries=client.audit(round_id, school_code),
                           by_code=by_code, value_text=indicator_form.value_text)


# -- review by the commune and the city ----------------------------------------------
def _review_page(round_id: str, school_code: str, errors=None, status=200, form=None):
    client = backends.indicators()
    rnd = client.round(round_id)
    report, etag = client.report(round_id, school_code)
    catalogue = client.catalogue(rnd.get("catalogue_version"))
    level = report["school"]["level"]
    indicators = indicator_form.round_indicators(catalogue, rnd.get("indicator_codes", []), level)
    previous = client.previous(round_id, school_code)
    return render_template("rounds/review.html", round=rnd, report=report, etag=etag, previous=previous,
                           rows=indicator_form.rows(indicators, report, previous, level),
                           errors=errors or {}, form=form or {}), status


@bp.get("/rounds/<round_id>/reports/<school_code>")
@login_required("commune", "city", "admin")
def review(round_id: str, school_code: str):
    return _review_page(round_id, school_code)


@bp.post("/rounds/<round_id>/reports/<school_code>/<any(confirm, accept, return, reopen):action>")
@login_required("commune", "city", "admin")
def review_action(round_id: str, school_code: str, action: str):
    form = request.form
    body: dict = {}
    if action == "return":
        body = {"comment": (form.get("comment") or "").strip() or None,
                "value_comments": {name[len("comment."):]: text.strip() for name, text in form.items()
                                   if name.startswith("comment.") and text.strip()}}
    elif action == "reopen":
        body = {"reason": form.get("reason", "")}
    try:
        backends.indicators().report_action(round_id, school_code, action, form.get("etag"), body)
    except ApiError as exc:
        if exc.status not in (403, 404, 409, 412, 422, 428):
            raise
        errors = {**exc.field_errors, "_form": exc.detail}
        return _review_page(round_id, school_code, errors, exc.status, form)
    flash(REVIEW_DONE[action], "success")
    return redirect(url_for("rounds.review", round_id=round_id, school_code=school_code))


@bp.post("/rounds/<round_id>/reports/<school_code>/flags")
@login_required("commune", "city", "admin")
def flag(round_id: str, school_code: str):
    try:
        backends.indicators().flag(round_id, school_code, request.form.get("indicator_code", ""),
                                   request.form.get("note", ""))
    except ApiError as exc:
        if exc.status not in (403, 404, 409, 422):
            raise
        return _review_page(round_id, school_code, {**exc.field_errors, "_form": exc.detail}, exc.status,
                            request.form)
    flash("Đã đánh dấu theo dõi; nhà trường sẽ được thông báo.", "success")
    return redirect(url_for("rounds.review", round_id=round_id, school_code=school_code))


@bp.post("/rounds/<round_id>/reports/<school_code>/flags/<flag_id>/close")
@login_required("commune", "city", "admin")
def close_flag(round_id: str, school_code: str, flag_id: str):
    try:
        backends.indicators().flag_step(round_id, school_code, flag_id, "close", {"note": request.form.get("note")
                                                                                  or None})
    except ApiError as exc:
        if exc.status not in (403, 404, 409, 422):
            raise
        flash(exc.detail, "error")
    else:
        flash("Đã đóng đánh dấu theo dõi.", "success")
    return redirect(url_for("rounds.review", round_id=round_id, school_code=school_code))


@bp.get("/rounds/<round_id>/communes")
@login_required("commune", "city", "admin")
def commune_pick(round_id: str):
    """The commune's own list; for the city (and an administrator) a picker of the province's communes and wards by
    name, whose choice (?commune=…) opens that commune's list."""
    if g.user["role"] == "commune":
        return redirect(url_for("rounds.commune_reports", round_id=round_id, commune_code=_own_commune()))
    rnd = backends.indicators().round(round_id)
    province = _province_of(rnd)
    code, error = units.chosen_commune(request.args.get("commune"), province)
    if code:
        return redirect(url_for("rounds.commune_reports", round_id=round_id, commune_code=code))
    return render_template("rounds/communes.html", round=rnd, communes=units.commune_groups(province),
                           error=error), 422 if error else 200


def _own_commune() -> str:
    return g.user.get("commune_code") or g.user["org_code"]


def _province_of(rnd: dict) -> str:
    """The province whose communes the city's reviewer picks from: its own; an administrator's, the round's."""
    if g.user["role"] == "city":
        return g.user.get("province_code") or g.user["org_code"]
    return rnd.get("province_code") or g.user.get("province_code") or ""


@bp.route("/rounds/<round_id>/communes/<commune_code>", methods=["GET", "POST"])
@login_required("commune", "city", "admin")
def commune_reports(round_id: str, commune_code: str):
    """A commune's reports with what changed since the last confirmation and which warnings were explained;
    the reviewer ticks those to confirm at once (each at the version shown)."""
    if g.user["role"] == "commune" and commune_code != _own_commune():
        # a commune's reviewer sees its own schools only (the indicators API refuses the others' too)
        return redirect(url_for("rounds.commune_reports", round_id=round_id, commune_code=_own_commune()))
    client = backends.indicators()
    rnd = client.round(round_id)
    results = []
    if request.method == "POST":
        chosen = [{"school_code": code, "version": int(version)} for code, version in
                  (item.split("@", 1) for item in request.form.getlist("report") if "@" in item)
                  if version.isdigit()]
        if not chosen:
            flash("Chọn ít nhất một báo cáo để xác nhận.", "error")
        else:
            results = client.confirm_commune(round_id, commune_code, chosen)
            done = sum(1 for r in results if r.get("status") == 200)
            flash(f"Đã xác nhận {done}/{len(results)} báo cáo.", "success" if done == len(results) else "info")
    reports = client.commune_reports(round_id, commune_code)
    catalogue = client.catalogue(rnd.get("catalogue_version"))
    by_code = {i["code"]: i for i in catalogue.get("indicators", [])}
    province = _province_of(rnd) if g.user["role"] != "commune" else ""
    return render_template("rounds/commune.html", round=rnd, commune_code=commune_code, reports=reports,
                           commune_name=_commune_name(commune_code),
                           communes=units.commune_groups(province) if province else [],
                           results=[r for r in results if r.get("status") != 200], by_code=by_code,
                           value_text=indicator_form.value_text)


def _commune_name(code: str) -> str:
    try:
        return orgs.commune(code).name
    except (ValueError, KeyError):
        return "xã/phường"


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
    # A refused file leaves the form as it was: the values already stored stay in their inputs.
    stored = indicator_form.form_from_submission(client.submission(round_id, g.user["org_code"]))
    if file is None or not file.filename:
        return _entry_page(rnd, indicators, None, stored, {"file": "Chọn tệp Excel (.xlsx) hoặc CSV để tải lên."},
                           422)
    try:
        answer = client.upload(round_id, file.filename, file.read(), file.mimetype,
                               request.form.get("idempotency_key") or uuid.uuid4().hex)
    except ApiError as exc:
        if exc.status >= 500:
            raise
        names = indicator_form.labels(indicators)
        cells = [_cell_message(e, names) for e in exc.problem.get("errors") or []]
        return _entry_page(rnd, indicators, None, stored, {"file": exc.detail}, exc.status, cells)
    flash(f"Đã nhận số liệu từ tệp, lần {answer.get('revision', 1)}.", "success")
    return redirect(url_for("rounds.entry", round_id=round_id))


def _cell_message(error: dict, names: dict[str, str]) -> str:
    """``Tỷ lệ giáo viên đạt chuẩn – Tổng số giáo viên (ô B5, trang Số liệu): …``: the indicator first, the cell after."""
    field = str(error.get("field", ""))
    parts = field.split(".")
    name = names.get(".".join(parts[1:3])) if parts[0] == "values" and len(parts) >= 3 else None
    if name is None and parts[0] == "values" and len(parts) >= 2:
        name = next((label.split(" – ")[0] for key, label in names.items() if key.startswith(f"{parts[1]}.")), None)
    where = ", ".join(x for x in (f"ô {error['cell']}" if error.get("cell") else "",
                                  f"trang {error['sheet']}" if error.get("sheet") else "") if x)
    head = " ".join(x for x in (name or "", f"({where})" if where else "") if x)
    return f"{head}: {error.get('message', '')}" if head else str(error.get("message", ""))


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

