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
def wired(notifications_settings):
    """The service's use cases on the store, as the API wires them (no senders: deliveries are only queued)."""
    from notifications.bootstrap import use_cases

    return use_cases(notifications_settings)


class SmtpSink:
    """A real SMTP server (aiosmtpd) on a free port that keeps what it receives."""

    def __init__(self, port: int):
        self.port = port
        self.received: list = []
        self.controller = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        # A stopped controller cannot start again: each start is a new server on the same port.
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.received.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        from email import message_from_bytes
        from email.policy import default

        return [message_from_bytes(e.original_content, policy=default) for e in self.received]


@pytest.fixture
def smtp_sink():
    from edu71_testing import free_port

    sink = SmtpSink(free_port())
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def clock():
    from datetime import datetime, timezone

    from .support import FakeClock

    return FakeClock(datetime(2026, 1, 8, 1, 0, tzinfo=timezone.utc))  # 08:00 on 08/01/2026, Vietnam time


@pytest.fixture
def service_settings(notifications_settings, smtp_sink):
    """The service's settings pointed at the test SMTP server, with short retry waits (the clock is fake)."""
    import dataclasses

    from notifications.config import DeliverySettings, SmtpSettings

    return dataclasses.replace(
        notifications_settings,
        smtp=SmtpSettings(host="127.0.0.1", port=smtp_sink.port, sender="thongbao@edu71.test", timeout=30),
        delivery=DeliverySettings(max_attempts=3, backoff_base=60, backoff_max=600, claim_timeout=300,
                                  webhook_timeout=30),
    )


@pytest.fixture
def wiring(service_settings, clock):
    """The service's use cases exactly as the worker wires them (real SMTP and HTTP senders), on the fake clock."""
    from notifications.adapters.documents import DeadlineReminder, Delivery, DigestRun, Notification
    from notifications.bootstrap import use_cases

    for cls in (Notification, Delivery, DeadlineReminder, DigestRun):
        cls.ensure_store_indexes()
    return use_cases(service_settings, clock, sending=True)


@pytest.fixture(scope="session")
def directory(contracts):
    from .support import DirectoryEvents

    return DirectoryEvents(contracts)


@pytest.fixture(scope="session")
def indicator_events(contracts):
    from .support import IndicatorEvents

    return IndicatorEvents(contracts)
