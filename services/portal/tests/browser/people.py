"""A person at a browser: one signed-in context of their own, taking numbered screenshots."""
from __future__ import annotations

from pathlib import Path

from playwright import sync_api

from ..conftest import PASSWORD

def signed_in(browser, portal: str, email: str, viewport: dict):
    """A new browser context of ``viewport`` size, signed in as ``email``: (context, page)."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=viewport)
    page = context.new_page()
    page.goto(f"{portal}/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    sync_api.expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    return context, page


#: Long enough for an event to travel through Kafka and a worker, and for the next live update.
SLOW = 90_000


class Person:
    """One signed-in browser context (its own cookies), taking numbered screenshots."""

    step = 0

    def __init__(self, browser, portal: str, email: str, artifacts: Path, who: str):
        self.context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                           viewport={"width": 1366, "height": 900})
        self.page = self.context.new_page()
        self.portal, self.artifacts, self.who = portal, artifacts, who
        self.page.goto(f"{portal}/login")
        self.page.get_by_label("Thư điện tử").fill(email)
        self.page.get_by_label("Mật khẩu").fill(PASSWORD)
        self.page.get_by_role("button", name="Đăng nhập").click()
        sync_api.expect(self.page.get_by_role("button", name="Đăng xuất")).to_be_visible()

    def shot(self, name: str) -> None:
        Person.step += 1
        self.page.screenshot(path=str(self.artifacts / f"{Person.step:02d}-{self.who}-{name}.png"), full_page=True)

    def go(self, path: str) -> None:
        self.page.goto(self.portal + path)
