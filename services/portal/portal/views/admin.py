"""User management through the identity service (admin; the city for its own province).

What a manager may see and change is decided by the identity service; these pages only offer
what it would accept (a city department is offered the roles it may give) and show its answers.
"""
from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from portal import backends
from portal.clients.base import ApiError
from portal.domain.paging import Pager
from portal.domain.units import KIND_OF_ROLE, PLATFORM, Unit, UnitNotFound, chosen_province, provinces, resolve
from portal.session import login_required

bp = Blueprint("admin", __name__, url_prefix="/admin")

ROLES = ("school", "commune", "city", "operator", "admin")
#: Roles a city department may give (the identity service refuses any other).
CITY_ROLES = ("school", "commune")
PAGE_SIZE = 50
LABELS = {"name": "Họ tên", "email": "Thư điện tử", "role": "Vai trò", "unit": "Đơn vị", "password": "Mật khẩu",
          "q": "Tìm", "page": "Trang", "current_password": "Mật khẩu hiện tại", "province": "Tỉnh/thành phố"}
#: The identity service's field names → the fields of these forms.
FIELDS = {"org_unit": "unit", "commune_code": "unit", "province_code": "province"}
UNIT_HINT = ("Gõ vài chữ của tên rồi chọn trong danh sách gợi ý, hoặc nhập mã: mã trường (ví dụ HP-TH-HIENTHANH), "
             "mã xã/phường 5 chữ số, mã tỉnh/thành phố 2 chữ số. Tài khoản vận hành và quản trị không cần đơn vị.")
#: Schools and communes change seldom; reading the whole directory for every page would not be worth it.
UNITS_TTL = 120.0
_units_cache: dict[tuple, tuple[float, list[Unit]]] = {}
_units_lock = threading.Lock()


def _roles() -> tuple[str, ...]:
    return ROLES if g.user["role"] == "admin" else CITY_ROLES


def _units() -> list[Unit]:
    """The units the caller may give accounts: the directory's schools, the communes and provinces around them."""
    scope = (current_app.extensions["portal.settings"].backends.identity, g.user["role"], g.user.get("province_code"))
    with _units_lock:
        cached = _units_cache.get(scope)
        if cached and time.monotonic() - cached[0] < UNITS_TTL:
            return cached[1]
    client = backends.identity()
    schools = client.all_schools(active=True)
    provinces = sorted({s["province_code"] for s in schools} | ({scope[2]} if scope[2] else set()))
    units = [Unit(s["code"], s["name"], "school") for s in sorted(schools, key=lambda s: s["name"])]
    for code in provinces:
        answer = client.org_units(code)
        units.append(Unit(code, f"Sở Giáo dục và Đào tạo {answer['province_name']}", "province"))
        units.extend(Unit(c["code"], c["name"], "commune") for c in answer["items"])
    if g.user["role"] == "admin":
        units.append(Unit(PLATFORM, "Nền tảng Edu71", "platform"))
    with _units_lock:
        _units_cache[scope] = (time.monotonic(), units)
    return units


