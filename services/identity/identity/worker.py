"""The identity worker (``python -m identity.worker``): relays directory events to Kafka, keeps schools' accounts
in line with the directory (handlers.py), forgets old failed sign-ins."""
from __future__ import annotations

import logging
import threading
import time

from pymongo.errors import PyMongoError

from edu71 import worker
from identity import bootstrap, config
from identity.adapters import lists
from identity.adapters.documents import School, User
from identity.handlers import routes
from identity.sessions import Sessions

log = logging.getLogger(__name__)

PURGE_EVERY = 3600.0


def purge_failures(sessions: Sessions):
    """A periodic job keeping the failed sign-ins to the ones that still count, and forgetting clients
    an account has not signed in from for a long time."""

    def purge_old_failures(stop: threading.Event) -> None:
        while not stop.wait(PURGE_EVERY):
            try:
                log.info("identity: forgot %d old failed sign-ins and %d clients not seen for long",
                         *sessions.forget_old_sign_ins(time.time()))
            except PyMongoError as exc:
                log.warning("identity: purge of failed sign-ins postponed: %s", exc)

    return purge_old_failures


def list_stored_accounts(stop: threading.Event) -> None:
    """List the accounts stored before the lists existed, or whose writer died before listing them; once a start."""
    lists.backfill()
    stop.wait()


def spec(settings: config.Settings | None = None, group: str | None = None) -> worker.WorkerSpec:
    settings = settings or config.load()
    wired = bootstrap.use_cases(settings)
    return worker.WorkerSpec(documents=[User, School], group=group, handlers=routes(wired.accounts),
                             loops=[purge_failures(wired.sessions), list_stored_accounts])


if __name__ == "__main__":
    settings = config.load()
    worker.run(settings.platform, spec(settings))
