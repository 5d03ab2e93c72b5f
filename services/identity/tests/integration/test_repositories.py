"""The repositories' contract, run against the real store and against the in-memory twins the use-case tests use.

Whatever passes here may stand in for the store in a use-case test: the same answers, the same refusals.
"""
from __future__ import annotations

import time

import pytest

from edu71.bus.outbox import StaleDocument
from identity.domain.lockout import Limit, bucket_of, window

pytestmark = pytest.mark.integration


@pytest.fixture(params=["store", "memory"])
def kind(request):
    if request.param == "store":
        request.getfixturevalue("client")  # the app connects to this test's fresh databases
    return request.param


@pytest.fixture
def users(kind):
    from identity.adapters.users import InMemoryUsers, Users

    return Users() if kind == "store" else InMemoryUsers()


@pytest.fixture
def schools(kind):
    from identity.adapters.schools import InMemorySchools, Schools

    return Schools() if kind == "store" else InMemorySchools()


@pytest.fixture
def emails(kind):
    from identity.adapters.emails import EmailClaims, InMemoryEmailClaims

    return EmailClaims() if kind == "store" else InMemoryEmailClaims()


@pytest.fixture
def failures(kind):
    from identity.adapters.attempts import FailedSignIns, InMemoryFailedSignIns

    return FailedSignIns(cap=4) if kind == "store" else InMemoryFailedSignIns(cap=4)


@pytest.fixture
def known_clients(kind):
    from identity.adapters.attempts import InMemoryKnownClients, KnownClients

    return KnownClients(keep_days=90) if kind == "store" else InMemoryKnownClients(keep_days=90)


def new_user(user_id="u-1", role="school", org_unit="HP-TH-HIENTHANH", name="Đỗ Minh Tuấn"):
    from identity.adapters.documents import User
    from identity.domain.accounts import OrgUnit

    user = User(id=user_id, name=name, email=f"{user_id}@hienthanh.edu.vn", role=role, password_hash="$argon2id$x")
    user.set_org(OrgUnit("school", org_unit, "Trường Tiểu học Hiến Thành", commune_code="10744",
                         province_code="31", school_level="tieu_hoc"))
    return user


def new_school(code="HP-TH-HIENTHANH", commune="10744", province="31", level="tieu_hoc", active=True):
    from identity.adapters.documents import School

    return School(code=code, name=f"Trường {code}", commune_code=commune, province_code=province, level=level,
                  active=active)


def test_an_account_reads_back_as_written_and_a_second_first_one_is_refused(users):
    from identity.adapters.users import UserExists

    assert users.get("u-1") is None
    saved = users.save(new_user())
    assert saved.doc_version == 1
    read = users.get("u-1")
    assert (read.doc_version, read.name, read.org_unit, read.province_code) == (1, "Đỗ Minh Tuấn",
                                                                                "HP-TH-HIENTHANH", "31")
    assert read.search == "do minh tuan u-1@hienthanh.edu.vn"  # kept for searching, as the store's clean() sets it
    with pytest.raises(UserExists):
        users.save(new_user(name="Người khác"))
    assert users.get("u-1").name == "Đỗ Minh Tuấn"


def test_a_change_made_from_an_old_version_is_refused_and_nothing_is_written(users):
    users.save(new_user())
    first, second = users.get("u-1"), users.get("u-1")
    first.name = "Đỗ Minh Tuấn (1)"
    assert users.save(first).doc_version == 2
    second.name = "Đỗ Minh Tuấn (2)"
    with pytest.raises(StaleDocument):
        users.save(second)
    later = users.get("u-1")
    later.name = "Đỗ Minh Tuấn (3)"
    with pytest.raises(StaleDocument):
        users.save(later, expected_version=1)
    read = users.get("u-1")
    assert (read.doc_version, read.name) == (2, "Đỗ Minh Tuấn (1)")


