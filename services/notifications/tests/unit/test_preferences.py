"""Preferences without I/O: defaults, e-mail off per kind, muted kinds, and why bad input is refused."""
from __future__ import annotations

import pytest

from notifications.domain.kinds import KINDS
from notifications.domain.preferences import InvalidPreferences, Preferences, parse


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
