"""Accounts: scope by role and province, nothing stored on bad input, changes by managers and by oneself."""
from __future__ import annotations

import pytest

from edu71_testing import bearer

from .conftest import PASSWORD

pytestmark = pytest.mark.integration


def _stored_users():
    from identity.adapters.documents import User

    return User.objects.count()


def test_a_city_department_manages_only_its_own_province(client, tokens, seed_schools, create_user):
    hai_phong, hcm = seed_schools
    city_31 = bearer(tokens.city("31"))
    in_31 = create_user("hoa@hienthanh.edu.vn", "school", hai_phong.code, as_=city_31)
    reviewer = create_user("ubnd@nguyendainang.gov.vn", "commune", "10744", as_=city_31, name="Lê Văn Nam")
    in_79 = create_user("mai@thitran2.edu.vn", "school", hcm.code, name="Phạm Thị Mai")

    listed = client.get("/users", headers=city_31).json
    assert {u["id"] for u in listed["items"]} == {in_31["id"], reviewer["id"]} and listed["total"] == 2
    assert client.get(f"/users/{in_79['id']}", headers=city_31).status_code == 404
    assert client.get(f"/users/{in_31['id']}", headers=city_31).status_code == 200

    for body in ({"role": "school", "org_unit": hcm.code}, {"role": "commune", "org_unit": "27496"},
                 {"role": "city", "org_unit": "31"}, {"role": "admin", "org_unit": "edu71"}):
        r = client.post("/users", headers=city_31, json={"name": "Ai đó", "email": "ai@do.vn", "password": PASSWORD,
                                                         **body})
        assert r.status_code == 403, (body, r.json)
    moved = client.patch(f"/users/{in_31['id']}", headers={**city_31, "If-Match": '"v1"'},
                         json={"org_unit": hcm.code})
    assert moved.status_code == 403
    assert client.patch(f"/users/{in_79['id']}", headers={**city_31, "If-Match": '"v1"'},
                        json={"active": False}).status_code == 404
    colleague = create_user("pho.giamdoc@haiphong.gov.vn", "city", "31", name="Vũ Văn Hùng")
    assert client.get(f"/users/{colleague['id']}", headers=city_31).status_code == 200
    assert client.patch(f"/users/{colleague['id']}", headers={**city_31, "If-Match": '"v1"'},
                        json={"password": "Mật-khẩu-khác-2027"}).status_code == 403
    assert _stored_users() == 4


def test_school_commune_and_operator_users_cannot_list_or_create_accounts(client, tokens, seed_schools):
    for token in (tokens.school(seed_schools[0]), tokens.commune("10744"), tokens.operator()):
        assert client.get("/users", headers=bearer(token)).status_code == 403
        r = client.post("/users", headers=bearer(token), json={
            "name": "Ai đó", "email": "ai@do.vn", "password": PASSWORD, "role": "school", "org_unit": seed_schools[0].code})
        assert r.status_code == 403 and r.mimetype == "application/problem+json"
    assert _stored_users() == 0


def test_the_admin_filters_and_searches_accounts(client, admin, seed_schools, create_user):
    create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    create_user("so@haiphong.gov.vn", "city", "31", name="Đỗ Minh Tuấn")
    create_user("vanhanh@edu71.vn", "operator", "edu71", name="Vận hành")
    assert client.get("/users?role=city", headers=admin).json["total"] == 1
    assert client.get(f"/users?org_unit={seed_schools[0].code}", headers=admin).json["items"][0]["email"] == \
        "hoa@hienthanh.edu.vn"
    for text in ("tuấn", "TUAN", "Đỗ Minh", "haiphong.gov"):
        assert [u["name"] for u in client.get(f"/users?q={text}", headers=admin).json["items"]] == ["Đỗ Minh Tuấn"]
    page = client.get("/users?page_size=2&page=2", headers=admin).json
    assert page["total"] == 3 and len(page["items"]) == 1


def test_the_search_finds_accounts_by_unit_name_with_or_without_diacritics(client, admin, seed_schools, create_user):
    hai_phong, hcm = seed_schools
    school = create_user("hoa@hienthanh.edu.vn", "school", hai_phong.code, name="Nguyễn Thị Hoa")
    ward = create_user("ubnd@nguyendainang.gov.vn", "commune", "10744", name="Lê Văn Nam")
    create_user("mai@thitran2.edu.vn", "school", hcm.code, name="Phạm Thị Mai")

    def found(query: str) -> list[str]:
        answer = client.get("/users", headers=admin, query_string={"q": query})
        assert answer.status_code == 200, answer.json
        return [u["id"] for u in answer.json["items"]]

    for text in ("Hiến Thành", "hien thanh", "HIEN THANH", "Tiểu học Hiến"):
        assert found(text) == [school["id"]], text
    for text in ("Nguyễn Đại Năng", "nguyen dai nang", "10744"):
        assert found(text) == [ward["id"]], text
    assert found("Hải Dương") == []
    # Characters that mean something to a regular expression are searched for as they are.
    assert found("Hiến (Thành") == [] and found(".*") == []


