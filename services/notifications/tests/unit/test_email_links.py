"""The e-mail's footer leads to the portal page where the recipient turns mail off per kind."""
from __future__ import annotations

from datetime import datetime, timezone

from notifications.adapters.mail import Mail, build
from notifications.config import SmtpSettings

MAIL = Mail("d-1", "Cô Lan", "lan@edu71.test", "plan_returned", "Kế hoạch bị trả lại", "Cần bổ sung mục tiêu.",
            "Trường THCS Thị Trấn", datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc))


def _parts(settings: SmtpSettings) -> tuple[str, str]:
    message = build(MAIL, settings)
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return plain, html


def test_the_footer_links_to_the_portal_preferences_page():
    plain, html = _parts(SmtpSettings(portal_url="https://edu71.haiphong.gov.vn"))
    assert "https://edu71.haiphong.gov.vn/preferences" in plain
    assert 'href="https://edu71.haiphong.gov.vn/preferences"' in html


def test_without_a_portal_address_the_footer_names_the_page_instead_of_a_dead_path():
    plain, html = _parts(SmtpSettings())
    assert "/preferences" not in plain and "/preferences" not in html
    assert "Cài đặt nhận thông báo" in plain and "Cài đặt nhận thông báo" in html


def test_one_portal_address_gives_the_mail_footer_and_the_digest_their_links(monkeypatch):
    from notifications.config import load

    monkeypatch.setenv("NOTIFICATIONS_PORTAL_URL", "https://edu71.haiphong.gov.vn/")
    settings = load()
    assert settings.smtp.portal_url == "https://edu71.haiphong.gov.vn"
    assert settings.scheduler.dashboard_url == "https://edu71.haiphong.gov.vn/dashboard"
    monkeypatch.delenv("NOTIFICATIONS_PORTAL_URL")
    assert load().scheduler.dashboard_url is None
