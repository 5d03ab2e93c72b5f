"""Sign-in: tokens the other services accept, one answer for every wrong credential, lockout, inactive accounts."""
from __future__ import annotations

import time

import pytest

from edu71.auth import Role, TokenVerifier
from edu71.config import platform_settings
from edu71_testing import bearer
from identity.domain.lockout import bucket_of
from identity.sessions import WRONG_CREDENTIALS

from .conftest import PASSWORD

pytestmark = pytest.mark.integration


def test_a_school_user_signs_in_and_gets_a_token_every_service_verifies(client, seed_schools, create_user, sign_in):
    school = seed_schools[0]
    user = create_user("Hoa.NT@HienThanh.edu.vn", "school", school.code)
    r = sign_in("  hoa.nt@hienthanh.edu.vn ", PASSWORD)
    assert r.status_code == 201, r.json
    assert r.headers["Cache-Control"] == "no-store"
    body = r.json
    assert body["token_type"] == "Bearer" and body["expires_in"] == 8 * 3600
    assert body["user"]["id"] == user["id"] and "password" not in str(body["user"]).lower()

    principal = TokenVerifier(platform_settings("plans").auth).verify(body["access_token"])
    assert (principal.user_id, principal.role, principal.org_unit) == (user["id"], Role.SCHOOL, school.code)
    assert (principal.org_unit_name, principal.commune_code, principal.province_code, principal.school_level) == (
        school.name, school.commune_code, school.province_code, school.level.value)
    assert principal.email == "Hoa.NT@HienThanh.edu.vn" and principal.name == "Nguyễn Thị Hoa"

    me = client.get("/users/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200 and me.json["id"] == user["id"] and me.headers["ETag"] == '"v1"'


def test_the_jwks_endpoint_publishes_the_signing_key(client, seed_schools, create_user, sign_in):
    import jwt

    create_user("so@hcm.edu.vn", "city", "79")
    token = sign_in("so@hcm.edu.vn").json["access_token"]
    jwks = client.get("/.well-known/jwks.json").json
    assert [k["kid"] for k in jwks["keys"]] == [jwt.get_unverified_header(token)["kid"]]
    assert "d" not in jwks["keys"][0]  # the public half only


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(client, seed_schools, create_user, sign_in):
    create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    wrong, unknown = sign_in("hoa@hienthanh.edu.vn", "sai-mat-khau-1"), sign_in("ai@khong.vn", PASSWORD)
    for r in (wrong, unknown):
        assert r.status_code == 401 and r.mimetype == "application/problem+json"
        assert r.json["detail"] == WRONG_CREDENTIALS
    bad = client.post("/sessions", json={"email": "hoa@hienthanh.edu.vn"})
    assert bad.status_code == 422 and bad.json["errors"] == [{"field": "password", "message": "Trường này là bắt buộc."}]


def test_five_failures_hold_back_that_account_from_that_client_only(client, seed_schools, create_user, sign_in):
    create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    create_user("lan@hienthanh.edu.vn", "school", seed_schools[0].code, name="Trần Thị Lan")
    started = time.time()
    for attempt in range(5):
        assert sign_in("HOA@hienthanh.edu.vn", f"sai-mat-khau-{attempt}", client_ip="198.51.100.7").status_code == 401
    held = sign_in("hoa@hienthanh.edu.vn", PASSWORD, client_ip="198.51.100.7")
    finished = time.time()
    assert held.status_code == 429, held.json
    # Open again when the minute of the first failure leaves the 15-minute window.
    first_failure_leaves = [(bucket_of(moment) + 15) * 60 for moment in (started, finished)]
    assert first_failure_leaves[0] - finished <= int(held.headers["Retry-After"]) <= first_failure_leaves[1] - started + 1
    assert held.json["detail"].startswith("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ")
    # The owner elsewhere, and another account from the same client, are not affected.
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD, client_ip="203.0.113.9").status_code == 201
    assert sign_in("lan@hienthanh.edu.vn", PASSWORD, client_ip="198.51.100.7").status_code == 201


def test_guessing_from_many_clients_never_locks_the_owner_out_of_a_client_that_signed_in_before(
        client, seed_schools, create_user, sign_in):
    create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD, client_ip="203.0.113.1").status_code == 201
    # 30 failures spread over 6 addresses: under the per-client and per-pair limits, at the account's.
    for guesser in range(6):
        for attempt in range(5):
            assert sign_in("hoa@hienthanh.edu.vn", f"doan-{attempt}", client_ip=f"192.0.2.{guesser}").status_code == 401
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD, client_ip="192.0.2.99").status_code == 429  # a new client
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD, client_ip="203.0.113.1").status_code == 201  # the owner's


