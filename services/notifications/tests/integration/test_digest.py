"""The city's daily digest: completeness per commune (pure), then once per day per province with several
schedulers, in-app and by e-mail, and finished by the next tick if a process died half-way."""
from __future__ import annotations

import threading
from datetime import datetime

import pytest

from edu71.orgs import School, SchoolLevel
from notifications.domain.digest import CommuneProgress, digest, progress

from ..support import routes, THPT_HP, TH_HP
from .test_deadlines import ROUND, TH_2, VN

THCS_HP = School("THCS-10744", "Trường THCS Nguyễn Đại Năng", SchoolLevel.THCS, "10744", "31")


def test_completeness_per_commune_least_complete_first():
    schools = [s.as_contract() for s in (TH_HP, THCS_HP, TH_2, THPT_HP)]
    rows = progress(ROUND, schools, submitted={TH_HP.code, TH_2.code})
    assert [(r.commune_code, r.submitted, r.expected) for r in rows] == [("10744", 1, 2), ("11560", 1, 1)]


def test_digest_text_in_vietnamese_with_decimal_commas():
    schools = [s.as_contract() for s in (TH_HP, THCS_HP, TH_2)]
    rows = progress(ROUND, schools, submitted={TH_HP.code})
    day = datetime(2026, 1, 10, 7, 0, tzinfo=VN)
    notice = digest("31", day, [(ROUND, rows)], {"10744": "Phường Nguyễn Đại Năng", "11560": "Xã Thuỷ Nguyên"}.get)
    assert notice.title == "Tổng hợp tiến độ nộp báo cáo ngày 10/01/2026"
    lines = notice.body.splitlines()
    assert lines[0] == ("Đợt “Sơ kết học kỳ I năm học 2026–2027” (hạn nộp 17:00 ngày 15/01/2026): "
                        "1/3 trường đã nộp (33,3 %).")
    assert lines[1:] == ["Đã nộp đủ: 0/2 xã/phường; chưa có trường nào nộp: 1 xã/phường.", "Nộp ít nhất:",
                         "- Xã Thuỷ Nguyên: 0/1 trường (0 %)", "- Phường Nguyễn Đại Năng: 1/2 trường (50 %)"]
    assert (notice.recipient.org_unit, notice.recipient.role.value) == ("31", "city")
    assert notice.dedupe_base == "digest:31:2026-01-10"


def test_a_digest_for_114_communes_names_the_five_least_complete_and_counts_the_rest():
    rows = [CommuneProgress(f"{10000 + i}", i % 4, 3) for i in range(114)]  # a quarter complete (3/3)
    rows.sort(key=lambda r: (r.share, r.commune_code))
    day = datetime(2026, 1, 10, 7, 0, tzinfo=VN)
    notice = digest("31", day, [(ROUND, rows)], lambda code: f"Xã {code}",
                    dashboard_url="https://edu71.haiphong.gov.vn/dashboard")
    lines = notice.body.splitlines()
    assert len(lines) == 11  # the same for 114 communes as for 12: a summary, not one line per commune
    assert lines[1] == "Đã nộp đủ: 28/114 xã/phường; chưa có trường nào nộp: 29 xã/phường."
    named = [line for line in lines if line.startswith("- ")]
    assert named == [f"- Xã {r.commune_code}: 0/3 trường (0 %)" for r in rows[:5]]
    assert "… và 81 xã/phường khác chưa nộp đủ." in lines
    assert lines[-1] == "Xem tiến độ của từng xã/phường: https://edu71.haiphong.gov.vn/dashboard"


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
