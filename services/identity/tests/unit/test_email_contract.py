"""The API takes exactly the e-mail addresses the account events can carry (their contract's ``format: email``)."""
from __future__ import annotations

import pytest

from edu71.config import platform_settings
from edu71.contracts import ContractViolation, Contracts
from identity.api.schemas import UserCreateSchema, UserPatchSchema

ADDRESSES = [
    "hoa@hienthanh.edu.vn", "Hoa.NT+tk@HienThanh.edu.vn", "ai@localhost", '"hoa nguyen"@hienthanh.edu.vn',
    "hoa@[127.0.0.1]", "аnna@hienthanh.edu.vn",  # a Cyrillic а
    "hoa@trường.vn", "hòa@hienthanh.edu.vn", "hoa..nt@hienthanh.edu.vn", ".hoa@hienthanh.edu.vn",
    "hoa@-hienthanh.vn", "hoa@hien_thanh.vn", " hoa@hienthanh.edu.vn", "hoa@hienthanh.edu.vn.", "hoa",
    "hoa@", "@hienthanh.edu.vn", "hoa\x00@hienthanh.edu.vn", "x" * 65 + "@hienthanh.edu.vn",
]


@pytest.fixture(scope="module")
def contracts() -> Contracts:
    return Contracts(platform_settings("identity").contracts_dir)


def _contract_accepts(contracts: Contracts, email: str) -> bool:
    payload = {"user_id": "u-3f2a9c", "version": 1, "name": "Nguyễn Thị Hoa", "email": email, "role": "school",
               "org_unit": {"kind": "school", "code": "HP-TH-HIENTHANH", "name": "Trường Tiểu học Hiến Thành"},
               "active": True}
    try:
        contracts.new_event("UserRegistered", payload, subject="u-3f2a9c", source="/edu71/identity")
    except ContractViolation:
        return False
    return True


@pytest.mark.parametrize("email", ADDRESSES)
def test_the_api_and_the_contract_agree(contracts, email):
    body = {"name": "Nguyễn Thị Hoa", "email": email, "role": "school", "org_unit": "HP-TH-HIENTHANH",
            "password": "Mật-khẩu-2026"}
    api_accepts = "email" not in UserCreateSchema().validate(body)
    assert api_accepts == _contract_accepts(contracts, email)
    assert ("email" not in UserPatchSchema().validate({"email": email})) == api_accepts


def test_a_refused_address_is_told_in_vietnamese():
    assert UserCreateSchema().validate({"email": "аnna@hienthanh.edu.vn"})["email"] == ["Địa chỉ e-mail không hợp lệ."]
