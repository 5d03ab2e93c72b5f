"""The account, session and directory use cases against in-memory repositories: no store, no broker, no HTTP.

The in-memory repositories pass the same contract suite as the store's (tests/integration/test_repositories.py).
"""
from __future__ import annotations

import pytest

from edu71.auth import Principal, Role
from edu71.config import REPO_ROOT
from edu71.contracts import Contracts
from edu71.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    StaleVersion,
    TooManyAttempts,
    Unauthenticated,
    Unavailable,
)
from identity.domain.lockout import Limit, Throttle

PASSWORD = "Mật-khẩu-2026"
ADMIN = Principal("u-admin", "Quản trị viên", Role.ADMIN, "edu71")
CITY_31 = Principal("u-hp", "Sở GD&ĐT Hải Phòng", Role.CITY, "31", province_code="31")
CITY_79 = Principal("u-hcm", "Sở GD&ĐT TP. HCM", Role.CITY, "79", province_code="79")
COMMUNE = Principal("u-x", "UBND phường", Role.COMMUNE, "10744", commune_code="10744", province_code="31")
OPERATOR = Principal("u-op", "Vận hành", Role.OPERATOR, "edu71")
SCHOOL_CODE = "HP-TH-HIENTHANH"


class Issuer:
    """Signs nothing: the claims a token would carry are what the use case decides."""

    def __init__(self):
        self.claims: list[dict] = []

    def issue(self, *, ttl: int, iat: int, sid: str, **claims) -> str:
        self.claims.append(claims)
        return f"token-{len(self.claims)}"


@pytest.fixture
def world():
    from identity.adapters.attempts import InMemoryFailedSignIns, InMemoryKnownClients
    from identity.adapters.emails import InMemoryEmailClaims
    from identity.adapters.schools import InMemorySchools
    from identity.adapters.users import InMemoryUsers
    from identity.directory import Directory
    from identity.domain.passwords import Passwords
    from identity.accounts import Accounts
    from identity.sessions import Sessions, SignInPolicy

    contracts = Contracts(REPO_ROOT / "contracts")
    directory = Directory(contracts, InMemorySchools())
    throttle = Throttle(pair=Limit(3, 15 * 60), client=Limit(20, 15 * 60), account=Limit(30, 15 * 60))
    passwords = Passwords(time_cost=1, memory_kib=8 * 1024, parallelism=1)
    accounts = Accounts(contracts, directory, passwords, users=InMemoryUsers(), emails=InMemoryEmailClaims())
    sessions = Sessions(accounts, passwords, Issuer(), SignInPolicy(3600, throttle),
                        failures=InMemoryFailedSignIns(), known_clients=InMemoryKnownClients())
    directory.register(ADMIN, {"code": SCHOOL_CODE, "name": "Trường Tiểu học Hiến Thành", "commune_code": "10744",
                               "level": "tieu_hoc"})
    return directory, accounts, sessions


def register(accounts, email="hoa@hienthanh.edu.vn", role="school", org_unit=SCHOOL_CODE, as_=ADMIN, **extra):
    return accounts.register(as_, {"name": "Nguyễn Thị Hoa", "email": email, "role": role, "org_unit": org_unit,
                                   "password": PASSWORD, **extra})


def events_of(repo, key):
    return [e.name for e in repo.events.get(key, [])]


def test_an_account_is_registered_with_its_event_and_an_address_is_taken_once(world):
    _, accounts, _ = world
    user = register(accounts)
    assert (user.doc_version, user.org_unit_name, user.commune_code) == (1, "Trường Tiểu học Hiến Thành", "10744")
    assert events_of(accounts.users, user.id) == ["UserRegistered"]
    with pytest.raises(Conflict) as taken:
        register(accounts, email="  HOA@hienthanh.edu.vn ")
    assert taken.value.message == "Địa chỉ e-mail này đã được dùng cho một tài khoản khác."
    assert len(accounts.users.users) == 1


def test_registration_refusals_name_the_rule_and_the_field(world):
    _, accounts, _ = world
    with pytest.raises(Forbidden) as exc:
        register(accounts, as_=COMMUNE)
    assert exc.value.message == "Chỉ quản trị viên hoặc Sở GD&ĐT mới được tạo tài khoản."
    with pytest.raises(Forbidden) as exc:
        register(accounts, as_=CITY_79)
    assert exc.value.message.startswith("Sở GD&ĐT chỉ được tạo tài khoản xã/phường và nhà trường")
    with pytest.raises(Invalid) as exc:
        accounts.register(ADMIN, {"name": "Hoa", "email": "hoa@x.vn", "role": "school", "org_unit": SCHOOL_CODE,
                                  "password": "ngắn"})
    assert exc.value.message == "Dữ liệu gửi lên có lỗi, xem chi tiết từng mục."
    assert {e.field for e in exc.value.errors} == {"password"}
    assert "Mật khẩu phải có ít nhất 10 ký tự." in [e.message for e in exc.value.errors]
    with pytest.raises(Invalid) as exc:
        register(accounts, role="commune", org_unit="99999")
    assert [(e.field, e.message) for e in exc.value.errors] == [
        ("org_unit", "Không có xã/phường với mã này (cần 5 chữ số, ví dụ 10744).")]
    assert accounts.users.users == {}


