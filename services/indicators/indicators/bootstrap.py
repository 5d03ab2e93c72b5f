"""The indicators service's composition root: the one place that chooses the repositories and wires the use cases.

The API (app.py) and the worker (worker.py) build what they need here; tests build the same use cases on
in-memory repositories (tests/unit/test_use_cases.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from edu71.contracts import Contracts
from indicators import config
from indicators.adapters.catalogues import Catalogues
from indicators.adapters.rounds import PeerIndexStore, PeerStatisticsStore, Rounds, Schools
from indicators.adapters.submissions import Submissions
from indicators.approvals import ApprovalService
from indicators.catalogues import CatalogueService
from indicators.domain.clock import utc_now
from indicators.service import IndicatorService
from indicators.spreadsheets import SpreadsheetService


@dataclass(frozen=True)
class UseCases:
    catalogues: CatalogueService
    indicators: IndicatorService
    approvals: ApprovalService
    spreadsheets: SpreadsheetService


def use_cases(settings: config.Settings, clock: Callable[[], datetime] = utc_now) -> UseCases:
    """Every use case of the service, on the store's repositories."""
    contracts = Contracts(settings.platform.contracts_dir)
    catalogues = CatalogueService(contracts, clock=clock, store=Catalogues())
    schools = Schools()
    indicators = IndicatorService(contracts, catalogues, clock, rounds=Rounds(), submissions=Submissions(),
                                  peer_statistics=PeerStatisticsStore(), peer_figures=PeerIndexStore().figures)
    return UseCases(
        catalogues=catalogues,
        indicators=indicators,
        approvals=ApprovalService(indicators, schools=schools),
        spreadsheets=SpreadsheetService(indicators, max_upload_bytes=settings.max_upload_bytes,
                                        max_unzipped_bytes=settings.max_unzipped_bytes, schools=schools),
    )
