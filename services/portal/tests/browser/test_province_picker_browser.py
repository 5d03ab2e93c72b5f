"""An administrator's nation-wide pages with the province picker, in a real browser (Debian's Chromium, headless),
at 1366 px and at 360 px: the picker is reached and used with the keyboard alone, it is labelled, the choice lands
in the URL and narrows the list, and nothing is wider than the viewport. Screenshots go to
var/test-artifacts/portal-province/<run>/."""
from __future__ import annotations

import pytest
import requests
from playwright import sync_api

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer, wait_until

from .people import signed_in
from .test_admin_pages import OVERFLOW

pytestmark = pytest.mark.integration

SCREENSHOTS = "portal-province"
SCREENS = {"may-tinh": {"width": 1366, "height": 900}, "dien-thoai-nho": {"width": 360, "height": 740}}
THI_TRAN = SEED_SCHOOLS[1]  # Thành phố Hồ Chí Minh (79)


@pytest.fixture(scope="module")
def submitted(platform, stack, accounts, helpers, browser) -> str:
    """A plan of Thị Trấn 2 awaiting review (so the commune was told, by e-mail too)."""
    school = bearer(helpers.token("school"))
    r = requests.post(f"{platform.urls['plans']}/plans/import", headers=school, timeout=60,
                      files={"file": ("ke-hoach.txt", helpers.seed_plan().read_bytes(), "text/plain")})
    assert r.status_code == 201, r.text
    plan_id = r.json()["plan"]["id"]
    context, page = signed_in(browser, platform.urls["portal"], accounts["school"].email, SCREENS["may-tinh"])
    page.goto(f"{platform.urls['portal']}/plans/{plan_id}/edit")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    sync_api.expect(page.locator("#trang-thai")).to_have_text("Đã gửi duyệt")
    context.close()
    admin = bearer(stack.issuer().issue(sub="bootstrap-admin", name="Quản trị", role="admin", org_unit="edu71"))
    wait_until(lambda: requests.get(f"{platform.urls['notifications']}/deliveries?province_code=79", headers=admin,
                                    timeout=30).json()["total"] > 0, "the commune's e-mail in the delivery log", 90)
    return plan_id


def look(page, artifacts, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    found = page.evaluate(OVERFLOW)
    assert found["page"] <= 0 and not found["wide"], f"{name}: wider than the viewport: {found}"


def pick_with_the_keyboard(page, name: str) -> None:
    """Tab from the page's start to the picker, choose ``name`` with the arrow keys, Tab on to the form's button,
    Enter."""
    picker = page.get_by_label("Tỉnh/thành phố", exact=True)
    page.locator("body").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if picker.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("the province picker is not reached with Tab")
    page.keyboard.press("Home")
    for _ in range(40):
        if picker.evaluate("e => e.options[e.selectedIndex].text") == name:
            break
        page.keyboard.press("ArrowDown")
    assert picker.evaluate("e => e.options[e.selectedIndex].text") == name
    for _ in range(8):  # past the form's other filters to its button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type === 'submit'"):
            break
    else:
        raise AssertionError("the filter's button is not reached with Tab after the picker")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("screen", list(SCREENS))
def test_an_administrator_picks_a_province_by_keyboard_on_every_nation_wide_page(
        platform, browser, artifacts, accounts, submitted, screen):
    expect = sync_api.expect
    portal = platform.urls["portal"]
    context, page = signed_in(browser, portal, accounts["admin"].email, SCREENS[screen])
    context.set_default_timeout(30_000)
    try:
        # The plans to review: the nation's, then Hồ Chí Minh City's (the plan is there), then Hải Phòng's.
        page.goto(f"{portal}/review")
        expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch chờ duyệt – cả nước")
        look(page, artifacts, f"{screen}-01-duyet-ca-nuoc")
        pick_with_the_keyboard(page, "Thành phố Hồ Chí Minh")
        assert page.url.endswith("/review?province=79")
        expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch chờ duyệt – Thành phố Hồ Chí Minh")
        expect(page.locator("table").first).to_contain_text(THI_TRAN.name)
        look(page, artifacts, f"{screen}-02-duyet-ho-chi-minh")
        page.goto(f"{portal}/review?province=31")
        expect(page.get_by_text("Không có kế hoạch nào đang chờ duyệt.")).to_be_visible()

        # The accounts: Hồ Chí Minh City's only.
        page.goto(f"{portal}/admin/users")
        pick_with_the_keyboard(page, "Thành phố Hồ Chí Minh")
        assert "province=79" in page.url
        expect(page.locator("#tong-so")).to_contain_text("tài khoản")
        emails = page.locator("td.email").all_inner_texts()
        assert accounts["school"].email in emails and accounts["admin"].email not in emails
        look(page, artifacts, f"{screen}-03-tai-khoan-ho-chi-minh")

        # The delivery log: the nation's, then one province's; the page links keep the province.
        page.goto(f"{portal}/deliveries")
        expect(page.get_by_role("heading", level=1)).to_have_text("Nhật ký gửi thư điện tử và tin đến hệ thống khác – cả nước")
        pick_with_the_keyboard(page, "Thành phố Hồ Chí Minh")
        assert "province=79" in page.url
        expect(page.locator("#tong-so")).to_contain_text("lần gửi")
        assert page.locator("table.accounts tbody tr").count() >= 1
        look(page, artifacts, f"{screen}-04-nhat-ky-ho-chi-minh")
        page.goto(f"{portal}/deliveries?province=99")
        expect(page.get_by_text("Không có tỉnh/thành phố mã “99”").first).to_be_visible()
        look(page, artifacts, f"{screen}-05-nhat-ky-ma-sai")
    finally:
        context.close()
