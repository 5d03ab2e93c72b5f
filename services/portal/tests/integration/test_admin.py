"""The admin page manages accounts through the identity service: list, create, deactivate."""
from __future__ import annotations

import uuid

import pytest
import requests

pytestmark = pytest.mark.integration


def test_admin_creates_and_deactivates_an_account(platform, helpers):
    portal = platform.urls["portal"]
    admin = helpers.sign_in("admin")
    page = admin.get(f"{portal}/admin/users", timeout=30)
    assert page.status_code == 200 and "thitran2@edu71.test" in page.text

    email = f"giaovien-{uuid.uuid4().hex[:6]}@edu71.test"
    token = helpers.csrf_of(page.text)
    bad = admin.post(f"{portal}/admin/users", timeout=30, data={
        "csrf_token": token, "name": "Cô giáo mới", "email": email, "role": "school",
        "org_unit": "HCM-THCS-THITRAN2", "password": "ngan"})
    assert bad.status_code == 422 and "error-summary" in bad.text  # the identity service's password rule
    created = admin.post(f"{portal}/admin/users", timeout=30, data={
        "csrf_token": token, "name": "Cô giáo mới", "email": email, "role": "school",
        "org_unit": "HCM-THCS-THITRAN2", "password": "Mat-khau-moi-2026"})
    assert created.status_code == 200 and email in created.text and "Đã tạo tài khoản" in created.text

    signed_in = requests.post(f"{platform.urls['identity']}/sessions", timeout=30,
                              json={"email": email, "password": "Mat-khau-moi-2026"})
    assert signed_in.status_code == 201
    user_id = signed_in.json()["user"]["id"]

    deactivated = admin.post(f"{portal}/admin/users/{user_id}/active", timeout=30,
                             data={"csrf_token": token, "active": "0"})
    assert deactivated.status_code == 200 and "Đã khoá tài khoản." in deactivated.text
    refused = requests.post(f"{platform.urls['identity']}/sessions", timeout=30,
                            json={"email": email, "password": "Mat-khau-moi-2026"})
    assert refused.status_code == 403


def test_a_school_user_cannot_reach_the_admin_page(platform, helpers):
    http = helpers.sign_in("school")
    assert http.get(f"{platform.urls['portal']}/admin/users", timeout=30).status_code == 403
