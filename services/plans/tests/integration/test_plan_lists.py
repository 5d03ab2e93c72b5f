"""The plan lists are read from their scopes (plans.adapters.lists), not from the collection: what a list shows
comes from the scope's entries, a change of status moves a plan between a reviewer's queues, concurrent
submissions are all listed, and plans stored before the lists existed are listed once the worker backfills them
(real FerretDB)."""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer

pytestmark = pytest.mark.integration

HIEN_THANH = SEED_SCHOOLS[0]  # primary school of commune 10744, Hải Phòng (31)
COMMUNE = "10744"
PLAN = {"title": "Kế hoạch thực hiện Nghị quyết 71-NQ/TW", "year": 2026, "number_symbol": "12/KH-THHT"}


@pytest.fixture
def client(fresh_databases, catalogue_received):
    from plans.app import create_app

    app = create_app()
    catalogue_received("31")
    return app.test_client()


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [p["id"] for p in response.json["items"]]


def test_a_change_of_status_moves_a_plan_between_the_reviewers_queues(client, tokens):
    school, commune = bearer(tokens.school(HIEN_THANH)), bearer(tokens.commune(COMMUNE))
    pid = client.post("/plans", json=PLAN, headers=school).json["id"]
    assert _ids(client.get("/plans?status=submitted", headers=commune)) == []
    assert _ids(client.get("/plans?status=draft", headers=school)) == [pid]
    assert client.post(f"/plans/{pid}/submit", headers=school).status_code == 200
    assert _ids(client.get("/plans?status=submitted", headers=commune)) == [pid]
    assert _ids(client.get("/plans?status=draft", headers=school)) == []
    assert client.post(f"/plans/{pid}/approve", json={}, headers=commune).status_code == 200
    assert _ids(client.get("/plans?status=submitted", headers=commune)) == []
    assert _ids(client.get("/plans?status=approved&year=2026", headers=bearer(tokens.city("31")))) == [pid]
    assert _ids(client.get("/plans?status=approved&year=2025", headers=bearer(tokens.city("31")))) == []


def test_what_a_list_shows_comes_from_its_scope_not_from_the_collection(client, tokens):
    from plans.adapters.documents import Plan
    from plans.adapters.lists import LISTS

    school = bearer(tokens.school(HIEN_THANH))
    pid = client.post("/plans", json=PLAN, headers=school).json["id"]
    assert _ids(client.get("/plans", headers=school)) == [pid]
    # A head the lists were never told about is not listed (a scan of the collection would list it)...
    head = Plan._get_collection().find_one({"_id": pid})
    Plan._get_collection().insert_one({**head, "_id": "unlisted", "title": "Chưa có trong danh sách"})
    assert _ids(client.get("/plans", headers=school)) == [pid]
    # ...and a scope without entries lists nothing, whatever the collection holds.
    LISTS.collection.drop()
    assert client.get("/plans", headers=school).json["total"] == 0


def test_the_worker_lists_plans_stored_before_the_lists_existed(client, tokens):
    from plans.adapters import lists
    from plans.adapters.documents import Plan

    school, commune = bearer(tokens.school(HIEN_THANH)), bearer(tokens.commune(COMMUNE))
    kept = client.post("/plans", json=PLAN, headers=school).json["id"]
    assert client.post(f"/plans/{kept}/submit", headers=school).status_code == 200
    gone = client.post("/plans", json={**PLAN, "title": "Bản nháp bỏ"}, headers=school)
    assert client.delete(f"/plans/{gone.json['id']}", headers={**school, "If-Match": gone.headers["ETag"]}
                         ).status_code == 204
    older = Plan._get_collection().find_one({"_id": kept})
    Plan._get_collection().insert_one({**older, "_id": "before-lists", "updated_at": older["updated_at"].replace(
        year=2025)})
    Plan._get_collection().update_one({"_id": "before-lists"}, {"$unset": {"owner_kind": ""}})
    lists.LISTS.collection.drop()
    assert client.get("/plans", headers=commune).json["total"] == 0
    assert lists.backfill() == 3 * 3  # three plans in three scopes each (the deleted draft as tombstones)
    assert _ids(client.get("/plans?status=submitted", headers=commune)) == [kept, "before-lists"]
    assert _ids(client.get("/plans?owner_kind=school", headers=school)) == [kept, "before-lists"]
    assert lists.backfill() == 0  # nothing left to add: a restart adds nothing


