"""Revocation reaches every API: through the real identity relay, Kafka and a service's worker, and wired
in each service's worker to where its API reads."""
from __future__ import annotations

import time

import pytest

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer, fresh_group, wait_until

pytestmark = pytest.mark.integration

SCHOOL = SEED_SCHOOLS[0]
PASSWORD = "Mật-khẩu-2026"
REVOKED = "Phiên đăng nhập đã kết thúc"


def _status(api, token: str, path: str) -> int:
    r = api.get(path, headers=bearer(token))
    assert r.status_code < 500, (path, r.status_code, r.json)
    if r.status_code == 401:
        assert r.json["detail"].startswith(REVOKED)
    return r.status_code


def test_signing_out_and_deactivation_end_access_on_another_service_within_seconds(fresh_databases, stack):
    from edu71.worker import Worker
    from identity import config as identity_config
    from identity.app import create_app as identity_app
    from identity.worker import spec as identity_spec
    from plans import config as plans_config
    from plans.app import create_app as plans_app
    from plans.worker import spec as plans_spec

    identity, plans = identity_app().test_client(), plans_app().test_client()
    admin = bearer(stack.issuer().issue(sub="u-admin", name="Quản trị viên", role="admin", org_unit="edu71"))
    assert identity.post("/schools", headers=admin, json={"code": SCHOOL.code, "name": SCHOOL.name,
                                                          "commune_code": SCHOOL.commune_code,
                                                          "level": SCHOOL.level.value}).status_code == 201
    user = identity.post("/users", headers=admin, json={"name": "Nguyễn Thị Hoa", "email": "hoa@hienthanh.edu.vn",
                                                        "role": "school", "org_unit": SCHOOL.code,
                                                        "password": PASSWORD}).json

    def sign_in() -> str:
        r = identity.post("/sessions", json={"email": "hoa@hienthanh.edu.vn", "password": PASSWORD})
        assert r.status_code == 201, r.json
        return r.json["access_token"]

    workers = [Worker(identity_config.load().platform, identity_spec(group=fresh_group("identity"))),
               Worker(plans_config.load().platform, plans_spec(group=fresh_group("plans")))]
    try:
        for worker in workers:
            worker.start()
        signed_out, other_session = sign_in(), sign_in()
        assert _status(plans, signed_out, "/plans") == 200 and _status(plans, other_session, "/plans") == 200

        assert identity.delete("/sessions/current", headers=bearer(signed_out)).status_code == 204
        wait_until(lambda: _status(plans, signed_out, "/plans") == 401, "the signed-out token refused by plans")
        assert _status(plans, other_session, "/plans") == 200

        r = identity.patch(f"/users/{user['id']}", json={"active": False},
                           headers={**admin, "If-Match": identity.get(f"/users/{user['id']}", headers=admin).headers["ETag"]})
        assert r.status_code == 200, r.json
        wait_until(lambda: _status(plans, other_session, "/plans") == 401, "the deactivated account refused by plans")
    finally:
        for worker in workers:
            worker.shutdown()


def _access_revoked(user_id: str, not_before: float, version: int = 2):
    from edu71.config import platform_settings
    from edu71.contracts import Contracts
    from identity.domain.sessions import Revocations, access_revoked

    data = access_revoked(user_id, version, "deactivated", Revocations(0).everything(not_before), not_before)
    return Contracts(platform_settings("identity").contracts_dir).new_event(
        "AccessRevoked", data, subject=user_id, source="/edu71/identity")


def _specs():
    """Each consuming service: (its API factory, its worker's spec, a path any school may read)."""
    from indicators import config as indicators_config
    from indicators.app import create_app as indicators_app
    from indicators.worker import spec as indicators_spec
    from notifications.app import create_app as notifications_app
    from notifications.worker import spec as notifications_spec
    from plans.app import create_app as plans_app
    from plans.worker import spec as plans_spec
    from reports.app import create_app as reports_app
    from reports.worker import spec as reports_spec

    return {
        "plans": (plans_app, plans_spec, "/plans"),
        "indicators": (indicators_app, lambda: indicators_spec(indicators_config.load()), "/rounds"),
        "notifications": (notifications_app, notifications_spec, "/inbox"),
        "reports": (reports_app, reports_spec, "/plans/status"),
    }


def _school_token(issuer, iat: int | None = None) -> str:
    return issuer.issue(sub=f"user-{SCHOOL.code}", name="Cán bộ nhà trường", role="school", org_unit=SCHOOL.code,
                        commune_code=SCHOOL.commune_code, province_code=SCHOOL.province_code,
                        school_level=SCHOOL.level.value, iat=iat)


