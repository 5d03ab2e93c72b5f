"""Reminding the schools missing from a round by hand: who is in scope (pure), then the API against the real
store — at most once a day per school, in-app and by e-mail, only within the caller's province or commune."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from edu71.auth import Principal, Role
from edu71.orgs import School, SchoolLevel
from edu71_testing import bearer
from notifications.domain.reminders import claim_id, day_of, notice, outstanding

from ..support import routes, THCS_HCM, THPT_HP, TH_HP
from .test_deadlines import DUE, ROUND, TH_2, VN

THCS_HP = School("THCS-10744", "Trường THCS Nguyễn Đại Năng", SchoolLevel.THCS, "10744", "31")
SCHOOLS = [s.as_contract() for s in (TH_HP, THCS_HP, TH_2, THPT_HP, THCS_HCM)]
CITY = Principal("city-31", "Sở GD&ĐT", Role.CITY, "31", "Sở GD&ĐT Hải Phòng", province_code="31")
COMMUNE = Principal("reviewer-10744", "Cán bộ UBND", Role.COMMUNE, "10744", commune_code="10744",
                    province_code="31")


def test_the_city_reminds_every_school_of_the_rounds_levels_missing_in_its_province():
    # THPT is not one of the round's levels; THCS Thị Trấn 2 is in another province; TH Hiến Thành submitted.
    assert [s["code"] for s in outstanding(CITY, ROUND, SCHOOLS, {TH_HP.code})] == [THCS_HP.code, TH_2.code]


def test_a_commune_reminds_only_its_own_schools():
    assert [s["code"] for s in outstanding(COMMUNE, ROUND, SCHOOLS, set())] == [TH_HP.code, THCS_HP.code]
    other_city = Principal("city-79", "Sở GD&ĐT", Role.CITY, "79", province_code="79")
    assert outstanding(other_city, ROUND, SCHOOLS, set()) == []
    school = Principal("u", "Hiệu trưởng", Role.SCHOOL, TH_HP.code, province_code="31", commune_code="10744")
    assert outstanding(school, ROUND, SCHOOLS, set()) == []


def test_one_claim_per_school_and_vietnamese_day():
    # 23:30 UTC on the 9th is already 06:30 on the 10th in Hà Nội: the same day as 20:00 on the 10th.
    assert day_of(datetime(2026, 1, 9, 23, 30, tzinfo=timezone.utc)) == day_of(datetime(2026, 1, 10, 20, 0, tzinfo=VN))
    assert claim_id("rnd-1", TH_HP.code, day_of(datetime(2026, 1, 9, 23, 30, tzinfo=timezone.utc))) == \
        f"rnd-1:{TH_HP.code}:2026-01-10"


def test_reminder_text_names_the_sender_round_and_deadline_in_vietnamese():
    note = notice(CITY, ROUND, TH_HP.as_contract(), datetime(2026, 1, 10, 9, 0, tzinfo=VN))
    assert (note.kind, note.recipient.org_unit, note.recipient.role) == ("round_reminder", TH_HP.code, Role.SCHOOL)
    assert note.title == "Nhắc nộp báo cáo: Sơ kết học kỳ I năm học 2026–2027"
    assert note.body.startswith("Sở GD&ĐT Hải Phòng nhắc Trường Tiểu học Hiến Thành nộp số liệu đợt báo cáo")
    assert "hạn nộp là 17:00 ngày 15/01/2026 (giờ Việt Nam)." in note.body
    assert note.dedupe_base == f"reminder:rnd-1:{TH_HP.code}:2026-01-10"
    late = notice(COMMUNE, ROUND, TH_HP.as_contract(), DUE)
    assert late.body.startswith("UBND xã/phường nhắc") and "(giờ Việt Nam) và đã qua." in late.body


@pytest.mark.integration
class TestRemindersApi:
    @pytest.fixture
    def known(self, wiring, directory, indicator_events):
        wired = wiring
        mapping = routes(wired)
        for school in (TH_HP, THCS_HP, TH_2, THPT_HP, THCS_HCM):
            mapping["SchoolRegistered"](directory.school(school))
        mapping["UserRegistered"](directory.school_user("u-th", TH_HP, email="th@haiphong.edu.vn"))
        mapping["UserRegistered"](directory.school_user("u-thcs", THCS_HP, email="thcs@haiphong.edu.vn"))
        mapping["ReportingRoundOpened"](indicator_events.round_opened(
            "rnd-1", opens_at="2026-01-01T07:00:00+07:00", due_at="2026-01-15T17:00:00+07:00",
            closes_at="2026-01-31T23:59:00+07:00"))
        wired.notices.indicator_reported(indicator_events.submitted(TH_2, "rnd-1"))
        return mapping

    @pytest.fixture
    def client(self, known, service_settings, clock):
        from notifications.app import create_app

        return create_app(service_settings, clock).test_client()

    def test_twice_in_a_day_reminds_once_then_again_the_next_day(self, client, tokens, clock, wiring, smtp_sink):
        from notifications.adapters.documents import Notification

        queue = wiring.deliveries
        city = bearer(tokens.city("31"))
        clock.now = datetime(2026, 1, 10, 9, 0, tzinfo=VN)
        first = client.post("/rounds/rnd-1/reminders", headers=city)
        assert first.status_code == 200, first.json
        assert first.json == {"reminded": 2, "already_reminded_today": 0, "outstanding": 2}
        clock.now = datetime(2026, 1, 10, 22, 0, tzinfo=VN)
        assert client.post("/rounds/rnd-1/reminders", headers=city).json == {
            "reminded": 0, "already_reminded_today": 2, "outstanding": 2}
        # A commune pressing it the same day reminds no one again either.
        again = client.post("/rounds/rnd-1/reminders", headers=bearer(tokens.commune("10744", "31")))
        assert again.json == {"reminded": 0, "already_reminded_today": 2, "outstanding": 2}
        notes = Notification.objects(kind="round_reminder")
        assert sorted(n.recipient_org_unit for n in notes) == [TH_HP.code, THCS_HP.code]
        school = client.get("/inbox", headers=bearer(tokens.school(TH_HP))).json
        reminders = [i for i in school["items"] if i["kind"] == "round_reminder"]  # beside the round-opened notice
        assert [i["title"] for i in reminders] == ["Nhắc nộp báo cáo: Sơ kết học kỳ I năm học 2026–2027"]
        queue.run_once()
        reminded = [e.rcpt_tos[0] for e, m in zip(smtp_sink.received, smtp_sink.messages()) if "Nhắc nộp" in m["Subject"]]
        assert sorted(reminded) == ["th@haiphong.edu.vn", "thcs@haiphong.edu.vn"]

        clock.now = datetime(2026, 1, 11, 8, 0, tzinfo=VN)
        assert client.post("/rounds/rnd-1/reminders", headers=city).json["reminded"] == 2
        assert Notification.objects(kind="round_reminder").count() == 4

    def test_a_claim_whose_fan_out_died_is_finished_by_the_next_request(self, client, tokens, clock):
        from edu71.bus.outbox import save_with_events
        from notifications.adapters.documents import Notification
        from notifications.adapters.documents import RoundReminder

        clock.now = datetime(2026, 1, 10, 9, 0, tzinfo=VN)
        save_with_events(RoundReminder(id=f"rnd-1:{TH_HP.code}:2026-01-10", round_id="rnd-1", school_code=TH_HP.code,
                                       day="2026-01-10", requested_by="city-31", requested_role="city",
                                       claimed_at=clock.now))
        body = client.post("/rounds/rnd-1/reminders", headers=bearer(tokens.commune("10744", "31"))).json
        assert body == {"reminded": 1, "already_reminded_today": 1, "outstanding": 2}
        assert sorted(n.recipient_org_unit for n in Notification.objects(kind="round_reminder")) == [
            TH_HP.code, THCS_HP.code]

    def test_out_of_scope_unknown_closed_and_school_callers_are_refused(self, client, tokens, clock):
        from notifications.adapters.documents import Notification

        clock.now = datetime(2026, 1, 10, 9, 0, tzinfo=VN)
        other_city = client.post("/rounds/rnd-1/reminders", headers=bearer(tokens.city("79")))
        assert other_city.status_code == 404 and other_city.json["detail"] == (
            "Không tìm thấy đợt báo cáo trong phạm vi của bạn.")
        assert client.post("/rounds/rnd-x/reminders", headers=bearer(tokens.city("31"))).status_code == 404
        other_commune = client.post("/rounds/rnd-1/reminders", headers=bearer(tokens.commune("27496", "79")))
        assert other_commune.status_code == 404
        for token in (tokens.school(TH_HP), tokens.operator()):
            assert client.post("/rounds/rnd-1/reminders", headers=bearer(token)).status_code == 403
        assert client.post("/rounds/rnd-1/reminders").status_code == 401
        clock.now = datetime(2026, 2, 1, 9, 0, tzinfo=VN)
        closed = client.post("/rounds/rnd-1/reminders", headers=bearer(tokens.city("31")))
        assert closed.status_code == 409 and "đã đóng" in closed.json["detail"]
        assert Notification.objects(kind="round_reminder").count() == 0
