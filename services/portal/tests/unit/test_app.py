"""The portal app on its own (no backing service answers): sessions, CSRF, security headers, outages."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest

from edu71_testing import free_port
from portal import config
from portal.app import create_app


@pytest.fixture
def app(tmp_path, monkeypatch):
    # Every backing API points at a closed port: the portal must still answer, in Vietnamese.
    closed = f"http://127.0.0.1:{free_port()}"
    for name in ("IDENTITY", "PLANS", "INDICATORS", "NOTIFICATIONS", "REPORTS"):
        monkeypatch.setenv(f"PORTAL_{name}_URL", closed)
    monkeypatch.setenv("PORTAL_SECRET_KEY_FILE", str(tmp_path / "secret"))
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    settings = replace(config.load(), backend_timeout=2.0)
    return create_app(settings)


def sign_in_directly(client, role: str = "school", expires_in: int = 3600) -> None:
    with client.session_transaction() as session:
        session["token"] = "not-checked-here"
        session["expires_at"] = time.time() + expires_in
        session["user"] = {"id": "u-1", "name": "Cô Lan", "role": role, "org_code": "HCM-THCS-THITRAN2",
                           "org_name": "Trường THCS Thị Trấn 2"}


def test_secure_cookie_by_default_and_a_shared_secret_file(app, tmp_path):
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    key = (tmp_path / "secret").read_text()
    assert len(key) >= 32 and app.config["SECRET_KEY"] == key
    assert create_app(replace(config.load())).config["SECRET_KEY"] == key  # a second worker reads the same key


def test_login_page_is_vietnamese_accessible_and_locked_down(app):
    r = app.test_client().get("/login")
    html = r.data.decode()
    assert r.status_code == 200 and '<html lang="vi">' in html
    assert 'class="skip-link" href="#noi-dung"' in html and '<label for="email">Thư điện tử' in html
    assert 'name="csrf_token"' in html
    assert "default-src 'self'" in r.headers["Content-Security-Policy"] and r.headers["X-Frame-Options"] == "DENY"


def test_pages_need_a_signed_in_user(app):
    r = app.test_client().get("/plans")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login?next=/plans")


def test_a_form_without_csrf_token_is_refused_in_vietnamese(app):
    r = app.test_client().post("/login", data={"email": "a@b.vn", "password": "x"})
    assert r.status_code == 400 and "Biểu mẫu đã hết hạn hoặc không hợp lệ" in r.data.decode()


def test_the_session_ends_with_the_token(app):
    client = app.test_client()
    sign_in_directly(client, expires_in=30)  # inside the one-minute margin: already over
    r = client.get("/plans")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    page = client.get(r.headers["Location"]).data.decode()
    assert "Phiên đăng nhập đã hết hạn" in page
    with client.session_transaction() as session:
        assert "token" not in session


def test_a_role_outside_a_page_gets_403(app):
    client = app.test_client()
    sign_in_directly(client, role="school")
    r = client.get("/dashboard")
    assert r.status_code == 403 and "Không có quyền" in r.data.decode()


def test_a_backing_service_that_does_not_answer_gives_a_vietnamese_503(app):
    client = app.test_client()
    sign_in_directly(client)
    r = client.get("/plans")
    assert r.status_code == 503 and "Dịch vụ kế hoạch tạm thời không phản hồi" in r.data.decode()


def test_sign_in_while_identity_is_down_says_so(app):
    client = app.test_client()
    html = client.get("/login").data.decode()
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post("/login", data={"email": "a@b.vn", "password": "mat-khau-dai", "csrf_token": token})
    assert r.status_code == 503 and "Dịch vụ tài khoản tạm thời không phản hồi" in r.data.decode()


@pytest.mark.parametrize("target, kept", [("/plans?page=2", True), ("//evil.example/x", False),
                                          ("https://evil.example/", False), ("plans", False)])
def test_only_local_paths_are_returned_to_after_sign_in(target, kept):
    from portal.views.auth import _safe_next

    assert (_safe_next(target) == target) is kept


def _cookie(client) -> str:
    cookie = client.get_cookie("edu71_portal")
    assert cookie is not None
    return cookie.value


def test_the_session_cookie_is_encrypted_and_the_token_cannot_be_lifted_from_it(app):
    from flask.sessions import SecureCookieSessionInterface
    from itsdangerous import BadSignature

    client = app.test_client()
    token = "eyJhbGciOiJSUzI1NiJ9.bi1tYXQtbWE.chu-ky"
    with client.session_transaction() as session:
        session["token"] = token
        session["expires_at"] = time.time() + 3600
        session["user"] = {"id": "u-1", "name": "Cô Lan", "role": "school", "org_code": "HCM-THCS-THITRAN2"}
    sealed = _cookie(client)
    assert token not in sealed
    with pytest.raises(BadSignature):  # what a signed-only cookie would have given away
        SecureCookieSessionInterface().get_signing_serializer(app).loads(sealed)
    # The portal itself opens it: the page goes to the (closed) plans service instead of the sign-in page.
    assert client.get("/plans").status_code == 503


def test_an_altered_cookie_is_no_session(app):
    client = app.test_client()
    sign_in_directly(client)
    sealed = _cookie(client)
    client.set_cookie("edu71_portal", sealed[:-6] + ("AAAAAA" if not sealed.endswith("AAAAAA") else "BBBBBB"))
    r = client.get("/plans")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")


def test_signing_out_while_identity_does_not_answer_still_ends_the_portal_session_and_says_so(app):
    client = app.test_client()
    sign_in_directly(client)
    html = client.get("/login").data.decode()
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post("/logout", data={"csrf_token": token})
    assert r.status_code == 302
    with client.session_transaction() as session:
        assert "token" not in session
    assert "dịch vụ tài khoản chưa xác nhận việc kết thúc phiên" in client.get("/login").data.decode()


def test_the_shared_ops_endpoints_report_each_backing_api_and_stay_ready(app):
    client = app.test_client()
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    # Pages still answer (in Vietnamese) with every API down, so the portal stays in rotation and says why.
    assert ready.status_code == 200
    assert {name: ready.json["checks"][name] for name in ("identity", "plans", "indicators", "notifications",
                                                          "reports")} == dict.fromkeys(
        ("identity", "plans", "indicators", "notifications", "reports"), "unreachable")
    assert ready.headers["X-Request-ID"]
    assert b"edu71_http_request_duration_seconds" in client.get("/metrics").data


def test_readyz_answers_from_the_last_check_while_a_backing_api_hangs():
    import socket

    from edu71.contracts import Contracts
    from portal.config import Backends
    from portal.live import DashboardSignal
    from portal.readiness import NOT_CHECKED, Readiness

    # A backing API that takes the connection and never answers, and one whose port is closed.
    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(8)
    try:
        silent = f"http://127.0.0.1:{hanging.getsockname()[1]}"
        closed = f"http://127.0.0.1:{free_port()}"
        settings = config.load()
        signal = DashboardSignal(settings.kafka, Contracts(settings.contracts_dir))  # never started: not listening
        readiness = Readiness(Backends(identity=silent, plans=closed, indicators=closed, notifications=closed,
                                       reports=closed), signal, every=3600, first_wait=0)
        checks, ready = readiness()  # the check has only started: nothing waited for the hanging API
        assert ready and checks["identity"] == NOT_CHECKED and checks["live_updates"] == "not listening"
        for _ in range(200):
            checks, ready = readiness()
            if checks["identity"] != NOT_CHECKED:
                break
            time.sleep(0.05)
        assert ready and checks == {"identity": "unreachable", "plans": "unreachable", "indicators": "unreachable",
                                    "notifications": "unreachable", "reports": "unreachable",
                                    "live_updates": "not listening"}
    finally:
        hanging.close()
