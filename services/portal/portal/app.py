"""The portal web application (``gunicorn 'portal.app:create_app()'``): server-rendered, in Vietnamese.

What the views use (the backing APIs' clients, the session cookie, the live dashboards) is built in
:mod:`portal.bootstrap`; this module makes the Flask app of it: its settings, blueprints, filters, ops endpoints,
security headers and error pages.
"""
from __future__ import annotations

from datetime import timedelta

from flask import Flask, g, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect

from edu71 import logs, vn
from edu71.web import observe_requests, ops_blueprint
from portal import backends, bootstrap, config, session
from portal.clients.base import ApiError
from portal.domain.plan_form import COMPARATORS, STATUS_LABELS, section_label, target_level
from portal.views import admin, auth, dashboard, deliveries, inbox, operator, plans, preferences, reports, rounds


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    logs.configure("portal", settings.log_level)
    wired = bootstrap.wire(settings)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=wired.secret_key,
        SESSION_COOKIE_NAME="edu71_portal",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        # The session itself ends with the token (portal.session); this only bounds the cookie.
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        # A CSRF token lives as long as the session that holds it.
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=settings.cookie_secure,
        MAX_CONTENT_LENGTH=settings.max_upload_bytes + 64 * 1024,
    )
    app.session_interface = wired.session_interface
    app.extensions["portal.wiring"] = wired
    app.extensions["portal.settings"] = settings
    app.extensions["portal.live"] = wired.live
    CSRFProtect(app)

    app.jinja_env.filters.update(
        vn_date=vn.vn_date,
        vn_datetime=vn.vn_datetime,
        vn_number=vn.vn_number,
        vn_percent=vn.vn_percent,
        status_label=lambda s: STATUS_LABELS.get(s, s),
        role_label=lambda r: vn.ROLE_LABELS.get(r, r),
        level_label=lambda lv: vn.level_label(lv, short=True),
        section_label=section_label,
        target_level=target_level,
    )
    app.jinja_env.globals.update(COMPARATORS=COMPARATORS, LEVEL_LABELS={lv.value: label for lv, label in vn.LEVEL_SHORT.items()})

    app.before_request(session.load)
    for module in (auth, plans, rounds, dashboard, inbox, preferences, admin, deliveries, operator, reports):
        app.register_blueprint(module.bp)
    _ops(app, wired.readiness)
    _errors(app)
    return app


def _ops(app: Flask, readiness) -> None:
    """The shared ``/healthz``, ``/readyz``, ``/metrics`` and request metrics, as every service has them."""
    app.register_blueprint(ops_blueprint(readiness))
    observe_requests(app, "portal")

    @app.after_request
    def _headers(response):
        # Nothing of the portal may be framed or sniffed; every asset is served from here.
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        )
        # The portal needs none of the browser's powerful features; no page (nor anything it embeds) gets them.
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if _over_https():
            # Browsers heed this only over HTTPS; behind the TLS proxy the request itself arrives in plain HTTP.
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response


PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking"))


def _over_https() -> bool:
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.is_secure or forwarded == "https"


def _errors(app: Flask) -> None:
    def page(status: int, title: str, detail: str):
        return render_template("error.html", status=status, title=title, detail=detail), status

    @app.errorhandler(CSRFError)
    def _csrf(_exc):
        return page(400, "Biểu mẫu đã hết hạn hoặc không hợp lệ",
                    "Biểu mẫu thiếu mã bảo vệ (CSRF) hoặc mã đã hết hạn. Vui lòng tải lại trang rồi gửi lại.")

    @app.errorhandler(ApiError)
    def _api(exc: ApiError):
        if exc.status == 401:
            session.ended_by_the_apis()
            return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
        return page(exc.status if 400 <= exc.status < 600 else 502, exc.problem.get("title") or "Lỗi", exc.detail)

    @app.errorhandler(403)
    def _forbidden(_exc):
        return page(403, "Không có quyền", "Tài khoản của bạn không được xem hoặc làm thao tác này.")

    @app.errorhandler(404)
    def _missing(_exc):
        return page(404, "Không tìm thấy", "Không tìm thấy trang hoặc dữ liệu được yêu cầu.")

    @app.errorhandler(405)
    def _method(_exc):
        return page(405, "Thao tác không được hỗ trợ", "Địa chỉ này không nhận thao tác đó.")

    @app.errorhandler(413)
    def _too_large(_exc):
        return page(413, "Tệp quá lớn", "Tệp tải lên vượt quá giới hạn cho phép.")

    @app.context_processor
    def _user():
        return {"user": g.get("user"), "unread": _unread}


def _unread() -> int | None:
    """The signed-in user's unread notifications for the menu; nothing when the service does not answer,
    since a badge is not worth failing a page for."""
    if g.get("user") is None:
        return None
    try:
        return backends.notifications().unread_count()
    except ApiError:
        return None
