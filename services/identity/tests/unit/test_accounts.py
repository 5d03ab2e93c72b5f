"""Who may see and manage which account, the token claims, and the client behind a proxy."""
from __future__ import annotations

import pytest

from edu71.auth import Principal, Role
from identity.domain.accounts import (
    OrgUnit,
    changed_fields,
    list_scope,
    may_manage,
    may_view,
    name_order,
    name_pattern,
    normalise_email,
    token_claims,
)
from identity.domain.clients import client_address

ADMIN = Principal("u-admin", "Quản trị", Role.ADMIN, "edu71")
CITY_31 = Principal("u-hp", "Sở HP", Role.CITY, "31", province_code="31")
COMMUNE = Principal("u-x", "UBND", Role.COMMUNE, "10744", commune_code="10744", province_code="31")
SCHOOL = Principal("u-s", "Trường", Role.SCHOOL, "HP-TH-HIENTHANH", commune_code="10744", province_code="31")


def test_emails_compare_regardless_of_case_and_spaces():
    assert normalise_email("  Hoa.NT@Truong.EDU.vn ") == "hoa.nt@truong.edu.vn"


@pytest.mark.parametrize("actor,role,province,allowed", [
    (ADMIN, Role.ADMIN, None, True),
    (ADMIN, Role.SCHOOL, "79", True),
    (CITY_31, Role.SCHOOL, "31", True),
    (CITY_31, Role.COMMUNE, "31", True),
    (CITY_31, Role.SCHOOL, "79", False),
    (CITY_31, Role.CITY, "31", False),
    (CITY_31, Role.ADMIN, None, False),
    (COMMUNE, Role.SCHOOL, "31", False),
    (SCHOOL, Role.SCHOOL, "31", False),
])
def test_who_manages_which_accounts(actor, role, province, allowed):
    assert may_manage(actor, role, province) is allowed


def test_who_sees_which_accounts():
    assert may_view(SCHOOL, "u-s", "31")  # oneself
    assert not may_view(SCHOOL, "u-other", "31")
    assert may_view(CITY_31, "u-other", "31") and not may_view(CITY_31, "u-other", "79")
    assert not may_view(CITY_31, "u-admin", None)
    assert may_view(ADMIN, "u-other", None)
    assert list_scope(ADMIN) == {} and list_scope(CITY_31) == {"province_code": "31"}
    assert list_scope(SCHOOL) is None and list_scope(COMMUNE) is None


def test_claims_give_back_the_principal_of_the_account():
    org = OrgUnit("school", "HP-TH-HIENTHANH", "Trường Tiểu học Hiến Thành", commune_code="10744",
                  province_code="31", school_level="tieu_hoc")
    claims = token_claims("u-1", "Nguyễn Thị Hoa", "hoa@th.edu.vn", Role.SCHOOL, org)
    principal = Principal.from_claims(claims)
    assert principal == Principal("u-1", "Nguyễn Thị Hoa", Role.SCHOOL, "HP-TH-HIENTHANH",
                                  org_unit_name="Trường Tiểu học Hiến Thành", commune_code="10744",
                                  province_code="31", school_level="tieu_hoc", email="hoa@th.edu.vn")
    assert principal.can_act_for_school("HP-TH-HIENTHANH")


def test_a_city_claims_its_province():
    org = OrgUnit("province", "79", "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", province_code="79")
    principal = Principal.from_claims(token_claims("u-2", "Sở", "so@hcm.edu.vn", Role.CITY, org))
    assert principal.scope_filter() == {"province_code": "79"}


def test_org_units_in_events_leave_out_what_does_not_apply():
    assert OrgUnit("platform", "edu71", "Nền tảng Edu71").as_contract() == {
        "kind": "platform", "code": "edu71", "name": "Nền tảng Edu71"}


def test_changed_fields_name_only_what_differs():
    before = {"name": "A", "email": "a@x.vn", "active": True}
    assert changed_fields(before, {**before, "active": False}, ("name", "email", "active")) == ["active"]
    assert changed_fields(before, dict(before), ("name", "email", "active")) == []


def test_only_a_trusted_proxy_may_name_the_client():
    trusted = {"127.0.0.1"}
    assert client_address("127.0.0.1", "203.0.113.9", trusted) == "203.0.113.9"
    assert client_address("127.0.0.1", "198.51.100.1, 203.0.113.9", trusted) == "203.0.113.9"
    assert client_address("203.0.113.9", "10.0.0.1", trusted) == "203.0.113.9"
    assert client_address("127.0.0.1", None, trusted) == "127.0.0.1"
    assert client_address(None, None, trusted) == "unknown"


def test_searches_ignore_case_and_vietnamese_diacritics():
    from identity.domain.accounts import search_key

    assert search_key("Đỗ Minh Tuấn", "Tuan.DM@HaiPhong.gov.vn") == "do minh tuan tuan.dm@haiphong.gov.vn"
    assert search_key("Nguyễn Thị Hoà") == search_key("nguyen thi hoa")


@pytest.mark.parametrize("typed,stored,found", [
    ("hong bang", "Phường Hồng Bàng", True),
    ("HỒNG BÀNG", "Phường Hồng Bàng", True),
    ("đại năng", "Phường Nguyễn Đại Năng", True),
    ("dai nang", "Phường Nguyễn Đại Năng", True),
    ("hông", "Phường Hồng Bàng", True),  # a wrong mark is forgiven like a missing one
    ("hong bang", "Phường Hồng Hà", False),
    ("a.b", "Trường aXb", False),  # a dot is a dot
])
def test_a_unit_name_is_found_whatever_its_diacritics_and_case(typed, stored, found):
    import re

    assert bool(re.search(name_pattern(typed), stored)) is found


def test_names_sort_as_vietnamese_read_them():
    names = ["Zô Mai", "Đỗ Bình", "Ân Tâm", "Hoàng Hoa", "Do An"]
    assert sorted(names, key=lambda n: name_order(n, "u")) == ["Ân Tâm", "Do An", "Đỗ Bình", "Hoàng Hoa", "Zô Mai"]
