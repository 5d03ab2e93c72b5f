"""Ending access: sign-out, "sign out everywhere", deactivation and scope changes refuse the old tokens at once
in identity, and are recorded with their AccessRevoked event in the same change."""
from __future__ import annotations

import jwt
import pytest

from edu71.auth.revocation import epoch_seconds
from edu71.bus.outbox import history
from edu71_testing import bearer
from identity.adapters.documents import User

from .conftest import PASSWORD

pytestmark = pytest.mark.integration

REVOKED = "Phiên đăng nhập đã kết thúc"


def _token(sign_in, email: str, client_ip: str = "203.0.113.1") -> str:
    r = sign_in(email, PASSWORD, client_ip=client_ip)
    assert r.status_code == 201, r.json
    return r.json["access_token"]


def _refused(client, token: str) -> bool:
    r = client.get("/users/me", headers=bearer(token))
    assert r.status_code in (200, 401), r.json
    if r.status_code == 401:
        assert r.json["detail"].startswith(REVOKED) and r.headers["WWW-Authenticate"].startswith("Bearer")
    return r.status_code == 401


def _last_change_events(user_id: str) -> list:
    return [(e.name, e.data) for e in history(User, user_id)[-1]["events"]]


def test_signing_out_ends_that_session_only(client, seed_schools, create_user, sign_in):
    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    here, elsewhere = _token(sign_in, "hoa@hienthanh.edu.vn"), _token(sign_in, "hoa@hienthanh.edu.vn")
    sid = jwt.decode(here, options={"verify_signature": False})["sid"]
    assert sid != jwt.decode(elsewhere, options={"verify_signature": False})["sid"]

    r = client.delete("/sessions/current", headers=bearer(here))
    assert r.status_code == 204, r.json
    assert _refused(client, here) and not _refused(client, elsewhere)
    assert client.delete("/sessions/current", headers=bearer(here)).status_code == 401
    [(name, data)] = _last_change_events(user["id"])
    assert name == "AccessRevoked" and data["reason"] == "signed_out" and data["session_id"] == sid
    assert [s["session_id"] for s in data["revoked_sessions"]] == [sid]
    # The account itself did not change: no UserChanged, and a new sign-in works.
    assert not _refused(client, _token(sign_in, "hoa@hienthanh.edu.vn"))


def test_deactivation_refuses_the_accounts_tokens_and_is_one_change_with_its_events(
        client, admin, seed_schools, create_user, sign_in):
    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    token = _token(sign_in, "hoa@hienthanh.edu.vn")
    assert not _refused(client, token)
    r = client.patch(f"/users/{user['id']}", json={"active": False}, headers={**admin, "If-Match": '"v1"'})
    assert r.status_code == 200
    assert _refused(client, token)
    events = _last_change_events(user["id"])
    assert [name for name, _ in events] == ["UserChanged", "AccessRevoked"]
    revoked = events[1][1]
    assert revoked["reason"] == "deactivated" and revoked["version"] == 2 and "session_id" not in revoked
    assert epoch_seconds(revoked["not_before"]) > jwt.decode(token, options={"verify_signature": False})["iat"]


def test_a_new_role_ends_the_old_tokens_and_a_sign_in_right_after_is_honoured(
        client, admin, seed_schools, create_user, sign_in):
    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    old = _token(sign_in, "hoa@hienthanh.edu.vn")
    r = client.patch(f"/users/{user['id']}", json={"role": "commune", "org_unit": "10744"},
                     headers={**admin, "If-Match": '"v1"'})
    assert r.status_code == 200, r.json
    assert _refused(client, old)
    # Signed in within the same second as the change: dated at the cutoff, never before it.
    new = _token(sign_in, "hoa@hienthanh.edu.vn")
    claims = jwt.decode(new, options={"verify_signature": False})
    assert claims["role"] == "commune" and claims["iat"] >= User.objects.get(id=user["id"]).not_before
    assert not _refused(client, new)
    assert _last_change_events(user["id"])[1][1]["reason"] == "role_changed"


def test_a_name_change_keeps_the_tokens(client, admin, seed_schools, create_user, sign_in):
    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    token = _token(sign_in, "hoa@hienthanh.edu.vn")
    r = client.patch(f"/users/{user['id']}", json={"name": "Nguyễn Thị Hoà"}, headers={**admin, "If-Match": '"v1"'})
    assert r.status_code == 200
    assert not _refused(client, token)
    assert [name for name, _ in _last_change_events(user["id"])] == ["UserChanged"]


