"""The preferences page (where e-mails send their readers): e-mail per kind and muting, saved in notifications."""
from __future__ import annotations

import pytest
import requests

pytestmark = pytest.mark.integration


def test_a_user_turns_mail_off_for_one_kind_and_mutes_another(platform, helpers):
    portal = platform.urls["portal"]
    http = helpers.sign_in("school")
    page = http.get(f"{portal}/preferences", timeout=30)
    assert page.status_code == 200
    assert "Kế hoạch bị trả lại để chỉnh sửa" in page.text and "plan_returned" not in page.text.split("<form")[0]

    form = {"csrf_token": helpers.csrf_of(page.text)}
    # Every kind keeps mail on except "plan approved"; "daily digest" is muted.
    for name in ("plan_submitted", "plan_returned", "indicator_alert", "deadline_due_in_7_days",
                 "deadline_due_in_1_day", "deadline_overdue", "daily_digest"):
        form[f"email-{name}"] = "1"
    form["muted-daily_digest"] = "1"
    saved = http.post(f"{portal}/preferences", data=form, timeout=30)
    assert saved.status_code == 200 and "Đã lưu cài đặt nhận thông báo." in saved.text

    again = http.get(f"{portal}/preferences", timeout=30).text
    row = again.split('name="email-plan_approved"')[1].split(">")[0]
    assert "checked" not in row
    assert "checked" in again.split('name="email-plan_returned"')[1].split(">")[0]
    assert "checked" in again.split('name="muted-daily_digest"')[1].split(">")[0]
    stored = requests.get(f"{platform.urls['notifications']}/preferences", timeout=30,
                          headers={"Authorization": f"Bearer {helpers.token('school')}"}).json()
    assert stored["channels"]["plan_approved"]["email"] is False and stored["muted"] == ["daily_digest"]


def test_signed_out_visitors_are_sent_to_sign_in(platform):
    answer = requests.get(f"{platform.urls['portal']}/preferences", timeout=30, allow_redirects=False)
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
