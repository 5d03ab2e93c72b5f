"""Approval of a school's report over HTTP: complete, confirm, return, accept, reopen, flags, audit, bulk."""
from __future__ import annotations

import pytest

from edu71.orgs import SchoolLevel, demo_schools
from edu71_testing import bearer

pytestmark = pytest.mark.integration

CODES = ["CLASSES", "SMART_CLASSROOMS", "TEACHERS_QUALIFIED"]
FULL = [{"indicator_code": "CLASSES", "value": 20}, {"indicator_code": "SMART_CLASSROOMS", "value": 2},
        {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 40, "denominator": 42}]


def url(rnd, school, action=""):
    return f"/rounds/{rnd['id']}/submissions/{school.code}" + (f"/{action}" if action else "")


def stored(rnd, school):
    from edu71.bus.outbox import load
    from indicators.adapters.documents import Submission
    from indicators.domain.submissions import submission_id

    return load(Submission, submission_id(rnd["id"], school.code))


def events(rnd, school):
    from edu71.bus.outbox import recorded_events

    sub = stored(rnd, school)
    return [e for e in recorded_events(type(sub), sub.pk)]


def registered(school):
    """What identity publishes when ``school`` is registered, handled as the indicators worker handles it."""
    from edu71.config import REPO_ROOT
    from edu71.contracts import Contracts
    from indicators.worker import HANDLERS

    data = {"school": school.as_contract(), "version": 1, "active": True}
    HANDLERS["SchoolRegistered"](Contracts(REPO_ROOT / "contracts").new_event(
        "SchoolRegistered", data, subject=school.code, source="/edu71/identity"))


def act(client, rnd, school, action, token, etag=None, **body):
    headers = bearer(token)
    if etag:
        headers["If-Match"] = etag
    return client.post(url(rnd, school, action), json=body, headers=headers)