def test_twenty_failures_from_one_client_lock_that_client_out(client, seed_schools, create_user, sign_in):
    create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    for attempt in range(20):
        assert sign_in(f"doan-{attempt}@khong.vn", "sai-mat-khau-1", client_ip="192.0.2.50").status_code == 401
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD, client_ip="192.0.2.50").status_code == 429
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD, client_ip="192.0.2.51").status_code == 201


def test_failed_sign_ins_are_recorded_insert_only(client, seed_schools, sign_in):
    from mongoengine.connection import get_db

    for _ in range(3):
        sign_in("ai@khong.vn", "sai-mat-khau-1")
    ids = sorted(d["_id"] for d in get_db("identity")["signin_failures"].find({}, {"_id": 1}))
    assert len(ids) == 9  # one per failure for the account and client, the client, and the account
    # ``<key>|<minute>|<n>``: the three may straddle a minute, so each minute numbers its own from 0.
    per_minute: dict[str, list[int]] = {}
    for key, minute, n in (i.rsplit("|", 2) for i in ids if i.startswith("email:")):
        per_minute.setdefault(minute, []).append(int(n))
    assert sum(map(len, per_minute.values())) == 3
    assert all(sorted(ns) == list(range(len(ns))) for ns in per_minute.values())


def test_a_disabled_account_cannot_sign_in(client, admin, seed_schools, create_user, sign_in):
    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    r = client.patch(f"/users/{user['id']}", json={"active": False}, headers={**admin, "If-Match": '"v1"'})
    assert r.status_code == 200 and r.json["active"] is False
    refused = sign_in("hoa@hienthanh.edu.vn", PASSWORD)
    assert refused.status_code == 403 and refused.json["detail"].startswith("Tài khoản đã bị vô hiệu hoá")
    assert sign_in("hoa@hienthanh.edu.vn", "sai-mat-khau-1").status_code == 401  # says nothing about the state


def test_a_hash_with_old_parameters_is_replaced_at_sign_in(client, seed_schools, create_user, sign_in):
    from edu71.bus.outbox import load, recorded_events
    from identity.adapters.documents import User
    from identity.domain.passwords import Passwords

    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    stored = load(User, user["id"])
    stored.password_hash = Passwords(time_cost=1, memory_kib=8 * 1024, parallelism=1).hash(PASSWORD)
    from edu71.bus.outbox import save_with_events

    save_with_events(stored)
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD).status_code == 201
    renewed = load(User, user["id"]).password_hash
    assert renewed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD).status_code == 201
    assert [e.name for e in recorded_events(User, user["id"])] == ["UserRegistered"]  # no event for a rehash


def test_failures_that_no_longer_count_are_forgotten_by_the_worker_job(client):
    from mongoengine.connection import get_db

    from identity.adapters.attempts import FailedSignIns

    failures, now = FailedSignIns(), time.time()
    failures.record("email:hoa@hienthanh.edu.vn", now - 20 * 60)
    failures.record("email:hoa@hienthanh.edu.vn", now - 60)
    assert failures.purge(15 * 60, now) == 1
    assert [d["_id"].split("|")[1] for d in get_db("identity")["signin_failures"].find()] == [str(int((now - 60) // 60))]


def test_refused_sign_ins_answer_with_the_same_problem_details_and_headers(client, seed_schools, create_user, sign_in):
    create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    wrong = sign_in("hoa@hienthanh.edu.vn", "sai-mat-khau-1", client_ip="198.51.100.8")
    assert wrong.headers["WWW-Authenticate"] == 'Bearer realm="edu71"'
    assert wrong.json == {"type": "about:blank", "title": "Chưa xác thực", "status": 401, "detail": WRONG_CREDENTIALS,
                          "instance": "/sessions"}
    for attempt in range(4):
        sign_in("hoa@hienthanh.edu.vn", f"sai-mat-khau-{attempt + 2}", client_ip="198.51.100.8")
    held = sign_in("hoa@hienthanh.edu.vn", PASSWORD, client_ip="198.51.100.8")
    assert held.status_code == 429 and held.mimetype == "application/problem+json"
    assert held.json == {"type": "about:blank", "title": "Quá nhiều yêu cầu", "status": 429, "instance": "/sessions",
                         "detail": f"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau "
                                   f"{max(1, -(-int(held.headers['Retry-After']) // 60))} phút."}
    assert "WWW-Authenticate" not in held.headers
