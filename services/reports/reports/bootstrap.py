"""The reports service's composition root: the one place that chooses the repositories and wires the use cases.

The API (app.py) and the worker (worker.py) build what they need here; tests build the same use cases on
in-memory repositories (tests/unit/test_use_cases.py).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from mongoengine.connection import get_db

from edu71.contracts import Contracts, Event
from reports import config
from reports.adapters import basedb, history, pdf
from reports.adapters.dashboards import StoredViews
from reports.adapters.documents import ALIAS
from reports.adapters.generations import ActiveDatabase
from reports.adapters.official_reports import OfficialReportStore
from reports.adapters.sources import SourceRows
from reports.asof import AsOf
from reports.dashboards import Dashboards
from reports.handlers import HANDLERS, Row
from reports.official_reports import OfficialReports

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UseCases:
    dashboards: Dashboards
    asof: AsOf
    official: OfficialReports


def use_cases(settings: config.Settings) -> UseCases:
    """Every use case of the API, on the store's repositories: the views of the active generation (looked up
    every ``generation_check`` seconds), the history and the official reports in the base database."""
    alias = settings.platform.service
    views = StoredViews(ActiveDatabase(lambda: get_db(alias).client, settings.platform.mongodb_db,
                                       ttl=settings.generation_check))
    # Official reports and the history are primary data: the base database, whatever generation the views are in.
    basedb.connect(settings.platform)
    asof = AsOf(views, history.load, settle=settings.asof_settle)
    return UseCases(
        dashboards=Dashboards(views),
        asof=asof,
        official=OfficialReports(views, OfficialReportStore(), Contracts(settings.platform.contracts_dir),
                                 to_pdf=pdf.to_pdf, asof=asof),
    )


def consumer(sources: SourceRows | None = None,
             record: Callable[[Event, list[Row]], int] | None = history.record) -> dict[str, Callable[[Event], bool]]:
    """What the worker does with each event of :data:`reports.handlers.HANDLERS`: keep its rows for the projector
    (``sources``, by default the worker's generation's), then, once they are kept, ``record`` them in the history.
    Each handler answers whether any row was new."""
    sources = sources or SourceRows(lambda: get_db(ALIAS))

    def consume(rows_of: Callable[[Event], list[Row]]) -> Callable[[Event], bool]:
        def handle(event: Event) -> bool:
            rows = rows_of(event)
            changed = False
            for source, doc_id, row in rows:
                if sources.keep(source, doc_id, row):
                    changed = True
                else:
                    log.info("%s %s: %s %s was already stored; ignored", event.name, event.id, source.version,
                             _show(row[source.version]))
            if record is not None:
                record(event, rows)
            return changed
        handle.__name__ = rows_of.__name__
        return handle

    return {name: consume(rows_of) for name, rows_of in HANDLERS.items()}


def _show(version) -> str:
    return version.isoformat() if isinstance(version, datetime) else str(version)
