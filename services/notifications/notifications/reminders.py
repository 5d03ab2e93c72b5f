"""Reminding the schools that have not submitted, on a city's or commune's request (use case; the rules:
:mod:`notifications.domain.reminders`).

Each school's reminder of the day is claimed by inserting :class:`RoundReminder` with ``_id``
``<round>:<school>:<day>`` (an insert, never a counter), then fanned out like any notice (in-app, e-mail per
preferences, webhooks). A claim whose fan-out did not finish (the process died between the two) is finished by the
next request that meets it: the fan-out is keyed.
"""
from __future__ import annotations

import logging
from datetime import datetime

from edu71.auth import Principal
from edu71.errors import Conflict, NotFound
from notifications.adapters.claims import Claims
from notifications.adapters.documents import RoundReminder
from notifications.adapters.projections import Rounds, Schools, Submissions
from notifications.deliveries import Clock, utc_now
from notifications.domain import reminders
from notifications.notices import Dispatcher

log = logging.getLogger(__name__)

NOT_FOUND = "Không tìm thấy đợt báo cáo trong phạm vi của bạn."


class ReminderService:
    def __init__(self, dispatcher: Dispatcher, *, rounds: Rounds, schools: Schools, submissions: Submissions,
                 claims: Claims, clock: Clock = utc_now):
        self.dispatcher = dispatcher
        self.rounds = rounds
        self.schools = schools
        self.submissions = submissions
        self.claims = claims
        self.clock = clock

    def remind(self, principal: Principal, round_id: str) -> dict[str, int]:
        """Remind the caller's schools missing from the round; how many were reminded, and skipped."""
        rnd = self.rounds.get(round_id)
        if rnd is None or not reminders.in_scope(principal, rnd):
            raise NotFound(NOT_FOUND)
        now = self.clock()
        if not rnd.opens_at <= now < rnd.closes_at:
            raise Conflict("Đợt báo cáo chưa mở hoặc đã đóng nên không gửi lời nhắc.")
        missing = reminders.outstanding(principal, rnd, self.schools.active(rnd.province_code),
                                        self.submissions.schools_of(round_id))
        reminded = skipped = 0
        for school in missing:
            notice = reminders.notice(principal, rnd, school, now)
            if self._claim(principal, rnd.round_id, school["code"], now):
                reminded += 1
            else:
                skipped += 1
                if self.dispatcher.fanned_out(notice):
                    continue
            self.dispatcher.dispatch(notice, source_event_id=notice.dedupe_base, source_event_type="RoundReminder",
                                     occurred_at=now)
        log.info("round %s: %s reminded %d schools, %d already today", round_id, principal.user_id, reminded,
                 skipped)
        return {"reminded": reminded, "already_reminded_today": skipped, "outstanding": len(missing)}

    def _claim(self, principal: Principal, round_id: str, school_code: str, now: datetime) -> bool:
        day = reminders.day_of(now)
        return self.claims.claim(RoundReminder(
            id=reminders.claim_id(round_id, school_code, day), round_id=round_id, school_code=school_code,
            day=day.isoformat(), requested_by=principal.user_id, requested_role=principal.role.value,
            claimed_at=now))
