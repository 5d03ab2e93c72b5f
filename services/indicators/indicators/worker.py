"""The indicators worker (``python -m indicators.worker``).

It publishes the first catalogues, relays the service's events to Kafka,
indexes each submission's figures from its own events and refreshes the peer
statistics of open rounds from that index (indicators.peers, domain.peers), keeps the directory's schools (for the forms communes and the city prepare)
and the revoked accounts and sessions the API refuses (edu71.auth.revocation).
"""
from __future__ import annotations

import logging
import threading

from pymongo.errors import PyMongoError

from edu71 import worker
from indicators import bootstrap, config
from indicators.adapters.documents import ProvinceCatalogue, Round, Submission
from indicators.adapters.submissions import Submissions
from indicators.adapters import round_lists
from indicators.domain.clock import utc_now
from indicators.handlers import HANDLERS, routes

__all__ = ["HANDLERS", "spec"]

log = logging.getLogger(__name__)

#: How often the consumer commits, and so writes each peer index bucket that changed (seconds). Each write is a new
#: version holding the whole bucket: under load every bucket changes every second, and at one commit a second the
#: index's versions cost the store more than the relay. The statistics read the index every
#: ``peer_refresh_seconds`` (two minutes by default), so nobody sees the difference; a crash re-delivers at most this
#: much more, which the index takes as it is (idempotent by construction) and the other handlers check in the inbox.
COMMIT_EVERY = 5.0


def publish_catalogues(settings: config.Settings):
    """A loop that makes sure each configured province has a published catalogue, then idles.

    Several workers (or an API that needed a catalogue first) may race here:
    version 1 is one insert with a fixed ``_id``, so exactly one of them wins.
    """

    def loop(stop: threading.Event) -> None:
        service = bootstrap.use_cases(settings).catalogues
        wait = 1.0
        while not stop.is_set():
            try:
                service.ensure_published(list(settings.catalogue_provinces))
                break
            except PyMongoError as exc:
                log.warning("catalogue publication waits for the store (%s)", exc)
                stop.wait(wait)
                wait = min(wait * 2, 30.0)
        stop.wait()

    loop.__name__ = "publish_catalogues"
    return loop


def copy_legacy_keys(stop: threading.Event) -> None:
    """Once on start: copy the Idempotency-Keys that heads of the earlier shape embed to where they are looked up."""
    wait = 1.0
    while not stop.is_set():
        try:
            copied = Submissions().copy_legacy_keys()
            if copied:
                log.info("copied %d idempotency keys out of earlier submission heads", copied)
            break
        except PyMongoError as exc:
            log.warning("copying earlier idempotency keys waits for the store (%s)", exc)
            stop.wait(wait)
            wait = min(wait * 2, 30.0)
    stop.wait()  # a loop that returned would be started again


def refresh_peer_statistics(settings: config.Settings):
    """A loop that recomputes, every ``peer_refresh_seconds``, the peer statistics of each round still open."""

    def loop(stop: threading.Event) -> None:
        peers = bootstrap.use_cases(settings).peers
        while not stop.wait(settings.peer_refresh_seconds):
            try:
                for round_id in peers.rounds.open_ids(utc_now()):
                    peers.refresh(round_id)
            except PyMongoError as exc:
                log.warning("peer statistics wait for the store (%s)", exc)

    loop.__name__ = "refresh_peer_statistics"
    return loop


def list_stored_rounds(stop: threading.Event) -> None:
    """List the rounds stored before the lists existed, or whose writer died before listing them; once a start."""
    round_lists.backfill()
    stop.wait()


def spec(settings: config.Settings, group: str | None = None) -> worker.WorkerSpec:
    return worker.WorkerSpec(documents=[ProvinceCatalogue, Round, Submission], group=group,
                             handlers=routes(bootstrap.use_cases(settings).catalogues),
                             loops=[publish_catalogues(settings), refresh_peer_statistics(settings), copy_legacy_keys,
                                    list_stored_rounds], commit_every=COMMIT_EVERY)


if __name__ == "__main__":
    settings = config.load()
    worker.run(settings.platform, spec(settings))
