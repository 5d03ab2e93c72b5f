"""The city's daily digest: once per day per province with several schedulers, in-app and by e-mail, and
finished by the next tick if a process died half-way."""
from __future__ import annotations

import threading
from datetime import datetime

import pytest

from ..support import THCS_HP, TH_2, TH_HP, VN, routes


@pytest.mark.integration
class TestDigest:
    @pytest.fixture
    def known(self, wiring, directory, indicator_events):
        wired = wiring
        mapping = routes(wired)
        for school in (TH_HP, THCS_HP, TH_2):
            mapping["SchoolRegistered"](directory.school(school))
        mapping["UserRegistered"](directory.city_user("u-so", "31", email="so@haiphong.edu.vn", name="Vũ Đức Thắng"))
        mapping["ReportingRoundOpened"](indicator_events.round_opened(
            "rnd-1", opens_at="2026-01-01T07:00:00+07:00", due_at="2026-01-15T17:00:00+07:00",
            closes_at="2026-01-31T23:59:00+07:00"))
        wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1"))
        return mapping

    def test_once_a_day_per_province_in_app_and_by_email(self, known, wiring, service_settings, contracts, clock,
                                                         smtp_sink):
        from notifications.adapters.documents import Notification
        from notifications.bootstrap import use_cases as wire

        queue = wiring.deliveries
        clock.now = datetime(2026, 1, 10, 6, 59, tzinfo=VN)
        schedulers = [wire(service_settings, clock, sending=True).scheduler for _ in range(3)]
        assert schedulers[0].tick()["digests"] == 0  # before 07:00 Vietnam time
        clock.now = datetime(2026, 1, 10, 7, 0, tzinfo=VN)
        barrier = threading.Barrier(len(schedulers))
        results = []

        def tick(s):
            barrier.wait(30)
            results.append(s.tick()["digests"])

        threads = [threading.Thread(target=tick, args=(s,)) for s in schedulers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sum(results) == 1
        clock.advance(hours=5)
        assert schedulers[1].tick()["digests"] == 0
        [note] = Notification.objects(kind="daily_digest")
        assert (note.recipient_org_unit, note.recipient_role) == ("31", "city")
        assert note.title == "Tổng hợp tiến độ nộp báo cáo ngày 10/01/2026"
        assert "1/3 trường đã nộp (33,3 %)" in note.body and "Phường Nguyễn Đại Năng: 1/2 trường (50 %)" in note.body
        queue.run_once()
        assert [e.rcpt_tos for e in smtp_sink.received] == [["so@haiphong.edu.vn"]]
        clock.now = datetime(2026, 1, 11, 7, 30, tzinfo=VN)
        assert schedulers[2].tick()["digests"] == 1
        assert Notification.objects(kind="daily_digest").count() == 2

    def test_a_digest_claimed_by_a_process_that_died_is_finished_by_the_next_tick(self, known, wiring, clock):
        from edu71.bus.outbox import save_with_events
        from notifications.adapters.documents import DigestRun, Notification

        scheduler = wiring.scheduler
        clock.now = datetime(2026, 1, 10, 8, 0, tzinfo=VN)
        save_with_events(DigestRun(id="31:2026-01-10", province_code="31", title="Tổng hợp (đã nhận)",
                                   body="Nội dung đã tính", reference={}, claimed_at=clock.now))
        assert scheduler.tick()["digests"] == 1
        [note] = Notification.objects(kind="daily_digest")
        assert (note.title, note.body) == ("Tổng hợp (đã nhận)", "Nội dung đã tính")  # the claimed content

    def test_no_digest_without_an_open_round(self, known, wiring, clock):
        scheduler = wiring.scheduler
        clock.now = datetime(2026, 2, 1, 8, 0, tzinfo=VN)  # the round has closed
        assert scheduler.tick() == {"reminders": 0, "digests": 0}


    def test_the_city_inbox_holding_a_digest_matches_the_documented_schema(self, notifications_settings, known,
                                                                           wiring, clock, tokens):
        """A digest concerns the whole province, no school: the OpenAPI documented a string."""
        import jsonschema

        from edu71_testing import bearer
        from notifications.app import create_app

        scheduler = wiring.scheduler
        clock.now = datetime(2026, 1, 10, 8, 0, tzinfo=VN)
        assert scheduler.tick()["digests"] == 1
        client = create_app().test_client()
        spec = client.get("/openapi.json").json
        r = client.get("/inbox", headers=bearer(tokens.city("31")))
        assert r.status_code == 200 and r.json["items"][0]["school_code"] is None
        documented = spec["paths"]["/inbox"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        jsonschema.Draft202012Validator({**documented, "components": spec["components"]}).validate(r.json)
