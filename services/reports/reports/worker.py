"""The reports worker (``python -m reports.worker``).

Consumes the indicator, plan, directory and catalogue events into versioned
source rows, runs the projector that keeps the views and city figures (and
publishes RollupUpdated through the outbox), and relays that outbox. It works
on the active generation of the projections (see
:mod:`reports.adapters.generations`): when a rebuild activates a newer one, it
stops, and its supervisor starts it again on the new one. The revoked accounts
and sessions the API refuses (edu71.auth.revocation) are kept outside the
generations, in the service's base database, which the API reads them from. It also makes the PDFs of
newly issued official reports, which take LibreOffice seconds each.
"""
from __future__ import annotations

import dataclasses
import logging
import threading

from mongoengine.connection import get_db
from pymongo import MongoClient

from edu71 import worker
from edu71.bus.outbox import OutboxRelay
from edu71.bus.producer import EventProducer
from edu71.auth.revocation import RevocationProjection
from edu71.config import PlatformSettings
from edu71.contracts import Contracts
from reports import bootstrap, config
from reports.adapters import generations
from reports.adapters.documents import ALIAS, CityFigures
from reports.adapters import basedb, pdf
from reports.adapters.official_reports import OfficialReport, OfficialReportStore
from reports.adapters.projector import Projector

log = logging.getLogger(__name__)

def on_generation(settings: config.Settings, generation: int) -> tuple[PlatformSettings, str]:
    """The platform settings (database) and consumer group of a generation."""
    base = settings.platform.mongodb_db
    platform = dataclasses.replace(settings.platform, mongodb_db=generations.db_name(base, generation))
    return platform, generations.consumer_group(settings.platform.consumer_group, generation)


def generation_watch(settings: config.Settings, generation: int):
    """A worker loop that stops the worker once another generation is active."""
    def watch_generation(stop: threading.Event) -> None:
        client = MongoClient(settings.platform.mongodb_uri, serverSelectionTimeoutMS=3000)
        try:
            while not stop.wait(settings.generation_check):
                try:
                    active = generations.active(client, settings.platform.mongodb_db)
                except Exception as exc:  # noqa: BLE001 - a store outage only delays the check
                    log.warning("generation check failed: %s", exc)
                    continue
                if active != generation:
                    log.warning("generation %d is now active (this worker serves %d): stopping to restart on it",
                                active, generation)
                    stop.set()
        finally:
            client.close()
    return watch_generation


def official_relay(settings: config.Settings):
    """A worker loop relaying the ReportIssued events stored with official reports, which live in the base
    database whatever generation the views are in (at generation 0 it shares the lease of the main relay)."""
    def relay_official_reports(stop: threading.Event) -> None:
        contracts = Contracts(settings.platform.contracts_dir)
        producer = EventProducer(settings.platform.kafka, contracts, settings.platform.service)
        OutboxRelay(settings.platform.service, basedb.BASE_ALIAS, producer, [OfficialReport]).run(stop)
    return relay_official_reports


def official_pdfs(poll: float = 2.0):
    """A worker loop making the PDFs of newly issued official reports (LibreOffice, seconds each)."""
    def make_official_pdfs(stop: threading.Event) -> None:
        store = OfficialReportStore()
        while not stop.wait(poll):
            try:
                store.make_pdfs(pdf.to_pdf)
            except Exception as exc:  # noqa: BLE001 - a store outage only delays the PDFs
                log.warning("official report PDFs: %s", exc)
    return make_official_pdfs


def spec(group: str | None = None, settings: config.Settings | None = None, generation: int | None = None
         ) -> worker.WorkerSpec:
    settings = settings or config.load()
    basedb.connect(settings.platform)  # official reports and the history: the base database
    projector = Projector(Contracts(settings.platform.contracts_dir), poll=settings.projector_poll)
    loops = [projector.run, official_relay(settings), official_pdfs()]
    if generation is not None:
        loops.append(generation_watch(settings, generation))
    base = settings.platform.mongodb_db
    revocations = RevocationProjection(lambda: get_db(ALIAS).client[base])
    return worker.WorkerSpec(documents=[CityFigures], group=group, handlers={**bootstrap.consumer(), **revocations.handlers()},
                             loops=loops)


def main() -> None:
    settings = config.load()
    client = MongoClient(settings.platform.mongodb_uri, serverSelectionTimeoutMS=30000)
    try:
        generation = generations.active(client, settings.platform.mongodb_db)
    finally:
        client.close()
    platform, group = on_generation(settings, generation)
    worker.run(platform, spec(group, settings, generation))


if __name__ == "__main__":
    main()
