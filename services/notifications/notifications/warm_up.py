"""The API process's start-up warm-up of the delivery log's lists, out of the way of the requests it is for.

An operator's first log of the nation folds every province's three lists (:mod:`notifications.adapters.delivery_lists`);
the API does that at start, in the background, so that the first person does not wait for it. Done as one list of
every province at once it took the requests' connections and reading threads: the first real requests after a
deploy waited behind it (up to ~1.5 s, ``bench/lists.py --first``). So the warm-up here

- reads through a client of its own (one connection), never the pool the requests use;
- folds one scope at a time, and only while no request is being served (:class:`Requests`): a request that comes
  waits at most for the one scope being read;
- stops when the process shuts down (:meth:`WarmUp.stop`), between two reads;
- is not part of readiness: ``/readyz`` answers as soon as the store does, warmed or not.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable

from pymongo import MongoClient
from pymongo.database import Database

from notifications.adapters import delivery_lists

log = logging.getLogger(__name__)


class Requests:
    """The requests this process is serving (counted by the app's before- and teardown-request hooks)."""

    def __init__(self) -> None:
        self._serving = 0
        self._changed = threading.Condition()

    def begin(self) -> None:
        with self._changed:
            self._serving += 1

    def end(self) -> None:
        with self._changed:
            self._serving -= 1
            self._changed.notify_all()

    @property
    def serving(self) -> int:
        return self._serving

    def wait_idle(self, stopping: threading.Event) -> bool:
        """Wait until no request is being served (True) or ``stopping`` is set (False)."""
        with self._changed:
            while self._serving > 0 and not stopping.is_set():
                self._changed.wait(1.0)
            return not stopping.is_set()

    def wake(self) -> None:
        with self._changed:
            self._changed.notify_all()


class WarmUp:
    """Folds the delivery log's lists of every province, one at a time, on ``connect()``'s client (see the module)."""

    def __init__(self, connect: Callable[[], tuple[MongoClient, Database]], requests: Requests) -> None:
        self._connect = connect
        self.requests = requests
        self._stopping = threading.Event()
        #: Set while the warm-up waits for the requests being served to finish.
        self.waiting = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> threading.Thread:
        self.thread = threading.Thread(target=self._run, name="warm-notifications", daemon=True)
        self.thread.start()
        return self.thread

    def stop(self, timeout: float = 5.0) -> None:
        """Stop between two reads (the one under way ends first) and close the warm-up's client."""
        self._stopping.set()
        self.requests.wake()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join(timeout)

    def _idle(self) -> bool:
        self.waiting.set()
        try:
            return self.requests.wait_idle(self._stopping)
        finally:
            self.waiting.clear()

    def _run(self) -> None:
        started = time.perf_counter()
        client, database = self._connect()
        folded = 0
        try:
            with delivery_lists.reading_through(database):
                if not self._idle():
                    return
                provinces = delivery_lists.LISTS.members(delivery_lists.PROVINCES)
                # the short pending and failed lists (what operators open first) before the long delivered ones
                for status in ("pending", "failed", "delivered"):
                    for province in provinces:
                        if not self._idle():
                            return
                        delivery_lists.keep(f"{province}|{status}")
                        folded += 1
            # The lists as the log shows them (filtered, newest first), made of the folds now kept: a lookup by _id
            # per province on the requests' client, still only between requests.
            for status in ("pending", "failed", "delivered"):
                if not self._idle():
                    return
                delivery_lists.page({"status": status}, 1, 20)
            log.info("notifications: %d lists warmed in %.2f s", folded, time.perf_counter() - started)
        except Exception:  # noqa: BLE001 - warming is an optimisation; a request reads what it needs
            log.warning("notifications: warming the lists failed after %d", folded, exc_info=True)
        finally:
            client.close()


def own_client(uri: str, database: str, **options: Any) -> Callable[[], tuple[MongoClient, Database]]:
    """A client of one connection for the warm-up, on the service's database (as its documents read it); ``options``
    go to the client (e.g. a test's event listeners)."""

    def connect() -> tuple[MongoClient, Database]:
        client = MongoClient(uri, maxPoolSize=1, tz_aware=True, uuidRepresentation="standard",
                             serverSelectionTimeoutMS=3000, connectTimeoutMS=3000, appname="notifications-warm-up",
                             **options)
        return client, client[database]

    return connect
