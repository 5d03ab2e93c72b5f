"""The portal's main story in a real browser (Debian's Chromium, headless) against the running platform.

A school uploads seed plan 002, corrects a target and submits it; the commune reviewer returns it with a
comment; the school resubmits; the reviewer approves. The city opens a round and watches its dashboard;
the school submits the round with one invalid value, sees the message, fixes it; the city's dashboard
shows the new figures without being reloaded. Every step leaves a screenshot under
var/test-artifacts/portal/<run>/.
"""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
from playwright import sync_api

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer

from .people import SLOW, Person

pytestmark = pytest.mark.integration

VN = timezone(timedelta(hours=7))
THI_TRAN = SEED_SCHOOLS[1]
#: The round the city opens in the story (its name finds its row among the rounds other tests opened).
ROUND = "Sơ kết học kỳ I năm học 2026–2027"


def test_plan_review_round_and_live_dashboard(platform, accounts, helpers, browser, artifacts):
    portal = platform.urls["portal"]
    people = [Person(browser, portal, accounts[key].email, artifacts, who)
              for key, who in (("school", "truong"), ("commune", "xa"), ("city", "so"))]
    try:
        story(platform, helpers, *people)
    except BaseException:
        for person in people:
            person.shot("LOI-khi-that-bai")  # what each person saw when the story broke
        raise
    finally:
        for person in people:
            person.context.close()


