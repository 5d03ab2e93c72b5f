"""Submitted versions are kept as they were submitted, and their differences are shown."""
from __future__ import annotations

import pytest

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer

pytestmark = pytest.mark.integration

SCHOOL = SEED_SCHOOLS[1]
TARGET = {"text": "Tỷ lệ học sinh bỏ học không quá 0,5%", "comparator": "<=", "value": 0.5, "unit": "%",
          "horizon": "2026-12-31", "indicator_code": "DROPOUT"}


def test_resubmission_keeps_version_one_and_shows_what_changed(fresh_databases, tokens, catalogue_received):
    from plans.app import create_app

    client = create_app().test_client()
    catalogue_received(SCHOOL.province_code)  # the worker has received the province's catalogue
    school = bearer(tokens.school(SCHOOL))
    reviewer = bearer(tokens.commune(SCHOOL.commune_code, SCHOOL.province_code))
    created = client.post("/plans", json={"title": "Kế hoạch", "year": 2026, "number_symbol": "28/KH-THCSTT2",
                                          "targets": [TARGET]}, headers=school)
    plan_id = created.json["id"]
    assert client.post(f"/plans/{plan_id}/submit", headers=school).status_code == 200
    returned = client.post(f"/plans/{plan_id}/return", headers=reviewer, json={"comments": [
        {"anchor_kind": "target", "anchor": "0", "text": "Đề nghị giảm xuống 0,4%."}]})
    assert returned.status_code == 200, returned.json
    edited = client.patch(f"/plans/{plan_id}", headers={**school, "If-Match": returned.headers["ETag"]},
                          json={"targets": [{**TARGET, "value": 0.4, "text": "Không quá 0,4%"}]})
    assert edited.status_code == 200, edited.json
    assert client.post(f"/plans/{plan_id}/submit", headers=school).status_code == 200

    versions = client.get(f"/plans/{plan_id}/versions", headers=reviewer).json
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["plan"]["targets"][0]["value"] == 0.5  # as submitted, untouched by later edits
    assert client.get(f"/plans/{plan_id}/versions/2", headers=school).json["plan"]["targets"][0]["value"] == 0.4
    assert client.get(f"/plans/{plan_id}/versions/3", headers=school).status_code == 404

    changes = client.get(f"/plans/{plan_id}/versions/1/diff/2", headers=reviewer).json["differences"]
    assert {"path": "targets.0.value", "change": "changed", "old": 0.5, "new": 0.4, "label": "Mục tiêu 1 – Giá trị",
            "words": []} in changes
    [text] = [c for c in changes if c["path"] == "targets.0.text"]
    assert text["label"] == "Mục tiêu 1 – Nội dung" and {"op": "ins", "text": "Không"} in text["words"]
    assert {c["path"] for c in changes} == {"targets.0.value", "targets.0.text"}
    other_school = bearer(tokens.school(SEED_SCHOOLS[0]))
    assert client.get(f"/plans/{plan_id}/versions", headers=other_school).status_code == 404


def test_a_school_deletes_only_drafts_it_never_submitted(fresh_databases, tokens):
    from plans.app import create_app

    client = create_app().test_client()
    school = bearer(tokens.school(SCHOOL))
    draft = client.post("/plans", json={"title": "Nháp", "year": 2026}, headers=school)
    path = f"/plans/{draft.json['id']}"
    assert client.delete(path, headers=school).status_code == 428
    other = bearer(tokens.school(SEED_SCHOOLS[0]))
    assert client.delete(path, headers={**other, "If-Match": draft.headers["ETag"]}).status_code == 404
    assert client.delete(path, headers={**school, "If-Match": draft.headers["ETag"]}).status_code == 204
    assert client.get(path, headers=school).status_code == 404
    assert client.get("/plans", headers=school).json["total"] == 0

    submitted = client.post("/plans", json={"title": "Đã gửi", "year": 2026, "number_symbol": "1/KH"}, headers=school)
    sent = client.post(f"/plans/{submitted.json['id']}/submit", headers=school)
    r = client.delete(f"/plans/{submitted.json['id']}", headers={**school, "If-Match": sent.headers["ETag"]})
    assert r.status_code == 409 and r.mimetype == "application/problem+json"


def test_every_time_in_the_version_history_carries_its_offset(fresh_databases, tokens):
    from datetime import datetime

    from plans.app import create_app

    client = create_app().test_client()
    school = bearer(tokens.school(SCHOOL))
    plan_id = client.post("/plans", json={"title": "Kế hoạch", "year": 2026, "number_symbol": "28/KH-THCSTT2"},
                          headers=school).json["id"]
    assert client.post(f"/plans/{plan_id}/submit", headers=school).status_code == 200
    (version,) = client.get(f"/plans/{plan_id}/versions", headers=school).json
    shown = [version["submitted_at"], version["plan"]["created_at"], version["plan"]["updated_at"],
             *(client.get(f"/plans/{plan_id}", headers=school).json[k] for k in ("created_at", "updated_at"))]
    assert all(datetime.fromisoformat(moment).utcoffset() is not None for moment in shown), shown
