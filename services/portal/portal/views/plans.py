"""Plans: the issuing unit's list (a school's, a commune/ward's own, the city's own), upload and side-by-side
review, submission; the reviewer's queue (school and commune plans, labelled by their issuer) and decisions."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for

from portal import backends
from portal.clients.base import ApiError
from portal.domain import plan_form, source
from portal.domain.units import chosen_province, provinces
from portal.session import login_required

bp = Blueprint("plans", __name__)

REVIEWERS = ("commune", "city", "admin")
#: The roles that issue plans of their own unit: a school, a commune/ward (UBND), the city (Sở GD&ĐT).
ISSUERS = plan_form.ISSUERS


@bp.get("/plans")
@login_required(*ISSUERS)
def index():
    role = g.user["role"]
    page = backends.plans().list(owner_kind=plan_form.OWN_KIND[role], page=request.args.get("page", 1, type=int),
                                 page_size=50)
    # What the unit aligns its own targets to: the approved plans of the level above (read only).
    above = backends.plans().list(owner_kind=plan_form.ABOVE_KIND[role], page=1, page_size=10) \
        if role in plan_form.ABOVE_KIND else {"items": []}
    return render_template("plans/index.html", page=page, above=above, heading=plan_form.OWN_HEADINGS[role],
                           above_heading=plan_form.ABOVE_HEADINGS.get(role, ""), issuer_name=plan_form.issuer_name,
                           current_id=plan_form.current_plan_id(page["items"]))


@bp.route("/plans/upload", methods=["GET", "POST"])
@login_required(*ISSUERS)
def upload():
    errors: dict[str, str] = {}
    if request.method == "POST":
        file = request.files.get("file")
        if file is None or not file.filename:
            errors["file"] = "Chọn tệp kế hoạch (Word .docx, PDF hoặc văn bản .txt) để tải lên."
        else:
            try:
                report = backends.plans().import_document(file.filename, file.read(), file.mimetype)
            except ApiError as exc:
                if exc.status == 503 or exc.status >= 500:
                    raise
                errors["file"] = exc.detail
            else:
                flash("Đã nhập kế hoạch thành bản nháp. Hãy đối chiếu với văn bản gốc, sửa nếu cần, rồi gửi duyệt.",
                      "success")
                _flash_import_warnings(report)
                return redirect(url_for("plans.edit", plan_id=report["plan"]["id"]))
    return render_template("plans/upload.html", errors=errors, plan=None), 422 if errors else 200


def _flash_import_warnings(report: dict) -> None:
    """What the importer found doubtful (a document naming another unit than the uploader's) is said before the
    draft, so that a school does not review and submit another school's plan unawares."""
    for warning in report.get("warnings") or []:
        if warning.get("message"):
            flash(warning["message"], "warning")


@bp.route("/plans/<plan_id>/upload", methods=["GET", "POST"])
@login_required(*ISSUERS)
def reupload(plan_id: str):
    """A corrected file for a draft or a returned plan: read into the same plan, its next version."""
    client = backends.plans()
    plan, etag = client.get(plan_id)
    if not plan_form.is_own(plan, g.user) or plan["status"] not in ("draft", "returned"):
        flash("Chỉ nhập lại tệp được cho bản nháp hoặc kế hoạch bị trả lại của đơn vị mình.", "info")
        return redirect(url_for("plans.show", plan_id=plan_id))
    errors: dict[str, str] = {}
    if request.method == "POST":
        file = request.files.get("file")
        if file is None or not file.filename:
            errors["file"] = "Chọn tệp kế hoạch đã sửa (Word .docx, PDF hoặc văn bản .txt) để tải lên."
        else:
            try:
                report = client.reimport(plan_id, file.filename, file.read(), file.mimetype,
                                         request.form.get("etag") or etag)
            except ApiError as exc:
                if exc.status >= 500:
                    raise
                errors["file"] = exc.detail
            else:
                flash("Đã đọc tệp đã sửa vào kế hoạch này. Hãy đối chiếu, lưu rồi gửi duyệt lại.", "success")
                _flash_import_warnings(report)
                return redirect(url_for("plans.edit", plan_id=plan_id))
    return render_template("plans/upload.html", errors=errors, plan=plan, etag=etag), 422 if errors else 200


@bp.route("/plans/<plan_id>/delete", methods=["GET", "POST"])
@login_required(*ISSUERS)
def delete(plan_id: str):
    """Delete a draft never submitted, after the user confirms on a page of its own (no script needed)."""
    client = backends.plans()
    plan, etag = client.get(plan_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            client.delete(plan_id, request.form.get("etag") or etag)
        except ApiError as exc:
            if exc.status not in (403, 409, 412, 428):
                raise
            errors["_form"] = exc.detail
        else:
            flash(f"Đã xoá bản nháp “{plan['title']}”.", "success")
            return redirect(url_for("plans.index"))
    return render_template("plans/delete.html", plan=plan, etag=etag, errors=errors), 409 if errors else 200


def _source_lines(plan: dict) -> list[str]:
    if not plan.get("original"):
        return []
    data, _disposition, content_type = backends.plans().original(plan["id"])
    try:
        return source.lines_of(source.text_of(data, content_type))
    except Exception:  # noqa: BLE001 - a file we cannot read again is shown without its text, not as an error
        return []


def _catalogue(plan: dict) -> dict | None:
    """The province's indicator catalogue from the indicators API, or ``None`` when it does not answer."""
    try:
        return backends.indicators().get_json("/catalogue", params={"province_code": plan.get("province_code")}
                                              if plan.get("province_code") else None)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        return None


def _edit_page(plan: dict, etag: str | None, values: dict, errors: dict, status: int = 200):
    lines = _source_lines(plan)
    catalogue = _catalogue(plan)
    count = int(values.get("target_count", "1"))
    located = {i: source.locate(lines, values.get(f"target-{i}-source_sentence", "")) for i in range(count)}
    highlighted = {n for n in located.values() if n}
    sections = list((plan.get("sections") or {}).keys())
    return render_template("plans/edit.html", plan=plan, etag=etag, values=values, errors=errors, lines=lines,
                           located=located, highlighted=highlighted, sections=sections, count=count,
                           labels=plan_form.labels(count, sections), catalogue=catalogue,
                           groups=plan_form.picker_groups(catalogue), names=plan_form.indicator_names(catalogue),
                           UNLINKED=plan_form.UNLINKED, confidence_label=plan_form.confidence_label,
                           levels=plan_form.level_choices(catalogue),
                           catalogue_issues=plan_form.catalogue_issues(plan)), status


@bp.get("/plans/<plan_id>/edit")
@login_required(*ISSUERS)
def edit(plan_id: str):
    plan, etag = backends.plans().get(plan_id)
    if plan["status"] not in ("draft", "returned"):
        flash("Kế hoạch đang chờ duyệt hoặc đã được duyệt nên không thể sửa.", "info")
        return redirect(url_for("plans.show", plan_id=plan_id))
    return _edit_page(plan, etag, plan_form.form_from_plan(plan), {})


@bp.post("/plans/<plan_id>/edit")
@login_required(*ISSUERS)
def save(plan_id: str):
    client = backends.plans()
    plan, current_etag = client.get(plan_id)
    sections = list((plan.get("sections") or {}).keys())
    parsed = plan_form.parse_plan_form(request.form, sections)
    values = dict(request.form)
    etag = request.form.get("etag") or current_etag
    if parsed.errors:
        errors = plan_form.errors_by_row(parsed.errors, parsed.payload["targets"])
        return _edit_page(plan, etag, values, errors, 422)
    try:
        saved, new_etag = client.update(plan_id, plan_form.strip_rows(parsed.payload), etag)
    except ApiError as exc:
        if exc.status in (409, 412, 422, 428):
            errors = plan_form.errors_by_row(exc.field_errors, parsed.payload["targets"])
            if not errors:
                errors["_form"] = exc.detail
            return _edit_page(plan, current_etag if exc.status == 412 else etag, values, errors, exc.status)
        raise
    if request.form.get("action") == "submit":
        try:
            client.submit(plan_id, new_etag)
        except ApiError as exc:
            if exc.status not in (409, 412, 422):
                raise
            return _edit_page(saved, new_etag, plan_form.form_from_plan(saved),
                              exc.field_errors or {"_form": exc.detail}, exc.status)
        flash("Đã gửi kế hoạch đi duyệt.", "success")
        return redirect(url_for("plans.show", plan_id=plan_id))
    flash("Đã lưu bản nháp.", "success")
    return redirect(url_for("plans.edit", plan_id=plan_id))


@bp.get("/plans/<plan_id>")
@login_required("school", *REVIEWERS)
def show(plan_id: str):
    client = backends.plans()
    plan, etag = client.get(plan_id)
    own = plan_form.is_own(plan, g.user)
    return render_template("plans/show.html", plan=plan, etag=etag, **_history_of(plan),
                           sections=list((plan.get("sections") or {}).keys()), **_indicators_of(plan),
                           can_review=(g.user["role"] in REVIEWERS and plan["status"] == "submitted"
                                       and (not own or plan.get("owner_kind") == "province")),
                           can_edit=own and plan["status"] in ("draft", "returned"),
                           can_delete=own and plan["status"] == "draft" and not plan.get("version"),
                           form={}, errors={}, **_review_helpers(plan, {}))


def _history_of(plan: dict) -> dict:
    """The submitted versions, the review history (newest first) and what the reviewer asked last time."""
    client = backends.plans()
    versions = client.versions(plan["id"]) if plan.get("version") else []
    entries = client.timeline(plan["id"]) if plan.get("version") else []
    return {"versions": versions, "timeline": plan_form.timeline_rows(entries),
            "earlier": plan_form.earlier_comments(entries, plan.get("version") or 0),
            "versions_with_file": {v["version"] for v in versions if (v.get("plan") or {}).get("original")}}


@bp.post("/plans/<plan_id>/submit")
@login_required(*ISSUERS)
def submit(plan_id: str):
    backends.plans().submit(plan_id, request.form.get("etag") or None)
    flash("Đã gửi kế hoạch đi duyệt.", "success")
    return redirect(url_for("plans.show", plan_id=plan_id))


@bp.get("/plans/<plan_id>/original")
@login_required("school", *REVIEWERS)
def original(plan_id: str):
    data, disposition, content_type = backends.plans().original(plan_id)
    response = Response(data, mimetype=content_type or "application/octet-stream")
    if disposition:
        response.headers["Content-Disposition"] = disposition
    return response


@bp.get("/plans/<plan_id>/versions/<int:number>/original")
@login_required("school", *REVIEWERS)
def version_original(plan_id: str, number: int):
    data, disposition, content_type = backends.plans().version_original(plan_id, number)
    response = Response(data, mimetype=content_type or "application/octet-stream")
    if disposition:
        response.headers["Content-Disposition"] = disposition
    return response


@bp.get("/plans/<plan_id>/versions/<int:old>/diff/<int:new>")
@login_required("school", *REVIEWERS)
def diff(plan_id: str, old: int, new: int):
    client = backends.plans()
    plan, _etag = client.get(plan_id)
    found = client.diff(plan_id, old, new)
    rows = plan_form.diff_rows(found.get("differences") or [], plan_form.indicator_names(_catalogue(plan)))
    return render_template("plans/diff.html", plan=plan, diff=found, rows=rows)


# -- reviewer ---------------------------------------------------------------------
@bp.get("/review")
@login_required(*REVIEWERS)
def review_queue():
    # An administrator sees the nation's plans, or one province's (?province=<code>, kept in the URL).
    province, error = chosen_province(request.args.get("province")) if g.user["role"] == "admin" else ("", None)
    page = backends.plans().list(status="submitted", province_code=province or None,
                                 page=request.args.get("page", 1, type=int), page_size=50)
    recent = backends.plans().list(province_code=province or None, page=1, page_size=20)
    return render_template("plans/review.html", page=page, recent=recent, issuer_name=plan_form.issuer_name,
                           kind_labels=plan_form.ISSUER_KIND_LABELS, provinces=provinces(), province=province,
                           province_name=dict(provinces()).get(province), errors={"province": error} if error else {}
                           ), 422 if error else 200


@bp.post("/plans/<plan_id>/decision")
@login_required(*REVIEWERS)
def decide(plan_id: str):
    client = backends.plans()
    plan, etag = client.get(plan_id)
    sections = list((plan.get("sections") or {}).keys())
    decision = request.form.get("decision")
    etag = request.form.get("etag") or etag
    try:
        if decision == "approve" and not request.form.get("confirmed"):
            # Approval cannot be undone: a page of its own asks first (works without JavaScript).
            return render_template("plans/confirm.html", plan=plan, etag=etag,
                                   comment=(request.form.get("comment") or "").strip())
        if decision == "approve":
            client.approve(plan_id, (request.form.get("comment") or "").strip(), etag)
            flash("Đã phê duyệt kế hoạch.", "success")
        elif decision == "return":
            comments = plan_form.review_comments(request.form, sections, len(plan.get("targets") or []))
            if not comments:
                return _review_again(plan, etag, {"comment": "Khi trả lại kế hoạch cần ghi ít nhất một góp ý."})
            client.return_(plan_id, comments, etag)
            to = {"commune": "UBND xã/phường", "province": "bộ phận soạn thảo của Sở"}.get(
                plan.get("owner_kind") or "school", "nhà trường")
            flash(f"Đã trả lại kế hoạch kèm góp ý cho {to}.", "success")
        else:
            abort(400)
    except ApiError as exc:
        if exc.status in (403, 409, 412, 422):  # 403: e.g. the city plan's own submitter (another user decides)
            return _review_again(plan, etag, {**exc.field_errors, "_form": exc.detail}, exc.status)
        raise
    return redirect(url_for("plans.review_queue"))


def _indicators_of(plan: dict) -> dict:
    """Each target's indicator as a reader sees it (a name, or flagged unlinked / undecided), never a code."""
    names = plan_form.indicator_names(_catalogue(plan))
    shown = [plan_form.target_indicator(t, names) for t in plan.get("targets") or []]
    return {"indicators": shown, "unlinked_count": sum(1 for kind, _ in shown if kind != "linked"),
            "catalogue_issues": plan_form.catalogue_issues(plan)}


def _review_again(plan: dict, etag: str | None, errors: dict, status: int = 422):
    return render_template("plans/show.html", plan=plan, etag=etag, **_history_of(plan), **_indicators_of(plan),
                           sections=list((plan.get("sections") or {}).keys()), can_review=True, can_edit=False,
                           can_delete=False, form=request.form, errors=errors, **_review_helpers(plan, errors)), status


def _review_helpers(plan: dict, errors: dict) -> dict:
    sections = list((plan.get("sections") or {}).keys())
    return {"comment_anchor": plan_form.comment_anchor,
            "review_labels": plan_form.review_labels(sections, len(plan.get("targets") or []), errors)}


@bp.get("/plans/targets")
@login_required("commune")
def targets_table():
    """The commune's schools' targets side by side, per indicator (each school's current plan)."""
    client, plans, page = backends.plans(), [], 1
    while True:
        found = client.list(owner_kind="school", page=page, page_size=200)
        plans += found["items"]
        if page * 200 >= found["total"]:
            break
        page += 1
    try:
        catalogue = backends.indicators().get_json("/catalogue", params={"province_code": g.user.get("province_code")}
                                                   if g.user.get("province_code") else None)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        catalogue = None
    schools = plan_form.current_by_school(plans)
    return render_template("plans/targets.html", schools=schools,
                           indicators=plan_form.targets_side_by_side(plans, plan_form.indicator_names(catalogue)))