def story(platform, helpers, school: Person, reviewer: Person, city: Person) -> None:
    expect = sync_api.expect

    # -- the school uploads seed plan 002 and sees the draft beside the source text --------------------------
    page = school.page
    school.go("/plans")
    page.keyboard.press("Tab")  # the first stop of the keyboard is the skip link
    expect(page.locator(".skip-link")).to_be_focused()
    page.get_by_role("link", name=re.compile("Tải lên kế hoạch")).click()
    page.get_by_label("Tệp kế hoạch").set_input_files(str(helpers.seed_plan()))
    page.get_by_role("button", name="Tải lên và đọc kế hoạch").click()
    expect(page.get_by_role("heading", name="Kiểm tra và sửa bản nháp")).to_be_visible()
    expect(page.get_by_label("Số, ký hiệu")).to_have_value("28/KH-THCSTT2")
    expect(page.get_by_label("Ngày ban hành")).to_have_value("29/01/2026")
    expect(page.locator("ol.lines li.hit").first).to_be_visible()  # source lines of the targets highlighted
    school.shot("ban-nhap-canh-van-ban-goc")
    plan_id = page.url.rstrip("/").split("/")[-2]

    # -- corrects one target ("trên 96%" → 97) and submits ------------------------------------------------------
    text_input = page.locator("input[name$='-text'][value*='Hiệu suất đào tạo']")
    row = text_input.get_attribute("name").split("-")[1]
    expect(page.locator(f"input[name='target-{row}-value']")).to_have_value("96")
    page.locator(f"input[name='target-{row}-value']").fill("97")
    school.shot("sua-muc-tieu")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    expect(page.locator("#trang-thai")).to_have_text("Đã gửi duyệt")
    school.shot("da-gui-duyet")
    plans_api = f"{platform.urls['plans']}/plans/{plan_id}"
    stored = requests.get(plans_api, headers=bearer(helpers.token("school")), timeout=30).json()
    assert any(t["value"] == 97 and "Hiệu suất" in t["text"] for t in stored["targets"])
    assert stored["status"] == "submitted" and stored["version"] == 1

    # -- the commune reviewer returns it with a comment ------------------------------------------------------------
    page = reviewer.page
    reviewer.go("/review")
    expect(page.get_by_role("link", name=stored["title"]).first).to_be_visible()
    page.get_by_role("link", name=stored["title"]).first.click()
    page.get_by_label("Ý kiến chung").fill("Đề nghị bổ sung lộ trình phòng học thông minh đến năm 2030.")
    page.get_by_text("Góp ý theo từng mục, từng mục tiêu").click()
    page.locator("#comment-target-0").fill("Ghi rõ sĩ số tối đa của mỗi lớp.")
    reviewer.shot("gop-y-tra-lai")
    page.get_by_role("button", name="Trả lại kèm góp ý").click()
    expect(page.get_by_text("Đã trả lại kế hoạch kèm góp ý cho nhà trường.")).to_be_visible()

    # -- the school is told (notifications worker → inbox), sees the comment and resubmits ----------------------------
    page = school.page
    school.go("/inbox")
    # the inbox is a plain page: look again until the event has travelled through Kafka
    inbox_deadline = time.monotonic() + SLOW / 1000
    # (other tests of the session may have returned plans of the same school: wait for this comment)
    while "Đề nghị bổ sung lộ trình phòng học thông minh" not in page.locator("ul.inbox").inner_text() \
            and time.monotonic() < inbox_deadline:
        page.wait_for_timeout(1000)
        page.reload()
    expect(page.locator("ul.inbox")).to_contain_text("Kế hoạch bị trả lại để chỉnh sửa")
    expect(page.locator("ul.inbox")).to_contain_text("Đề nghị bổ sung lộ trình phòng học thông minh")
    unread = int(page.locator("nav .badge").inner_text())
    assert unread >= 1
    page.locator("ul.inbox li.unread").first.get_by_role("button", name="Đánh dấu đã đọc").click()
    if unread == 1:
        expect(page.locator("nav .badge")).to_have_count(0)
    else:
        expect(page.locator("nav .badge")).to_have_text(str(unread - 1))
    school.shot("hop-thu")
    school.go(f"/plans/{plan_id}")
    expect(page.locator("#trang-thai")).to_have_text("Bị trả lại")
    # (the comments show in the box and again in the review history)
    expect(page.locator(".comments").get_by_text("Đề nghị bổ sung lộ trình phòng học thông minh đến năm 2030.")) \
        .to_be_visible()
    expect(page.locator(".comments")).to_contain_text("Mục tiêu 1")
    expect(page.locator(".comments")).to_contain_text("Ghi rõ sĩ số tối đa của mỗi lớp.")
    school.shot("nhan-gop-y")
    page.get_by_role("link", name="Sửa và gửi duyệt").click()
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    expect(page.locator("#trang-thai")).to_have_text("Đã gửi duyệt")
    expect(page.get_by_text("Gửi duyệt lần 2")).to_be_visible()  # the review history

    # -- the reviewer approves ---------------------------------------------------------------------------------------------
    page = reviewer.page
    reviewer.go(f"/plans/{plan_id}")
    page.get_by_role("button", name="Phê duyệt").click()
    page.get_by_role("button", name="Xác nhận phê duyệt").click()  # approval is confirmed on a page of its own
    expect(page.get_by_text("Đã phê duyệt kế hoạch.")).to_be_visible()
    reviewer.go(f"/plans/{plan_id}")
    expect(page.locator("#trang-thai")).to_have_text("Đã phê duyệt")
    reviewer.shot("da-phe-duyet")

    # -- the city opens a round and keeps its dashboard open -------------------------------------------------------
    page = city.page
    city.go("/rounds/new")
    today = datetime.now(VN).date()
    page.get_by_label("Tên đợt").fill(ROUND)
    page.get_by_label("Năm học").fill("2026-2027")
    page.get_by_label("THCS", exact=True).check()
    # three indicators without a target in this province, and three the nation sets targets for (completion of
    # THCS 99 %, progression to THPT or vocational 95 %, at most 45 pupils a class), so progress has statuses
    for code in ("TEACHERS_QUALIFIED", "SMART_CLASSROOMS", "DROPOUT", *TARGETED):
        page.locator(f"#ind-{code}").check()
    for name, day in (("opens_at", today - timedelta(days=1)), ("due_at", today + timedelta(days=20)),
                      ("closes_at", today + timedelta(days=40))):
        page.locator(f"#{name}_date").fill(day.strftime("%d/%m/%Y"))
        page.locator(f"#{name}_time").fill("17:00")
    city.shot("mo-dot-bao-cao")
    page.get_by_role("button", name="Mở đợt báo cáo").click()
    expect(page.get_by_text("Đã mở đợt báo cáo")).to_be_visible()
    # (other tests of the session open rounds too: the one in this round's row)
    page.get_by_role("row", name=re.compile(ROUND)).first.get_by_role("link", name="Tổng hợp", exact=True).click()
    expect(page.locator("#so-truong-bao-cao")).to_have_text("0", timeout=SLOW)
    round_dashboard = page.url.removeprefix(city.portal)  # /dashboard?round=<id>
    page.evaluate("window.__notReloaded = true")
    city.shot("bang-dieu-khien-truoc")

    # -- the school submits the round with one invalid value, sees the message, fixes it ---------------------------
    page = school.page
    school.go("/rounds")
    page.get_by_role("row", name=re.compile(ROUND)).first.get_by_role("link", name="Nhập số liệu").click()
    page.locator("#TEACHERS_QUALIFIED-numerator").fill("50")
    page.locator("#TEACHERS_QUALIFIED-denominator").fill("47")
    page.locator("#SMART_CLASSROOMS-value").fill("2")
    page.locator("#DROPOUT-numerator").fill("3")
    page.locator("#DROPOUT-denominator").fill("1.250")
    for selector, value in (("#PROGRAMME_COMPLETED-numerator", "118"), ("#PROGRAMME_COMPLETED-denominator", "120"),
                            ("#PROGRESSION_THPT_VOC-numerator", "100"), ("#PROGRESSION_THPT_VOC-denominator", "110"),
                            ("#MAX_CLASS_SIZE-value", "44")):
        page.locator(selector).fill(value)
    page.get_by_role("button", name="Nộp số liệu").click()
    error = page.locator("#TEACHERS_QUALIFIED-numerator-error")
    expect(error).to_contain_text("không được lớn hơn mẫu số")
    expect(page.locator("#TEACHERS_QUALIFIED-numerator")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".error-summary")).to_be_visible()
    school.shot("loi-so-lieu")
    page.locator("#TEACHERS_QUALIFIED-numerator").fill("45")
    page.get_by_role("button", name="Nộp số liệu").click()
    expect(page.get_by_text(re.compile(r"Đã nộp số liệu, lần 1"))).to_be_visible()
    # the school's own progress against the targets of its approved plan
    expect(page.locator("#tien-do-muc-tieu")).to_contain_text("95,7 %")
    school.shot("da-nop-so-lieu")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu Excel của trường").click()
    template = Path(download.value.path()).read_bytes()
    assert template[:2] == b"PK"  # an XLSX (zip) workbook

    # -- the city's dashboard shows the school's figures without a reload -----------------------------------------
    page = city.page
    expect(page.locator("#so-truong-bao-cao")).to_have_text("1", timeout=SLOW)
    expect(page.locator("tr[data-code='TEACHERS_QUALIFIED'] td.num").first).to_have_text("95,7 %", timeout=SLOW)
    expect(page.locator("tr[data-code='DROPOUT'] td.num").first).to_have_text("0,2 %", timeout=SLOW)
    assert page.evaluate("window.__notReloaded") is True
    # every indicator with a target is judged: a status in words, never "–"
    targets = page.locator("#bang-chi-tieu tbody tr")
    for code in TARGETED:
        expect(page.locator(f"#bang-chi-tieu tr[data-code='{code}'] td.verdict .status-badge")).to_have_text(
            STATUSES, timeout=SLOW)
    assert targets.count() == len(TARGETED)
    assert "–" not in page.locator("#bang-chi-tieu td.verdict").all_inner_texts()
    expect(page.locator("#bang-chi-tieu")).to_contain_text("99 %")  # the national target for THCS completion
    expect(page.get_by_text("một đường thẳng từ mức cơ sở đến mục tiêu")).to_be_visible()
    # only a sentence is announced when figures change, not the whole block
    assert page.locator("#so-lieu").get_attribute("aria-live") is None
    expect(page.locator("#thong-bao-cap-nhat")).to_contain_text("trường đã nộp")
    city.shot("bang-dieu-khien-sau")
    # the level filter reaches the reports API: THCS keeps the targets that concern THCS
    page.locator("#level").select_option("thcs")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#bang-chi-tieu")).to_contain_text("Riêng THCS")
    expect(page.locator("#so-truong-bao-cao")).to_have_text("1")
    city.go(round_dashboard)
    # the drill-down reaches the commune and the school
    page.get_by_role("link", name="Xã Tân An Hội").click()
    page.get_by_role("link", name=re.compile("Trường THCS Thị Trấn 2")).first.click()
    expect(page.get_by_text("45/47 (95,7 %)")).to_be_visible()
    expect(page.locator("#bang-muc-tieu-truong td.verdict .status-badge").first).to_have_text(STATUSES)
    school_page = page.url.removeprefix(city.portal)
    city.shot("chi-tiet-truong")

    # the dashboards on phone-sized screens: nothing wider than the viewport, the round selector in view
    commune_page = f"{round_dashboard}&scope=commune&code={THI_TRAN.commune_code}"
    for width, height in PHONES:
        page.set_viewport_size({"width": width, "height": height})
        for path, name in ((round_dashboard, "so"), (commune_page, "xa"), (school_page, "truong")):
            city.go(path)
            expect(page.locator("h1")).to_be_visible()
            assert_fits(page, width)
            if path != school_page:
                box = page.locator("#round").bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
                expect(page.locator("#so-truong-bao-cao")).to_have_text("1")
            city.shot(f"dien-thoai-{width}-{name}")
    page.set_viewport_size({"width": 1366, "height": 900})

    # trends across rounds of one indicator
    city.go("/dashboard/trends?indicator=TEACHERS_QUALIFIED")
    expect(page.get_by_role("row", name=re.compile(ROUND)).get_by_role("cell", name="95,7 %")).to_be_visible(
        timeout=SLOW)
    expect(page.locator("svg.line-chart")).to_have_attribute("aria-label", re.compile("95,7 %"))
    city.shot("xu-huong")

    # -- the commune reviewer's own dashboard: its commune's figures ------------------------------------------------
    page = reviewer.page
    reviewer.go("/rounds")
    page.get_by_role("row", name=re.compile(ROUND)).first.get_by_role("link", name="Tổng hợp", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Tân An Hội"))).to_be_visible()
    expect(page.locator("#so-truong-bao-cao")).to_have_text("1", timeout=SLOW)
    expect(page.locator(f"#bang-chi-tieu tr[data-code='{TARGETED[0]}'] td.verdict .status-badge")).to_have_text(
        STATUSES)
    reviewer.shot("bang-dieu-khien-xa")
    page.set_viewport_size({"width": 390, "height": 844})
    reviewer.go(round_dashboard)
    assert_fits(page, 390)
    reviewer.shot("bang-dieu-khien-xa-dien-thoai")


#: Indicators of the story's round that the national catalogue sets targets for (THCS).
TARGETED = ("PROGRAMME_COMPLETED", "PROGRESSION_THPT_VOC", "MAX_CLASS_SIZE")
#: A status judged against a target, in words (the reports API's labels); "–" or "Chưa có số liệu" are not.
STATUSES = re.compile(r"(Đã đạt|Đúng lộ trình|Có nguy cơ|Chậm|Chưa đạt)$")
#: Phone-sized screens: a small Android phone and an iPhone 12–15.
PHONES = ((360, 740), (390, 844))

#: Every element that is not inside a container that scrolls (or clips) sideways and reaches past the
#: viewport's right edge or is cut by its left one; and whether the page itself scrolls sideways.
OVERFLOW = """(width) => {
  const wider = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    let inside = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) { inside = true; break; }
    }
    // wholly left of the page is how a skip link hides until focused: it widens nothing
    if (!inside && (box.right > width + 1 || (box.left < -1 && box.right > 0))) {
      wider.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className.baseVal ?? el.className}`
                 + ` ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
  }
  return {page: document.documentElement.scrollWidth, wider: wider.slice(0, 20)};
}"""


def assert_fits(page, width: int) -> None:
    found = page.evaluate(OVERFLOW, width)
    assert found["page"] <= width, f"the page scrolls sideways at {width} px: {found}"
    assert not found["wider"], f"wider than the {width} px viewport: {found['wider']}"