def test_the_list_filters_by_commune_and_by_state_and_orders_names_as_vietnamese_read_them(
        client, admin, seed_schools, create_user):
    hai_phong, hcm = seed_schools
    create_user("hoa@hienthanh.edu.vn", "school", hai_phong.code, name="Hoàng Thị Hoa")
    create_user("do@hienthanh.edu.vn", "school", hai_phong.code, name="Đỗ Văn Bình")
    create_user("an@nguyendainang.gov.vn", "commune", "10744", name="Ân Văn Tâm")
    locked = create_user("mai@thitran2.edu.vn", "school", hcm.code, name="Zô Thị Mai")
    r = client.patch(f"/users/{locked['id']}", headers={**admin, "If-Match": '"v1"'}, json={"active": False})
    assert r.status_code == 200, r.json

    in_commune = client.get("/users?commune_code=10744", headers=admin).json
    # "Đ" is read as D, between "Ân" and "Hoàng", not after "Z" as its code point would put it.
    assert [u["name"] for u in in_commune["items"]] == ["Ân Văn Tâm", "Đỗ Văn Bình", "Hoàng Thị Hoa"]
    assert [u["name"] for u in client.get("/users?active=false", headers=admin).json["items"]] == ["Zô Thị Mai"]
    assert client.get("/users?active=true", headers=admin).json["total"] == 3
    pages = [client.get(f"/users?page_size=2&page={n}", headers=admin).json for n in (1, 2, 3)]
    assert [[u["name"] for u in p["items"]] for p in pages] == [
        ["Ân Văn Tâm", "Đỗ Văn Bình"], ["Hoàng Thị Hoa", "Zô Thị Mai"], []]
    assert {p["total"] for p in pages} == {4}
    bad = client.get("/users?commune_code=abc", headers=admin)
    assert bad.status_code == 422 and bad.json["errors"][0]["field"] == "query.commune_code"


def test_a_city_department_never_sees_or_touches_platform_accounts(client, admin, tokens, seed_schools, create_user):
    city_31 = bearer(tokens.city("31"))
    operator = create_user("vanhanh@edu71.vn", "operator", "edu71", name="Vận hành")
    administrator = create_user("quantri@edu71.vn", "admin", "edu71", name="Quản trị")
    create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)

    for query in ("", "?role=admin", "?role=operator", "?org_unit=edu71", "?q=edu71", "?q=Quản trị"):
        listed = client.get(f"/users{query}", headers=city_31).json
        assert {u["role"] for u in listed["items"]} <= {"school"}, query
    for account in (operator, administrator):
        path = f"/users/{account['id']}"
        assert client.get(path, headers=city_31).status_code == 404
        assert client.patch(path, headers={**city_31, "If-Match": '"v1"'},
                            json={"password": "Mật-khẩu-mới-2027"}).status_code == 404
        assert client.post(f"{path}/sessions/revoke", headers=city_31).status_code == 404
    for account in (operator, administrator):
        assert client.get(f"/users/{account['id']}", headers=admin).headers["ETag"] == '"v1"'  # unchanged


@pytest.mark.parametrize("body,field,message", [
    ({"password": "ngan-123"}, "password", "Mật khẩu phải có ít nhất 10 ký tự."),
    ({"email": "khong-phai-email"}, "email", "Địa chỉ e-mail không hợp lệ."),
    ({"org_unit": "KHONG-CO"}, "org_unit", "Không có trường đang hoạt động với mã này trong danh bạ trường học."),
    ({"role": "commune", "org_unit": "99999"}, "org_unit", "Không có xã/phường với mã này (cần 5 chữ số, ví dụ 10744)."),
    ({"role": "admin", "org_unit": "31"}, "org_unit", "Tài khoản vận hành và quản trị thuộc đơn vị “edu71”."),
    ({"role": "hieu_truong"}, "role", "Phải là một trong các giá trị: school, commune, city, operator, admin."),
    ({"password_hash": "x"}, "password_hash", "Trường không được phép."),
])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_stored(client, admin, seed_schools, create_user, body,
                                                                 field, message):
    valid = {"name": "Nguyễn Thị Hoa", "email": "hoa@hienthanh.edu.vn", "role": "school",
             "org_unit": seed_schools[0].code, "password": PASSWORD}
    r = client.post("/users", headers=admin, json={**valid, **body})
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert {"field": field, "message": message} in r.json["errors"]
    assert _stored_users() == 0
    create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)  # the address was not taken


def test_an_email_belongs_to_one_account_whatever_its_case(client, admin, seed_schools, create_user):
    first = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    again = client.post("/users", headers=admin, json={"name": "Hoa 2", "email": "HOA@HienThanh.edu.vn",
                                                       "role": "school", "org_unit": seed_schools[0].code,
                                                       "password": PASSWORD})
    assert again.status_code == 409 and again.json["detail"] == "Địa chỉ e-mail này đã được dùng cho một tài khoản khác."
    second = create_user("lan@hienthanh.edu.vn", "school", seed_schools[0].code, name="Trần Thị Lan")
    taken = client.patch(f"/users/{second['id']}", headers={**admin, "If-Match": '"v1"'},
                         json={"email": "Hoa@hienthanh.edu.vn"})
    assert taken.status_code == 409
    moved = client.patch(f"/users/{first['id']}", headers={**admin, "If-Match": '"v1"'},
                         json={"email": "hoa.nt@hienthanh.edu.vn"})
    assert moved.status_code == 200 and moved.headers["ETag"] == '"v2"'
    # The old address is free again, the new one is taken.
    assert client.patch(f"/users/{second['id']}", headers={**admin, "If-Match": '"v1"'},
                        json={"email": "hoa@hienthanh.edu.vn"}).status_code == 200
    assert _stored_users() == 2