@pytest.mark.parametrize("service", ["plans", "indicators", "notifications", "reports"])
def test_each_workers_revocation_handler_writes_where_its_api_reads(fresh_databases, stack, service):
    from edu71.auth.revocation import cutoff_after

    app_factory, spec, path = _specs()[service]
    api, issuer = app_factory().test_client(), stack.issuer()
    handle = spec().handlers["AccessRevoked"]
    revoked_at = time.time()
    before = _school_token(issuer, iat=int(revoked_at))
    assert _status(api, before, path) != 401
    handle(_access_revoked(f"user-{SCHOOL.code}", revoked_at))
    handle(_access_revoked(f"user-{SCHOOL.code}", 0, version=1))  # an older version, delivered late, changes nothing
    wait_until(lambda: _status(api, before, path) == 401, f"{service} refusing the revoked token")
    assert _status(api, _school_token(issuer, iat=cutoff_after(revoked_at)), path) != 401


@pytest.fixture
def revocations_db(stack):
    import uuid

    from pymongo import MongoClient

    client = MongoClient(stack.mongodb_uri, tz_aware=True)
    name = f"t_revocations_{uuid.uuid4().hex[:8]}"
    yield client[name]
    client.drop_database(name)
    client.close()


def test_the_feed_numbers_every_change_once_whoever_writes_it(revocations_db):
    from edu71.auth.revocation import RevocationFeed

    first, second = RevocationFeed(lambda: revocations_db), RevocationFeed(lambda: revocations_db)
    assert first.last() == 0 and first.since(0) == (0, [])
    for n in range(7):
        (first if n % 3 else second).append(f"u-{n}")  # each writer's guess of the next number falls behind
    assert RevocationFeed(lambda: revocations_db).last() == 7
    assert first.since(0) == (7, [f"u-{n}" for n in range(7)])
    assert first.since(5) == (7, ["u-5", "u-6"])


def test_a_user_without_a_state_costs_no_read_and_a_revocation_is_still_honoured(revocations_db):
    """The lookup reads only the states of users the feed or the first read named; a revocation written where
    this process hears no ring (another host) is honoured once the lookup's view is ``ttl`` old."""
    from edu71.auth.principal import Principal, Role
    from edu71.auth.revocation import RevocationLookup, RevocationProjection, RevokedUsers, _entry_id

    projection = RevocationProjection(lambda: revocations_db)
    projection.apply(_access_revoked("u-early", time.time()))  # before the lookup's first use
    now = [1000.0]
    reads: list[str] = []

    def read(user_id):
        reads.append(user_id)
        return projection.state(user_id)

    lookup = RevocationLookup(read, ttl=1.0, revoked=RevokedUsers(projection, 1.0, monotonic=lambda: now[0]))

    def token(user_id: str) -> Principal:
        return Principal(user_id=user_id, name="Cán bộ", role=Role.SCHOOL, org_unit=SCHOOL.code,
                         issued_at=int(time.time()) - 60)

    assert lookup.revoked(token("u-early"))
    assert not lookup.revoked(token("u-1")) and not lookup.revoked(token("u-2"))
    assert reads == ["u-early"]

    projection.apply(_access_revoked("u-1", time.time()))  # this host: its ring is heard at once
    assert lookup.revoked(token("u-1")) and reads == ["u-early", "u-1"]

    # Another host's worker: its state and feed entry, and no ring here.
    revocations_db["access_revocations"].insert_one({"_id": "u-2", "v": 2, "not_before": int(time.time()) + 1,
                                                     "sessions": []})
    revocations_db["access_revocations_feed"].insert_one({"_id": _entry_id(3), "user_id": "u-2"})
    # Within the lookup's ttl it may not be seen yet (unless another test's ring on this host wakes the lookup,
    # so that is not asserted); once the view is ``ttl`` old it is.
    now[0] += 1.0
    assert lookup.revoked(token("u-2")) and reads[-1] == "u-2"


def test_a_state_kept_before_a_crash_is_announced_when_its_event_comes_again(revocations_db):
    from edu71.auth.revocation import RevocationProjection

    projection = RevocationProjection(lambda: revocations_db)
    event = _access_revoked("u-1", time.time())
    revocations_db["access_revocations"].insert_one({"_id": "u-1", "v": 2, "not_before": 0, "sessions": []})
    projection.apply(event)  # the state is there (the worker died before the feed entry): the feed names it now
    assert projection.feed.since(0) == (1, ["u-1"])
