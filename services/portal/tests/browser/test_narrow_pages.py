"""Pages found too wide for a 360 px phone while walking the demo, in a real browser (Debian's Chromium).

The portal runs in this process with its backends replaced by fixed answers; Chromium's requests to the portal's
address are answered by the Flask test client (no platform, no server), so the real templates and style sheets are
laid out. Screenshots go to var/test-artifacts/portal-narrow/<run>/.
"""
from __future__ import annotations

import re
import time
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from edu71_testing import free_port
from portal import backends, config
from portal.app import create_app
from portal.views import admin

from .test_admin_pages import OVERFLOW

SCREENSHOTS = "portal-narrow"
PORTAL = "http://portal.test"
#: A demo commune officer: the longest e-mail of the demo's accounts shown in the account's facts.
ACCOUNT = {"id": "u-7", "name": "Cán bộ Văn hoá – Xã hội Đặc khu Bạch Long Vĩ", "email": "ubnd.11948@demo.edu71.vn",
           "role": "commune", "org_unit": "11948", "org_unit_name": "Đặc khu Bạch Long Vĩ", "org_kind": "commune",
           "province_code": "31", "active": True, "created_at": "2026-12-03T16:04:00+00:00",
           "updated_at": "2026-12-03T16:04:00+00:00"}


ROUNDS = [{"id": f"r-{n}", "name": name, "school_year": year, "opens_at": opens, "due_at": due, "closes_at": closes,
           "phase": phase, "school_levels": ["tieu_hoc"]}
          for n, (name, year, opens, due, closes, phase) in enumerate([
              ("Sơ kết học kỳ I năm học 2026–2027", "2026-2027", "2026-11-30T16:00:00+00:00",
               "2026-12-23T16:00:00+00:00", "2027-01-12T16:00:00+00:00", "open"),
              ("Tổng kết năm học 2025–2026", "2025-2026", "2026-05-15T00:00:00+00:00", "2026-06-10T10:00:00+00:00",
               "2026-12-03T16:21:00+00:00", "closed")])]


class FakeIndicators:
    def rounds(self, page=1, page_size=100):
        return {"items": ROUNDS, "total": len(ROUNDS)}

    def round(self, round_id):
        return {**next(r for r in ROUNDS if r["id"] == round_id), "province_code": "31", "catalogue_version": 1}

    def commune_reports(self, round_id, commune_code):
        return []

    def catalogue(self, version=None):
        return {"version": 1, "indicators": []}

    def __getattr__(self, name):
        raise AssertionError(f"not called by these pages: {name}")


class FakeIdentity:
    def user(self, user_id):
        return dict(ACCOUNT), '"1"'

    def all_schools(self, active=True):
        return [{"code": "HP-TH-HIENTHANH", "name": "Trường Tiểu học Hiến Thành", "province_code": "31",
                 "commune_code": "10744", "level": "tieu_hoc"}]

    def org_units(self, province_code):
        return {"province_name": "Thành phố Hải Phòng", "items": [{"code": "11948", "name": "Đặc khu Bạch Long Vĩ"}]}

    def __getattr__(self, name):
        raise AssertionError(f"not called by these pages: {name}")


@pytest.fixture
def portal(tmp_path, monkeypatch):
    closed = f"http://127.0.0.1:{free_port()}"
    for name in ("IDENTITY", "PLANS", "INDICATORS", "NOTIFICATIONS", "REPORTS"):
        monkeypatch.setenv(f"PORTAL_{name}_URL", closed)
    monkeypatch.setenv("PORTAL_SECRET_KEY_FILE", str(tmp_path / "secret"))
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    monkeypatch.setenv("PORTAL_COOKIE_SECURE", "false")
    monkeypatch.setattr(backends, "identity", lambda token=None: FakeIdentity())
    monkeypatch.setattr(backends, "indicators", lambda: FakeIndicators())
    monkeypatch.setattr(admin, "_units_cache", {})
    app = create_app(replace(config.load(), backend_timeout=2.0))
    return app.test_client()


