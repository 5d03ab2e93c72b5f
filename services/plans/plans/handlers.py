"""What the plans worker does with each event it consumes: routing as data, by event name.

The same table serves the worker's consumer and any rebuild of the projections it feeds (the revoked
accounts and sessions the API refuses, each province's latest indicator catalogue).
"""
from __future__ import annotations

from typing import Callable

from edu71.auth.revocation import RevocationProjection
from edu71.contracts import Event
from plans.catalogues import CatalogueService


def routes(catalogues: CatalogueService) -> dict[str, Callable[[Event], object]]:
    """Every event the worker handles: the revocations, and CataloguePublished (which rechecks the plans)."""
    return {**RevocationProjection.in_service_database("plans").handlers(), "CataloguePublished": catalogues.keep}