def test_sign_in_carries_the_schools_current_place_and_wrong_passwords_lock_the_pair(world):
    directory, accounts, sessions = world
    register(accounts)
    school = directory.get_visible(ADMIN, SCHOOL_CODE)
    directory.change(ADMIN, SCHOOL_CODE, {"name": "Trường Tiểu học Hiến Thành (mới)"}, school.doc_version)
    signed_in = sessions.sign_in("Hoa@hienthanh.edu.vn", PASSWORD, "203.0.113.1")
    assert sessions.issuer.claims[-1]["org_unit_name"] == "Trường Tiểu học Hiến Thành (mới)"
    assert signed_in.token == "token-1" and signed_in.expires_in == 3600

    for _ in range(3):
        with pytest.raises(Unauthenticated) as wrong:
            sessions.sign_in("hoa@hienthanh.edu.vn", "sai-mật-khẩu-1", "203.0.113.9")
        assert (wrong.value.status, wrong.value.message) == (401, "E-mail hoặc mật khẩu không đúng.")
    with pytest.raises(TooManyAttempts) as held:
        sessions.sign_in("hoa@hienthanh.edu.vn", PASSWORD, "203.0.113.9")  # even the right password waits
    assert 0 < held.value.retry_after <= 15 * 60
    assert held.value.message.startswith("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ")
    assert held.value.message.endswith(" phút.")
    # The client it signed in from before is another pair: it is not held back.
    assert sessions.sign_in("hoa@hienthanh.edu.vn", PASSWORD, "203.0.113.1").token == "token-2"


def test_an_unknown_address_gets_the_wrong_password_answer_and_a_disabled_account_is_refused(world):
    _, accounts, sessions = world
    with pytest.raises(Unauthenticated):
        sessions.sign_in("khong-co@hienthanh.edu.vn", PASSWORD, "203.0.113.1")
    register(accounts, active=False)
    with pytest.raises(Forbidden) as refused:
        sessions.sign_in("hoa@hienthanh.edu.vn", PASSWORD, "203.0.113.1")
    assert refused.value.message == "Tài khoản đã bị vô hiệu hoá. Vui lòng liên hệ quản trị viên."
    register(accounts, email="lan@hienthanh.edu.vn")
    sessions.issuer = None
    with pytest.raises(Unavailable) as away:
        sessions.sign_in("lan@hienthanh.edu.vn", PASSWORD, "203.0.113.1")
    assert away.value.message == "Dịch vụ chưa được cấu hình khoá ký mã truy cập."


def test_changes_are_refused_when_stale_or_beyond_the_callers_rights(world):
    _, accounts, _ = world
    user = register(accounts)
    owner = Principal(user.id, user.name, Role.SCHOOL, SCHOOL_CODE, commune_code="10744", province_code="31")
    with pytest.raises(StaleVersion) as stale:
        accounts.change(ADMIN, user.id, {"name": "Hoa"}, 2)
    assert stale.value.message == "Tài khoản vừa được người khác thay đổi. Vui lòng tải lại rồi thao tác lại."
    with pytest.raises(NotFound) as missing:
        accounts.change(CITY_79, user.id, {"name": "Hoa"}, 1)  # outside its province the account is not there
    assert missing.value.message == "Không tìm thấy tài khoản."
    with pytest.raises(Forbidden) as exc:
        accounts.change(owner, user.id, {"role": "commune", "org_unit": "10744"}, 1)
    assert exc.value.message == "Bạn chỉ được đổi họ tên và mật khẩu của tài khoản mình."
    with pytest.raises(Invalid) as exc:
        accounts.change(owner, user.id, {"password": "Mật-khẩu-mới-2027", "current_password": "sai"}, 1)
    assert [(e.field, e.message) for e in exc.value.errors] == [("current_password", "Mật khẩu hiện tại không đúng.")]
    admin_user = register(accounts, email="admin@so.haiphong.gov.vn", role="admin", org_unit="edu71")
    me = Principal(admin_user.id, admin_user.name, Role.ADMIN, "edu71")
    with pytest.raises(Conflict) as exc:
        accounts.change(me, admin_user.id, {"active": False}, 1)
    assert exc.value.message == "Không thể tự vô hiệu hoá tài khoản của chính mình."
    assert accounts.users.get(user.id).doc_version == 1 and events_of(accounts.users, user.id) == ["UserRegistered"]