def _back(target: str | None) -> str:
    """Where to return after an action: the list as it was (search, filters, page), never another site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and parts.path.startswith("/admin/users") and "\\" not in target:
            return target
    return url_for("admin.users")


def _field_errors(exc: ApiError) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, message in exc.field_errors.items():
        name = name.rsplit(".", 1)[-1]
        out.setdefault(FIELDS.get(name, name), message)
    return out or {"_form": exc.detail}


def _unit_code(role: str, text: str, units: list[Unit]) -> str:
    """The org unit code for an account of ``role`` from what was typed (raises UnitNotFound)."""
    kind = KIND_OF_ROLE.get(role)
    if kind == "platform":
        return PLATFORM
    unit = resolve(text, units, {kind} if kind else None)
    return unit.code if isinstance(unit, Unit) else unit


def _page(template: str, status: int = 200, **context):
    units = _units()
    by_kind = {kind: [u for u in units if u.kind == kind] for kind in ("school", "commune", "province", "platform")}
    return render_template(template, roles=_roles(), units=units, units_by_kind=by_kind, labels=LABELS,
                           unit_hint=UNIT_HINT, **context), status


# -- the list ------------------------------------------------------------------------------------------------
@bp.get("/users")
@login_required("admin", "city")
def users():
    args = request.args
    query = {"q": (args.get("q") or "").strip(), "role": args.get("role") or "", "province": "",
             "unit": (args.get("unit") or "").strip(), "active": args.get("active") or ""}
    number = max(1, args.get("page", 1, type=int) or 1)
    filters = {"q": query["q"] or None, "role": query["role"] if query["role"] in ROLES else None,
               "active": {"1": "true", "0": "false"}.get(query["active"])}
    errors: dict[str, str] = {}
    if g.user["role"] == "admin":  # a city's accounts are its province's already
        query["province"], error = chosen_province(args.get("province"))
        if error:
            errors["province"] = error
        filters["province_code"] = query["province"] or None
    if query["unit"]:
        try:
            unit = resolve(query["unit"], _units())
        except UnitNotFound as exc:
            errors["unit"] = str(exc)
        else:
            # A commune lists its own accounts and its schools'; any other unit, its own.
            commune = isinstance(unit, Unit) and unit.kind == "commune"
            filters["commune_code" if commune else "org_unit"] = unit.code if isinstance(unit, Unit) else unit
    answer = {"total": 0, "items": []}
    if not errors:
        try:
            answer = backends.identity().users(page=number, page_size=PAGE_SIZE, **filters)
        except ApiError as exc:
            if exc.status != 422:
                raise
            errors = _field_errors(exc)
    pager = Pager(answer["total"], number, PAGE_SIZE)

    def page_url(n: int) -> str:
        return url_for("admin.users", **{k: v for k, v in query.items() if v}, page=n)

    return _page("admin/users.html", 422 if errors else 200, page=answer, pager=pager, page_url=page_url,
                 query=query, errors=errors, back=request.full_path.rstrip("?"), provinces=provinces())


# -- creating ------------------------------------------------------------------------------------------------
@bp.get("/users/new")
@login_required("admin", "city")
def new_user():
    return _page("admin/new.html", form={"role": _roles()[0]}, errors={})


@bp.post("/users")
@login_required("admin", "city")
def create_user():
    form = request.form
    data = {k: (form.get(k) or "").strip() for k in ("name", "email", "role")}
    errors: dict[str, str] = {}
    status = 422
    if data["role"] not in _roles():
        errors["role"] = "Cần chọn một vai trò trong danh sách."
    for name in ("name", "email"):
        if not data[name]:
            errors[name] = f"Cần nhập {LABELS[name].lower()}."
    if not form.get("password"):
        errors["password"] = "Cần nhập mật khẩu ban đầu."
    try:
        data["org_unit"] = _unit_code(data["role"], form.get("unit") or "", _units())
    except UnitNotFound as exc:
        errors["unit"] = str(exc)
    if not errors:
        try:
            backends.identity().create_user({**data, "password": form.get("password") or ""})
        except ApiError as exc:
            if exc.status not in (403, 409, 422):
                raise
            status = exc.status
            # The only conflict is an e-mail already in use: said next to that field.
            errors = {"email": exc.detail} if exc.status == 409 else _field_errors(exc)
    if errors:
        return _page("admin/new.html", status, form=form, errors=errors)
    flash(f"Đã tạo tài khoản {data['name']} ({data['email']}). Tài khoản mới hiện ở danh sách dưới đây.", "success")
    return redirect(url_for("admin.users", q=data["email"]))


# -- one account ---------------------------------------------------------------------------------------------
@bp.get("/users/<user_id>")
@login_required("admin", "city")
def user(user_id: str):
    account, etag = backends.identity().user(user_id)
    unit = "" if account["org_kind"] == "platform" else f"{account['org_unit_name']} ({account['org_unit']})"
    return _page("admin/user.html", account=account, version=etag or "", back=_back(request.args.get("back")),
                 form={"name": account["name"], "email": account["email"], "role": account["role"], "unit": unit},
                 errors={}, password_errors={})


@bp.post("/users/<user_id>")
@login_required("admin", "city")
def change_user(user_id: str):
    client = backends.identity()
    account, current = client.user(user_id)
    form = request.form
    back = _back(form.get("back"))
    wanted = {k: (form.get(k) or "").strip() for k in ("name", "email", "role")}
    errors: dict[str, str] = {}
    for name in ("name", "email"):
        if not wanted[name]:
            errors[name] = f"Cần nhập {LABELS[name].lower()}."
    if wanted["role"] not in _roles() and wanted["role"] != account["role"]:
        errors["role"] = "Cần chọn một vai trò trong danh sách."
    try:
        wanted["org_unit"] = _unit_code(wanted["role"], form.get("unit") or "", _units())
    except UnitNotFound as exc:
        errors["unit"] = str(exc)
    changes = {k: v for k, v in wanted.items() if v != account.get(k)}
    if not errors and changes:
        try:
            # The version the form was read at: a change made meanwhile by someone else is not overwritten.
            client.change_user(user_id, changes, form.get("version") or current or "")
        except ApiError as exc:
            if exc.status not in (403, 409, 412, 422):
                raise
            errors = _field_errors(exc)
    if errors:
        return _page("admin/user.html", 422, account=account, version=form.get("version") or current or "",
                     back=back, form=form, errors=errors, password_errors={})
    flash("Đã lưu thay đổi của tài khoản." if changes else "Không có gì thay đổi.", "success")
    return redirect(back)


@bp.post("/users/<user_id>/password")
@login_required("admin", "city")
def reset_password(user_id: str):
    client = backends.identity()
    account, etag = client.user(user_id)
    back = _back(request.form.get("back"))
    password = request.form.get("password") or ""
    errors: dict[str, str] = {}
    if not password:
        errors["password"] = "Cần nhập mật khẩu mới."
    else:
        try:
            client.change_user(user_id, {"password": password}, etag or "")
        except ApiError as exc:
            if exc.status not in (403, 409, 412, 422):
                raise
            errors = _field_errors(exc)
    if errors:
        unit = "" if account["org_kind"] == "platform" else f"{account['org_unit_name']} ({account['org_unit']})"
        return _page("admin/user.html", 422, account=account, version=etag or "", back=back,
                     form={**account, "unit": unit}, errors={}, password_errors=errors)
    flash(f"Đã đặt lại mật khẩu của {account['name']}; tài khoản đã được đăng xuất khỏi mọi phiên. "
          "Hãy báo mật khẩu mới cho người dùng qua một kênh an toàn.", "success")
    return redirect(url_for("admin.user", user_id=user_id, back=back))


@bp.post("/users/<user_id>/sessions")
@login_required("admin", "city")
def sign_out_everywhere(user_id: str):
    client = backends.identity()
    account, _etag = client.user(user_id)
    client.sign_out_everywhere(user_id)
    flash(f"Đã đăng xuất {account['name']} khỏi mọi phiên, trên mọi thiết bị.", "success")
    return redirect(url_for("admin.user", user_id=user_id, back=_back(request.form.get("back"))))


@bp.get("/users/<user_id>/active")
@login_required("admin", "city")
def confirm_active(user_id: str):
    account, _etag = backends.identity().user(user_id)
    active = request.args.get("active") == "1"
    return render_template("admin/confirm.html", account=account, active=active,
                           back=_back(request.args.get("back")))


@bp.post("/users/<user_id>/active")
@login_required("admin", "city")
def set_active(user_id: str):
    client = backends.identity()
    account, etag = client.user(user_id)
    active = request.form.get("active") == "1"
    client.change_user(user_id, {"active": active}, etag or "")
    flash(f"Đã mở khoá tài khoản {account['name']}." if active else
          f"Đã khoá tài khoản {account['name']}; mọi phiên đăng nhập của tài khoản đã kết thúc.", "success")
    return redirect(_back(request.form.get("back")))