def test_the_nations_accounts_are_every_provinces_and_the_platforms_in_name_order(users):
    from identity.domain.accounts import OrgUnit

    users.save(new_user("u-1", name="Hoàng Thị Hoa"))
    hcm = new_user("u-2", name="Đỗ Văn Bình")
    hcm.set_org(OrgUnit("school", "HCM-THCS-1", "Trường THCS Thị Trấn 2", commune_code="27496", province_code="79",
                        school_level="thcs"))
    users.save(hcm)
    platform = new_user("u-3", role="operator", name="Vận Hành")
    platform.set_org(OrgUnit("platform", "edu71", "Nền tảng Edu71"))
    users.save(platform)

    def names(restriction: dict, text: str = "", page: int = 1, size: int = 10) -> tuple[int, list[str]]:
        total, found = users.page(restriction, text, page, size)
        return total, [u.name for u in found]

    assert names({}) == (3, ["Đỗ Văn Bình", "Hoàng Thị Hoa", "Vận Hành"])
    assert names({}, page=2, size=2) == (3, ["Vận Hành"])
    assert names({"role": "school"}) == (2, ["Đỗ Văn Bình", "Hoàng Thị Hoa"])
    assert names({}, "thi tran") == (1, ["Đỗ Văn Bình"])
    assert names({"province_code": "79"}) == (1, ["Đỗ Văn Bình"])


def test_the_accounts_of_a_school_are_its_school_accounts_only(users):
    users.save(new_user("u-1"))
    users.save(new_user("u-2"))
    users.save(new_user("u-3", org_unit="HP-THCS-KHAC"))
    other = new_user("u-4", role="commune")
    other.org_unit = "HP-TH-HIENTHANH"  # a commune account never belongs to a school, whatever its unit code
    users.save(other)
    assert sorted(users.of_school("HP-TH-HIENTHANH")) == ["u-1", "u-2"]
    assert users.of_school("HP-KHONG-CO") == []


def test_a_school_reads_back_and_a_duplicate_or_stale_change_is_refused(schools):
    from identity.adapters.schools import SchoolExists

    assert schools.get("HP-TH-HIENTHANH") is None
    assert schools.save(new_school()).doc_version == 1
    with pytest.raises(SchoolExists):
        schools.save(new_school(level="thcs"))
    first, second = schools.get("HP-TH-HIENTHANH"), schools.get("HP-TH-HIENTHANH")
    first.name = "Trường mới"
    assert schools.save(first, expected_version=1).doc_version == 2
    second.name = "Trường cũ"
    with pytest.raises(StaleDocument):
        schools.save(second, expected_version=1)
    read = schools.get("HP-TH-HIENTHANH")
    assert (read.doc_version, read.name, read.level) == (2, "Trường mới", "tieu_hoc")


def test_a_page_of_schools_matches_every_filter_in_code_order(schools):
    for code, commune, province, level, active in [
            ("S3", "10744", "31", "thcs", True), ("S1", "10744", "31", "tieu_hoc", True),
            ("S2", "10744", "31", "thcs", False), ("S4", "11560", "31", "thcs", True),
            ("S5", "27496", "79", "thcs", True)]:
        schools.save(new_school(code, commune, province, level, active))
    total, page = schools.page({"province_code": "31"}, 1, 2)
    assert total == 4 and [s.code for s in page] == ["S1", "S2"]
    total, page = schools.page({"province_code": "31"}, 2, 2)
    assert total == 4 and [s.code for s in page] == ["S3", "S4"]
    total, page = schools.page({"commune_code": "10744", "level": "thcs", "active": True}, 1, 10)
    assert total == 1 and [s.code for s in page] == ["S3"]
    assert schools.page({"code": "S5"}, 1, 10)[0] == 1
    assert schools.page({"province_code": "01"}, 1, 10) == (0, [])


