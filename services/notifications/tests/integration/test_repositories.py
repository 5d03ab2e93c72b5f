"""The repositories' contract, run against the real store and against the in-memory ones the use-case tests use.

Whatever passes here may stand in for the store in a use-case test: the same answers, the same refusals.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from edu71.bus.outbox import StaleDocument

NOW = datetime(2026, 11, 2, 3, 4, 5, tzinfo=timezone.utc)


@pytest.fixture(params=["store", "memory"])
def kind(request):
    if request.param == "store":
        request.getfixturevalue("notifications_settings")  # connected to this test's fresh databases
    return request.param


@pytest.fixture
def repos(kind):
    from notifications.bootstrap import Repositories

    return Repositories() if kind == "store" else Repositories.in_memory()


def notification(n: int, *, unit="THCS1", role="school", kind="plan_approved", minutes=0):
    from notifications.adapters.documents import Notification

    return Notification(id=f"ntf-{n}", dedupe_key=f"evt-{n}:{unit}:in_app", source_event_id=f"evt-{n}",
                        source_event_type="PlanApproved", recipient_org_unit=unit, recipient_role=role, kind=kind,
                        channel="in_app", title=f"Thông báo {n}", body="Nội dung", school_code=unit,
                        occurred_at=NOW + timedelta(minutes=minutes), created_at=NOW)


def delivery(n: int, *, channel="email", role="school", unit="THCS1", commune="11311", minutes=0):
    from notifications.adapters.documents import Delivery

    return Delivery(id=f"dlv-{n}", dedupe_key=f"evt-{n}:u{n}:{channel}", channel=channel, source_event_id=f"evt-{n}",
                    source_event_type="PlanApproved", kind="plan_approved", recipient_user_id=f"u{n}",
                    recipient_org_unit=unit, recipient_role=role, address=f"u{n}@truong.edu.vn", school_code=unit,
                    commune_code=commune, province_code="31", title="Kế hoạch được phê duyệt", body="Nội dung",
                    occurred_at=NOW, created_at=NOW + timedelta(minutes=minutes), status="pending", attempts=0)


# -- the inbox ------------------------------------------------------------------------------------

def test_a_notification_reads_back_as_written_and_a_second_one_with_its_id_is_refused(repos):
    from notifications.adapters.inbox import NotificationExists

    inbox = repos.inbox
    assert inbox.get("ntf-1") is None
    saved = inbox.add(notification(1))
    assert saved.doc_version == 1
    read = inbox.get("ntf-1")
    assert (read.doc_version, read.title, read.read_at) == (1, "Thông báo 1", None)
    with pytest.raises(NotificationExists):
        inbox.add(notification(1))
    assert inbox.page("school", "THCS1", 1, 10, muted=set(), unread_only=False)[0] == 1


def test_an_inbox_page_is_newest_first_without_muted_kinds_and_counts_the_unread(repos):
    inbox = repos.inbox
    for n, kind in enumerate(["plan_approved", "plan_returned", "round_opened", "plan_approved"], 1):
        inbox.add(notification(n, kind=kind, minutes=n))
    inbox.add(notification(9, unit="THCS2"))
    inbox.add(notification(8, role="commune"))

    total, items, unread = inbox.page("school", "THCS1", 1, 2, muted={"round_opened"}, unread_only=False)
    assert (total, [i.id for i in items], unread) == (3, ["ntf-4", "ntf-2"], 3)
    assert [i.id for i in inbox.page("school", "THCS1", 2, 2, muted={"round_opened"}, unread_only=False)[1]] == [
        "ntf-1"]

    first = inbox.get("ntf-4")
    first.read_at = NOW
    inbox.save(first)
    total, items, unread = inbox.page("school", "THCS1", 1, 10, muted=set(), unread_only=True)
    assert (total, [i.id for i in items], unread) == (3, ["ntf-3", "ntf-2", "ntf-1"], 3)
    assert inbox.page("school", "THCS1", 1, 0, muted=set(), unread_only=False)[2] == 3


def test_marking_read_is_a_new_version_and_a_change_from_an_old_one_is_refused(repos):
    inbox = repos.inbox
    inbox.add(notification(1))
    first, second = inbox.get("ntf-1"), inbox.get("ntf-1")
    first.read_at = NOW
    assert inbox.save(first).doc_version == 2
    second.read_at = NOW + timedelta(hours=1)
    with pytest.raises(StaleDocument):
        inbox.save(second)
    read = inbox.get("ntf-1")
    assert read.doc_version == 2 and read.read_at == NOW


# -- deliveries and their queue -----------------------------------------------------------------------

def test_a_delivery_is_stored_once_and_each_outcome_is_a_version(repos):
    from notifications.adapters.deliveries import DeliveryExists

    deliveries = repos.deliveries
    deliveries.add(delivery(1))
    with pytest.raises(DeliveryExists):
        deliveries.add(delivery(1))
    first, second = deliveries.get("dlv-1"), deliveries.get("dlv-1")
    first.attempts, first.status = 1, "delivered"
    assert deliveries.save(first, expected_version=1).doc_version == 2
    second.attempts = 1
    with pytest.raises(StaleDocument):
        deliveries.save(second, expected_version=1)
    assert deliveries.get("dlv-1").status == "delivered"


def test_delivered_deliveries_finished_before_a_moment_are_forgotten_and_failed_ones_kept(repos):
    deliveries = repos.deliveries
    for n, status, finished in ((1, "delivered", 1), (2, "failed", 1), (3, "delivered", 30), (4, "pending", None)):
        deliveries.add(delivery(n, minutes=n))
        if status != "pending":
            found = deliveries.get(f"dlv-{n}")
            found.attempts, found.status, found.finished_at = 1, status, NOW + timedelta(days=finished)
            deliveries.save(found, expected_version=1)
    assert deliveries.forget_delivered(NOW + timedelta(days=10)) == 1
    assert deliveries.get("dlv-1") is None
    assert [deliveries.get(f"dlv-{n}").status for n in (2, 3, 4)] == ["failed", "delivered", "pending"]
    assert [d.id for d in deliveries.page({}, 1, 10)[1]] == ["dlv-4", "dlv-3", "dlv-2"]
    assert deliveries.forget_delivered(NOW + timedelta(days=10)) == 0


def test_the_log_is_restricted_by_fields_and_newest_first(repos):
    deliveries = repos.deliveries
    deliveries.add(delivery(1, minutes=1))
    deliveries.add(delivery(2, minutes=2, role="commune", unit="11311"))
    deliveries.add(delivery(3, minutes=3, role="city", unit="31"))
    deliveries.add(delivery(4, minutes=4, channel="webhook", commune="10744"))

    total, items = deliveries.page({"commune_code": "11311", "recipient_role": ("commune", "school")}, 1, 10)
    assert (total, [d.id for d in items]) == (2, ["dlv-2", "dlv-1"])
    total, items = deliveries.page({"province_code": "31", "channel": "email"}, 1, 2)
    assert (total, [d.id for d in items]) == (3, ["dlv-3", "dlv-2"])
    assert [d.id for d in deliveries.page({}, 2, 3)[1]] == ["dlv-1"]


def test_the_log_shows_a_delivery_under_its_current_status_only_for_every_scope(repos):
    deliveries = repos.deliveries
    deliveries.add(delivery(1, minutes=1))
    deliveries.add(delivery(2, minutes=2, role="commune", unit="11311"))
    above = delivery(3, minutes=3, role="commune", unit="10744", commune="10744")
    above.province_code = None  # a commune's own notice: in no city's log, in the admin's
    deliveries.add(above)

    def outcome(delivery_id: str, status: str, attempts: int) -> None:
        found = deliveries.get(delivery_id)
        found.status, found.attempts = status, attempts
        deliveries.save(found, expected_version=found.doc_version)

    outcome("dlv-1", "pending", 1)  # a retry stays pending
    outcome("dlv-1", "pending", 2)
    outcome("dlv-2", "failed", 3)
    outcome("dlv-3", "delivered", 1)

    def shown(restriction: dict) -> tuple[int, list[str]]:
        total, items = deliveries.page(restriction, 1, 10)
        return total, [d.id for d in items]

    commune = {"commune_code": "11311", "recipient_role": ("commune", "school")}
    assert shown({**commune, "status": "pending"}) == (1, ["dlv-1"])
    assert shown({**commune, "status": "failed"}) == (1, ["dlv-2"])
    assert shown({**commune, "status": "delivered"}) == (0, [])
    assert shown(commune) == (2, ["dlv-2", "dlv-1"])
    assert shown({"recipient_org_unit": "THCS1", "recipient_role": "school", "status": "pending"}) == (1, ["dlv-1"])
    assert shown({"province_code": "31"}) == (2, ["dlv-2", "dlv-1"])
    assert shown({}) == (3, ["dlv-3", "dlv-2", "dlv-1"])
    assert shown({"status": "delivered"}) == (1, ["dlv-3"])
    assert shown({"status": ("delivered", "failed")}) == (2, ["dlv-3", "dlv-2"])
    assert shown({"channel": "email", "status": "pending"}) == (1, ["dlv-1"])
    assert deliveries.get("dlv-1").attempts == 2


def test_the_queue_holds_attempts_until_due_claims_each_once_and_retries_as_new_entries(repos):
    queue = repos.deliveries
    assert queue.put("dlv-1", at=NOW, due=NOW, channel="email")
    assert not queue.put("dlv-1", at=NOW, due=NOW, channel="email")  # already waiting
    assert queue.put("dlv-2", at=NOW, due=NOW + timedelta(minutes=5), channel="webhook")
    assert queue.waiting() == {"email": 1, "webhook": 1}

    assert [e["_id"] for e in queue.ready(10, NOW)] == ["dlv-1"]
    assert [e["_id"] for e in queue.ready(10, NOW + timedelta(minutes=5))] == ["dlv-1", "dlv-2"]

    assert queue.claim("dlv-1:1", NOW, 300)
    assert not queue.claim("dlv-1:1", NOW + timedelta(seconds=10), 300)
    assert queue.claim("dlv-1:1", NOW + timedelta(seconds=301), 300)  # its holder never finished

    entry = queue.ready(10, NOW)[0]
    queue.retry(entry, NOW + timedelta(minutes=1))
    assert queue.ready(10, NOW) == []
    retried = queue.ready(10, NOW + timedelta(minutes=1))[0]
    assert (retried["_id"], retried["key"], retried["try"], retried["channel"]) == ("dlv-1#1", "dlv-1", 1, "email")
    queue.done([retried["_id"], "dlv-2"])
    assert queue.ready(10, NOW + timedelta(days=1)) == [] and queue.waiting() == {}


# -- preferences and webhooks --------------------------------------------------------------------------

def test_preferences_are_the_defaults_until_replaced_whole(repos):
    from notifications.domain.preferences import Preferences

    prefs = repos.preferences
    assert prefs.get("u1") == Preferences()
    prefs.put("u1", Preferences(frozenset({"plan_approved"}), frozenset({"daily_digest"})), NOW)
    prefs.put("u1", Preferences(frozenset({"plan_returned"}), frozenset()), NOW)
    assert prefs.get("u1") == Preferences(frozenset({"plan_returned"}), frozenset())
    assert prefs.get("u2") == Preferences()


def test_webhooks_are_listed_by_unit_oldest_first_and_removed_by_id(repos):
    from notifications.adapters.documents import Webhook

    hooks = repos.webhooks
    for n, (unit, role) in enumerate([("11311", "commune"), ("31", "city"), ("11311", "commune")], 1):
        hooks.add(Webhook(id=f"whk-{n}", org_unit=unit, role=role, url=f"https://nhan.vn/{n}", secret=f"whsec_{n}",
                          kinds=["plan_submitted"] if n == 1 else [], created_by="u1",
                          created_at=NOW + timedelta(minutes=10 - n)))
    assert [h.id for h in hooks.of_unit("11311", "commune")] == ["whk-3", "whk-1"]
    assert [h.id for h in hooks.every()] == ["whk-3", "whk-2", "whk-1"]
    assert hooks.get("whk-1").kinds == ["plan_submitted"] and hooks.get("whk-9") is None
    assert hooks.secret_of("whk-2") == "whsec_2"
    hooks.delete("whk-2")
    assert hooks.get("whk-2") is None and hooks.secret_of("whk-2") is None
    assert [h.id for h in hooks.every()] == ["whk-3", "whk-1"]


# -- projections of other services' records ----------------------------------------------------------

def user(version: int, *, active=True, unit="THCS1", email="hoa@truong.edu.vn"):
    from notifications.adapters.documents import DirectoryUser

    return DirectoryUser(id="u1", version=version, name="Nguyễn Thị Hoa", email=email, role="school", org_unit=unit,
                         org_unit_kind="school", active=active)


def test_the_highest_user_version_wins_whatever_the_order(repos):
    users = repos.users
    assert users.keep(user(2, email="moi@truong.edu.vn"))
    assert not users.keep(user(1))  # late
    assert not users.keep(user(2, email="khac@truong.edu.vn"))  # the same version again
    assert [u.email for u in users.active_of("THCS1", "school")] == ["moi@truong.edu.vn"]
    assert users.active_of("THCS1", "commune") == []
    assert users.keep(user(3, active=False))
    assert users.active_of("THCS1", "school") == []


def test_schools_catalogues_and_rounds_keep_their_latest_revision(repos):
    from notifications.adapters.documents import Catalogue, DirectorySchool, KnownRound

    def school(code, version, province="31", active=True):
        return DirectorySchool(id=code, version=version, name=f"Trường {code}", commune_code="11311",
                               province_code=province, level="thcs", active=active)

    assert repos.schools.keep(school("A", 2))
    assert not repos.schools.keep(school("A", 1, active=False))
    repos.schools.keep(school("B", 1, province="79"))
    repos.schools.keep(school("C", 1, active=False))
    assert sorted(s["code"] for s in repos.schools.active()) == ["A", "B"]
    assert repos.schools.active("31") == [{"code": "A", "name": "Trường A", "commune_code": "11311",
                                           "province_code": "31", "level": "thcs"}]

    limit = {"DROPOUT": {"name": "Tỷ lệ bỏ học", "unit": "%", "value_type": "ratio", "comparator": ">", "value": 1}}
    assert repos.catalogues.thresholds("31") == {}
    repos.catalogues.keep(Catalogue(id="31", version=2, thresholds=limit))
    assert not repos.catalogues.keep(Catalogue(id="31", version=1, thresholds={}))
    assert repos.catalogues.thresholds("31") == limit

    def opened(due_days, event_minutes):
        return KnownRound(id="R1", name="Sơ kết học kỳ I", province_code="31", school_levels=["thcs"],
                          opens_at=NOW, due_at=NOW + timedelta(days=due_days), closes_at=NOW + timedelta(days=30),
                          event_time=NOW + timedelta(minutes=event_minutes))

    assert repos.rounds.get("R1") is None
    assert repos.rounds.keep(opened(7, 10))
    assert not repos.rounds.keep(opened(3, 5))  # an earlier event arriving late
    rnd = repos.rounds.get("R1")
    assert (rnd.round_id, rnd.due_at, rnd.school_levels) == ("R1", NOW + timedelta(days=7), frozenset({"thcs"}))
    assert [r.round_id for r in repos.rounds.every()] == ["R1"]


def test_a_submission_is_noted_once_per_round_and_school(repos):
    from notifications.adapters.documents import RoundSubmission

    def noted(school, round_id="R1"):
        return RoundSubmission(id=f"{round_id}:{school}", round_id=round_id, school_code=school, commune_code="11311",
                               submitted_at=NOW)

    assert repos.submissions.add(noted("A"))
    assert not repos.submissions.add(noted("A"))
    repos.submissions.add(noted("B"))
    repos.submissions.add(noted("A", "R2"))
    assert repos.submissions.schools_of("R1") == {"A", "B"}
    assert repos.submissions.has("R2", "A") and not repos.submissions.has("R2", "B")


# -- claims ----------------------------------------------------------------------------------------------

def test_a_claim_is_won_once_and_found_by_what_it_names(repos):
    from notifications.adapters.documents import DeadlineReminder, DigestRun, RoundReminder

    def reminder(school, due):
        return DeadlineReminder(id=f"R1:{school}:due_in_7_days:{due.isoformat()}", round_id="R1", school_code=school,
                                kind="due_in_7_days", due_at=due, claimed_at=NOW)

    due, moved = NOW + timedelta(days=7), NOW + timedelta(days=9)
    claims = repos.claims
    assert claims.claim(reminder("A", due))
    assert not claims.claim(reminder("A", due))
    claims.claim(reminder("B", moved))
    assert claims.deadline_claims("R1", "due_in_7_days", due) == {"A"}
    assert claims.deadline_claims("R1", "overdue", due) == set()

    assert claims.claim(RoundReminder(id="R1:A:2026-11-02", round_id="R1", school_code="A", day="2026-11-02",
                                      requested_by="u1", requested_role="city", claimed_at=NOW))
    assert not claims.claim(RoundReminder(id="R1:A:2026-11-02", round_id="R1", school_code="A", day="2026-11-02",
                                          requested_by="u2", requested_role="commune", claimed_at=NOW))

    assert claims.digest_run("31:2026-11-02") is None
    assert claims.claim(DigestRun(id="31:2026-11-02", province_code="31", title="Tổng hợp", body="…",
                                  reference={"day": "2026-11-02"}, claimed_at=NOW))
    assert not claims.claim(DigestRun(id="31:2026-11-02", province_code="31", title="Khác", body="…", claimed_at=NOW))
    run = claims.digest_run("31:2026-11-02")
    assert (run.title, run.reference, run.claimed_at) == ("Tổng hợp", {"day": "2026-11-02"}, NOW)
