"""The account and operator pages in a real browser (Debian's Chromium, headless), at 1366 px and on a phone.

An administrator searches, pages, creates an account (found right after), edits it with the unit picked by
name, locks it after confirming and lands back on the same search; the operator's page shows every service.
Nothing may be wider than the viewport at 390 × 844. Screenshots go to var/test-artifacts/portal-admin/<run>/.
"""
from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
import requests
from playwright import sync_api

from edu71_testing import bearer

from ..conftest import PASSWORD
from .people import signed_in

pytestmark = pytest.mark.integration

SCREENSHOTS = "portal-admin"
SCREENS = {"may-tinh": {"width": 1366, "height": 900}, "dien-thoai": {"width": 390, "height": 844}}
#: Elements wider than the viewport, or a page that scrolls sideways (the document itself).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
    .map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
  return {page: document.documentElement.scrollWidth - width, wide: wide.slice(0, 10)};
}"""


@pytest.fixture(scope="module")
def people(platform, stack, accounts):
    """Enough accounts for two pages (commune officers of Hải Phòng, as the demo has), and an operator."""
    admin = bearer(stack.issuer().issue(sub="bootstrap-admin", name="Quản trị", role="admin", org_unit="edu71"))
    identity = platform.urls["identity"]
    from edu71.orgs import communes

    for commune in communes("31")[:56]:
        r = requests.post(f"{identity}/users", headers=admin, timeout=60, json={
            "name": f"Cán bộ Văn hoá – Xã hội {commune.name}", "email": f"ubnd.{commune.code}@edu71.test",
            "role": "commune", "org_unit": commune.code, "password": PASSWORD})
        assert r.status_code in (201, 409), r.text
    r = requests.post(f"{identity}/users", headers=admin, timeout=60, json={
        "name": "Cán bộ vận hành", "email": "vanhanh.trinhduyet@edu71.test", "role": "operator", "org_unit": "edu71",
        "password": PASSWORD})
    assert r.status_code in (201, 409), r.text
    return {"admin": accounts["admin"].email, "operator": "vanhanh.trinhduyet@edu71.test"}


def look(page, artifacts: Path, name: str) -> None:
    """A screenshot, and nothing wider than the viewport."""
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    found = page.evaluate(OVERFLOW)
    assert found["page"] <= 0 and not found["wide"], f"{name}: wider than the viewport: {found}"


@pytest.mark.parametrize("screen", list(SCREENS))
def test_an_administrator_finds_pages_creates_edits_and_locks_accounts(platform, browser, artifacts, people, screen):
    expect = sync_api.expect
    portal = platform.urls["portal"]
    context, page = signed_in(browser, portal, people["admin"], SCREENS[screen])
    try:
        page.goto(f"{portal}/admin/users")
        expect(page.locator("#tong-so")).to_contain_text("Hiển thị 1–50 trong")
        look(page, artifacts, f"{screen}-01-danh-sach")
        page.get_by_role("link", name="Trang sau").click()
        expect(page.locator("#tong-so")).to_contain_text("Hiển thị 51–")
        expect(page.locator(".pager [aria-current=page]")).to_have_text("2")

        page.get_by_label("Tìm theo họ tên, thư điện tử hoặc đơn vị").fill("hong bang")
        page.get_by_role("button", name="Tìm và lọc").click()
        expect(page.locator("table.accounts tbody tr")).to_have_count(1)
        expect(page.locator("table.accounts")).to_contain_text("Phường Hồng Bàng")
        look(page, artifacts, f"{screen}-02-tim-khong-dau")

        email = f"hieutruong-{uuid.uuid4().hex[:6]}@edu71.test"
        page.get_by_role("link", name="Tạo tài khoản").click()
        page.get_by_label("Họ tên").fill("Nguyễn Thị Hiệu Trưởng")
        page.get_by_label("Thư điện tử").fill(email)
        page.get_by_label("Vai trò").select_option("school")
        expect(page.locator("#unit")).to_have_attribute("list", "units-school")
        page.get_by_label("Đơn vị").fill("Trường Tiểu học Hiến Thành")
        page.get_by_label("Mật khẩu ban đầu").fill("ngan")
        page.get_by_role("button", name="Tạo tài khoản").click()
        expect(page.locator(".error-summary")).to_be_focused()
        expect(page.locator("#password-error")).to_contain_text("ít nhất 10 ký tự")
        look(page, artifacts, f"{screen}-03-tao-loi-mat-khau")
        page.get_by_label("Mật khẩu ban đầu").fill("Mat-khau-moi-2026")
        page.get_by_role("button", name="Tạo tài khoản").click()
        expect(page.locator(".flash")).to_contain_text("Đã tạo tài khoản Nguyễn Thị Hiệu Trưởng")
        expect(page.locator("table.accounts tbody tr")).to_have_count(1)
        expect(page.locator("table.accounts")).to_contain_text("Trường Tiểu học Hiến Thành")
        look(page, artifacts, f"{screen}-04-tai-khoan-moi-hien-ngay")
        search = page.url

        page.get_by_role("link", name=re.compile("^Sửa")).first.click()
        page.get_by_label("Vai trò").select_option("commune")
        expect(page.locator("#unit")).to_have_attribute("list", "units-commune")
        page.get_by_label("Đơn vị").fill("phuong nguyen dai nang")
        look(page, artifacts, f"{screen}-05-sua-tai-khoan")
        page.get_by_role("button", name="Lưu thay đổi").click()
        expect(page.locator(".flash")).to_contain_text("Đã lưu thay đổi")
        assert page.url == search
        expect(page.locator("table.accounts")).to_contain_text("Phường Nguyễn Đại Năng")

        page.get_by_role("link", name=re.compile("^Khoá")).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Khoá tài khoản Nguyễn Thị Hiệu Trưởng?")
        look(page, artifacts, f"{screen}-06-xac-nhan-khoa")
        page.get_by_role("button", name="Khoá tài khoản").click()
        expect(page.locator(".flash")).to_contain_text("Đã khoá tài khoản")
        assert page.url == search
        expect(page.locator("table.accounts .state.off")).to_have_text("Đã khoá")
        look(page, artifacts, f"{screen}-07-da-khoa-giu-tim-kiem")
    finally:
        context.close()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_operator_sees_the_platform_without_school_data(platform, browser, artifacts, people, screen):
    expect = sync_api.expect
    context, page = signed_in(browser, platform.urls["portal"], people["operator"], SCREENS[screen])
    try:
        expect(page.get_by_role("heading", level=1)).to_have_text("Giám sát hệ thống")
        expect(page.locator("#ops-summary")).to_contain_text("5 dịch vụ")
        expect(page.locator(".ops-grid > li")).to_have_count(5)
        # Only the summary is a live region: the grid is replaced quietly.
        expect(page.locator("#ops-summary")).to_have_attribute("role", "status")
        assert page.locator("#ops-live[aria-live], #ops-live [aria-live], #ops-live [role]").count() == 0
        look(page, artifacts, f"{screen}-08-van-hanh")
    finally:
        context.close()
