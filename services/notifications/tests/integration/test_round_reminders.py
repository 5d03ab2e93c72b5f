"""Reminding the schools missing from a round by hand, through the API against the real store — at most once a
day per school, in-app and by e-mail, only within the caller's province or commune."""
from __future__ import annotations

from datetime import datetime

import pytest

from edu71.auth import Principal, Role
from edu71_testing import bearer

from ..support import THCS_HCM, THCS_HP, THPT_HP, TH_2, TH_HP, VN, routes

SCHOOLS = [s.as_contract() for s in (TH_HP, THCS_HP, TH_2, THPT_HP, THCS_HCM)]
CITY = Principal("city-31", "Sở GD&ĐT", Role.CITY, "31", "Sở GD&ĐT Hải Phòng", province_code="31")
COMMUNE = Principal("reviewer-10744", "Cán bộ UBND", Role.COMMUNE, "10744", commune_code="10744",
                    province_code="31")


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