def test_sign_out_everywhere_is_for_the_owner_and_the_accounts_managers(
        client, admin, tokens, seed_schools, create_user, sign_in):
    hai_phong, hcm = seed_schools
    user = create_user("hoa@hienthanh.edu.vn", "school", hai_phong.code)
    other = create_user("lan@hienthanh.edu.vn", "school", hai_phong.code, name="Trần Thị Lan")
    first, second = _token(sign_in, "hoa@hienthanh.edu.vn"), _token(sign_in, "hoa@hienthanh.edu.vn")
    path = f"/users/{user['id']}/sessions/revoke"

    assert client.post(path, headers=bearer(tokens.city("79"))).status_code == 404  # another province's account
    assert client.post(path, headers=bearer(_token(sign_in, "lan@hienthanh.edu.vn"))).status_code == 404
    assert not _refused(client, first) and not _refused(client, second)

    r = client.post(path, headers=bearer(tokens.city("31")))
    assert r.status_code == 204, r.json
    assert _refused(client, first) and _refused(client, second)
    assert _last_change_events(user["id"])[-1][1]["reason"] == "signed_out_everywhere"

    own = _token(sign_in, "lan@hienthanh.edu.vn")
    assert client.post(f"/users/{other['id']}/sessions/revoke", headers=bearer(own)).status_code == 204
    assert _refused(client, own)
    assert client.post("/users/u-khong-co/sessions/revoke", headers=admin).status_code == 404


def test_signing_out_a_token_without_a_session_ends_every_session_of_the_account(
        client, stack, seed_schools, create_user, sign_in):
    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    signed_in = _token(sign_in, "hoa@hienthanh.edu.vn")
    # As an external provider's token would be: the account's id as ``sub``, no ``sid``.
    external = stack.issuer().issue(sub=user["id"], name="Nguyễn Thị Hoa", role="school",
                                    org_unit=seed_schools[0].code)
    assert client.delete("/sessions/current", headers=bearer(external)).status_code == 204
    assert _refused(client, external) and _refused(client, signed_in)
    assert _last_change_events(user["id"])[-1][1]["reason"] == "signed_out_everywhere"


def test_signing_out_an_account_identity_does_not_hold_is_a_404(client, admin):
    r = client.delete("/sessions/current", headers=admin)
    assert r.status_code == 404 and r.json["detail"] == "Không tìm thấy tài khoản."


def _follow(school_code: str) -> None:
    """What the identity worker does with each of its own SchoolChanged events."""
    from edu71.bus.outbox import recorded_events
    from identity.adapters.documents import School
    from identity import bootstrap
    from identity.config import load
    from identity.handlers import routes

    handler = routes(bootstrap.use_cases(load()).accounts)["SchoolChanged"]
    for event in recorded_events(School, school_code):
        if event.name == "SchoolChanged":
            handler(event)


def test_a_school_that_moves_takes_its_accounts_along_and_ends_their_sessions(
        client, admin, seed_schools, create_user, sign_in):
    school = seed_schools[0]
    user = create_user("hoa@hienthanh.edu.vn", "school", school.code)
    token = _token(sign_in, "hoa@hienthanh.edu.vn")
    r = client.patch(f"/schools/{school.code}", json={"commune_code": "11560"}, headers={**admin, "If-Match": '"v1"'})
    assert r.status_code == 200, r.json
    _follow(school.code)
    assert _refused(client, token)
    moved = client.get(f"/users/{user['id']}", headers=admin).json
    assert moved["commune_code"] == "11560"
    names = [name for name, _ in _last_change_events(user["id"])]
    assert names == ["UserChanged", "AccessRevoked"]
    # A second delivery of the same event changes nothing.
    versions = len(history(User, user["id"]))
    _follow(school.code)
    assert len(history(User, user["id"])) == versions
    assert not _refused(client, _token(sign_in, "hoa@hienthanh.edu.vn"))


def test_a_renamed_school_keeps_its_sessions_and_a_closed_one_deactivates_its_accounts(
        client, admin, seed_schools, create_user, sign_in):
    school = seed_schools[0]
    user = create_user("hoa@hienthanh.edu.vn", "school", school.code)
    token = _token(sign_in, "hoa@hienthanh.edu.vn")
    r = client.patch(f"/schools/{school.code}", json={"name": "Trường Tiểu học Hiến Thành (mới)"},
                     headers={**admin, "If-Match": '"v1"'})
    assert r.status_code == 200, r.json
    _follow(school.code)
    assert not _refused(client, token)
    assert client.get(f"/users/{user['id']}", headers=admin).json["org_unit_name"].endswith("(mới)")
    assert client.patch(f"/schools/{school.code}", json={"active": False},
                        headers={**admin, "If-Match": '"v2"'}).status_code == 200
    _follow(school.code)
    assert _refused(client, token)
    assert client.get(f"/users/{user['id']}", headers=admin).json["active"] is False
    assert sign_in("hoa@hienthanh.edu.vn", PASSWORD).status_code in (401, 403)


def test_a_password_reset_by_a_manager_ends_every_session_and_a_change_by_the_owner_keeps_them(
        client, admin, seed_schools, create_user, sign_in):
    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    token = _token(sign_in, "hoa@hienthanh.edu.vn")
    r = client.patch(f"/users/{user['id']}", headers={**bearer(token), "If-Match": '"v1"'},
                     json={"password": "Mật-khẩu-mới-2027", "current_password": PASSWORD})
    assert r.status_code == 200, r.json
    assert not _refused(client, token)
    r = client.patch(f"/users/{user['id']}", headers={**admin, "If-Match": r.headers["ETag"]},
                     json={"password": "Mật-khẩu-cấp-lại-2027"})
    assert r.status_code == 200, r.json
    assert _refused(client, token)
    assert [name for name, _ in _last_change_events(user["id"])] == ["UserChanged", "AccessRevoked"]