def test_concurrent_submissions_of_a_communes_schools_are_all_in_its_queue(client, tokens):
    from plans.app import create_app

    schools = [replace(HIEN_THANH, code=f"HP-TH-{i:02d}", name=f"Trường Tiểu học số {i}") for i in range(8)]
    start, failures = threading.Barrier(len(schools)), []

    def submit(i: int) -> None:
        own = create_app().test_client()
        headers = bearer(tokens.school(schools[i]))
        start.wait()
        for n in range(3):
            created = own.post("/plans", json={**PLAN, "title": f"Kế hoạch {n}"}, headers=headers)
            done = own.post(f"/plans/{created.json['id']}/submit", headers=headers)
            if created.status_code != 201 or done.status_code != 200:
                failures.append((created.status_code, done.status_code))

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(schools))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert failures == []
    commune = bearer(tokens.commune(COMMUNE))
    queue = client.get("/plans?status=submitted&page_size=100", headers=commune).json
    assert queue["total"] == 24 and len(queue["items"]) == 24
    assert sorted({p["school_code"] for p in queue["items"]}) == [s.code for s in schools]
    first = client.get("/plans?status=submitted&page_size=10", headers=commune).json["items"]
    third = client.get("/plans?status=submitted&page_size=10&page=3", headers=commune).json["items"]
    assert [p["id"] for p in first] + [p["id"] for p in third] == [
        p["id"] for p in queue["items"][:10] + queue["items"][20:]]
    times = [p["updated_at"] for p in queue["items"]]
    assert times == sorted(times, reverse=True)
    one = client.get(f"/plans?school_code={schools[3].code}", headers=commune).json
    assert one["total"] == 3 and {p["school_code"] for p in one["items"]} == {schools[3].code}


def test_an_administrators_list_of_the_nation_reads_every_provinces_list_and_never_the_collection(
        client, tokens, catalogue_received, monkeypatch):
    from plans.adapters import lists
    from plans.adapters.documents import Plan
    from edu71_testing import refuse_scans

    catalogue_received("79")
    admin = bearer(tokens.issuer.issue(sub="u-admin", name="Quản trị viên", role="admin", org_unit="edu71"))
    hcm = SEED_SCHOOLS[1]
    made = []
    for school, title in ((HIEN_THANH, "Hải Phòng 1"), (hcm, "TP. Hồ Chí Minh 1"), (HIEN_THANH, "Hải Phòng 2")):
        headers = bearer(tokens.school(school))
        made.append(client.post("/plans", json={**PLAN, "title": title}, headers=headers).json["id"])
    assert client.post(f"/plans/{made[1]}/submit", headers=bearer(tokens.school(hcm))).status_code == 200
    newest_first = [made[1], made[2], made[0]]
    # A head the lists were never told about is not listed (a scan of the collection would list it).
    head = Plan._get_collection().find_one({"_id": made[0]})
    Plan._get_collection().insert_one({**head, "_id": "unlisted"})
    refuse_scans(monkeypatch, Plan)

    body = client.get("/plans", headers=admin).json
    assert (body["total"], [p["id"] for p in body["items"]]) == (3, newest_first)
    pages = [client.get(f"/plans?page_size=2&page={n}", headers=admin).json for n in (1, 2)]
    assert [p["id"] for page in pages for p in page["items"]] == newest_first and {p["total"] for p in pages} == {3}
    assert _ids(client.get("/plans?status=submitted", headers=admin)) == [made[1]]
    assert _ids(client.get("/plans?status=draft&year=2026", headers=admin)) == [made[2], made[0]]
    assert _ids(client.get("/plans?province_code=79", headers=admin)) == [made[1]]
    assert lists.LISTS.members(lists.PROVINCES) == ["province:31", "province:79"]
    # A plan deleted by its school leaves the nation's list too.
    school = bearer(tokens.school(HIEN_THANH))
    draft = client.get(f"/plans/{made[2]}", headers=school)
    assert client.delete(f"/plans/{made[2]}", headers={**school, "If-Match": draft.headers["ETag"]}).status_code == 204
    assert _ids(client.get("/plans", headers=admin)) == [made[1], made[0]]
