"""Fixtures of the portal's tests: accounts in the identity service of the running platform, signed-in clients."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer

SEEDS = Path(os.environ.get("EDU71_SEEDS_DIR", Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"))
PASSWORD = "Mat-khau-thu-2026"

HIEN_THANH, THI_TRAN = SEED_SCHOOLS
#: A second school in Thị Trấn 2's commune, so scope is tested between neighbours, not only across provinces.
NEIGHBOUR = {"code": "HCM-TH-TANANHOI", "name": "Trường Tiểu học Tân An Hội", "commune_code": "27496",
             "level": "tieu_hoc"}


@dataclass(frozen=True)
class Account:
    email: str
    role: str
    org_unit: str


ACCOUNTS = {
    "school": Account("thitran2@edu71.test", "school", THI_TRAN.code),
    "other_school": Account("hienthanh@edu71.test", "school", HIEN_THANH.code),
    "neighbour": Account("tananhoi@edu71.test", "school", NEIGHBOUR["code"]),
    "commune": Account("tananhoi.ubnd@edu71.test", "commune", THI_TRAN.commune_code),
    "city": Account("so79@edu71.test", "city", THI_TRAN.province_code),
    "admin": Account("quantri@edu71.test", "admin", "edu71"),
}


def seed_plan(name: str = "002_6785c0e9f8f18739.txt") -> Path:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed plans not found at {SEEDS}: these tests read the real plans in ../shared/seeds "
                    "(or set EDU71_SEEDS_DIR)")
    return path


@pytest.fixture(scope="session")
def accounts(platform, stack) -> dict[str, Account]:
    """The schools and one account per role, registered through the identity API as an admin would."""
    admin = bearer(stack.issuer().issue(sub="bootstrap-admin", name="Quản trị", role="admin", org_unit="edu71"))
    identity = platform.urls["identity"]
    schools = [{"code": s.code, "name": s.name, "commune_code": s.commune_code, "level": s.level.value}
               for s in SEED_SCHOOLS] + [NEIGHBOUR]
    for school in schools:
        r = requests.post(f"{identity}/schools", json=school, headers=admin, timeout=30)
        assert r.status_code in (201, 409), r.text
    for key, account in ACCOUNTS.items():
        r = requests.post(f"{identity}/users", headers=admin, timeout=30, json={
            "name": f"Người dùng {key}", "email": account.email, "role": account.role,
            "org_unit": account.org_unit, "password": PASSWORD})
        assert r.status_code in (201, 409), r.text
    return ACCOUNTS


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def portal_session(portal: str, account: Account) -> requests.Session:
    """A signed-in HTTP session of the portal, through its own sign-in form."""
    http = requests.Session()
    token = csrf_of(http.get(f"{portal}/login", timeout=30).text)
    r = http.post(f"{portal}/login", data={"email": account.email, "password": PASSWORD, "csrf_token": token},
                  timeout=30, allow_redirects=False)
    assert r.status_code == 302, r.text
    return http


def api_token(platform, account: Account) -> str:
    r = requests.post(f"{platform.urls['identity']}/sessions", json={"email": account.email, "password": PASSWORD},
                      timeout=30)
    assert r.status_code == 201, r.text
    return r.json()["access_token"]


# Test modules are imported by path (--import-mode=importlib), so the helpers reach them as fixtures.
@pytest.fixture(scope="session")
def helpers(platform, accounts):
    class Helpers:
        csrf_of = staticmethod(csrf_of)
        seed_plan = staticmethod(seed_plan)

        @staticmethod
        def sign_in(key: str) -> requests.Session:
            return portal_session(platform.urls["portal"], accounts[key])

        @staticmethod
        def token(key: str) -> str:
            return api_token(platform, accounts[key])

    return Helpers
