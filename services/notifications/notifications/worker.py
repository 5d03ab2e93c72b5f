"""The notifications worker (``python -m notifications.worker``).

Consumes plan, indicator, directory and its own DeadlineApproaching events (keeping the revoked
accounts and sessions the API refuses, edu71.auth.revocation); sends queued
e-mails and webhook calls; ticks the deadline and digest scheduler; relays the events stored
with notifications, deliveries and reminder claims.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from pymongo.errors import PyMongoError

from edu71 import worker
from notifications import bootstrap, config
from notifications.adapters.deliveries import Deliveries
from notifications.adapters.documents import DeadlineReminder, Delivery, DigestRun, Notification
from notifications.adapters.inbox import Inbox
from notifications.deliveries import Clock, utc_now
from notifications.handlers import routes

log = logging.getLogger(__name__)


def list_stored_notifications(stop: threading.Event) -> None:
    """List in their inboxes the notifications stored before the inboxes existed, and in the delivery log's lists
    the deliveries stored before those (each once; see adapters.inbox and adapters.delivery_lists)."""
    Inbox().backfill()
    Deliveries().backfill()
    stop.wait()


def send_deliveries(wired: bootstrap.UseCases, poll_seconds: float) -> Callable[[threading.Event], None]:
    """Send what is due until stopped; a store outage only pauses the loop."""

    def loop(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                busy = wired.deliveries.run_once()
            except PyMongoError as exc:
                log.warning("delivery queue: store unavailable (%s); retrying", exc)
                busy = 0
            if not busy:
                stop.wait(poll_seconds)

    loop.__name__ = "send_deliveries"
    return loop


def every(name: str, job: Callable[[], object], seconds: float) -> Callable[[threading.Event], None]:
    """Run ``job`` at start and then every ``seconds``; a store outage waits for the next run."""

    def loop(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                job()
            except PyMongoError as exc:
                log.warning("%s: store unavailable (%s); the next run retries", name, exc)
            stop.wait(seconds)

    loop.__name__ = name
    return loop


def spec(settings: config.Settings | None = None, group: str | None = None, clock: Clock = utc_now) -> worker.WorkerSpec:
    settings = settings or config.load()
    wired = bootstrap.use_cases(settings, clock, sending=True)
    return worker.WorkerSpec(documents=[Notification, Delivery, DeadlineReminder, DigestRun], group=group,
                             handlers=routes(wired.notices, wired.projections),
                             loops=[send_deliveries(wired, settings.delivery.poll_seconds),
                                    every("tick_scheduler", wired.scheduler.tick, settings.scheduler.tick_seconds),
                                    every("forget_delivered", wired.deliveries.forget_delivered,
                                          settings.delivery.retention_every),
                                    list_stored_notifications])


if __name__ == "__main__":
    settings = config.load()
    worker.run(settings.platform, spec(settings))
