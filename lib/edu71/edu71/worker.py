"""The event worker every service runs as its own process.

It relays the service's outbox to Kafka, consumes the events the service
reacts to, runs any periodic jobs, and serves ``/healthz``, ``/readyz`` and
``/metrics`` on its own port. SIGTERM or SIGINT stops it gracefully: the
message in hand is finished and committed and the consumer group is left.
"""
from __future__ import annotations

import gc
import logging
import signal
import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from flask import Flask
from kafka.errors import KafkaError
from pymongo.errors import PyMongoError
from werkzeug.serving import make_server

from edu71 import db, logs
from edu71.bus.consumer import COMMIT_EVERY, EventConsumer, Handler
from edu71.bus.outbox import OutboxRelay, VersionedDocument, is_outage
from edu71.bus.producer import EventProducer
from edu71.bus.topics import ensure_topics
from edu71.config import PlatformSettings
from edu71.contracts import Contracts
from edu71.web import KafkaProbe, ops_blueprint, readiness

log = logging.getLogger(__name__)

#: A periodic job: called with the stop event, returns when it is set.
Loop = Callable[[threading.Event], None]


@dataclass
class WorkerSpec:
    """What a service's worker does: which outboxes it relays, which events it handles."""

    documents: Iterable[type[VersionedDocument]] = ()
    #: The consumer group; ``None`` is the deployment's own (``PlatformSettings.consumer_group``).
    group: str | None = None
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    loops: Iterable[Loop] = ()
    #: How often the consumer commits (and flushes its :class:`~edu71.bus.consumer.Staged` handlers), in seconds.
    commit_every: float = COMMIT_EVERY


class Worker:
    def __init__(self, settings: PlatformSettings, spec: WorkerSpec):
        self.settings = settings
        self.spec = spec
        self.stop = threading.Event()
        self.contracts = Contracts(settings.contracts_dir)
        db.connect(settings)
        self._store_prepared = False
        self.producer = EventProducer(settings.kafka, self.contracts, settings.service)
        self.relay = (
            OutboxRelay(settings.service, settings.service, self.producer, spec.documents)
            if spec.documents else None
        )
        self.consumer = (
            EventConsumer(settings, self.contracts, self.producer, spec.group or settings.consumer_group,
                          spec.handlers, commit_every=spec.commit_every)
            if spec.handlers else None
        )
        self._threads: list[threading.Thread] = []
        self._probe = KafkaProbe(settings.kafka)

    def prepare_store(self) -> None:
        """Create what the documents need beyond ``_id`` (unique indexes); raises while the store is away."""
        if not self._store_prepared:
            for cls in self.spec.documents:
                cls.ensure_store_indexes()
            self._store_prepared = True

    def start(self) -> "Worker":
        """Start every loop in a background thread (tests use this; :func:`run` blocks)."""
        self.prepare_store()
        loops: list[tuple[str, Loop]] = []
        if self.relay:
            loops.append(("relay", self.relay.run))
        if self.consumer:
            loops.append(("consumer", self.consumer.run))
        loops += [(getattr(loop, "__name__", "loop"), loop) for loop in self.spec.loops]
        for name, loop in loops:
            thread = threading.Thread(target=self._guard, args=(name, loop), name=f"{self.settings.service}-{name}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _guard(self, name: str, loop: Loop) -> None:
        """Keep a loop alive: an unexpected error restarts it after a pause instead of killing the worker."""
        while not self.stop.is_set():
            try:
                loop(self.stop)
            except Exception:  # noqa: BLE001
                log.exception("worker loop %s crashed; restarting", name)
                self.stop.wait(2.0)

    def shutdown(self, timeout: float = 30.0) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout)
        self.producer.close()

    def readiness(self) -> tuple[dict, bool]:
        return readiness(self.settings, self._probe, kafka_required=True)


def run(settings: PlatformSettings, spec: WorkerSpec) -> None:
    """Entry point of ``python -m <service>.worker``."""
    logs.configure(settings.service, settings.log_level)
    worker = Worker(settings, spec)

    ops = Flask(f"{settings.service}-worker")
    ops.register_blueprint(ops_blueprint(worker.readiness))
    server = make_server(settings.metrics_host, settings.metrics_port, ops, threaded=True)
    threading.Thread(target=server.serve_forever, name="ops-http", daemon=True).start()
    log.info("worker %s started; ops endpoints on port %d", settings.service, server.server_port)

    def _stop(signum, _frame):
        log.info("signal %s: stopping", signal.Signals(signum).name)
        worker.stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    # A store or broker outage at start is waited out, serving /healthz meanwhile: exiting would only make
    # the supervisor restart us into the same outage, and the outbox keeps every event until both return.
    while not worker.stop.is_set():
        try:
            worker.prepare_store()
            break
        except PyMongoError as exc:
            if not is_outage(exc):
                raise
            log.warning("worker %s: the store is unreachable at start (%s); waiting", settings.service, exc)
            worker.stop.wait(2.0)
    while not worker.stop.is_set():
        try:
            ensure_topics(settings.kafka, worker.contracts, timeout=30)
            break
        except (KafkaError, OSError, TimeoutError) as exc:
            log.warning("worker %s: Kafka unreachable at start (%s); waiting", settings.service, exc)
            worker.stop.wait(2.0)
    if not worker.stop.is_set():
        # What the worker built to start lives as long as it does: frozen, full collections no longer walk it (as
        # each API worker does, edu71.gunicorn_conf.post_worker_init).
        gc.freeze()
        worker.start()
    worker.stop.wait()
    worker.shutdown()
    server.shutdown()
    log.info("worker %s stopped", settings.service)
