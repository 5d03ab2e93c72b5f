"""The notifications use cases against in-memory repositories: no store, no broker, no HTTP, no SMTP.

The in-memory repositories pass the same contract suite as the store's (tests/integration/test_repositories.py);
the channels are recording senders.
"""
from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest

from edu71.auth import Principal, Role
from edu71.errors import Conflict, Forbidden, Invalid, NotFound
from notifications.adapters.mail import SendFailed
from notifications.domain.kinds import Kind

from ..support import TH_HP, THCS_HCM, THPT_HP, FakeClock, routes

SCHOOL = Principal(user_id="u-hoa", name="Nguyễn Thị Hoa", role=Role.SCHOOL, org_unit=THCS_HCM.code,
                   commune_code=THCS_HCM.commune_code, province_code="79", school_level="thcs")
COMMUNE = Principal(user_id="u-xa", name="UBND", role=Role.COMMUNE, org_unit=THCS_HCM.commune_code,
                    commune_code=THCS_HCM.commune_code, province_code="79")
OTHER_COMMUNE = Principal(user_id="u-xa2", name="UBND", role=Role.COMMUNE, org_unit="10744", commune_code="10744",
                          province_code="31")
CITY_HP = Principal(user_id="u-so", name="Sở", role=Role.CITY, org_unit="31", province_code="31")
ADMIN = Principal(user_id="u-admin", name="Quản trị", role=Role.ADMIN, org_unit="edu71")
OPERATOR = Principal(user_id="u-op", name="Vận hành", role=Role.OPERATOR, org_unit="edu71")


class Channel:
    """A sender that records what it was given, failing the first ``failures`` calls."""

    def __init__(self, failures: int = 0, permanent: bool = False):
        self.failures, self.permanent, self.sent, self.calls = failures, permanent, [], 0

    def __call__(self, delivery) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise SendFailed("Máy chủ thư không phản hồi", permanent=self.permanent)
        self.sent.append(delivery.id)


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 1, 8, 1, 0, tzinfo=timezone.utc))  # 08:00 on 08/01/2026, Vietnam time


@pytest.fixture
def mail():
    return Channel()


@pytest.fixture
def wired(clock, mail):
    from edu71.config import platform_settings
    from notifications import bootstrap, config

    settings = config.Settings(platform=platform_settings("notifications"),
                               delivery=config.DeliverySettings(max_attempts=3, backoff_base=60, backoff_max=600))
    return bootstrap.use_cases(settings, clock, repositories=bootstrap.Repositories.in_memory(),
                               channels={"email": mail, "webhook": Channel()})


def register(wired, *events):
    table = routes(wired)
    for event in events:
        table[event.name](event)


def returned(plan_events, school=THCS_HCM, **kw):
    return plan_events.returned(school, [{"anchor_kind": "plan", "anchor": "", "text": "Bổ sung chỉ tiêu."}], **kw)


# -- the inbox ------------------------------------------------------------------------------------

def test_a_notice_reaches_the_units_inbox_once_and_only_its_reader_marks_it_read(wired, plan_events, clock):
    event = returned(plan_events)
    assert wired.notices.plan_event(event) == 1
    assert wired.notices.plan_event(event) == 0  # redelivered
    total, [item], unread = wired.inbox.page(SCHOOL, 1, 10)
    assert (total, unread, item.kind, item.read_at) == (1, 1, Kind.PLAN_RETURNED, None)

    with pytest.raises(NotFound) as refused:
        wired.inbox.mark_read(COMMUNE, item.id)
    assert refused.value.message == "Không tìm thấy thông báo."
    with pytest.raises(NotFound):
        wired.inbox.mark_read(SCHOOL, "ntf-unknown")

    read = wired.inbox.mark_read(SCHOOL, item.id)
    clock.advance(hours=1)
    again = wired.inbox.mark_read(SCHOOL, item.id)
    assert read.read_at == again.read_at == datetime(2026, 1, 8, 1, 0, tzinfo=timezone.utc)
    assert again.doc_version == 2  # read once: one new version, none for the second time
    assert wired.inbox.unread_count(SCHOOL) == 0
    events = wired.repositories.inbox.events[item.id]
    assert [e.name for e in events] == ["NotificationDelivered"]


