"""An official report in a real browser (Debian's Chromium, headless) against the running platform.

The commune/ward (UBND Xã Tân An Hội) opens its report of a round, writes the sections it writes by hand, issues
it (number of its own yearly sequence, Word file kept with its SHA-256); the city department (Sở GD&ĐT TP. Hồ Chí
Minh) is told in its inbox, finds the report among those sent to it and downloads the very file issued.
Screenshots go under var/test-artifacts/portal/<run>/.
"""
from __future__ import annotations

import hashlib
import re
import time
from datetime import datetime, timedelta, timezone

import pytest
import requests
from playwright import sync_api

from edu71_testing import bearer, wait_until

from .people import SLOW, Person

pytestmark = pytest.mark.integration

VN = timezone(timedelta(hours=7))
ROUND_NAME = "Tổng kết năm học 2026–2027 (báo cáo chính thức)"


def open_round(platform, helpers) -> str:
    """The city opens a round through the indicators API; the reports service must know it before a report."""
    now = datetime.now(VN)
    r = requests.post(f"{platform.urls['indicators']}/rounds", headers=bearer(helpers.token("city")), timeout=30,
                      json={"name": ROUND_NAME, "school_year": "2026-2027", "school_levels": ["thcs", "tieu_hoc"],
                            "indicator_codes": ["TEACHERS_QUALIFIED", "DROPOUT"],
                            "opens_at": (now - timedelta(days=2)).isoformat(),
                            "due_at": (now + timedelta(days=10)).isoformat(),
                            "closes_at": (now + timedelta(days=30)).isoformat()})
    assert r.status_code == 201, r.text
    round_id = r.json()["id"]
    reports = platform.urls["reports"]
    wait_until(lambda: requests.get(f"{reports}/rounds/{round_id}/completeness", timeout=30,
                                    headers=bearer(helpers.token("city"))).status_code == 200,
               "the reports service to know the round", timeout=SLOW / 1000)
    time.sleep(6)  # an issued report's figures stand a few seconds back (REPORTS_ASOF_SETTLE_SECONDS)
    return round_id


def test_a_commune_issues_its_report_and_the_city_sees_it(platform, accounts, helpers, browser, artifacts):  # noqa: F811
    portal = platform.urls["portal"]
    round_id = open_round(platform, helpers)
    commune = Person(browser, portal, accounts["commune"].email, artifacts, "xa-bao-cao")
    city = Person(browser, portal, accounts["city"].email, artifacts, "so-bao-cao")
    expect = sync_api.expect
    try:
        page = commune.page
        commune.go("/")
        page.get_by_role("link", name="Báo cáo gửi cấp trên").click()
        page.get_by_role("link", name=ROUND_NAME).click()
        expect(page).to_have_url(re.compile(f"/bao-cao/{round_id}$"))
        expect(page.get_by_role("heading", name=re.compile("báo cáo của Xã Tân An Hội"))).to_be_visible()
        expect(page.get_by_text("Dự thảo gửi Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh")).to_be_visible()
        # Issuing before writing: the service's Vietnamese messages, nothing issued.
        page.get_by_role("button", name="Lưu và ban hành").click()
        expect(page.get_by_text("Chưa đủ nội dung để ban hành báo cáo.")).to_be_visible()
        expect(page.get_by_text("Cần nhập họ và tên người ký trước khi ban hành.").first).to_be_visible()
        page.get_by_label("Tồn tại, hạn chế").fill("Một số trường cập nhật số liệu chậm.")
        page.get_by_label("Nhiệm vụ, giải pháp trong thời gian tới").fill("Đôn đốc các trường cập nhật số liệu.")
        page.get_by_label("Kiến nghị, đề xuất").fill("Đề nghị Sở tập huấn cho cán bộ phụ trách.")
        page.get_by_label("Họ và tên người ký").fill("Nguyễn Văn Hùng")
        page.get_by_role("button", name="Lưu dự thảo").click()
        expect(page.get_by_text("Đã lưu dự thảo báo cáo.")).to_be_visible()
        expect(page.get_by_label("Tồn tại, hạn chế")).to_have_value("Một số trường cập nhật số liệu chậm.")
        commune.shot("du-thao")
        page.get_by_role("button", name="Lưu và ban hành").click()
        expect(page.get_by_text(re.compile(r"Đã ban hành báo cáo số \d{2}/BC-UBND"))).to_be_visible(timeout=SLOW)
        number = re.search(r"\d{2}/BC-UBND", page.get_by_role("heading", level=1).inner_text()).group(0)
        sha = page.locator("dd code").inner_text()
        commune.shot("da-ban-hanh")

        # -- the city is told, finds it among the reports sent to it and downloads the issued file ------------------
        page = city.page
        deadline = time.monotonic() + SLOW / 1000
        city.go("/inbox")
        while f"Báo cáo gửi đến: {number} của Xã Tân An Hội" not in page.locator("main").inner_text() \
                and time.monotonic() < deadline:
            page.wait_for_timeout(1000)
            page.reload()
        expect(page.get_by_text(f"Báo cáo gửi đến: {number} của Xã Tân An Hội")).to_be_visible()
        city.shot("thong-bao")
        page.get_by_role("link", name="Báo cáo gửi cấp trên").click()
        row = page.locator("tr", has_text="Xã Tân An Hội").filter(has_text=number)
        expect(row).to_be_visible()
        row.get_by_role("link", name=number).click()
        expect(page.get_by_role("heading", name=f"Báo cáo số {number} của Xã Tân An Hội")).to_be_visible()
        expect(page.get_by_text("Đôn đốc các trường cập nhật số liệu.")).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("link", name="Tải bản Word").click()
        body = open(download.value.path(), "rb").read()
        assert hashlib.sha256(body).hexdigest() == sha
        city.shot("so-xem-bao-cao")
    except BaseException:
        for person in (commune, city):
            person.shot("LOI-khi-that-bai")
        raise
    finally:
        commune.context.close()
        city.context.close()
