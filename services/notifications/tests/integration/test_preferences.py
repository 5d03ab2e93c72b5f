"""Preferences: the rules without I/O, and the caller's own settings through the API (bad input refused)."""
from __future__ import annotations

import pytest

from edu71_testing import bearer
from notifications.domain.kinds import KINDS
from notifications.domain.preferences import InvalidPreferences, Preferences, parse

from ..support import THCS_HCM


def test_defaults_in_app_and_email_for_every_kind():
    prefs = Preferences()
    assert all(prefs.wants(k, "in_app") and prefs.wants(k, "email") for k in KINDS)
    assert not prefs.wants("plan_submitted", "webhook")  # webhooks are the unit's, not the user's


def test_email_off_per_kind_and_muted_kinds():
    prefs = parse({"channels": {"daily_digest": {"email": False}}, "muted": ["plan_approved"]}, Preferences())
    assert not prefs.wants("daily_digest", "email") and prefs.wants("daily_digest", "in_app")
    assert not prefs.wants("plan_approved", "email") and not prefs.wants("plan_approved", "in_app")
    again = parse({"channels": {"daily_digest": {"email": True}}}, prefs)
    assert again.wants("daily_digest", "email") and again.muted == {"plan_approved"}  # muted kept when absent


@pytest.mark.parametrize("body, field, words", [
    ({"channels": {"plan_submitted": {"in_app": False}}}, "channels.plan_submitted.in_app", "luôn bật"),
    ({"channels": {"no_such_kind": {"email": False}}}, "channels.no_such_kind", "không tồn tại"),
    ({"channels": {"plan_submitted": {"webhook": True}}}, "channels.plan_submitted.webhook", "theo đơn vị"),
    ({"muted": ["plan_submitted", "spam"]}, "muted.1", "không tồn tại"),
])
def test_invalid_preferences_say_why_in_vietnamese(body, field, words):
    with pytest.raises(InvalidPreferences) as err:
        parse(body, Preferences())
    [error] = err.value.errors
    assert error["field"] == field and words in error["message"]


@pytest.mark.integration
class TestApi:
    @pytest.fixture
    def client(self, notifications_settings):
        from notifications.app import create_app

        return create_app(notifications_settings).test_client()

    def test_each_user_reads_and_changes_their_own(self, client, tokens):
        school, commune = bearer(tokens.school(THCS_HCM)), bearer(tokens.commune("27496", "79"))
        first = client.get("/preferences", headers=school).json
        assert first["user_id"] == f"user-{THCS_HCM.code}" and first["muted"] == []
        assert first["channels"]["plan_returned"] == {"in_app": True, "email": True}
        assert first["kinds"]["deadline_overdue"] == "Báo cáo quá hạn nộp"
        r = client.put("/preferences", json={"channels": {"daily_digest": {"email": False}}, "muted": ["plan_approved"]},
                       headers=school)
        assert r.status_code == 200, r.json
        assert r.json["channels"]["daily_digest"]["email"] is False and r.json["muted"] == ["plan_approved"]
        assert client.get("/preferences", headers=school).json["muted"] == ["plan_approved"]
        assert client.get("/preferences", headers=commune).json["muted"] == []  # someone else's untouched
        assert client.get("/preferences").status_code == 401

    def test_bad_input_is_refused_and_nothing_is_stored(self, client, tokens):
        school = bearer(tokens.school(THCS_HCM))
        for body in ({"channels": {"plan_submitted": {"in_app": False}}}, {"muted": ["spam"]}, {"colour": "red"},
                     {"channels": {"plan_submitted": {"email": "maybe"}}}):
            r = client.put("/preferences", json=body, headers=school)
            assert r.status_code == 422 and r.mimetype == "application/problem+json", (body, r.json)
            assert r.json["errors"]
        assert client.get("/preferences", headers=school).json["muted"] == []

    def test_a_muted_kind_leaves_the_callers_inbox_only(self, client, tokens, wired, plan_events):
        wired.notices.plan_event(plan_events.approved(THCS_HCM))
        wired.notices.plan_event(plan_events.returned(THCS_HCM, [{"anchor_kind": "plan", "anchor": "", "text": "Sửa."}]))
        school = bearer(tokens.school(THCS_HCM))
        assert client.get("/inbox/unread-count", headers=school).json == {"unread": 2}
        client.put("/preferences", json={"muted": ["plan_approved"]}, headers=school)
        assert [i["kind"] for i in client.get("/inbox", headers=school).json["items"]] == ["plan_returned"]
        assert client.get("/inbox/unread-count", headers=school).json == {"unread": 1}

    def test_a_body_that_is_not_json_is_refused_not_ignored(self, client, tokens):
        from notifications.adapters.documents import Preference

        school = bearer(tokens.school(THCS_HCM))
        for data, content_type, status in ((b"muted=plan_approved", "application/x-www-form-urlencoded", 415),
                                           (b"<muted>plan_approved</muted>", "application/xml", 415),
                                           (b'{"muted": ["plan_approved"]}', "text/plain", 415),
                                           (b"", "application/json", 422), (b"", None, 415)):
            r = client.put("/preferences", data=data, content_type=content_type, headers=school)
            assert r.status_code == status and r.mimetype == "application/problem+json", (data, r.data)
        assert Preference.objects.count() == 0
        deep = b'{"muted": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        assert client.put("/preferences", data=deep, content_type="application/json", headers=school).status_code == 422
