"""The identity worker (``python -m identity.worker``): relays directory events to Kafka, forgets old failures."""
from __future__ import annotations

import logging
import threading
import time

from pymongo.errors import PyMongoError

from edu71 import worker
from identity import config
from identity.adapters import lists
from identity.adapters.attempts import FailedSignIns, KnownClients
from identity.adapters.documents import School, User
from identity.app import use_cases
from identity.service import Accounts

log = logging.getLogger(__name__)

PURGE_EVERY = 3600.0


def purge_failures(settings: config.Settings):
    """A periodic job keeping the failed sign-ins to the ones that still count, and forgetting clients
    an account has not signed in from for a long time."""
    longest = settings.throttle.longest_window

    def purge_old_failures(stop: threading.Event) -> None:
        failures, known = FailedSignIns(), KnownClients()
        while not stop.wait(PURGE_EVERY):
            try:
                log.info("identity: forgot %d old failed sign-ins and %d clients not seen for long",
                         failures.purge(longest, time.time()), known.purge(time.time()))
            except PyMongoError as exc:
                log.warning("identity: purge of failed sign-ins postponed: %s", exc)

    return purge_old_failures


#: Fields of SchoolChanged that the school's accounts carry (in their tokens and their events).
ACCOUNT_FIELDS = {"name", "commune_code", "province_code", "level", "active"}


def school_accounts(accounts: Accounts):
    """Handler of identity's own SchoolChanged: the school's accounts follow it (see ``Accounts.follow_school``)."""

    def on_school_changed(event) -> None:
        if ACCOUNT_FIELDS & set(event.data["changed"]):
            accounts.follow_school(event.data["school"]["code"])

    return on_school_changed


def list_stored_accounts(stop: threading.Event) -> None:
    """List the accounts stored before the lists existed, or whose writer died before listing them; once a start."""
    lists.backfill()
    stop.wait()


def spec(settings: config.Settings | None = None, group: str | None = None) -> worker.WorkerSpec:
    settings = settings or config.load()
    _, accounts = use_cases(settings)
    return worker.WorkerSpec(documents=[User, School], group=group,
                             handlers={"SchoolChanged": school_accounts(accounts)},
                             loops=[purge_failures(settings), list_stored_accounts])


if __name__ == "__main__":
    settings = config.load()
    worker.run(settings.platform, spec(settings))
