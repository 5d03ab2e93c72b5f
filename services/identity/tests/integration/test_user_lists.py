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


def test_an_administrators_list_of_the_nation_reads_every_provinces_list_and_never_the_collection(
        client, admin, seed_schools, create_user, monkeypatch):
    from edu71_testing import refuse_scans
    from identity.adapters import lists
    from identity.adapters.documents import User

    hai_phong, hcm = seed_schools
    create_user("hoa@hienthanh.edu.vn", "school", hai_phong.code, name="Hoàng Thị Hoa")
    moved = create_user("binh@thitran2.edu.vn", "school", hcm.code, name="Đỗ Văn Bình")
    create_user("vanhanh@edu71.vn", "operator", "edu71", name="Vận Hành")
    create_user("an@nguyendainang.gov.vn", "commune", "10744", name="Ân Văn Tâm")
    # A head the lists were never told about is not listed (a scan of the collection would list it).
    head = User._get_collection().find_one({"_id": moved["id"]})
    User._get_collection().insert_one({**head, "_id": "unlisted", "email": "khong@co.vn", "name": "Ai Đó"})
    refuse_scans(monkeypatch, User)

    def names(query: str = "") -> tuple[int, list[str]]:
        body = client.get(f"/users{query}", headers=admin).json
        return body["total"], [u["name"] for u in body["items"]]

    assert names() == (4, ["Ân Văn Tâm", "Đỗ Văn Bình", "Hoàng Thị Hoa", "Vận Hành"])
    assert [names(f"?page_size=3&page={n}") for n in (1, 2)] == [(4, ["Ân Văn Tâm", "Đỗ Văn Bình", "Hoàng Thị Hoa"]),
                                                                 (4, ["Vận Hành"])]
    assert names("?role=school") == (2, ["Đỗ Văn Bình", "Hoàng Thị Hoa"])
    assert names("?q=thi tran") == (1, ["Đỗ Văn Bình"])
    assert names("?q=edu71") == (1, ["Vận Hành"])
    assert lists.LISTS.members(lists.PROVINCES) == ["province:-", "province:31", "province:79"]
    # An account moved to another province is listed once, in its new province.
    r = client.patch(f"/users/{moved['id']}", headers={**admin, "If-Match": '"v1"'},
                     json={"org_unit": hai_phong.code})
    assert r.status_code == 200, r.json
    assert names() == (4, ["Ân Văn Tâm", "Đỗ Văn Bình", "Hoàng Thị Hoa", "Vận Hành"])
    assert names("?province_code=31") == (3, ["Ân Văn Tâm", "Đỗ Văn Bình", "Hoàng Thị Hoa"])
    assert names("?province_code=79") == (0, [])
    assert names("?province_code=79&q=binh") == (0, [])