def sign_in(client, role: str, org_code: str, org_name: str) -> None:
    with client.session_transaction() as session:
        session["token"] = "not-checked-here"
        session["expires_at"] = time.time() + 3600
        session["user"] = {"id": "u-1", "name": "Cán bộ", "role": role, "org_code": org_code, "org_name": org_name,
                           "province_code": "31"}


def fits(page, artifacts, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    found = page.evaluate(OVERFLOW)
    assert found["page"] <= 0 and not found["wide"], f"{name}: wider than the viewport: {found}"


def open_narrow(browser, client, path: str, width: int = 360):
    """A 360 px (or ``width``) page whose every request to the portal is answered by the test client."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  viewport={"width": width, "height": 740})

    def answer(route):
        url = urlsplit(route.request.url)
        response = client.open(url.path, query_string=url.query, method=route.request.method)
        route.fulfill(status=response.status_code, body=response.get_data(),
                      headers={k: v for k, v in response.headers.items() if k.lower() != "content-length"})

    context.route(f"{PORTAL}/**", answer)
    page = context.new_page()
    page.goto(PORTAL + path)
    return context, page


def test_an_account_with_a_long_e_mail_fits_a_360_px_phone(portal, browser, artifacts):
    """Found walking as the administrator: ubnd.11948@demo.edu71.vn pushed the account's page 16 px wide."""
    sign_in(portal, "admin", "edu71", "Nền tảng Edu71")
    context, page = open_narrow(browser, portal, "/admin/users/u-7?back=/admin/users")
    try:
        page.get_by_role("heading", name=ACCOUNT["name"]).wait_for()
        fits(page, artifacts, "tai-khoan-360")
        assert page.locator("dd.email").inner_text() == ACCOUNT["email"]
    finally:
        context.close()


def test_the_city_reaches_each_rounds_dashboard_and_schedule_on_a_360_px_phone(portal, browser, artifacts):
    """Found walking as the city: the rounds table ran 61 px past the screen, its state and actions out of view."""
    sign_in(portal, "city", "31", "Sở Giáo dục và Đào tạo Thành phố Hải Phòng")
    context, page = open_narrow(browser, portal, "/rounds")
    try:
        page.get_by_role("heading", name="Đợt báo cáo chỉ tiêu").wait_for()
        fits(page, artifacts, "dot-bao-cao-360")
        row = page.get_by_role("row", name=re.compile("Sơ kết học kỳ I"))
        for link in ("Tổng hợp", "Gia hạn / mở lại"):
            box = row.get_by_role("link", name=link).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{link}: {box}"
    finally:
        context.close()


@pytest.mark.parametrize("width", [360, 1366])
def test_the_city_picks_a_commune_by_name_with_the_keyboard(portal, browser, artifacts, width):
    """Found walking as the city: the rounds page asked for a commune's five-digit code."""
    sign_in(portal, "city", "31", "Sở Giáo dục và Đào tạo Thành phố Hải Phòng")
    context, page = open_narrow(browser, portal, "/rounds", width)
    try:
        page.get_by_role("heading", name="Đợt báo cáo chỉ tiêu").wait_for()
        fits(page, artifacts, f"dot-bao-cao-{width}")
        row = page.get_by_role("row", name=re.compile("Sơ kết học kỳ I"))
        link = row.get_by_role("link", name="Báo cáo các trường theo xã/phường")
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        link.focus()
        page.keyboard.press("Enter")
        page.get_by_role("heading", name="Báo cáo các trường theo xã/phường").wait_for()
        fits(page, artifacts, f"chon-xa-{width}")
        picker = page.get_by_label("Xã/phường")
        for _ in range(40):  # from the top of the page, as a keyboard user comes to it
            if page.evaluate("document.activeElement.id") == "commune":
                break
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "commune"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")  # the first ward, then the second by name: Ái Quốc, An Biên
        assert picker.input_value() == "11407"
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.get_by_role("heading", name="Báo cáo các trường của Phường An Biên").wait_for()
        assert page.url.endswith("/rounds/r-0/communes/11407")
        fits(page, artifacts, f"bao-cao-xa-{width}")
        assert page.get_by_label("Xã/phường").input_value() == "11407"
    finally:
        context.close()
