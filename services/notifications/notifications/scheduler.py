"""The schedule (use cases): what the clock causes — deadline reminders and the city's daily digest.

Several worker processes may tick at once; each reminder and each digest is *claimed* by inserting a document
whose ``_id`` names it — (round, school, kind, deadline) or (province, day) — and only the process whose insert
succeeds acts (:mod:`notifications.adapters.claims`).

- A reminder's claim carries its DeadlineApproaching event in the same insert (outbox), so
  claiming and publishing cannot come apart; the worker's own consumer then notifies the school
  (:meth:`notifications.notices.Notices.deadline_approaching`).
- A digest's claim carries the digest's content; the fan-out from it is idempotent and is
  redone on the next tick if the process died before it finished (no in-app notification yet).
"""
from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from edu71 import orgs
from edu71.auth import Role
from edu71.contracts import Contracts
from notifications.adapters.claims import Claims
from notifications.adapters.documents import DeadlineReminder, DigestRun
from notifications.adapters.projections import Rounds, Schools, Submissions
from notifications.config import SchedulerSettings
from notifications.deliveries import SOURCE, Clock, utc_now
from notifications.domain import deadlines, digest
from notifications.domain.deadlines import Round
from notifications.domain.kinds import Kind
from notifications.domain.notices import Notice, Recipient
from notifications.notices import Dispatcher

log = logging.getLogger(__name__)


def commune_name(code: str) -> str:
    try:
        return orgs.commune(code).name
    except Exception:  # noqa: BLE001 - a code the package does not know is still shown
        return f"Xã/phường {code}"


class Scheduler:
    def __init__(self, contracts: Contracts, dispatcher: Dispatcher, settings: SchedulerSettings, *, rounds: Rounds,
                 schools: Schools, submissions: Submissions, claims: Claims, clock: Clock = utc_now):
        self.contracts = contracts
        self.dispatcher = dispatcher
        self.settings = settings
        self.rounds = rounds
        self.schools = schools
        self.submissions = submissions
        self.claims = claims
        self.clock = clock
        self.tz = ZoneInfo(settings.timezone)

    def tick(self) -> dict[str, int]:
        now = self.clock()
        live = [r for r in self.rounds.every() if r.opens_at <= now < r.closes_at]
        if not live:
            return {"reminders": 0, "digests": 0}
        schools = self.schools.active()
        submitted = {r.round_id: self.submissions.schools_of(r.round_id) for r in live}
        sent = sum(self.remind(now, r, schools, submitted[r.round_id]) for r in live)
        digests = self.digests(now, live, schools, submitted)
        return {"reminders": sent, "digests": digests}

    # -- deadlines -------------------------------------------------------------
    def remind(self, now: datetime, rnd: Round, schools: list[dict], submitted: set[str]) -> int:
        due = deadlines.reminders_due(now, rnd, schools, submitted)
        if not due:
            return 0
        # One read of this stage's claims spares an insert attempt per school already reminded.
        claimed = self.claims.deadline_claims(rnd.round_id, due[0][1], rnd.due_at)
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
        if not self.claims.claim(claim, event):
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
            run = self.claims.digest_run(run_id)
            if run is None:
                rounds = [(r, digest.progress(r, schools, submitted[r.round_id]))
                          for r in live if r.province_code == province]
                notice = digest.digest(province, local, rounds, commune_name, self.settings.dashboard_url)
                if not self.claims.claim(DigestRun(id=run_id, province_code=province, title=notice.title,
                                                   body=notice.body, reference=notice.reference, claimed_at=now)):
                    continue  # another worker claimed it this instant and fans it out
                run = self.claims.digest_run(run_id)
            done += self._fan_out(run)
        return done

    def _fan_out(self, run: DigestRun) -> int:
        notice = Notice(Kind.DAILY_DIGEST, Recipient(run.province_code, Role.CITY), run.title, run.body,
                        None, dict(run.reference), dedupe_base=f"digest:{run.id}")
        if self.dispatcher.fanned_out(notice):
            return 0  # fanned out already (the in-app notification is written last)
        # Another process may be fanning the same claim out at this moment (it claimed it, we saw no
        # notification yet): every insert is keyed, so the one whose in-app insert wins counts it.
        if not self.dispatcher.dispatch(notice, source_event_id=f"digest:{run.id}", source_event_type="DailyDigest",
                                        occurred_at=run.claimed_at):
            return 0
        log.info("digest %s sent", run.id)
        return 1
