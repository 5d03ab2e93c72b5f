"""The admin pages manage accounts through the identity service: list, search, page, create, edit, lock, reset."""
from __future__ import annotations

import re
import uuid
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from edu71.orgs import commune
from edu71_testing import bearer

pytestmark = pytest.mark.integration

NEW_PASSWORD = "Mat-khau-moi-2026"


def _create(admin: requests.Session, portal: str, token: str, **fields) -> requests.Response:
    return admin.post(f"{portal}/admin/users", timeout=30, data={"csrf_token": token, **fields})


def _signs_in(platform, email: str, password: str) -> requests.Response:
    return requests.post(f"{platform.urls['identity']}/sessions", timeout=30,
                         json={"email": email, "password": password})


def _refused(platform, token: str) -> bool:
    return requests.get(f"{platform.urls['identity']}/users/me", headers=bearer(token), timeout=30).status_code == 401


def _field_error(html: str, field: str) -> str:
    """The message shown next to a field (inside its ``.field`` block)."""
    found = re.search(rf'<p class="error-message" id="{field}-error">([^<]+)</p>', html)
    assert found, f"no message next to {field}"
    return unescape(found.group(1))


def test_a_new_account_is_shown_after_creation_and_locking_asks_first_and_keeps_the_search(platform, helpers):
    portal = platform.urls["portal"]
    admin = helpers.sign_in("admin")
    page = admin.get(f"{portal}/admin/users/new", timeout=30)
    assert page.status_code == 200 and "Trường THCS Thị Trấn 2 (HCM-THCS-THITRAN2)" in page.text
    assert "HP-TH-HIENTHANH" in _hint(page.text)  # the hint fits school codes too
    token = helpers.csrf_of(page.text)

    email = f"giaovien-{uuid.uuid4().hex[:6]}@edu71.test"
    bad = _create(admin, portal, token, name="Cô giáo mới", email=email, role="school",
                  unit="Trường THCS Thị Trấn 2 (HCM-THCS-THITRAN2)", password="ngan")
    assert bad.status_code == 422 and "Mật khẩu phải có ít nhất 10 ký tự." in _field_error(bad.text, "password")
    nowhere = _create(admin, portal, token, name="Cô giáo mới", email=email, role="school",
                      unit="Trường không có thật", password=NEW_PASSWORD)
    assert nowhere.status_code == 422 and "Không tìm thấy đơn vị" in _field_error(nowhere.text, "unit")

    # The unit is picked by its name alone (no code typed).
    created = _create(admin, portal, token, name="Cô giáo mới", email=email, role="school",
                      unit="trường thcs thị trấn 2", password=NEW_PASSWORD)
    assert created.status_code == 200 and "Đã tạo tài khoản Cô giáo mới" in created.text
    assert urlsplit(created.url).path == "/admin/users" and parse_qs(urlsplit(created.url).query)["q"] == [email]
    assert email in created.text and "Trường THCS Thị Trấn 2" in created.text and "Hiển thị 1–1 trong 1" in created.text
    again = _create(admin, portal, token, name="Trùng", email=email.upper(), role="school",
                    unit="HCM-THCS-THITRAN2", password=NEW_PASSWORD)
    assert again.status_code == 409 and "đã được dùng" in _field_error(again.text, "email")

    signed_in = _signs_in(platform, email, NEW_PASSWORD)
    assert signed_in.status_code == 201
    user_id, user_token = signed_in.json()["user"]["id"], signed_in.json()["access_token"]

    search = f"/admin/users?q={email}&role=school"
    confirm = admin.get(f"{portal}/admin/users/{user_id}/active", params={"active": "0", "back": search}, timeout=30)
    assert confirm.status_code == 200 and "Khoá tài khoản Cô giáo mới?" in unescape(confirm.text)
    assert _signs_in(platform, email, NEW_PASSWORD).status_code == 201  # asking locked nothing yet
    locked = admin.post(f"{portal}/admin/users/{user_id}/active", timeout=30,
                        data={"csrf_token": token, "active": "0", "back": search})
    assert locked.status_code == 200 and "Đã khoá tài khoản Cô giáo mới" in locked.text
    assert parse_qs(urlsplit(locked.url).query) == {"q": [email], "role": ["school"]}  # the search kept
    assert "Đã khoá" in locked.text and _signs_in(platform, email, NEW_PASSWORD).status_code == 403
    assert _refused(platform, user_token)
    # Another site is never where "back" leads.
    elsewhere = admin.post(f"{portal}/admin/users/{user_id}/active", timeout=30, allow_redirects=False,
                           data={"csrf_token": token, "active": "1", "back": "https://example.com/admin/users"})
    assert elsewhere.status_code == 302 and elsewhere.headers["Location"] == "/admin/users"


