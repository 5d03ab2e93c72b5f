"""A corrected file goes into the same plan as its next version; the review history lists every step."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "train"
SCHOOL = SEED_SCHOOLS[1]


@pytest.fixture
def client(fresh_databases, catalogue_received):
    from plans.app import create_app

    client = create_app().test_client()
    catalogue_received(SCHOOL.province_code)  # the app is connected: the worker's catalogue can be stored
    return client


def send(client, path, headers, data: bytes, name: str):
    return client.post(path, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data",
                       headers=headers)


def first_and_corrected() -> tuple[bytes, bytes]:
    first = (FIXTURES / "mn_hoasen.txt").read_bytes()
    return first, first.replace("năm 2030".encode(), "năm 2029".encode()) + "\nBổ sung theo góp ý.\n".encode()


def submittable(client, plan_id, headers, etag):
    """Confirm the importer's proposals and give the draft a number, as the school does on the edit page."""
    plan = client.get(f"/plans/{plan_id}", headers=headers).json
    targets = [{k: t[k] for k in ("text", "comparator", "value", "unit", "horizon", "source_sentence")}
               | ({"indicator_code": t["indicator_code"]} if t.get("indicator_code") else {"unlinked": True})
               for t in plan["targets"]]
    r = client.patch(f"/plans/{plan_id}", headers={**headers, "If-Match": etag},
                     json={"targets": targets, "number_symbol": plan["number_symbol"] or "5/KH-MNHS"})
    assert r.status_code == 200, r.json
    return r.headers["ETag"]


def test_a_returned_plan_takes_a_corrected_file_as_its_next_version_and_keeps_each_original(client, tokens):
    school = bearer(tokens.school(SCHOOL))
    reviewer = bearer(tokens.commune(SCHOOL.commune_code, SCHOOL.province_code))
    first, corrected = first_and_corrected()
    imported = send(client, "/plans/import", school, first, "ke-hoach.txt")
    assert imported.status_code == 201, imported.json
    plan_id = imported.json["plan"]["id"]
    etag = submittable(client, plan_id, school, client.get(f"/plans/{plan_id}", headers=school).headers["ETag"])
    assert client.post(f"/plans/{plan_id}/submit", headers={**school, "If-Match": etag}).status_code == 200

    # while it waits for review, no file replaces it
    waiting = client.get(f"/plans/{plan_id}", headers=school)
    refused = send(client, f"/plans/{plan_id}/import", {**school, "If-Match": waiting.headers["ETag"]}, corrected,
                   "ke-hoach-sua.txt")
    assert refused.status_code == 409 and refused.mimetype == "application/problem+json"

    returned = client.post(f"/plans/{plan_id}/return", headers=reviewer, json={"comments": [
        {"anchor_kind": "plan", "anchor": "", "text": "Đề nghị đưa mốc về năm 2029."}]})
    assert returned.status_code == 200
    assert send(client, f"/plans/{plan_id}/import", school, corrected, "x.txt").status_code == 428
    stale = send(client, f"/plans/{plan_id}/import", {**school, "If-Match": waiting.headers["ETag"]}, corrected, "x.txt")
    assert stale.status_code == 412
    other = bearer(tokens.school(SEED_SCHOOLS[0]))
    assert send(client, f"/plans/{plan_id}/import", {**other, "If-Match": returned.headers["ETag"]}, corrected,
                "x.txt").status_code == 404
    assert send(client, f"/plans/{plan_id}/import", {**reviewer, "If-Match": returned.headers["ETag"]}, corrected,
                "x.txt").status_code == 403

    again = send(client, f"/plans/{plan_id}/import", {**school, "If-Match": returned.headers["ETag"]}, corrected,
                 "ke-hoach-sua.txt")
    assert again.status_code == 200, again.json
    plan = again.json["plan"]
    assert plan["id"] == plan_id and plan["status"] == "returned" and plan["version"] == 1
    assert plan["original"]["filename"] == "ke-hoach-sua.txt"
    assert plan["review_comments"][0]["text"] == "Đề nghị đưa mốc về năm 2029."   # kept until submitted again
    assert client.get("/plans", headers=school).json["total"] == 1                 # no separate plan
    etag = submittable(client, plan_id, school, again.headers["ETag"])
    assert client.post(f"/plans/{plan_id}/submit", headers={**school, "If-Match": etag}).status_code == 200

    assert client.get(f"/plans/{plan_id}/versions/1/original", headers=reviewer).data == first
    assert client.get(f"/plans/{plan_id}/versions/2/original", headers=reviewer).data == corrected
    assert client.get(f"/plans/{plan_id}/original", headers=reviewer).data == corrected
    assert client.get(f"/plans/{plan_id}/versions/3/original", headers=reviewer).status_code == 404

    approved = client.post(f"/plans/{plan_id}/approve", headers=reviewer, json={"comment": "Đồng ý."})
    assert approved.status_code == 200
    timeline = client.get(f"/plans/{plan_id}/timeline", headers=school)
    assert timeline.status_code == 200
    steps = [(e["kind"], e["version"]) for e in timeline.json]
    assert steps == [("submitted", 1), ("returned", 1), ("reimported", 2), ("submitted", 2), ("approved", 2)]
    returned_step, reimported_step = timeline.json[1], timeline.json[2]
    assert returned_step["comments"] == [{"anchor_kind": "plan", "anchor": "", "text": "Đề nghị đưa mốc về năm 2029."}]
    assert returned_step["actor_role"] == "commune" and returned_step["actor_name"]
    assert reimported_step["filename"] == "ke-hoach-sua.txt"
    assert timeline.json[-1]["comments"][0]["text"] == "Đồng ý."
    # scoped like the plan: another school does not learn it exists
    assert client.get(f"/plans/{plan_id}/timeline", headers=other).status_code == 404

    # the diff labels rows in Vietnamese and shows the words changed
    changes = client.get(f"/plans/{plan_id}/versions/1/diff/2", headers=reviewer).json["differences"]
    assert changes and all(c["label"] and "_" not in c["label"] and not re.search(r"\.\d", c["label"])
                       for c in changes)
    horizon = [c for c in changes if c["path"].endswith(".horizon")]
    assert horizon and horizon[0]["label"].startswith("Mục tiêu ") and horizon[0]["label"].endswith("– Thời hạn")


def test_a_draft_takes_a_new_file_and_the_timeline_of_a_draft_is_empty(client, tokens):
    school = bearer(tokens.school(SCHOOL))
    first, corrected = first_and_corrected()
    imported = send(client, "/plans/import", school, first, "a.txt")
    plan_id = imported.json["plan"]["id"]
    etag = client.get(f"/plans/{plan_id}", headers=school).headers["ETag"]
    again = send(client, f"/plans/{plan_id}/import", {**school, "If-Match": etag}, corrected, "b.txt")
    assert again.status_code == 200 and again.json["plan"]["original"]["filename"] == "b.txt"
    assert again.headers["ETag"] != etag
    # a re-import before any submission is the draft's own business: only steps of review are listed
    assert [e["kind"] for e in client.get(f"/plans/{plan_id}/timeline", headers=school).json] == ["reimported"]
    bad = send(client, f"/plans/{plan_id}/import", {**school, "If-Match": again.headers["ETag"]},
               b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "x.docx")
    assert bad.status_code == 415
    assert client.get(f"/plans/{plan_id}", headers=school).json["original"]["filename"] == "b.txt"