def test_a_manager_moving_an_account_ends_its_sessions_and_the_old_address_is_freed(world):
    _, accounts, _ = world
    user = register(accounts)
    changed = accounts.change(CITY_31, user.id, {"role": "commune", "org_unit": "11560",
                                                 "email": "hoa@thuynguyen.gov.vn"}, 1)
    assert (changed.doc_version, changed.org_unit, changed.org_unit_name) == (2, "11560", "Phường Thuỷ Nguyên")
    assert events_of(accounts.users, user.id) == ["UserRegistered", "UserChanged", "AccessRevoked"]
    assert accounts.users.events[user.id][2].data["reason"] == "role_changed"
    assert accounts.emails.owner("hoa@hienthanh.edu.vn") is None
    assert accounts.emails.owner("hoa@thuynguyen.gov.vn") == user.id


def test_signing_out_records_the_revocation_and_an_unknown_account_is_not_found(world):
    _, accounts, sessions = world
    user = register(accounts)
    session = Principal(user.id, user.name, Role.SCHOOL, SCHOOL_CODE, province_code="31", session_id="s-1",
                        expires_at=4_000_000_000)
    sessions.sign_out(session)
    assert {s["sid"] for s in accounts.users.get(user.id).revoked_sessions} == {"s-1"}
    assert sessions.revocation_state(user.id).sessions == frozenset({"s-1"})
    assert sessions.revocation_state("u-khac") is None
    with pytest.raises(NotFound) as missing:
        sessions.sign_out(Principal("u-khac", "Người ngoài", Role.ADMIN, "edu71"))
    assert missing.value.message == "Không tìm thấy tài khoản."
    other_city = register(accounts, email="pho@so.haiphong.gov.vn", role="city", org_unit="31")
    with pytest.raises(Forbidden) as refused:  # it sees the department's accounts, manages only those below it
        sessions.sign_out_everywhere(CITY_31, other_city.id)
    assert refused.value.message == "Bạn không được đăng xuất tài khoản này."
    assert events_of(accounts.users, other_city.id) == ["UserRegistered"]


def test_a_moved_school_takes_its_accounts_along_once_through_the_workers_route(world):
    from identity.handlers import routes

    directory, accounts, _ = world
    user = register(accounts)
    school = directory.change(ADMIN, SCHOOL_CODE, {"commune_code": "11560"}, 1)
    changed = directory.schools.events[SCHOOL_CODE][-1]
    assert changed.name == "SchoolChanged" and school.doc_version == 2
    route = routes(accounts)["SchoolChanged"]
    route(changed)
    moved = accounts.users.get(user.id)
    assert (moved.commune_code, moved.doc_version) == ("11560", 2)
    assert events_of(accounts.users, user.id) == ["UserRegistered", "UserChanged", "AccessRevoked"]
    route(changed)  # a replay changes nothing
    assert accounts.follow_school(SCHOOL_CODE) == 0
    assert accounts.users.get(user.id).doc_version == 2


def test_directory_refusals_are_domain_errors_with_the_vietnamese_messages(world):
    directory, _, _ = world
    with pytest.raises(Conflict) as exc:
        directory.register(ADMIN, {"code": SCHOOL_CODE, "name": "Trùng", "commune_code": "10744", "level": "thcs"})
    assert exc.value.message == "Mã trường “HP-TH-HIENTHANH” đã có trong danh bạ."
    with pytest.raises(Invalid) as exc:
        directory.register(ADMIN, {"code": "S2", "name": "Trường", "commune_code": "99999", "level": "thcs"})
    assert [(e.field, e.message) for e in exc.value.errors] == [("commune_code", "Không có xã/phường với mã này.")]
    with pytest.raises(Forbidden) as exc:
        directory.register(CITY_79, {"code": "S2", "name": "Trường", "commune_code": "10744", "level": "thcs"})
    assert exc.value.message == "Sở GD&ĐT chỉ được thêm trường thuộc tỉnh/thành phố của mình."
    with pytest.raises(NotFound) as exc:
        directory.get_visible(CITY_79, SCHOOL_CODE)
    assert exc.value.message == "Không tìm thấy trường trong danh bạ."
    with pytest.raises(StaleVersion):
        directory.change(ADMIN, SCHOOL_CODE, {"name": "Tên mới"}, 5)
    with pytest.raises(NotFound) as exc:
        directory.communes("00")
    assert [(e.field, e.message) for e in exc.value.errors] == [
        ("province_code", "Không có tỉnh/thành phố với mã này.")]
    with pytest.raises(Forbidden):
        directory.list_visible(OPERATOR, {}, 1, 20)
    assert directory.list_visible(COMMUNE, {}, 1, 20)[0] == 1
    assert directory.list_visible(COMMUNE, {"commune_code": "11560"}, 1, 20) == (0, [])
    assert directory.schools.get(SCHOOL_CODE).doc_version == 1 and list(directory.schools.schools) == [SCHOOL_CODE]