def test_users_change_their_own_name_and_password_only(client, seed_schools, create_user, sign_in):
    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    me = bearer(sign_in("hoa@hienthanh.edu.vn").json["access_token"])
    path = f"/users/{user['id']}"
    assert client.patch(path, headers=me, json={"name": "Nguyễn Thị Hoà"}).status_code == 428
    assert client.patch(path, headers={**me, "If-Match": '"v1"'}, json={"role": "admin",
                                                                       "org_unit": "edu71"}).status_code == 403
    assert client.patch(path, headers={**me, "If-Match": '"v1"'}, json={"active": False}).status_code == 403
    wrong = client.patch(path, headers={**me, "If-Match": '"v1"'},
                         json={"password": "Mật-khẩu-mới-2027", "current_password": "sai-mat-khau-1"})
    assert wrong.status_code == 422 and wrong.json["errors"] == [
        {"field": "current_password", "message": "Mật khẩu hiện tại không đúng."}]
    renamed = client.patch(path, headers={**me, "If-Match": '"v1"'},
                           json={"name": "Nguyễn Thị Hoà", "password": "Mật-khẩu-mới-2027", "current_password": PASSWORD})
    assert renamed.status_code == 200 and renamed.json["name"] == "Nguyễn Thị Hoà"
    assert client.patch(path, headers={**me, "If-Match": '"v1"'}, json={"name": "Hoa"}).status_code == 412
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD).status_code == 401
    assert sign_in("hoa@hienthanh.edu.vn", "Mật-khẩu-mới-2027").status_code == 201
    other = create_user("lan@hienthanh.edu.vn", "school", seed_schools[0].code, name="Trần Thị Lan")
    assert client.get(f"/users/{other['id']}", headers=me).status_code == 404


def test_account_events_are_recorded_with_each_change_and_never_carry_the_password(client, admin, seed_schools,
                                                                                   create_user):
    from edu71.bus.outbox import recorded_events
    from edu71.config import platform_settings
    from edu71.contracts import Contracts
    from identity.adapters.documents import User

    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    client.patch(f"/users/{user['id']}", headers={**admin, "If-Match": '"v1"'},
                 json={"org_unit": "10744", "role": "commune", "password": "Mật-khẩu-mới-2027"})
    client.patch(f"/users/{user['id']}", headers={**admin, "If-Match": '"v2"'}, json={"name": "Nguyễn Thị Hoa"})
    events = recorded_events(User, user["id"])  # the unchanged name wrote nothing
    assert [(e.name, e.data["version"], e.data.get("changed")) for e in events] == [
        ("UserRegistered", 1, None), ("UserChanged", 2, ["role", "org_unit", "password"]), ("AccessRevoked", 2, None)]
    assert events[1].data["org_unit"] == {"kind": "commune", "code": "10744", "name": "Phường Nguyễn Đại Năng",
                                          "commune_code": "10744", "province_code": "31"}
    assert all(e.subject == e.key == user["id"] for e in events)
    contracts = Contracts(platform_settings("identity").contracts_dir)
    for event in events:
        contracts.validate(event.envelope())
        assert "argon2" not in event.to_json()


def test_concurrent_creations_with_one_email_leave_exactly_one_account(client, admin, seed_schools):
    from concurrent.futures import ThreadPoolExecutor

    from mongoengine.connection import get_db

    def create(i: int) -> int:
        email = "Hoa@HienThanh.edu.vn".upper() if i % 2 else "hoa@hienthanh.edu.vn"
        return client.post("/users", headers=admin, json={"name": f"Hoa {i}", "email": email, "role": "school",
                                                          "org_unit": seed_schools[0].code,
                                                          "password": PASSWORD}).status_code

    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(pool.map(create, range(6)))
    assert statuses == [201, 409, 409, 409, 409, 409]
    assert _stored_users() == 1
    assert get_db("identity")["user_emails"].count_documents({}) == 1


def test_an_address_the_event_contract_refuses_is_a_422_and_nothing_is_stored(client, admin, seed_schools):
    r = client.post("/users", headers=admin, json={"name": "Anna", "email": "аnna@hienthanh.edu.vn",  # Cyrillic а
                                                   "role": "school", "org_unit": seed_schools[0].code,
                                                   "password": PASSWORD})
    assert r.status_code == 422, r.json
    assert r.json["errors"] == [{"field": "email", "message": "Địa chỉ e-mail không hợp lệ."}]
    assert _stored_users() == 0
