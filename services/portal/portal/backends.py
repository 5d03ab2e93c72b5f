"""The signed-in user's clients of the backing APIs, for the current request (built by :mod:`portal.bootstrap`)."""
from __future__ import annotations

from flask import current_app, g

from portal.clients.identity import IdentityClient
from portal.clients.indicators import IndicatorsClient
from portal.clients.notifications import NotificationsClient
from portal.clients.plans import PlansClient
from portal.clients.reports import ReportsClient


def _make(cls, name: str, token: str | None = None):
    return current_app.extensions["portal.wiring"].client(cls, name, token if token is not None else g.get("token"))


def identity(token: str | None = None) -> IdentityClient:
    return _make(IdentityClient, "identity", token)


def plans() -> PlansClient:
    return _make(PlansClient, "plans")


def indicators() -> IndicatorsClient:
    return _make(IndicatorsClient, "indicators")


def notifications() -> NotificationsClient:
    return _make(NotificationsClient, "notifications")


def reports() -> ReportsClient:
    return _make(ReportsClient, "reports")
