"""Deadline reminders: the scheduler on an injected clock against the real store — exactly once per
(round, school, kind, deadline) with several schedulers, and the school's reminder."""
from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta

import pytest

from ..support import DUE, THCS_HCM, THPT_HP, TH_2, TH_HP, VN, routes


@pytest.mark.integration
class TestScheduler:
    @pytest.fixture
    def known(self, wiring, directory, indicator_events):
        wired = wiring
        mapping = routes(wired)
        for school in (TH_HP, TH_2, THPT_HP, THCS_HCM):
            mapping["SchoolRegistered"](directory.school(school))
        mapping["UserRegistered"](directory.school_user("u-ht", TH_HP, email="ht@th.edu.vn", name="Lê Thị Hạnh"))
        mapping["ReportingRoundOpened"](indicator_events.round_opened(
            "rnd-1", opens_at="2026-01-01T07:00:00+07:00", due_at="2026-01-15T17:00:00+07:00",
            closes_at="2026-01-31T23:59:00+07:00"))
        wired.notices.indicator_reported(indicator_events.submitted(TH_2, "rnd-1"))
        return mapping

    @staticmethod
    def reminders():
        from notifications.adapters.documents import DeadlineReminder

        return sorted((r.school_code, r.kind, r.due_at.astimezone(VN).isoformat()) for r in DeadlineReminder.objects)

    def test_exactly_once_per_school_kind_and_deadline_with_several_schedulers(
            self, known, wiring, service_settings, contracts, clock):
        from edu71.bus.outbox import pending_events
        from notifications.adapters.documents import DeadlineReminder
        from notifications.bootstrap import use_cases as wire

        clock.now = DUE - timedelta(days=7)
        schedulers = [wire(service_settings, clock, sending=True).scheduler for _ in range(4)]
        barrier = threading.Barrier(len(schedulers))
        results, errors = [], []

        def tick(s):
            try:
                barrier.wait(30)
                results.append(s.tick()["reminders"])
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

        threads = [threading.Thread(target=tick, args=(s,)) for s in schedulers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors and sum(results) == 1
        assert self.reminders() == [(TH_HP.code, "due_in_7_days", "2026-01-15T17:00:00+07:00")]
        [claim] = DeadlineReminder.objects
        [event] = pending_events(DeadlineReminder, claim.id)
        data = contracts.validate(json.loads(event.to_json())).data
        assert (event.name, event.key, data["kind"], data["days_left"]) == ("DeadlineApproaching", TH_HP.code,
                                                                            "due_in_7_days", 7)
        assert schedulers[0].tick()["reminders"] == 0  # the next tick: nothing new

        clock.now = DUE - timedelta(hours=20)
        assert schedulers[1].tick()["reminders"] == 1
        clock.now = DUE + timedelta(minutes=1)
        assert schedulers[2].tick()["reminders"] == 1
        assert schedulers[3].tick()["reminders"] == 0
        assert [k for _, k, _ in self.reminders()] == ["due_in_1_day", "due_in_7_days", "overdue"]

    def test_an_extended_deadline_gets_its_own_reminders(self, known, wiring, indicator_events, clock):
        scheduler = wiring.scheduler
        clock.now = DUE - timedelta(hours=2)
        assert scheduler.tick()["reminders"] == 1
        known["ReportingRoundOpened"](indicator_events.round_opened(
            "rnd-1", opens_at="2026-01-01T07:00:00+07:00", due_at="2026-01-22T17:00:00+07:00",
            closes_at="2026-02-07T23:59:00+07:00"))
        clock.now = DUE + timedelta(hours=1)  # past the old deadline, 7 days before the new one
        assert scheduler.tick()["reminders"] == 1
        assert self.reminders() == [(TH_HP.code, "due_in_1_day", "2026-01-15T17:00:00+07:00"),
                                    (TH_HP.code, "due_in_7_days", "2026-01-22T17:00:00+07:00")]

    def test_the_reminder_reaches_the_school_in_app_and_by_email(self, known, wiring, contracts, clock, smtp_sink):
        from edu71.bus.outbox import pending_events
        from notifications.adapters.documents import DeadlineReminder, Notification

        wired, queue, scheduler = wiring, wiring.deliveries, wiring.scheduler
        clock.now = DUE - timedelta(hours=2)
        scheduler.tick()
        [event] = pending_events(DeadlineReminder, DeadlineReminder.objects.first().id)
        assert wired.notices.deadline_approaching(event) == 1
        assert wired.notices.deadline_approaching(event) == 0
        [note] = Notification.objects(kind="deadline_due_in_1_day")
        assert (note.recipient_org_unit, note.recipient_role) == (TH_HP.code, "school")
        queue.run_once()
        # the round's opening notice went out too (test_round_opened_notices); this is the reminder
        [msg] = [m for m in smtp_sink.messages() if "Mở đợt báo cáo" not in str(m["Subject"])]
        assert "Hạn nộp: 17:00 ngày 15/01/2026 (giờ Việt Nam), còn 0 ngày." in msg.get_body(("plain",)).get_content()

    def test_no_reminder_once_submitted_or_when_the_deadline_moved(self, known, wiring, indicator_events, clock,
                                                                   contracts):
        from edu71.bus.outbox import pending_events
        from notifications.adapters.documents import DeadlineReminder, Notification

        wired, scheduler = wiring, wiring.scheduler
        clock.now = DUE - timedelta(hours=2)
        scheduler.tick()
        [event] = pending_events(DeadlineReminder, DeadlineReminder.objects.first().id)
        known["ReportingRoundOpened"](indicator_events.round_opened(
            "rnd-1", opens_at="2026-01-01T07:00:00+07:00", due_at="2026-01-22T17:00:00+07:00",
            closes_at="2026-02-07T23:59:00+07:00"))
        assert wired.notices.deadline_approaching(event) == 0  # deadline moved since
        wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1"))
        clock.now = datetime(2026, 1, 21, 18, 0, tzinfo=VN)
        assert scheduler.tick()["reminders"] == 0  # submitted: nobody left to remind
        assert Notification.objects(kind__in=["deadline_due_in_1_day", "deadline_due_in_7_days", "deadline_overdue"]).count() == 0
