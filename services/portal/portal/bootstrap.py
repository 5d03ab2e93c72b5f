"""The portal's composition root: the one place that builds what the portal is made of.

The portal owns no data and runs no worker: it is an HTTP client of the other services' APIs. Here, once per
app, are built the connection pool every client shares, the clients of the backing APIs (one per request, with
the signed-in user's token: :mod:`portal.backends`), the operator page's client of the ops endpoints, the key
and interface of the sealed session cookie, the live dashboards' follower of DashboardUpdated
(:mod:`portal.live`) and what ``/readyz`` reports (:mod:`portal.readiness`). ``app.py`` puts them in the app.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import requests

from edu71.contracts import Contracts
from portal import config, secret, session
from portal.clients.base import ApiClient
from portal.clients.ops import OpsClient
from portal.live import DashboardSignal
from portal.readiness import Readiness

Client = TypeVar("Client", bound=ApiClient)


@dataclass(frozen=True)
class Wiring:
    settings: config.Settings
    #: One pool of keep-alive connections to the backing APIs, shared by every request's clients.
    http: requests.Session
    #: Signs the session cookie and the CSRF tokens (shared by every gunicorn worker through its file).
    secret_key: str
    session_interface: session.SealedCookieSessionInterface
    live: DashboardSignal
    readiness: Readiness

    def client(self, cls: type[Client], backend: str, token: str | None) -> Client:
        """A client of the backing API ``backend`` (a field of :class:`config.Backends`) calling as ``token``."""
        return cls(getattr(self.settings.backends, backend), token, self.settings.backend_timeout, self.http)

    def ops(self) -> OpsClient:
        return OpsClient(self.http)


def wire(settings: config.Settings) -> Wiring:
    live = DashboardSignal(settings.kafka, Contracts(settings.contracts_dir))
    return Wiring(
        settings=settings,
        http=requests.Session(),
        secret_key=settings.secret_key or secret.load_or_create(settings.secret_key_file),
        session_interface=session.SealedCookieSessionInterface(),
        live=live,
        readiness=Readiness(settings.backends, live),
    )