def _hint(html: str) -> str:
    found = re.search(r'<p class="hint" id="unit-hint">([^<]+)</p>', html)
    assert found, "no hint for the unit"
    return unescape(found.group(1))


def test_the_list_pages_through_every_account_and_keeps_the_search_in_its_links(platform, helpers, stack):
    admin_api = bearer(stack.issuer().issue(sub="bootstrap-admin", name="Quản trị", role="admin", org_unit="edu71"))
    tag = uuid.uuid4().hex[:6]
    for n in range(53):
        r = requests.post(f"{platform.urls['identity']}/users", headers=admin_api, timeout=60, json={
            "name": f"Phân trang {tag} {n:02d}", "email": f"trang-{tag}-{n:02d}@edu71.test", "role": "commune",
            "org_unit": "10744", "password": NEW_PASSWORD})
        assert r.status_code == 201, r.text
    portal = platform.urls["portal"]
    admin = helpers.sign_in("admin")
    first = admin.get(f"{portal}/admin/users", params={"q": f"phan trang {tag}"}, timeout=30)
    assert first.status_code == 200 and "Hiển thị 1–50 trong 53 tài khoản" in first.text
    assert first.text.count('<th scope="row"') == 50
    second_link = unescape(re.search(r'<a href="([^"]+)" rel="next">', first.text).group(1))
    assert parse_qs(urlsplit(second_link).query) == {"q": [f"phan trang {tag}"], "page": ["2"]}
    second = admin.get(portal + second_link, timeout=30)
    assert "Hiển thị 51–53 trong 53 tài khoản" in second.text
    assert [f"Phân trang {tag} {n}" in second.text for n in (50, 51, 52)] == [True] * 3
    assert 'aria-current="page">2<' in second.text

    everyone = admin.get(f"{portal}/admin/users", timeout=30).text
    total = int(re.search(r"trong ([\d.]+) tài khoản", everyone).group(1).replace(".", ""))
    assert total >= 59 and 'rel="next"' in everyone

    # A commune chosen by name lists its own account and its schools' accounts.
    ward = commune("27496")
    by_unit = admin.get(f"{portal}/admin/users", params={"unit": ward.name}, timeout=30)
    assert by_unit.status_code == 200
    assert {"thitran2@edu71.test", "tananhoi@edu71.test", "tananhoi.ubnd@edu71.test"} <= set(
        re.findall(r'class="email">([^<]+)<', by_unit.text))
    assert "hienthanh@edu71.test" not in by_unit.text
    unknown = admin.get(f"{portal}/admin/users", params={"unit": "Phường Không Có"}, timeout=30)
    assert unknown.status_code == 422 and "Không tìm thấy đơn vị" in _field_error(unknown.text, "unit")


