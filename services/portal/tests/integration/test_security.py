"""Through the portal, a school sees and changes only its own data, and forms without a CSRF token are refused."""
from __future__ import annotations

import pytest
import requests

from edu71_testing import bearer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def their_plan(platform, helpers):
    """A draft plan of Thị Trấn 2, imported through the plans API with its own token."""
    r = requests.post(f"{platform.urls['plans']}/plans/import", headers=bearer(helpers.token("school")), timeout=60,
                      files={"file": ("ke-hoach.txt", helpers.seed_plan().read_bytes(), "text/plain")})
    assert r.status_code == 201, r.text
    return r.json()["plan"]


def plan_now(platform, helpers, plan_id: str) -> dict:
    r = requests.get(f"{platform.urls['plans']}/plans/{plan_id}", headers=bearer(helpers.token("school")), timeout=30)
    assert r.status_code == 200
    return r.json()


@pytest.mark.parametrize("intruder", ["other_school", "neighbour"])
def test_another_school_can_neither_see_nor_change_the_plan(platform, helpers, their_plan, intruder):
    portal = platform.urls["portal"]
    http = helpers.sign_in(intruder)
    plan_id = their_plan["id"]

    listing = http.get(f"{portal}/plans", timeout=30)
    assert listing.status_code == 200 and plan_id not in listing.text and their_plan["title"] not in listing.text
    for path in (f"/plans/{plan_id}", f"/plans/{plan_id}/edit", f"/plans/{plan_id}/original"):
        page = http.get(portal + path, timeout=30)
        assert page.status_code == 404, path
        assert their_plan["number_symbol"] not in page.text

    token = helpers.csrf_of(http.get(f"{portal}/plans", timeout=30).text)
    edit = http.post(f"{portal}/plans/{plan_id}/edit", timeout=30, allow_redirects=False,
                     data={"csrf_token": token, "title": "Bị sửa", "year": "2026", "target_count": "0",
                           "action": "submit"})
    submit = http.post(f"{portal}/plans/{plan_id}/submit", data={"csrf_token": token}, timeout=30,
                       allow_redirects=False)
    assert edit.status_code == 404 and submit.status_code == 404
    after = plan_now(platform, helpers, plan_id)
    assert after["title"] == their_plan["title"] and after["status"] == "draft"


def test_a_school_cannot_read_another_schools_indicator_values_or_the_dashboards(platform, helpers):
    portal = platform.urls["portal"]
    http = helpers.sign_in("other_school")
    assert http.get(f"{portal}/dashboard", timeout=30, allow_redirects=False).status_code == 403
    assert http.get(f"{portal}/dashboard/any-round/schools/HCM-THCS-THITRAN2", timeout=30).status_code == 403
    assert http.get(f"{portal}/review", timeout=30).status_code == 403
    assert http.get(f"{portal}/admin/users", timeout=30).status_code == 403


def test_forms_without_the_csrf_token_are_refused(platform, accounts, helpers, their_plan):
    portal = platform.urls["portal"]
    anonymous = requests.Session()
    anonymous.get(f"{portal}/login", timeout=30)
    r = anonymous.post(f"{portal}/login", timeout=30, allow_redirects=False,
                       data={"email": accounts["school"].email, "password": "whatever-it-is"})
    assert r.status_code == 400 and "CSRF" in r.text and "edu71_portal=" not in r.headers.get("Set-Cookie", "")

    http = helpers.sign_in("school")
    plan_id = their_plan["id"]
    for path, data in ((f"/plans/{plan_id}/submit", {}),
                       (f"/plans/{plan_id}/edit", {"title": "Không có mã CSRF", "year": "2026", "target_count": "0"}),
                       (f"/plans/{plan_id}/edit", {"title": "Mã CSRF sai", "year": "2026", "target_count": "0",
                                                  "csrf_token": "IjEyMyI.sai.sai"})):
        refused = http.post(portal + path, data=data, timeout=30, allow_redirects=False)
        assert refused.status_code == 400, path
        assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in refused.text
    after = plan_now(platform, helpers, plan_id)
    assert after["title"] == their_plan["title"] and after["status"] == "draft"
    # the same session with its token is accepted: the refusals were about the token alone
    token = helpers.csrf_of(http.get(f"{portal}/plans/{plan_id}", timeout=30).text)
    assert http.post(f"{portal}/logout", data={"csrf_token": token}, timeout=30,
                     allow_redirects=False).status_code == 302


def test_wrong_password_shows_the_identity_services_message_and_no_session(platform, accounts, helpers):
    portal = platform.urls["portal"]
    http = requests.Session()
    token = helpers.csrf_of(http.get(f"{portal}/login", timeout=30).text)
    r = http.post(f"{portal}/login", data={"email": accounts["city"].email, "password": "sai-mat-khau-roi",
                                           "csrf_token": token}, timeout=30, allow_redirects=False)
    assert r.status_code == 401 and 'role="alert"' in r.text
    assert http.get(f"{portal}/dashboard", timeout=30, allow_redirects=False).status_code == 302


def test_session_cookie_is_http_only_and_same_site(platform, accounts, helpers):
    portal = platform.urls["portal"]
    http = requests.Session()
    token = helpers.csrf_of(http.get(f"{portal}/login", timeout=30).text)
    r = http.post(f"{portal}/login", data={"email": accounts["school"].email, "password": "Mat-khau-thu-2026",
                                           "csrf_token": token}, timeout=30, allow_redirects=False)
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
