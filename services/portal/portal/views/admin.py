"""User management through the identity service (admin; the city for its own province)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from portal import backends
from portal.clients.base import ApiError
from portal.session import login_required

bp = Blueprint("admin", __name__, url_prefix="/admin")

ROLES = ("school", "commune", "city", "operator", "admin")


@bp.get("/users")
@login_required("admin", "city")
def users():
    query = {k: request.args.get(k) for k in ("role", "q")}
    page = backends.identity().users(page=request.args.get("page", 1, type=int), page_size=50, **query)
    return render_template("admin/users.html", page=page, query=query, roles=ROLES, errors={}, form={})


@bp.post("/users")
@login_required("admin", "city")
def create_user():
    form = request.form
    data = {k: (form.get(k) or "").strip() for k in ("name", "email", "role", "org_unit")}
    data["password"] = form.get("password") or ""
    errors: dict[str, str] = {}
    try:
        backends.identity().create_user(data)
    except ApiError as exc:
        if exc.status not in (403, 409, 422):
            raise
        errors = {**exc.field_errors, "_form": exc.detail}
        page = backends.identity().users(page=1, page_size=50)
        return render_template("admin/users.html", page=page, query={}, roles=ROLES, errors=errors,
                               form=form), exc.status
    flash(f"Đã tạo tài khoản {data['email']}.", "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<user_id>/active")
@login_required("admin", "city")
def set_active(user_id: str):
    client = backends.identity()
    _user, etag = client.user(user_id)
    active = request.form.get("active") == "1"
    client.change_user(user_id, {"active": active}, etag or "")
    flash("Đã kích hoạt lại tài khoản." if active else "Đã khoá tài khoản.", "success")
    return redirect(url_for("admin.users"))
