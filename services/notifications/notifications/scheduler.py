"""The worker's clock-driven jobs: deadline reminders and the city's daily digest.

Several worker processes may tick at once; each reminder and each digest is *claimed* by
inserting a document whose ``_id`` names it — (round, school, kind, deadline) or
(province, day) — and only the process whose insert succeeds acts (a unique insert is the
store's one atomic write, see :mod:`edu71.store`).

- A reminder's claim carries its DeadlineApproaching event in the same insert (outbox), so
  claiming and publishing cannot come apart; the worker's own consumer then notifies the school.
- A digest's claim carries the digest's content; the fan-out from it is idempotent and is
  redone on the next tick if the process died before it finished (no in-app notification yet).
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from mongoengine import NotUniqueError
from pymongo.errors import PyMongoError

from edu71 import orgs
from edu71.auth import Role
from edu71.bus.outbox import save_with_events
from edu71.contracts import Contracts
from notifications.adapters.documents import (
    DeadlineReminder,
    DigestRun,
    DirectorySchool,
    Notification,
    KnownRound,
    RoundSubmission,
)
from notifications.config import SchedulerSettings
from notifications.deliveries import SOURCE, Clock, utc_now
from notifications.dispatch import Dispatcher
from notifications.domain import deadlines, digest
from notifications.domain.deadlines import Round
from notifications.domain.kinds import IN_APP, Kind
from notifications.domain.notices import Notice, Recipient, dedupe_key, notification_id

log = logging.getLogger(__name__)


def _round(doc: KnownRound) -> Round:
    return Round(doc.id, doc.name, doc.province_code, frozenset(doc.school_levels), doc.opens_at, doc.due_at,
                 doc.closes_at)


def commune_name(code: str) -> str:
    try:
        return orgs.commune(code).name
    except Exception:  # noqa: BLE001 - a code the package does not know is still shown
        return f"Xã/phường {code}"


class Scheduler:
    def __init__(self, contracts: Contracts, dispatcher: Dispatcher, settings: SchedulerSettings,
                 clock: Clock = utc_now):
        self.contracts = contracts
        self.dispatcher = dispatcher
        self.settings = settings
        self.clock = clock
        self.tz = ZoneInfo(settings.timezone)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.tick()
            except PyMongoError as exc:
                log.warning("scheduler: store unavailable (%s); next tick will retry", exc)
            stop.wait(self.settings.tick_seconds)

    def tick(self) -> dict[str, int]:
        now = self.clock()
        rounds = [_round(r) for r in KnownRound.objects]
        live = [r for r in rounds if r.opens_at <= now < r.closes_at]
        if not live:
            return {"reminders": 0, "digests": 0}
        schools = [s.as_contract() for s in DirectorySchool.objects(active=True)]
        submitted = {r.round_id: {s.school_code for s in RoundSubmission.objects(round_id=r.round_id)} for r in live}
        sent = sum(self.remind(now, r, schools, submitted[r.round_id]) for r in live)
        digests = self.digests(now, live, schools, submitted)
        return {"reminders": sent, "digests": digests}

    # -- deadlines -------------------------------------------------------------
    def remind(self, now: datetime, rnd: Round, schools: list[dict], submitted: set[str]) -> int:
        due = deadlines.reminders_due(now, rnd, schools, submitted)
        if not due:
            return 0
        kind = due[0][1]
        # One read of this stage's claims spares an insert attempt per school already reminded.
        claimed = {c.school_code for c in DeadlineReminder.objects(round_id=rnd.round_id, kind=kind)
                   if c.due_at == rnd.due_at}
        return sum(1 for school, kind in due if school["code"] not in claimed and self._claim(now, rnd, school, kind))

    def _claim(self, now: datetime, rnd: Round, school: dict, kind: str) -> bool:
        key = deadlines.claim_key(rnd.round_id, school["code"], kind, rnd.due_at)
        event = self.contracts.new_event("DeadlineApproaching", {
            "round_id": rnd.round_id, "round_name": rnd.name, "school": school,
            "due_at": rnd.due_at.astimezone(self.tz).isoformat(), "kind": kind,
            "days_left": deadlines.days_left(now, rnd.due_at, self.tz),
        }, subject=school["code"], source=SOURCE)
        claim = DeadlineReminder(id=key, round_id=rnd.round_id, school_code=school["code"], kind=kind,
                                 due_at=rnd.due_at, claimed_at=now)
        try:
            save_with_events(claim, event)
        except NotUniqueError:
            return False
        log.info("reminder %s claimed (event %s)", key, event.id)
        return True

    # -- daily digest ----------------------------------------------------------
    def digests(self, now: datetime, live: list[Round], schools: list[dict],
                submitted: dict[str, set[str]]) -> int:
        local = now.astimezone(self.tz)
        if local.hour < self.settings.digest_hour:
            return 0
        done = 0
        for province in sorted({r.province_code for r in live}):
            run_id = f"{province}:{local.date().isoformat()}"
            run = DigestRun.objects(id=run_id).first()
            if run is None:
                rounds = [(r, digest.progress(r, schools, submitted[r.round_id]))
                          for r in live if r.province_code == province]
                notice = digest.digest(province, local, rounds, commune_name, self.settings.dashboard_url)
                try:
                    save_with_events(DigestRun(id=run_id, province_code=province, title=notice.title,
                                               body=notice.body, reference=notice.reference, claimed_at=now))
                except NotUniqueError:
                    continue  # another worker claimed it this instant and fans it out
                run = DigestRun.objects(id=run_id).first()
            done += self._fan_out(run, now)
        return done

    def _fan_out(self, run: DigestRun, now: datetime) -> int:
        notice = Notice(Kind.DAILY_DIGEST, Recipient(run.province_code, Role.CITY), run.title, run.body,
                        None, dict(run.reference), dedupe_base=f"digest:{run.id}")
        if Notification.objects(id=notification_id(dedupe_key(notice.dedupe_base, run.province_code, IN_APP))).first():
            return 0  # fanned out already (the in-app notification is written last)
        # Another process may be fanning the same claim out at this moment (it claimed it, we saw no
        # notification yet): every insert is keyed, so the one whose in-app insert wins counts it.
        if not self.dispatcher.dispatch(notice, source_event_id=f"digest:{run.id}", source_event_type="DailyDigest",
                                        occurred_at=run.claimed_at):
            return 0
        log.info("digest %s sent", run.id)
        return 1