def test_a_manager_edits_an_account_resets_its_password_and_signs_it_out_everywhere(platform, helpers):
    portal = platform.urls["portal"]
    admin = helpers.sign_in("admin")
    token = helpers.csrf_of(admin.get(f"{portal}/admin/users/new", timeout=30).text)
    email = f"canbo-{uuid.uuid4().hex[:6]}@edu71.test"
    assert _create(admin, portal, token, name="Cán bộ thử", email=email, role="school", unit="HP-TH-HIENTHANH",
                   password=NEW_PASSWORD).status_code == 200
    signed_in = _signs_in(platform, email, NEW_PASSWORD).json()
    user_id, first_token = signed_in["user"]["id"], signed_in["access_token"]

    page = admin.get(f"{portal}/admin/users/{user_id}", params={"back": "/admin/users?q=canbo"}, timeout=30)
    assert page.status_code == 200 and 'value="Trường Tiểu học Hiến Thành (HP-TH-HIENTHANH)"' in page.text
    version = re.search(r'name="version" value="([^"]+)"', page.text).group(1)
    ward = commune("10744")
    moved = admin.post(f"{portal}/admin/users/{user_id}", timeout=30, data={
        "csrf_token": token, "version": unescape(version), "back": "/admin/users?q=canbo", "name": "Cán bộ xã thử",
        "email": email, "role": "commune", "unit": ward.name})
    assert moved.status_code == 200 and "Đã lưu thay đổi" in moved.text and "q=canbo" in moved.url
    stored = requests.get(f"{platform.urls['identity']}/users/{user_id}", timeout=30,
                          headers=bearer(helpers.token("admin"))).json()
    assert (stored["name"], stored["role"], stored["org_unit"]) == ("Cán bộ xã thử", "commune", "10744")
    assert _refused(platform, first_token)  # a new role ends the old sessions

    stale = admin.post(f"{portal}/admin/users/{user_id}", timeout=30, data={
        "csrf_token": token, "version": unescape(version), "name": "Tên cũ", "email": email, "role": "commune",
        "unit": "10744"})
    assert stale.status_code == 422 and "vừa được người khác thay đổi" in stale.text

    second_token = _signs_in(platform, email, NEW_PASSWORD).json()["access_token"]
    short = admin.post(f"{portal}/admin/users/{user_id}/password", timeout=30,
                       data={"csrf_token": token, "password": "ngan"})
    assert short.status_code == 422 and "ít nhất 10 ký tự" in _field_error(short.text, "password")
    reset = admin.post(f"{portal}/admin/users/{user_id}/password", timeout=30,
                       data={"csrf_token": token, "password": "Mat-khau-dat-lai-2026"})
    assert reset.status_code == 200 and "Đã đặt lại mật khẩu" in reset.text
    assert _refused(platform, second_token)
    assert _signs_in(platform, email, NEW_PASSWORD).status_code == 401
    third_token = _signs_in(platform, email, "Mat-khau-dat-lai-2026").json()["access_token"]

    out = admin.post(f"{portal}/admin/users/{user_id}/sessions", timeout=30, data={"csrf_token": token})
    assert out.status_code == 200 and "khỏi mọi phiên" in out.text
    assert _refused(platform, third_token)


def test_the_city_manages_its_own_province_only_and_never_platform_accounts(platform, helpers):
    portal = platform.urls["portal"]
    city = helpers.sign_in("city")  # TP. Hồ Chí Minh (79)
    listed = city.get(f"{portal}/admin/users", timeout=30)
    emails = set(re.findall(r'class="email">([^<]+)<', listed.text))
    assert "thitran2@edu71.test" in emails and "hienthanh@edu71.test" not in emails
    assert "quantri@edu71.test" not in emails
    assert city.get(f"{portal}/admin/users", params={"role": "admin"}, timeout=30).text.count('class="email"') == 0

    admin_id = requests.post(f"{platform.urls['identity']}/sessions", timeout=30, json={
        "email": "quantri@edu71.test", "password": "Mat-khau-thu-2026"}).json()["user"]["id"]
    assert city.get(f"{portal}/admin/users/{admin_id}", timeout=30).status_code == 404

    new = city.get(f"{portal}/admin/users/new", timeout=30)
    offered = re.findall(r'<option value="(\w+)"', new.text.split('id="role"')[1].split("</select>")[0])
    assert offered == ["school", "commune"]
    token = helpers.csrf_of(new.text)
    refused = _create(city, portal, token, name="Quản trị giả", email=f"qt-{uuid.uuid4().hex[:6]}@edu71.test",
                      role="admin", unit="", password=NEW_PASSWORD)
    assert refused.status_code == 422 and _field_error(refused.text, "role")
    elsewhere = _create(city, portal, token, name="Trường tỉnh khác", email=f"x-{uuid.uuid4().hex[:6]}@edu71.test",
                        role="school", unit="HP-TH-HIENTHANH", password=NEW_PASSWORD)
    assert elsewhere.status_code == 403 and "tỉnh/thành phố của mình" in elsewhere.text


def test_a_school_user_cannot_reach_the_admin_page(platform, helpers):
    http = helpers.sign_in("school")
    assert http.get(f"{platform.urls['portal']}/admin/users", timeout=30).status_code == 403
