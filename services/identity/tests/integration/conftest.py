"""Fixtures of the identity integration tests: the app on fresh databases, an admin, a registered school."""
from __future__ import annotations

import pytest

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer

PASSWORD = "Mật-khẩu-2026"


@pytest.fixture
def client(fresh_databases):
    from identity.app import create_app

    return create_app().test_client()


@pytest.fixture(scope="session")
def admin(stack) -> dict:
    """Bearer header of a platform administrator (the built-in issuer, as `edu71 token` would mint it)."""
    return bearer(stack.issuer().issue(sub="u-admin", name="Quản trị viên", role="admin", org_unit="edu71"))


@pytest.fixture
def seed_schools(client, admin):
    """Register both seed schools (Hải Phòng 31 and TP. HCM 79); return them."""
    for school in SEED_SCHOOLS:
        r = client.post("/schools", headers=admin, json={"code": school.code, "name": school.name,
                                                         "commune_code": school.commune_code,
                                                         "level": school.level.value})
        assert r.status_code == 201, r.json
    return SEED_SCHOOLS


@pytest.fixture
def create_user(client, admin):
    """Create an account as the admin (or ``as_``) and return its JSON."""

    def _create(email: str, role: str, org_unit: str, *, as_=None, password: str = PASSWORD, name: str = "Nguyễn Thị Hoa"):
        r = client.post("/users", headers=as_ or admin, json={"name": name, "email": email, "role": role,
                                                             "org_unit": org_unit, "password": password})
        assert r.status_code == 201, r.json
        return r.json

    return _create


@pytest.fixture
def sign_in(client):
    def _sign_in(email: str, password: str = PASSWORD, client_ip: str = "203.0.113.1"):
        return client.post("/sessions", json={"email": email, "password": password},
                           headers={"X-Forwarded-For": client_ip})

    return _sign_in