def test_a_report_goes_from_entry_to_acceptance_and_back_with_every_step_audited(client, tokens, schools,
                                                                                open_round):
    rnd = open_round(indicator_codes=CODES)
    school = schools["thcs"]
    st, commune, city = tokens.school(school), tokens.commune(school.commune_code), tokens.city("31")
    assert client.put(url(rnd, school), json={"values": FULL[:2]}, headers=bearer(st)).status_code == 201

    # Not complete: the missing indicator is named; nothing stored.
    r = act(client, rnd, school, "complete", st)
    assert r.status_code == 422 and r.json["errors"][0]["message"] == \
        "Chưa nhập “Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo”."
    # Nothing to confirm yet.
    r = client.get(url(rnd, school), headers=bearer(commune))
    r = act(client, rnd, school, "confirm", commune, r.headers["ETag"])
    assert r.status_code == 409 and "Đang nhập" in r.json["detail"]

    assert client.put(url(rnd, school), json={"values": FULL[2:]}, headers=bearer(st)).status_code == 200
    r = act(client, rnd, school, "complete", st)
    assert r.status_code == 200 and r.json["stage"] == "submitted"

    # The school may not approve its own report; another commune does not even see it; confirming needs If-Match.
    own = act(client, rnd, school, "confirm", st, r.headers["ETag"])
    assert own.status_code == 403 and "chính mình" in own.json["detail"]
    assert act(client, rnd, school, "confirm", tokens.commune("99999"), r.headers["ETag"]).status_code == 404
    assert act(client, rnd, school, "confirm", commune).status_code == 428
    seen = r.headers["ETag"]

    # The commune returns it with a comment on one value; the school corrects and completes again.
    r = act(client, rnd, school, "return", commune, seen,
            value_comments={"SMART_CLASSROOMS": "Đề nghị kiểm tra số phòng học thông minh."})
    assert r.status_code == 200 and r.json["stage"] == "returned"
    # The version read before the return is stale now: nothing stored.
    stale = act(client, rnd, school, "confirm", commune, seen)
    assert stale.status_code == 412 and stored(rnd, school).stage == "returned"
    assert client.put(url(rnd, school), json={"values": [{"indicator_code": "SMART_CLASSROOMS", "value": 3}]},
                      headers=bearer(st)).status_code == 200
    r = act(client, rnd, school, "complete", st)
    r = act(client, rnd, school, "confirm", commune, r.headers["ETag"])
    assert r.status_code == 200 and r.json["stage"] == "confirmed"

    # Confirmed figures are locked.
    locked = client.put(url(rnd, school), json={"values": [{"indicator_code": "CLASSES", "value": 21}]},
                        headers=bearer(st))
    assert locked.status_code == 409 and "mở lại" in locked.json["detail"]

    r = act(client, rnd, school, "accept", city, r.headers["ETag"])
    assert r.status_code == 200 and r.json["stage"] == "accepted"
    # Only the city reopens what it accepted, and only with a reason.
    assert act(client, rnd, school, "reopen", commune, r.headers["ETag"], reason="x").status_code == 403
    no_reason = act(client, rnd, school, "reopen", city, r.headers["ETag"], reason="  ")
    assert no_reason.status_code == 422 and no_reason.json["errors"][0]["field"] == "reason"
    assert stored(rnd, school).stage == "accepted"
    r = act(client, rnd, school, "reopen", city, r.headers["ETag"], reason="Trường báo nhầm số lớp.")
    assert r.status_code == 200 and r.json["stage"] == "draft"
    r = client.put(url(rnd, school), json={"values": [{"indicator_code": "CLASSES", "value": 21}]},
                   headers=bearer(st))
    assert r.status_code == 200
    assert [c["indicator_code"] for c in r.json["changed_since_approval"]] == ["CLASSES"]

    names = [e.name for e in events(rnd, school)]
    assert names == ["IndicatorSubmitted", "IndicatorRevised", "SubmissionCompleted", "SubmissionReturned",
                     "IndicatorRevised", "SubmissionCompleted", "SubmissionConfirmed", "SubmissionAccepted",
                     "SubmissionReopened", "IndicatorRevised"]
    returned = next(e for e in events(rnd, school) if e.name == "SubmissionReturned").data
    assert returned["value_comments"] == {"SMART_CLASSROOMS": "Đề nghị kiểm tra số phòng học thông minh."}

    audit = client.get(url(rnd, school, "audit"), headers=bearer(st))
    assert audit.status_code == 200
    kinds = [(e["kind"], e.get("action")) for e in audit.json]
    assert ("approval", "reopen") in kinds and ("approval", "return") in kinds
    smart = [c for e in audit.json if e["kind"] == "revision" for c in e["changes"]
             if c["indicator_code"] == "SMART_CLASSROOMS"]
    assert [(c["old"] and c["old"]["value"], c["new"]["value"]) for c in smart] == [(None, 2), (2, 3)]
    reopened = next(e for e in audit.json if e.get("action") == "reopen")
    assert reopened["reason"] == "Trường báo nhầm số lớp." and reopened["by"]["role"] == "city"


def test_follow_up_flags_are_raised_answered_and_closed(client, tokens, schools, open_round):
    rnd = open_round(indicator_codes=CODES)
    school = schools["thcs"]
    st, commune = tokens.school(school), tokens.commune(school.commune_code)
    client.put(url(rnd, school), json={"values": FULL}, headers=bearer(st))
    bad = client.post(url(rnd, school, "flags"), json={"indicator_code": "DROPOUT", "note": ""},
                      headers=bearer(commune))
    assert bad.status_code == 422 and {e["field"] for e in bad.json["errors"]} == {"indicator_code", "note"}
    assert client.post(url(rnd, school, "flags"), json={"indicator_code": "CLASSES", "note": "x"},
                       headers=bearer(st)).status_code == 403
    r = client.post(url(rnd, school, "flags"), json={"indicator_code": "CLASSES", "note": "Số lớp tăng nhiều?"},
                    headers=bearer(commune))
    assert r.status_code == 201
    flag = r.json["flags"][0]
    assert flag["status"] == "open" and events(rnd, school)[-1].name == "ValueFlagged"
    r = client.post(url(rnd, school, f"flags/{flag['id']}/answer"), json={"text": "Đúng, trường mở thêm lớp."},
                    headers=bearer(st))
    assert r.status_code == 200 and r.json["flags"][0]["status"] == "answered"
    r = client.post(url(rnd, school, f"flags/{flag['id']}/close"), json={}, headers=bearer(commune))
    assert r.status_code == 200 and r.json["flags"][0]["status"] == "closed"
    again = client.post(url(rnd, school, f"flags/{flag['id']}/close"), json={}, headers=bearer(commune))
    assert again.status_code == 409


