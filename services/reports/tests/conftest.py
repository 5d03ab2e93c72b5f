"""Fixtures of the reports tests: real events built from the contracts, and the service's own database."""
from __future__ import annotations

import uuid

import pytest

from edu71 import db
from edu71.config import platform_settings
from edu71.contracts import Contracts

from .support import EventFactory


@pytest.fixture(scope="session")
def contracts() -> Contracts:
    return Contracts(platform_settings("reports").contracts_dir)


@pytest.fixture
def reports_settings(fresh_databases):
    from reports import config

    settings = config.load()
    assert settings.platform.mongodb_db == fresh_databases["REPORTS_MONGODB_DB"]
    db.connect(settings.platform)
    return settings


@pytest.fixture(scope="session")
def events(contracts) -> EventFactory:
    return EventFactory(contracts)


@pytest.fixture
def round_id() -> str:
    return f"rnd-test-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def project(reports_settings, contracts):
    """Run the projector until every stored source row is in the views (what the worker's loop does)."""
    from reports.adapters.projector import Projector

    projector = Projector(contracts)

    def run() -> Projector:
        if projector.model is None:
            projector.catch_up()
        else:
            while projector.run_once():
                pass
        return projector

    return run
