"""Fixtures of the notifications tests: real events built from the contracts, and the service's own database."""
from __future__ import annotations

import pytest

from edu71 import db
from edu71.config import platform_settings
from edu71.contracts import Contracts

from .support import PlanEvents


@pytest.fixture(scope="session")
def contracts() -> Contracts:
    return Contracts(platform_settings("notifications").contracts_dir)


@pytest.fixture(scope="session")
def plan_events(contracts) -> PlanEvents:
    return PlanEvents(contracts)


@pytest.fixture
def notifications_settings(fresh_databases):
    from notifications import config

    settings = config.load()
    assert settings.platform.mongodb_db == fresh_databases["NOTIFICATIONS_MONGODB_DB"]
    db.connect(settings.platform)
    return settings


@pytest.fixture
def handlers(notifications_settings, contracts):
    from notifications.handlers import NotificationHandlers

    return NotificationHandlers(contracts)
