"""Reminding the schools that have not submitted, on a city's or commune's request (use case).

Each school's reminder of the day is claimed by inserting :class:`RoundReminder` with ``_id``
``<round>:<school>:<day>`` (the store's one atomic write; never a counter), then fanned out like
any notice (in-app, e-mail per preferences, webhooks). A claim whose fan-out did not finish (the
process died between the two) is finished by the next request that meets it: the fan-out is keyed.
"""
from __future__ import annotations

import logging

from mongoengine import DateTimeField, StringField, NotUniqueError

from edu71.auth import Principal
from edu71.bus.outbox import VersionedDocument, save_with_events
from edu71.problems import Problem
from notifications.adapters.documents import DirectorySchool, KnownRound, Notification, RoundSubmission
from notifications.deliveries import Clock, utc_now
from notifications.dispatch import Dispatcher
from notifications.domain import reminders
from notifications.domain.kinds import IN_APP
from notifications.domain.notices import dedupe_key, notification_id
from notifications.scheduler import _round

log = logging.getLogger(__name__)


class RoundReminder(VersionedDocument):
    """The claim of one school's reminder of one day for one round: inserting it is winning it."""

    meta = {"collection": "round_reminders", "db_alias": "notifications"}

    id = StringField(primary_key=True)  # <round>:<school>:<yyyy-mm-dd>
    round_id = StringField(required=True)
    school_code = StringField(required=True)
    day = StringField(required=True)
    requested_by = StringField(required=True)
    requested_role = StringField(required=True)
    claimed_at = DateTimeField(required=True)


NOT_FOUND = "Không tìm thấy đợt báo cáo trong phạm vi của bạn."


class ReminderService:
    def __init__(self, dispatcher: Dispatcher, clock: Clock = utc_now):
        self.dispatcher = dispatcher
        self.clock = clock

    def remind(self, principal: Principal, round_id: str) -> dict[str, int]:
        """Remind the caller's schools missing from the round; how many were reminded, and skipped."""
        known = KnownRound.objects(id=round_id).first()
        if known is None or not reminders.in_scope(principal, rnd := _round(known)):
            raise Problem(404, NOT_FOUND)
        now = self.clock()
        if not rnd.opens_at <= now < rnd.closes_at:
            raise Problem(409, "Đợt báo cáo chưa mở hoặc đã đóng nên không gửi lời nhắc.")
        schools = [s.as_contract() for s in DirectorySchool.objects(province_code=rnd.province_code, active=True)]
        submitted = {s.school_code for s in RoundSubmission.objects(round_id=round_id)}
        missing = reminders.outstanding(principal, rnd, schools, submitted)
        reminded = skipped = 0
        for school in missing:
            notice = reminders.notice(principal, rnd, school, now)
            if self._claim(principal, rnd.round_id, school["code"], now):
                reminded += 1
            else:
                skipped += 1
                if self._fanned_out(notice):
                    continue
            self.dispatcher.dispatch(notice, source_event_id=notice.dedupe_base, source_event_type="RoundReminder",
                                     occurred_at=now)
        log.info("round %s: %s reminded %d schools, %d already today", round_id, principal.user_id, reminded,
                 skipped)
        return {"reminded": reminded, "already_reminded_today": skipped, "outstanding": len(missing)}

    @staticmethod
    def _claim(principal: Principal, round_id: str, school_code: str, now) -> bool:
        day = reminders.day_of(now)
        claim = RoundReminder(id=reminders.claim_id(round_id, school_code, day), round_id=round_id,
                              school_code=school_code, day=day.isoformat(), requested_by=principal.user_id,
                              requested_role=principal.role.value, claimed_at=now)
        try:
            save_with_events(claim)
        except NotUniqueError:
            return False
        return True

    @staticmethod
    def _fanned_out(notice) -> bool:
        key = dedupe_key(notice.dedupe_base, notice.recipient.org_unit, IN_APP)
        return Notification.objects(id=notification_id(key)).first() is not None