def test_bulk_confirmation_lists_changes_and_explanations_and_confirms_each_at_its_version(
        client, tokens, open_round):
    rnd = open_round(indicator_codes=CODES)
    levels = (SchoolLevel.TIEU_HOC, SchoolLevel.THCS)
    by_commune: dict[str, list] = {}
    for s in demo_schools("31"):
        if s.level in levels:
            by_commune.setdefault(s.commune_code, []).append(s)
    school, *neighbours = next(group for group in by_commune.values() if len(group) >= 2)[:2]
    commune = tokens.commune(school.commune_code)
    for s in by_commune[school.commune_code]:
        registered(s)
    for s in [school, *neighbours]:
        client.put(url(rnd, s), json={"values": FULL}, headers=bearer(tokens.school(s)))
        assert act(client, rnd, s, "complete", tokens.school(s)).status_code == 200

    listing = client.get(f"/rounds/{rnd['id']}/communes/{school.commune_code}/reports", headers=bearer(commune))
    assert listing.status_code == 200
    rows = {row["school"]["code"]: row for row in listing.json}
    assert set(rows) == {school.code, *[s.code for s in neighbours]}
    assert all(row["stage"] == "submitted" for row in rows.values())

    body = {"reports": [{"school_code": code, "version": row["version"]} for code, row in rows.items()]}
    # One report changes after the list was read (the city flags a value): that one is refused as stale,
    # the others confirmed.
    assert client.post(url(rnd, school, "flags"), json={"indicator_code": "CLASSES", "note": "Kiểm tra số lớp."},
                       headers=bearer(tokens.city("31"))).status_code == 201
    r = client.post(f"/rounds/{rnd['id']}/communes/{school.commune_code}/confirm", json=body,
                    headers=bearer(commune))
    assert r.status_code == 200
    results = {x["school_code"]: x for x in r.json}
    assert results[school.code]["status"] == 412
    assert all(results[s.code]["status"] == 200 for s in neighbours)
    assert stored(rnd, school).stage == "submitted"
    other = client.get(f"/rounds/{rnd['id']}/communes/99999/reports", headers=bearer(commune))
    assert other.status_code == 403
    confirmed = [e for e in events(rnd, neighbours[-1]) if e.name == "SubmissionConfirmed"][0].data
    assert confirmed["commune_progress"] == {"confirmed": len(neighbours),
                                             "expected": len(by_commune[school.commune_code])}

    # The next listing shows the open flag, and a change after a confirmation is listed as such.
    rows = {row["school"]["code"]: row for row in client.get(
        f"/rounds/{rnd['id']}/communes/{school.commune_code}/reports", headers=bearer(commune)).json}
    assert [f["indicator_code"] for f in rows[school.code]["open_flags"]] == ["CLASSES"]
    neighbour = neighbours[0]
    ns = tokens.school(neighbour)
    etag = client.get(url(rnd, neighbour), headers=bearer(commune)).headers["ETag"]
    assert act(client, rnd, neighbour, "reopen", commune, etag, reason="Trường xin sửa số lớp.").status_code == 200
    client.put(url(rnd, neighbour), json={"values": [{"indicator_code": "CLASSES", "value": 24}],
                                          "explanations": {"CLASSES": "Trường mở thêm 4 lớp."}}, headers=bearer(ns))
    assert act(client, rnd, neighbour, "complete", ns).status_code == 200
    row = next(row for row in client.get(f"/rounds/{rnd['id']}/communes/{school.commune_code}/reports",
                                         headers=bearer(commune)).json if row["school"]["code"] == neighbour.code)
    assert [(c["old"]["value"], c["new"]["value"]) for c in row["changed_since_confirmation"]] == [(20, 24)]
