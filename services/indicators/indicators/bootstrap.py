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
from indicators.adapters.peers import PeerIndexStore, PeerStatisticsStore
from indicators.adapters.rounds import Rounds
from indicators.adapters.schools import Schools
from indicators.adapters.submissions import Submissions
from indicators.approvals import ApprovalService
from indicators.catalogues import CatalogueService
from indicators.domain.clock import utc_now
from indicators.peers import PeerStatisticsService
from indicators.rounds import RoundService
from indicators.spreadsheets import SpreadsheetService
from indicators.submissions import SubmissionService


@dataclass(frozen=True)
class UseCases:
    catalogues: CatalogueService
    rounds: RoundService
    peers: PeerStatisticsService
    submissions: SubmissionService
    approvals: ApprovalService
    spreadsheets: SpreadsheetService


def use_cases(settings: config.Settings, clock: Callable[[], datetime] = utc_now) -> UseCases:
    """Every use case of the service, on the store's repositories."""
    contracts = Contracts(settings.platform.contracts_dir)
    catalogues = CatalogueService(contracts, clock=clock, store=Catalogues())
    schools = Schools()
    rounds = RoundService(contracts, catalogues, clock, store=Rounds())
    peers = PeerStatisticsService(clock, rounds=rounds.store, store=PeerStatisticsStore(),
                                  figures=PeerIndexStore().figures)
    submissions = SubmissionService(contracts, rounds, peers, store=Submissions())
    return UseCases(
        catalogues=catalogues,
        rounds=rounds,
        peers=peers,
        submissions=submissions,
        approvals=ApprovalService(rounds, submissions, schools=schools),
        spreadsheets=SpreadsheetService(rounds, submissions, max_upload_bytes=settings.max_upload_bytes,
                                        max_unzipped_bytes=settings.max_unzipped_bytes, schools=schools),
    )
