"""The plans service's composition root: the one place that chooses the repositories and wires the use cases.

The API (app.py) and the worker (worker.py) build what they need here; tests build the same use cases on
in-memory repositories (tests/unit/test_use_cases.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from edu71.contracts import Contracts
from plans import config
from plans.adapters.catalogues import KnownCatalogues
from plans.adapters.originals import Originals
from plans.adapters.plans import Plans
from plans.catalogues import CatalogueService
from plans.unit_plans import PlanService


@dataclass(frozen=True)
class UseCases:
    catalogues: CatalogueService
    plans: PlanService


def use_cases(settings: config.Settings) -> UseCases:
    """Every use case of the service, on the store's repositories."""
    plans = Plans()
    catalogues = CatalogueService(KnownCatalogues(), plans)
    return UseCases(
        catalogues=catalogues,
        plans=PlanService(Contracts(settings.platform.contracts_dir), catalogues, plans=plans, originals=Originals()),
    )
