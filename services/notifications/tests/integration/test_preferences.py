"""Preferences: the caller's own settings through the API (bad input refused, a muted kind hidden)."""
from __future__ import annotations

import pytest

from edu71_testing import bearer

from ..support import THCS_HCM


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