def test_a_muted_kind_is_hidden_from_the_caller_and_cannot_be_marked(wired, plan_events):
    wired.notices.plan_event(returned(plan_events))
    wired.notices.plan_event(plan_events.approved(THCS_HCM, plan_id="pln-2"))
    wired.preferences.put(SCHOOL, {"muted": [Kind.PLAN_RETURNED]})
    total, [item], unread = wired.inbox.page(SCHOOL, 1, 10)
    assert (total, unread, item.kind) == (1, 1, Kind.PLAN_APPROVED)
    hidden = [n for n in wired.repositories.inbox.docs.values() if n.kind == Kind.PLAN_RETURNED][0]
    with pytest.raises(NotFound):
        wired.inbox.mark_read(SCHOOL, hidden.id)


# -- preferences ---------------------------------------------------------------------------------------

def test_invalid_preferences_are_a_domain_error_naming_each_field_and_store_nothing(wired):
    with pytest.raises(Invalid) as refused:
        wired.preferences.put(SCHOOL, {"channels": {"plan_approved": {"in_app": False}, "nope": {"email": False}},
                                       "muted": ["khong_co"]})
    assert refused.value.message == "Cài đặt thông báo không hợp lệ."
    assert [e.field for e in refused.value.errors] == ["channels.plan_approved.in_app", "channels.nope", "muted.0"]
    assert wired.preferences.get(SCHOOL)["muted"] == []

    view = wired.preferences.put(SCHOOL, {"channels": {"plan_approved": {"email": False}}})
    assert view["channels"]["plan_approved"] == {"in_app": True, "email": False}
    assert wired.preferences.get(SCHOOL) == view and view["user_id"] == "u-hoa"


# -- e-mail: who receives it, and the queue that sends it ---------------------------------------------------

def test_email_goes_to_each_active_user_who_wants_it_once(wired, directory, plan_events, mail):
    register(wired, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"),
             directory.school_user("u-an", THCS_HCM, email="an@thcs.edu.vn"),
             directory.school_user("u-cu", THCS_HCM, email="cu@thcs.edu.vn", active=False),
             directory.school_user("u-khac", TH_HP, email="khac@th.edu.vn"))
    wired.preferences.put(Principal(user_id="u-an", name="An", role=Role.SCHOOL, org_unit=THCS_HCM.code),
                          {"channels": {"plan_returned": {"email": False}}})
    event = returned(plan_events)
    wired.notices.plan_event(event)
    wired.notices.plan_event(event)
    assert wired.deliveries.run_once() == 1
    [sent] = mail.sent
    assert wired.repositories.deliveries.get(sent).address == "hoa@thcs.edu.vn"
    assert wired.deliveries.run_once() == 0


