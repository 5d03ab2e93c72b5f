"""What the indicators worker does with each event it consumes: routing as data, by event name.

The same table serves the worker's consumer and any rebuild of the projections it feeds (the
directory's schools, the revoked accounts, the peer index).
"""
from __future__ import annotations

from typing import Callable

from edu71.auth.revocation import RevocationProjection
from edu71.contracts import Event
from indicators.adapters.documents import KnownSchool
from indicators.catalogues import CatalogueService
from indicators.peers import PeerIndexer

#: Events of other services: the directory's schools (for the forms communes and the city prepare) and the
#: accounts and sessions the API refuses.
HANDLERS: dict[str, Callable[[Event], None]] = {
    "SchoolRegistered": KnownSchool.keep,
    "SchoolChanged": KnownSchool.keep,
    **RevocationProjection.in_service_database("indicators").handlers(),
}


def routes(catalogues: CatalogueService) -> dict[str, Callable[[Event], None]]:
    """Every event the worker handles: :data:`HANDLERS` and the service's own submissions (the peer index)."""
    return {**HANDLERS, **PeerIndexer(catalogues).handlers()}
