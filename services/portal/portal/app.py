"""The portal web application (``gunicorn 'portal.app:create_app()'``): server-rendered, in Vietnamese."""
from __future__ import annotations

import time
from datetime import timedelta

import requests
from flask import Flask, g, jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect

from edu71 import logs, metrics
from edu71.contracts import Contracts
from portal import backends, config, secret, session
from portal.live import RollupSignal
from portal.clients.base import ApiError
from portal.domain import formatting
from portal.domain.plan_form import COMPARATORS, STATUS_LABELS, section_label
from portal.views import admin, auth, dashboard, inbox, plans, reports, rounds

ROLE_LABELS = {
    "school": "Nhà trường",
    "commune": "UBND xã/phường",
    "city": "Sở GD&ĐT",
    "operator": "Vận hành",
    "admin": "Quản trị",
}

LEVEL_LABELS = {
    "mam_non": "Mầm non",
    "tieu_hoc": "Tiểu học",
    "thcs": "THCS",
    "thpt": "THPT",
    "lien_cap": "Liên cấp",
}


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    logs.configure("portal", settings.log_level)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key or secret.load_or_create(settings.secret_key_file),
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
    app.session_interface = session.SealedCookieSessionInterface()
    app.extensions["portal.settings"] = settings
    app.extensions["portal.http"] = requests.Session()
    app.extensions["portal.live"] = RollupSignal(settings.kafka, Contracts(settings.contracts_dir))
    CSRFProtect(app)

    app.jinja_env.filters.update(
        vn_date=formatting.vn_date,
        vn_datetime=formatting.vn_datetime,
        vn_number=formatting.vn_number,
        vn_percent=formatting.vn_percent,
        status_label=lambda s: STATUS_LABELS.get(s, s),
        role_label=lambda r: ROLE_LABELS.get(r, r),
        level_label=lambda lv: LEVEL_LABELS.get(lv, lv),
        section_label=section_label,
    )
    app.jinja_env.globals.update(COMPARATORS=COMPARATORS, LEVEL_LABELS=LEVEL_LABELS)

    app.before_request(session.load)
    for module in (auth, plans, rounds, dashboard, inbox, admin, reports):
        app.register_blueprint(module.bp)
    _ops(app)
    _errors(app)
    return app


def _ops(app: Flask) -> None:
    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.get("/metrics")
    def metrics_endpoint():
        body, content_type = metrics.exposition()
        return app.response_class(body, content_type=content_type)

    @app.before_request
    def _start():
        g.request_started = time.perf_counter()

    @app.after_request
    def _headers(response):
        started = g.get("request_started")
        if started is not None:
            route = request.url_rule.rule if request.url_rule else "<unmatched>"
            metrics.HTTP_REQUEST_DURATION.labels("portal", request.method, route, str(response.status_code)).observe(
                time.perf_counter() - started)
        # Nothing of the portal may be framed or sniffed; every asset is served from here.
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        )
        return response


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
