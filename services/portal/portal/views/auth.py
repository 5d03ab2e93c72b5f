"""Sign-in, sign-out and the start page of each role."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from portal import backends, session
from portal.clients.base import ApiError

bp = Blueprint("auth", __name__)

#: Where each role starts.
HOME = {
    "school": "plans.index",
    "commune": "plans.review_queue",
    "city": "dashboard.index",
    "admin": "admin.users",
    "operator": "operator.index",
}


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site (never another host) may be returned to after sign-in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.get("/")
def home():
    if g.get("user") is None:
        return redirect(url_for("auth.login"))
    return redirect(url_for(HOME[g.user["role"]]))


@bp.route("/login", methods=["GET", "POST"])
def login():
    errors: dict[str, str] = {}
    message = None
    status = 200
    email = ""
    if request.method == "POST":
        email = (request.form.get("email") or "").strip()
        password = request.form.get("password") or ""
        if not email:
            errors["email"] = "Cần nhập địa chỉ thư điện tử."
        if not password:
            errors["password"] = "Cần nhập mật khẩu."
        if not errors:
            try:
                answer = backends.identity(token="").sign_in(email, password, request.remote_addr)
            except ApiError as exc:
                message, status = exc.detail, exc.status
                if exc.status == 429 and exc.headers.get("Retry-After", "").isdigit():
                    minutes = max(1, -(-int(exc.headers["Retry-After"]) // 60))
                    message = f"{message} (Có thể thử lại sau khoảng {minutes} phút.)"
            else:
                session.start(answer)
                flash(f"Xin chào {answer['user'].get('name', '')}.", "success")
                return redirect(_safe_next(request.args.get("next")) or url_for("auth.home"))
    if errors:
        status = 422
    return render_template("login.html", errors=errors, message=message, email=email), status


@bp.post("/logout")
def logout():
    ended = True
    if g.get("token"):
        try:
            backends.identity().sign_out()
        except ApiError as exc:
            ended = exc.status == 401  # already refused: nothing left to end
    session.end()
    if ended:
        flash("Bạn đã đăng xuất.", "info")
    else:
        flash("Bạn đã đăng xuất khỏi cổng thông tin, nhưng dịch vụ tài khoản chưa xác nhận việc kết thúc phiên. "
              "Nếu dùng máy tính chung, hãy đăng nhập rồi đăng xuất lại khi dịch vụ hoạt động.", "warning")
    return redirect(url_for("auth.login"))