def test_delivered_mail_is_forgotten_after_the_retention_and_its_replayed_event_sends_nothing(
        wired, directory, plan_events, mail, clock):
    register(wired, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"))
    event = returned(plan_events)
    wired.notices.plan_event(event)
    assert wired.deliveries.run_once() == 1 and len(mail.sent) == 1
    assert wired.deliveries.forget_delivered() == 0
    clock.now = datetime.fromisoformat(event.time) + timedelta(days=91)
    assert wired.deliveries.forget_delivered() == 1
    assert wired.repositories.deliveries.get(mail.sent[0]) is None
    wired.notices.plan_event(event)  # a consumer group reading the topic from its start
    assert wired.deliveries.run_once() == 0 and len(mail.sent) == 1


def test_a_failing_server_is_retried_after_the_backoff_then_the_failure_is_recorded(wired, directory, plan_events,
                                                                                     clock, mail):
    mail.failures = 5
    register(wired, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"))
    wired.notices.plan_event(returned(plan_events))
    assert wired.deliveries.run_once() == 1
    assert wired.deliveries.run_once() == 0  # not due before the backoff
    clock.advance(seconds=60)
    assert wired.deliveries.run_once() == 1
    clock.advance(seconds=120)
    assert wired.deliveries.run_once() == 1
    [delivery] = wired.repositories.deliveries.docs.values()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("failed", 3, "Máy chủ thư không phản hồi")
    [event] = wired.repositories.deliveries.events[delivery.id]
    assert (event.name, event.data["status"], event.data["attempts"]) == ("NotificationDelivered", "failed", 3)
    assert wired.repositories.deliveries.waiting() == {}


# -- webhooks and the delivery log ----------------------------------------------------------------------------

def test_webhooks_belong_to_a_unit_and_refusals_are_domain_errors(wired):
    with pytest.raises(Invalid) as refused:
        wired.webhooks.create(ADMIN, {"url": "https://nhan.vn/a"})
    assert [e.as_dict() for e in refused.value.errors] == [{"field": "org_unit",
                                                           "message": "Bắt buộc với quản trị viên."}]
    with pytest.raises(Forbidden):
        wired.webhooks.create(COMMUNE, {"url": "https://nhan.vn/a", "org_unit": "10744"})

    own, secret = wired.webhooks.create(COMMUNE, {"url": "https://nhan.vn/a", "kinds": [Kind.PLAN_SUBMITTED]})
    other, _ = wired.webhooks.create(ADMIN, {"url": "https://nhan.vn/b", "org_unit": "10744", "role": "commune"})
    assert secret.startswith("whsec_") and wired.repositories.webhooks.secret_of(own.id) == secret
    assert [h.id for h in wired.webhooks.list(COMMUNE)] == [own.id]
    assert {h.id for h in wired.webhooks.list(ADMIN)} == {own.id, other.id}
    with pytest.raises(NotFound) as missing:
        wired.webhooks.delete(COMMUNE, other.id)
    assert missing.value.message == "Không tìm thấy webhook."
    wired.webhooks.delete(COMMUNE, own.id)
    assert wired.webhooks.list(COMMUNE) == []


def test_a_units_webhook_gets_the_kinds_it_asked_for(wired, plan_events):
    hook, _ = wired.webhooks.create(COMMUNE, {"url": "https://nhan.vn/a", "kinds": [Kind.PLAN_SUBMITTED]})
    wired.notices.plan_submitted(plan_events.submitted(THCS_HCM))
    wired.notices.plan_event(plan_events.approved(THCS_HCM))  # to the school: not the commune's
    [delivery] = wired.repositories.deliveries.docs.values()
    assert (delivery.channel, delivery.webhook_id, delivery.kind) == ("webhook", hook.id, Kind.PLAN_SUBMITTED)


def test_the_delivery_log_shows_each_role_its_scope_and_operators_nothing(wired, directory, plan_events):
    register(wired, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"),
             directory.commune_user("u-xa", THCS_HCM.commune_code, "79", email="xa@ubnd.vn"),
             directory.city_user("u-so", "79", email="so@sgd.vn"))
    wired.notices.plan_submitted(plan_events.submitted(THCS_HCM))  # the commune's notice and the school's receipt
    with pytest.raises(Forbidden):
        wired.delivery_log.list(OPERATOR, 1, 20, None, None)
    assert wired.delivery_log.list(ADMIN, 1, 20, None, None)[0] == 2
    total, items = wired.delivery_log.list(COMMUNE, 1, 20, None, "email")
    assert total == 2 and {d.recipient_role for d in items} == {"commune", "school"}
    assert [d.recipient_role for d in wired.delivery_log.list(SCHOOL, 1, 20, "pending", None)[1]] == ["school"]
    assert wired.delivery_log.list(SCHOOL, 1, 20, "failed", None)[0] == 0


def test_an_administrator_reads_one_provinces_log_and_no_one_else_names_another(wired, directory, plan_events):
    register(wired, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"),
             directory.school_user("u-khac", TH_HP, email="khac@th.edu.vn"))
    wired.notices.plan_event(returned(plan_events))
    wired.notices.plan_event(returned(plan_events, school=TH_HP, plan_id="pln-2"))
    assert wired.delivery_log.list(ADMIN, 1, 20, None, None)[0] == 2
    total, items = wired.delivery_log.list(ADMIN, 1, 20, None, None, "31")
    assert total == 1 and [d.address for d in items] == ["khac@th.edu.vn"]
    assert wired.delivery_log.list(ADMIN, 1, 20, None, None, "01")[0] == 0
    assert wired.delivery_log.list(CITY_HP, 1, 20, None, None, "31")[0] == 1
    with pytest.raises(Forbidden) as refused:
        wired.delivery_log.list(CITY_HP, 1, 20, None, None, "79")
    assert "tỉnh/thành phố của mình" in refused.value.message


def test_each_roles_log_shows_a_retried_delivery_under_one_status_at_a_time(wired, directory, plan_events, clock,
                                                                            mail):
    mail.failures = 1
    register(wired, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"))
    wired.notices.plan_event(returned(plan_events))
    city_hcm = dataclasses.replace(CITY_HP, user_id="u-so-79", org_unit="79", province_code="79")

    def statuses(principal) -> dict[str, int]:
        counts = {status: wired.delivery_log.list(principal, 1, 20, status, None)[0]
                  for status in ("pending", "delivered", "failed")}
        assert wired.delivery_log.list(principal, 1, 20, None, None)[0] == sum(counts.values())
        return {status: count for status, count in counts.items() if count}

    for step, expected in ((None, {"pending": 1}), (0, {"pending": 1}), (60, {"delivered": 1})):
        if step is not None:
            clock.advance(seconds=step)
            wired.deliveries.run_once()
        for principal in (SCHOOL, COMMUNE, city_hcm, ADMIN):
            assert statuses(principal) == expected, (step, principal.role)
        assert statuses(CITY_HP) == {} and statuses(OTHER_COMMUNE) == {}


# -- rounds: their notices, reminders asked for, the schedule --------------------------------------------------

@pytest.fixture
def hai_phong(wired, directory, indicator_events, clock):
    """Schools of Hải Phòng and an open round of primary and lower-secondary schools, due in a week."""
    second = dataclasses.replace(TH_HP, code="HP-TH-2", name="Trường Tiểu học Số 2")
    register(wired, *[directory.school(s) for s in (TH_HP, second, THPT_HP, THCS_HCM)])
    now = clock()
    opened = indicator_events.round_opened("rnd-1", opens_at=(now - timedelta(days=1)).isoformat(),
                                           due_at=(now + timedelta(days=7)).isoformat(),
                                           closes_at=(now + timedelta(days=30)).isoformat())
    return opened, second


def test_an_opened_round_tells_its_schools_once_and_a_late_older_event_tells_no_one(wired, hai_phong,
                                                                                   indicator_events, clock):
    opened, second = hai_phong
    assert wired.notices.round_opened(opened) == 2  # two primary schools of Hải Phòng; not THPT, not HCM
    assert wired.notices.round_opened(opened) == 0
    now = clock()
    extended = indicator_events.round_opened("rnd-1", opens_at=(now - timedelta(days=1)).isoformat(),
                                             due_at=(now + timedelta(days=9)).isoformat(),
                                             closes_at=(now + timedelta(days=30)).isoformat())
    overtaken = dataclasses.replace(indicator_events.round_opened(
        "rnd-1", opens_at=(now - timedelta(days=1)).isoformat(), due_at=(now + timedelta(days=8)).isoformat(),
        closes_at=(now + timedelta(days=30)).isoformat()), time="2020-01-01T00:00:00Z")  # an older extension
    assert wired.notices.round_opened(extended) == 2  # a new deadline is news
    assert wired.notices.round_opened(overtaken) == 0  # arriving after the newer one
    assert wired.repositories.rounds.get("rnd-1").due_at == now + timedelta(days=9)


def test_reminders_asked_for_go_once_a_day_to_the_schools_missing(wired, hai_phong, indicator_events, clock):
    opened, second = hai_phong
    wired.notices.round_opened(opened)
    wired.notices.indicator_reported(indicator_events.submitted(second, "rnd-1"))
    with pytest.raises(NotFound) as refused:
        wired.reminders.remind(CITY_HP, "rnd-unknown")
    assert refused.value.message == "Không tìm thấy đợt báo cáo trong phạm vi của bạn."
    with pytest.raises(NotFound):
        wired.reminders.remind(dataclasses.replace(CITY_HP, org_unit="79", province_code="79"), "rnd-1")

    assert wired.reminders.remind(CITY_HP, "rnd-1") == {"reminded": 1, "already_reminded_today": 0,
                                                        "outstanding": 1}
    assert wired.reminders.remind(OTHER_COMMUNE, "rnd-1") == {"reminded": 0, "already_reminded_today": 1,
                                                              "outstanding": 1}
    clock.advance(days=1)
    assert wired.reminders.remind(CITY_HP, "rnd-1")["reminded"] == 1
    reminded = [n for n in wired.repositories.inbox.docs.values() if n.kind == Kind.ROUND_REMINDER]
    assert [n.recipient_org_unit for n in reminded] == [TH_HP.code, TH_HP.code]

    clock.advance(days=40)
    with pytest.raises(Conflict) as closed:
        wired.reminders.remind(CITY_HP, "rnd-1")
    assert closed.value.message == "Đợt báo cáo chưa mở hoặc đã đóng nên không gửi lời nhắc."


def test_the_schedule_claims_each_deadline_reminder_once_and_the_reminder_skips_who_submitted(
        wired, hai_phong, indicator_events, clock):
    opened, second = hai_phong
    wired.notices.round_opened(opened)
    assert wired.scheduler.tick()["reminders"] == 2  # 7 days left: both primary schools
    assert wired.scheduler.tick()["reminders"] == 0
    reminders = wired.repositories.claims.events()
    assert sorted(e.data["school"]["code"] for e in reminders) == sorted([TH_HP.code, second.code])
    assert {(e.name, e.data["kind"], e.data["days_left"]) for e in reminders} == {
        ("DeadlineApproaching", "due_in_7_days", 7)}

    wired.notices.indicator_reported(indicator_events.submitted(second, "rnd-1"))
    told = {e.data["school"]["code"]: wired.notices.deadline_approaching(e) for e in reminders}
    assert told == {TH_HP.code: 1, second.code: 0}


def test_the_city_gets_one_digest_a_day_from_seven_oclock(wired, hai_phong, clock):
    opened, _ = hai_phong
    wired.notices.round_opened(opened)
    clock.now = datetime(2026, 1, 8, 23, 30, tzinfo=timezone.utc)  # 06:30 on 09/01, Vietnam time
    assert wired.scheduler.tick()["digests"] == 0
    clock.advance(hours=1)
    assert wired.scheduler.tick()["digests"] == 1
    assert wired.scheduler.tick()["digests"] == 0
    [digest] = [n for n in wired.repositories.inbox.docs.values() if n.kind == Kind.DAILY_DIGEST]
    assert (digest.recipient_org_unit, digest.recipient_role) == ("31", "city")
    assert digest.title == "Tổng hợp tiến độ nộp báo cáo ngày 09/01/2026"


# -- projections --------------------------------------------------------------------------------------------

def test_alerts_follow_the_latest_catalogue_and_tell_once(wired, directory, indicator_events):
    register(wired, indicator_events.catalogue(version=2, dropout_threshold=1.0),
             indicator_events.catalogue(version=1, dropout_threshold=0.5))  # the older one arrives late
    assert wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1", dropout=(3, 400))) == 0
    assert wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1", dropout=(5, 400))) == 2
    assert wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1", dropout=(6, 400),
                                                                       revision=2)) == 0
    assert wired.repositories.submissions.has("rnd-1", TH_HP.code)