def test_an_address_has_one_holder_until_it_releases_it(emails):
    def exists(user_id):
        return True

    assert emails.owner("hoa@hienthanh.edu.vn") is None
    assert emails.claim("hoa@hienthanh.edu.vn", "u-1", exists)
    assert emails.claim("hoa@hienthanh.edu.vn", "u-1", exists)  # its holder claiming again keeps it
    assert not emails.claim("hoa@hienthanh.edu.vn", "u-2", exists)
    emails.release("hoa@hienthanh.edu.vn", "u-2")  # only the holder releases
    assert emails.owner("hoa@hienthanh.edu.vn") == "u-1"
    emails.release("hoa@hienthanh.edu.vn", "u-1")
    assert emails.owner("hoa@hienthanh.edu.vn") is None
    assert emails.claim("hoa@hienthanh.edu.vn", "u-2", exists)
    assert emails.owner("hoa@hienthanh.edu.vn") == "u-2"


def test_a_claim_whose_account_was_never_written_is_taken_over_only_after_a_while(emails):
    from datetime import datetime, timedelta, timezone

    now = datetime.now(timezone.utc).replace(microsecond=0)
    accounts = {"u-1"}

    def exists(user_id):
        return user_id in accounts

    assert emails.claim("hoa@hienthanh.edu.vn", "u-1", exists, now - timedelta(minutes=5))
    assert not emails.claim("hoa@hienthanh.edu.vn", "u-2", exists, now)  # its account exists: it stays
    accounts.clear()  # the writer died before writing the account
    assert emails.claim("lan@hienthanh.edu.vn", "u-3", exists, now - timedelta(seconds=30))
    assert not emails.claim("lan@hienthanh.edu.vn", "u-4", exists, now)  # too recent: its writer may be at work
    assert emails.claim("hoa@hienthanh.edu.vn", "u-2", exists, now)
    assert (emails.owner("hoa@hienthanh.edu.vn"), emails.owner("lan@hienthanh.edu.vn")) == ("u-2", "u-3")


def test_failures_are_counted_per_key_and_minute_up_to_enough_and_the_cap(failures):
    now = (int(time.time()) // 60) * 60 + 30.0
    key = "pair:hoa@hienthanh.edu.vn|203.0.113.1"
    for _ in range(2):
        failures.record(key, now - 120)
    for _ in range(6):  # two beyond the cap: the key is locked long before
        failures.record(key, now)
    failures.record("client:203.0.113.1", now)
    limit = Limit(max_failures=10, window_seconds=15 * 60)
    assert failures.counts(key, window(now, limit), 10) == {bucket_of(now): 4, bucket_of(now - 120): 2}
    # Probing stops once enough are found, newest minute first.
    assert failures.counts(key, window(now, limit), 3) == {bucket_of(now): 3}
    assert failures.counts(key, window(now, Limit(10, 60)), 10) == {bucket_of(now): 4}
    assert failures.counts("pair:nobody|203.0.113.1", window(now, limit), 10) == {}


def test_failures_that_no_longer_count_are_purged(failures):
    now = time.time()
    failures.record("email:hoa@hienthanh.edu.vn", now - 20 * 60)
    failures.record("email:hoa@hienthanh.edu.vn", now - 60)
    assert failures.purge(15 * 60, now) == 1
    assert failures.purge(15 * 60, now) == 0
    assert failures.counts("email:hoa@hienthanh.edu.vn", window(now, Limit(10)), 10) == {bucket_of(now - 60): 1}


def test_a_client_is_known_after_a_success_until_it_is_not_seen_for_long(known_clients):
    now = time.time()
    assert not known_clients.known("hoa@hienthanh.edu.vn", "203.0.113.1")
    known_clients.remember("hoa@hienthanh.edu.vn", "203.0.113.1", now - 100 * 86400)
    known_clients.remember("hoa@hienthanh.edu.vn", "203.0.113.2", now - 86400)
    known_clients.remember("hoa@hienthanh.edu.vn", "203.0.113.2", now - 86400)  # a second success writes the same
    assert known_clients.known("hoa@hienthanh.edu.vn", "203.0.113.1")
    assert not known_clients.known("lan@hienthanh.edu.vn", "203.0.113.1")
    assert known_clients.purge(now) == 1
    assert not known_clients.known("hoa@hienthanh.edu.vn", "203.0.113.1")
    assert known_clients.known("hoa@hienthanh.edu.vn", "203.0.113.2")
