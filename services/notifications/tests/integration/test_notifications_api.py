"""The inbox API over notifications created by the real handlers, on the real store."""
from __future__ import annotations

import pytest

from edu71_testing import bearer

from ..support import THCS_HCM, TH_HP, at

pytestmark = pytest.mark.integration


@pytest.fixture
def seeded(wired, plan_events):
    """THCS Thị Trấn 2 submits (→ commune 27496), is returned, resubmits, is approved (→ the school)."""
    comments = [{"anchor_kind": "section", "anchor": "II.2", "text": "Bổ sung mục tiêu đến hết năm 2026."}]
    sequence = [
        at(plan_events.submitted(THCS_HCM, version=1), "2026-01-29T02:15:00.000Z"),
        at(plan_events.returned(THCS_HCM, comments, version=1), "2026-02-01T03:05:00.000Z"),
        at(plan_events.submitted(THCS_HCM, version=2), "2026-02-02T02:00:00.000Z"),
        at(plan_events.approved(THCS_HCM, version=2, comment="Đồng ý phê duyệt."), "2026-02-04T07:30:00.000Z"),
        # Another school's plan in another commune: not for these users.
        at(plan_events.submitted(TH_HP, number_symbol="12/KH-THHT"), "2026-02-03T01:00:00.000Z"),
    ]
    for event in sequence:
        assert wired.notices.plan_event(event) == 1
    return sequence


@pytest.fixture
def client(notifications_settings):
    from notifications.app import create_app

    return create_app().test_client()


def test_reviewers_inbox_holds_what_was_addressed_to_their_commune_newest_first(seeded, client, tokens):
    r = client.get("/inbox", headers=bearer(tokens.commune("27496", "79")))
    assert r.status_code == 200, r.json
    body = r.json
    assert (body["total"], body["unread"]) == (2, 2)
    assert [i["reference"]["plan_version"] for i in body["items"]] == [2, 1]
    newest = body["items"][0]
    assert newest["title"] == "Kế hoạch chờ duyệt: 28/KH-THCSTT2"
    assert newest["body"].startswith("Trường THCS Thị Trấn 2 đã gửi kế hoạch số 28/KH-THCSTT2 để duyệt")
    assert newest["read_at"] is None and newest["kind"] == "plan_submitted"


def test_schools_inbox_holds_the_decisions_with_the_reviewers_comments(seeded, client, tokens):
    body = client.get("/inbox", headers=bearer(tokens.school(THCS_HCM))).json
    assert [i["kind"] for i in body["items"]] == ["plan_approved", "plan_returned"]
    assert body["items"][0]["body"].endswith("Ý kiến: Đồng ý phê duyệt.")
    assert "- Mục II.2: Bổ sung mục tiêu đến hết năm 2026." in body["items"][1]["body"]


def test_inbox_is_paginated(seeded, client, tokens):
    school = bearer(tokens.school(THCS_HCM))
    first = client.get("/inbox?page_size=1", headers=school).json
    second = client.get("/inbox?page_size=1&page=2", headers=school).json
    assert first["total"] == second["total"] == 2
    assert [i["kind"] for i in first["items"] + second["items"]] == ["plan_approved", "plan_returned"]
    assert client.get("/inbox?page_size=0", headers=school).status_code == 422


def test_other_units_and_roles_see_nothing_of_it(seeded, client, tokens):
    assert client.get("/inbox", headers=bearer(tokens.commune("10744"))).json["total"] == 1  # only TH Hiến Thành's
    assert client.get("/inbox", headers=bearer(tokens.city("79"))).json["total"] == 0
    assert client.get("/inbox", headers=bearer(tokens.operator())).json["total"] == 0
    assert client.get("/inbox").status_code == 401


def test_marking_read_is_for_ones_own_notifications_only(seeded, client, tokens):
    commune = bearer(tokens.commune("27496", "79"))
    school = bearer(tokens.school(THCS_HCM))
    assert client.get("/inbox/unread-count", headers=commune).json == {"unread": 2}
    item = client.get("/inbox", headers=commune).json["items"][0]

    # Someone else's notification, or none at all: not found (its existence is not revealed).
    for headers in (school, bearer(tokens.commune("10744")), bearer(tokens.city("79"))):
        r = client.post(f"/inbox/{item['id']}/read", headers=headers)
        assert r.status_code == 404 and r.mimetype == "application/problem+json"
    assert client.post("/inbox/no-such-id/read", headers=commune).status_code == 404
    assert client.get("/inbox/unread-count", headers=commune).json == {"unread": 2}

    r = client.post(f"/inbox/{item['id']}/read", headers=commune)
    assert r.status_code == 200, r.json
    read_at = r.json["read_at"]
    assert read_at is not None
    assert client.get("/inbox/unread-count", headers=commune).json == {"unread": 1}
    # Reading again keeps the first time it was read.
    assert client.post(f"/inbox/{item['id']}/read", headers=commune).json["read_at"] == read_at
    unread = client.get("/inbox?unread=true", headers=commune).json
    assert unread["total"] == 1 and unread["items"][0]["id"] != item["id"]
    assert client.get("/inbox/unread-count", headers=school).json == {"unread": 2}
