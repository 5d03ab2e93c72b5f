"""Plan review for daily work (issue 15, items 2, 6, 7) in a real browser against the running platform.

The school uploads a plan (PCGD level a choice), submits it and finds a receipt in its inbox; the commune
returns it; the school uploads the corrected file into the same plan and resubmits; the reviewer sees its
earlier comments, the review history, the original files and a diff of struck and inserted words, and
confirms the approval; the commune's table puts its schools' targets side by side; a stray draft is deleted.
Every page is also opened at 390 × 844, where nothing may be wider than the screen. Screenshots go to
var/test-artifacts/portal/<run>/ (plan-*.png).
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright import sync_api

from .people import SLOW, Person

pytestmark = pytest.mark.integration

PHONE = {"width": 390, "height": 844}


def wait_for_text(person: Person, path: str, locator: str, text: str) -> None:
    """Reload ``path`` until ``text`` shows (an event travelling through Kafka and a worker)."""
    deadline = time.monotonic() + SLOW / 1000
    person.go(path)
    while text not in person.page.locator(locator).inner_text() and time.monotonic() < deadline:
        person.page.wait_for_timeout(1000)
        person.page.reload()
    sync_api.expect(person.page.locator(locator)).to_contain_text(text)


def on_phone(person: Person, path: str, name: str) -> None:
    """Open ``path`` at 390 × 844, keep a screenshot and check that nothing is wider than the screen."""
    page = person.page
    page.set_viewport_size(PHONE)
    try:
        person.go(path)
        wider = page.evaluate("""() => {
            const width = document.documentElement.clientWidth;
            const out = [];
            for (const el of document.querySelectorAll('body *')) {
                if (el.closest('.table-wrap')) continue;   // a wide table scrolls inside its own frame
                const box = el.getBoundingClientRect();
                if (box.width > 0 && box.right > width + 1) out.push(el.tagName + '.' + el.className + ' ' + Math.round(box.right));
            }
            return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
        }""")
        person.shot(f"plan-dien-thoai-{name}")
        assert wider["scroll"] <= wider["width"] and not wider["out"], wider
    finally:
        page.set_viewport_size({"width": 1366, "height": 900})


def test_return_reimport_review_and_approve(platform, accounts, helpers, browser, artifacts, tmp_path):  # noqa: F811
    portal = platform.urls["portal"]
    school = Person(browser, portal, accounts["school"].email, artifacts, "truong")
    reviewer = Person(browser, portal, accounts["commune"].email, artifacts, "xa")
    try:
        walk(helpers, school, reviewer, tmp_path)
    except BaseException:
        for person in (school, reviewer):
            person.shot("plan-LOI-khi-that-bai")
        raise
    finally:
        for person in (school, reviewer):
            person.context.close()


def walk(helpers, school: Person, reviewer: Person, tmp_path: Path) -> None:
    expect = sync_api.expect
    seed = helpers.seed_plan()
    # the school's corrected document: the reviewer asked for a higher target and a named person in charge
    corrected = tmp_path / "ke-hoach-da-sua.txt"
    corrected.write_text(seed.read_text(encoding="utf-8").replace("Hiệu suất đào tạo trên 96%",
                                                                  "Hiệu suất đào tạo trên 98%"), encoding="utf-8")

    # -- upload: the PCGD level is a choice of levels, not a box to type in -------------------------------------
    page = school.page
    school.go("/plans/upload")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(seed))
    page.get_by_role("button", name="Tải lên và đọc kế hoạch").click()
    expect(page.get_by_role("heading", name="Kiểm tra và sửa bản nháp")).to_be_visible()
    plan_id = page.url.rstrip("/").split("/")[-2]
    level = page.locator("select[name$='-value']")
    expect(level.first).to_be_visible()
    assert level.first.locator("option").all_inner_texts() == ["–", "Mức 1", "Mức 2", "Mức 3"]
    school.shot("plan-muc-do-la-lua-chon")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    expect(page.locator("#trang-thai")).to_have_text("Đã gửi duyệt")

    # -- the receipt reaches the school's inbox ----------------------------------------------------------------------
    wait_for_text(school, "/inbox", "ul.inbox", "Đã gửi kế hoạch 28/KH-THCSTT2, chờ duyệt")
    school.shot("plan-bien-nhan-trong-hop-thu")

    # -- the commune returns it --------------------------------------------------------------------------------------------
    page = reviewer.page
    reviewer.go(f"/plans/{plan_id}")
    page.get_by_label("Ý kiến chung").fill("Đề nghị nâng hiệu suất đào tạo lên trên 98%.")
    page.get_by_role("button", name="Trả lại kèm góp ý").click()
    expect(page.get_by_text("Đã trả lại kế hoạch kèm góp ý")).to_be_visible()

    # -- the school uploads the corrected file into the same plan and resubmits ----------------------------------------
    page = school.page
    school.go(f"/plans/{plan_id}")
    expect(page.locator("#trang-thai")).to_have_text("Bị trả lại")
    page.get_by_role("link", name="Tải lên tệp đã sửa").click()
    expect(page.get_by_text("chính kế hoạch này")).to_be_visible()
    school.shot("plan-tai-tep-da-sua")
    page.get_by_label("Tệp kế hoạch đã sửa").set_input_files(str(corrected))
    page.get_by_role("button", name="Tải lên và đọc lại vào kế hoạch này").click()
    expect(page.get_by_role("heading", name="Kiểm tra và sửa bản nháp")).to_be_visible()
    assert f"/plans/{plan_id}/edit" in page.url                       # the same plan, not a new one
    expect(page.locator(".comments")).to_contain_text("Đề nghị nâng hiệu suất đào tạo")  # comments kept
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    expect(page.locator("#trang-thai")).to_have_text("Đã gửi duyệt")
    school.go("/plans")
    expect(page.locator("#ke-hoach-hien-hanh")).to_be_visible()
    school.shot("plan-danh-sach-danh-dau-hien-hanh")

    # -- the reviewer: earlier comments, history, originals, the diff, a confirmed approval -----------------------------
    page = reviewer.page
    reviewer.go(f"/plans/{plan_id}")
    expect(page.locator("#gop-y-lan-truoc")).to_contain_text("Đề nghị nâng hiệu suất đào tạo lên trên 98%.")
    history = page.locator("ol.timeline")
    for step in ("Gửi duyệt lần 1", "Trả lại kèm góp ý lần 1", "Nhập lại tệp đã sửa", "Gửi duyệt lần 2"):
        expect(history).to_contain_text(step)
    expect(page.get_by_role("link", name="Tệp gốc của lần 1")).to_be_visible()
    expect(page.locator("#tep-goc")).to_have_text("ke-hoach-da-sua.txt")
    reviewer.shot("plan-tham-dinh-lan-2")
    on_phone(reviewer, f"/plans/{plan_id}", "tham-dinh")

    page.get_by_role("link", name="So với lần 1").first.click()
    expect(page.locator("table.diff del").first).to_be_visible()
    expect(page.locator("table.diff ins").first).to_be_visible()
    body = page.locator("main").inner_text()
    assert "targets." not in body and "sections." not in body and not re.search(r"\b[a-z]+_[a-z_]+\b", body)
    assert page.locator("table.diff ins", has_text="98%").count() >= 1
    reviewer.shot("plan-so-sanh-hai-lan")
    on_phone(reviewer, f"/plans/{plan_id}/versions/1/diff/2", "so-sanh")

    reviewer.go(f"/plans/{plan_id}")
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.get_by_role("heading", name="Xác nhận phê duyệt")).to_be_visible()
    reviewer.shot("plan-xac-nhan-phe-duyet")
    page.get_by_role("button", name="Xác nhận phê duyệt").click()
    expect(page.get_by_text("Đã phê duyệt kế hoạch.")).to_be_visible()

    # -- the commune's table of its schools' targets -----------------------------------------------------------------------
    reviewer.go("/review")
    page.get_by_role("link", name=re.compile("Mục tiêu của các trường")).click()
    expect(page.get_by_role("heading", name="Mục tiêu của các trường theo chỉ tiêu")).to_be_visible()
    expect(page.locator("table.side-table").first).to_contain_text("Trường THCS Thị Trấn 2")
    reviewer.shot("plan-bang-muc-tieu-cac-truong")
    on_phone(reviewer, "/plans/targets", "bang-muc-tieu")

    # -- a stray draft is deleted after confirmation -----------------------------------------------------------------------
    page = school.page
    school.go("/plans/upload")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(seed))
    page.get_by_role("button", name="Tải lên và đọc kế hoạch").click()
    draft_id = page.url.rstrip("/").split("/")[-2]
    school.go(f"/plans/{draft_id}")
    page.get_by_role("link", name="Xoá bản nháp").click()
    school.shot("plan-xoa-ban-nhap")
    page.get_by_role("button", name="Xoá bản nháp").click()
    expect(page.get_by_text("Đã xoá bản nháp")).to_be_visible()
    assert page.locator(f"a[href='/plans/{draft_id}']").count() == 0
    on_phone(school, "/plans", "danh-sach")
    on_phone(school, f"/plans/{plan_id}", "ke-hoach")
