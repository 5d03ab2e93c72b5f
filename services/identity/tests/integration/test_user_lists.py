"""The account lists are read from their scopes (identity.adapters.lists), not from the collection: a unit's
accounts come from its list, an account moved to another unit leaves the first list for the second, accounts
created together are all listed, and accounts stored before the lists existed are listed once the worker
backfills them (real FerretDB)."""
from __future__ import annotations

import threading

import pytest

from edu71_testing import bearer

pytestmark = pytest.mark.integration


def _emails(response) -> list[str]:
    assert response.status_code == 200, response.json
    return sorted(u["email"] for u in response.json["items"])


def test_a_units_accounts_come_from_its_list_and_the_backfill_lists_what_came_before(client, admin, tokens,
                                                                                     seed_schools, create_user):
    from identity.adapters import lists
    from identity.adapters.documents import User

    school = seed_schools[0].code
    hoa = create_user("hoa@hienthanh.edu.vn", "school", school)
    head = User._get_collection().find_one({"_id": hoa["id"]})
    User._get_collection().insert_one({**head, "_id": "before-lists", "email": "cu@hienthanh.edu.vn",
                                       "name": "Bùi Văn Cũ", "search": "bui van cu cu@hienthanh.edu.vn"})
    assert _emails(client.get(f"/users?org_unit={school}", headers=admin)) == ["hoa@hienthanh.edu.vn"]
    assert _emails(client.get("/users?commune_code=10744", headers=admin)) == ["hoa@hienthanh.edu.vn"]
    assert lists.backfill() == 3  # its unit, its commune, its province
    assert _emails(client.get(f"/users?org_unit={school}", headers=admin)) == [
        "cu@hienthanh.edu.vn", "hoa@hienthanh.edu.vn"]
    assert [u["name"] for u in client.get("/users?q=bui van", headers=bearer(tokens.city("31"))).json["items"]] == [
        "Bùi Văn Cũ"]
    assert lists.backfill() == 0


def test_an_account_moved_to_another_unit_leaves_the_first_units_list(client, admin, seed_schools, create_user):
    school = seed_schools[0].code
    moved = create_user("nam@hienthanh.edu.vn", "school", school, name="Lê Văn Nam")
    assert _emails(client.get(f"/users?org_unit={school}", headers=admin)) == ["nam@hienthanh.edu.vn"]
    r = client.patch(f"/users/{moved['id']}", headers={**admin, "If-Match": '"v1"'},
                     json={"role": "commune", "org_unit": "10744"})
    assert r.status_code == 200, r.json
    assert _emails(client.get(f"/users?org_unit={school}", headers=admin)) == []
    assert _emails(client.get("/users?org_unit=10744", headers=admin)) == ["nam@hienthanh.edu.vn"]
    assert _emails(client.get("/users?commune_code=10744&role=commune", headers=admin)) == ["nam@hienthanh.edu.vn"]
    assert _emails(client.get("/users?commune_code=10744&role=school", headers=admin)) == []


def test_accounts_created_together_in_one_unit_are_all_listed(client, admin, seed_schools):
    from identity.app import create_app

    school, start, failures = seed_schools[0].code, threading.Barrier(6), []

    def create(i: int) -> None:
        own = create_app().test_client()
        start.wait()
        for n in range(4):
            r = own.post("/users", headers=admin, json={"name": f"Giáo viên {i} {n}", "email": f"gv{i}.{n}@ht.edu.vn",
                                                         "role": "school", "org_unit": school,
                                                         "password": "Mật-khẩu-2026"})
            if r.status_code != 201:
                failures.append(r.json)

    threads = [threading.Thread(target=create, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert failures == []
    listed = client.get(f"/users?org_unit={school}&page_size=100", headers=admin).json
    assert listed["total"] == 24
    assert _emails(client.get(f"/users?org_unit={school}&page_size=100", headers=admin)) == sorted(
        f"gv{i}.{n}@ht.edu.vn" for i in range(6) for n in range(4))
