"""Every page of every role checked by axe-core in a real browser (Debian's Chromium, headless).

axe-core is installed from npm beside this file (``make bootstrap`` runs ``npm ci`` here), read from
``node_modules`` and evaluated in each page: nothing is fetched from a CDN, and the portal's
Content-Security-Policy is left as it is. A page fails on any violation of impact "serious" or
"critical"; the failure lists each with its page, rule and the selectors of the elements concerned.
Each role walks its pages at 1366 px and on a phone (390 × 844); screenshots go to
var/test-artifacts/portal-a11y/<run>/. The city also reminds the schools still missing (through the
notifications service) after confirming, and reads how many were reminded.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
from playwright import sync_api

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer, wait_until

from ..conftest import PASSWORD
from .people import signed_in

pytestmark = pytest.mark.integration

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
VN = timezone(timedelta(hours=7))
THI_TRAN = SEED_SCHOOLS[1]

ROUND_NAME = "Kiểm tra trợ năng: đợt báo cáo học kỳ II"
SCREENSHOTS = "portal-a11y"
SCREENS = {"may-tinh": {"width": 1366, "height": 900}, "dien-thoai": {"width": 390, "height": 844}}
OPERATOR = "vanhanh.trona@edu71.test"
#: The impacts that fail the test ("minor" and "moderate" are reported by axe but tolerated).
BLOCKING = ("serious", "critical")
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core not installed at {AXE}: run `make bootstrap` (npm ci in {AXE.parents[2]})")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def world(platform, stack, accounts, helpers, browser) -> dict:
    """A draft plan of Thị Trấn 2, a plan of it awaiting review, an open round it has submitted, an operator."""
    plans = f"{platform.urls['plans']}/plans"
    school = bearer(helpers.token("school"))
    ids = []
    for _ in range(2):
        r = requests.post(f"{plans}/import", headers=school, timeout=60,
                          files={"file": ("ke-hoach.txt", helpers.seed_plan().read_bytes(), "text/plain")})
        assert r.status_code == 201, r.text
        ids.append(r.json()["plan"]["id"])
    draft, submitted = ids
    # Submitted as a school does it: the edit form confirms the importer's proposals.
    context, page = signed_in(browser, platform.urls["portal"], accounts["school"].email, SCREENS["may-tinh"])
    page.goto(f"{platform.urls['portal']}/plans/{submitted}/edit")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    sync_api.expect(page.locator("#trang-thai")).to_have_text("Đã gửi duyệt")
    context.close()

    now = datetime.now(VN)
    city = bearer(helpers.token("city"))
    r = requests.post(f"{platform.urls['indicators']}/rounds", headers=city, timeout=30, json={
        "name": ROUND_NAME, "school_year": "2026-2027", "school_levels": ["thcs", "tieu_hoc"],
        "indicator_codes": ["TEACHERS_QUALIFIED", "DROPOUT"], "opens_at": (now - timedelta(days=1)).isoformat(),
        "due_at": (now + timedelta(days=10)).isoformat(), "closes_at": (now + timedelta(days=30)).isoformat()})
    assert r.status_code == 201, r.text
    round_id = r.json()["id"]
    r = requests.put(f"{platform.urls['indicators']}/rounds/{round_id}/submissions/{THI_TRAN.code}", headers=school,
                     timeout=30, json={"values": [
                         {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
                         {"indicator_code": "DROPOUT", "numerator": 3, "denominator": 1250}]})
    assert r.status_code in (200, 201), r.text
    wait_until(lambda: requests.get(f"{platform.urls['reports']}/rounds/{round_id}/completeness", headers=city,
                                    timeout=30).status_code == 200, "the reports service to know the round", 90)
    wait_until(lambda: requests.post(f"{platform.urls['notifications']}/rounds/{round_id}/reminders",
                                     headers=bearer(helpers.token("other_school")), timeout=30).status_code == 403,
               "the notifications API", 30)
    admin = bearer(stack.issuer().issue(sub="bootstrap-admin", name="Quản trị", role="admin", org_unit="edu71"))
    r = requests.post(f"{platform.urls['identity']}/users", headers=admin, timeout=30, json={
        "name": "Cán bộ vận hành", "email": OPERATOR, "role": "operator", "org_unit": "edu71", "password": PASSWORD})
    assert r.status_code in (201, 409), r.text
    return {"draft": draft, "submitted": submitted, "round": round_id}


def pages_of(role: str, w: dict) -> list[str]:
    """Every page a user of ``role`` reaches, with the world's plan and round in it."""
    rnd, commune = w["round"], THI_TRAN.commune_code
    return {
        "school": ["/plans", f"/plans/{w['draft']}", f"/plans/{w['draft']}/edit", "/plans/upload", "/rounds",
                   f"/rounds/{rnd}", "/inbox", "/preferences", "/bao-cao"],
        "commune": ["/review", f"/plans/{w['submitted']}", f"/dashboard?round={rnd}", f"/rounds/{rnd}/communes",
                    f"/rounds/{rnd}/communes/{commune}", f"/rounds/{rnd}/reports/{THI_TRAN.code}", "/bao-cao",
                    f"/bao-cao/{rnd}", f"/dashboard/{rnd}/reminders"],
        "city": [f"/dashboard?round={rnd}", "/dashboard/trends", f"/dashboard?round={rnd}&scope=commune&code={commune}",
                 f"/dashboard/{rnd}/schools/{THI_TRAN.code}", f"/dashboard/{rnd}/reminders", "/rounds",
                 "/rounds/new", "/admin/users", "/admin/users/new", "/bao-cao", f"/bao-cao/{rnd}", "/inbox",
                 "/deliveries"],
        "admin": ["/admin/users", "/admin/users/new", "/operator", "/inbox", "/preferences", "/review?province=79",
                  "/deliveries", "/deliveries?province=79&status=pending", "/admin/users?province=79"],
        "operator": ["/operator", "/inbox", "/preferences"],
    }[role]


def violations(page, axe_source: str) -> list[str]:
    """axe-core's serious and critical violations on the page, one line per element."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(axe_source)  # evaluated by the driver: the page's CSP does not apply
    found = []
    for v in page.evaluate(RUN_AXE):
        if v["impact"] in BLOCKING:
            found += [f"  [{v['impact']}] {v['id']} ({v['help']}): {n['target']}\n      "
                      + (n["summary"] or "").replace("\n", " ")[:300] for n in v["nodes"]]
    return found


def walk(browser, portal: str, email: str, paths: list[str], screen: str, artifacts: Path,
         axe_source: str, who: str) -> list[str]:
    context, page = signed_in(browser, portal, email, SCREENS[screen])
    report = []
    try:
        for number, path in enumerate(paths, 1):
            response = page.goto(portal + path)
            assert response is not None and response.status == 200, f"{who} {path}: HTTP {response and response.status}"
            page.wait_for_load_state("load")
            page.screenshot(path=str(artifacts / f"{who}-{screen}-{number:02d}.png"), full_page=True)
            found = violations(page, axe_source)
            if found:
                report.append(f"{who} at {screen}, {path}:\n" + "\n".join(found))
    finally:
        context.close()
    return report


@pytest.mark.parametrize("screen", list(SCREENS))
def test_no_serious_accessibility_violation_on_any_page_of_any_role(platform, accounts, world, browser,
                                                                     artifacts, axe_source, screen):
    portal = platform.urls["portal"]
    # The sign-in page, before anyone signs in.
    context = browser.new_context(locale="vi-VN", viewport=SCREENS[screen])
    page = context.new_page()
    page.goto(f"{portal}/login")
    report = [f"anonymous at {screen}, /login:\n" + "\n".join(found)
              for found in [violations(page, axe_source)] if found]
    context.close()
    emails = {"school": accounts["school"].email, "commune": accounts["commune"].email,
              "city": accounts["city"].email, "admin": accounts["admin"].email, "operator": OPERATOR}
    for role, email in emails.items():
        report += walk(browser, portal, email, pages_of(role, world), screen, artifacts, axe_source, role)
    assert not report, "serious or critical accessibility violations:\n" + "\n".join(report)


def test_the_city_reminds_the_schools_missing_once_a_day(platform, accounts, world, browser, artifacts):
    expect = sync_api.expect
    portal = platform.urls["portal"]
    context, page = signed_in(browser, portal, accounts["city"].email, SCREENS["may-tinh"])
    try:
        page.goto(f"{portal}/dashboard?round={world['round']}")
        page.get_by_role("link", name="Nhắc các trường chưa nộp…").click()
        expect(page.get_by_role("heading", name="Nhắc các trường chưa nộp?")).to_be_visible()
        expect(page.locator("main")).to_contain_text(ROUND_NAME)
        page.screenshot(path=str(artifacts / "nhac-xac-nhan.png"), full_page=True)
        page.get_by_role("button", name="Nhắc các trường chưa nộp").click()
        flash = page.locator(".flash")
        said = re.compile(r"^Đã nhắc (\d+) trường; (\d+) trường đã được nhắc hôm nay\.$")
        expect(flash).to_have_text(said)
        reminded, skipped = map(int, said.match(flash.inner_text()).groups())
        assert reminded >= 1  # Trường Tiểu học Tân An Hội has not submitted
        page.screenshot(path=str(artifacts / "nhac-ket-qua.png"), full_page=True)
        page.get_by_role("link", name="Nhắc các trường chưa nộp…").click()
        page.get_by_role("button", name="Nhắc các trường chưa nộp").click()
        expect(flash).to_have_text(f"Đã nhắc 0 trường; {reminded + skipped} trường đã được nhắc hôm nay.")
    finally:
        context.close()


#: For each input of the entry form's table: its row's indicator and the text of its label.
ENTRY_LABELS = """() => [...document.querySelectorAll('#nhap-so-lieu tbody tr')].flatMap(tr => {
  const indicator = tr.querySelector('th').firstChild.textContent.trim();
  return [...tr.querySelectorAll('input, select, textarea')].map(i => ({
    id: i.id, indicator, label: (document.querySelector(`label[for="${i.id}"]`) || {}).textContent || ''}));
})"""


def test_each_input_of_the_entry_form_names_its_indicator(platform, accounts, world, browser):
    """"Mẫu số" alone, twice in a form, does not say whose denominator it is: the label names the indicator."""
    context, page = signed_in(browser, platform.urls["portal"], accounts["school"].email, SCREENS["may-tinh"])
    try:
        page.goto(f"{platform.urls['portal']}/rounds/{world['round']}")
        inputs = page.evaluate(ENTRY_LABELS)
        assert len(inputs) >= 4  # two ratios: numerator and denominator each
        for i in inputs:
            assert i["indicator"] in i["label"], i
        labels = [i["label"] for i in inputs]
        assert len(set(labels)) == len(labels), labels
        sync_api.expect(page.get_by_label("Tỷ lệ học sinh bỏ học").first).to_be_visible()
    finally:
        context.close()
