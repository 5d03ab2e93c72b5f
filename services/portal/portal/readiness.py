"""What ``/readyz`` says of the portal: the backing APIs a user's pages depend on, each asked at once.

The portal stays ready whatever answers behind it: every page then says in Vietnamese which service
does not answer (``portal.clients.base.UNAVAILABLE``), which is better than a load balancer taking
every portal process out and users meeting a bare connection error. The checks tell an operator
what users meet meanwhile; the live dashboard's Kafka follower is reported too.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from portal.config import Settings
from portal.live import DashboardSignal

#: A readiness probe must answer quickly even when a backing API hangs.
PROBE_TIMEOUT = 1.5


def _answers(url: str) -> str:
    try:
        return "ok" if requests.get(f"{url}/healthz", timeout=PROBE_TIMEOUT).ok else "unhealthy"
    except requests.RequestException:
        return "unreachable"


def readiness(settings: Settings, signal: DashboardSignal) -> tuple[dict, bool]:
    backends = vars(settings.backends)
    with ThreadPoolExecutor(max_workers=len(backends)) as pool:
        answers = dict(zip(backends, pool.map(_answers, backends.values())))
    answers["live_updates"] = "ok" if signal.listening.is_set() else "not listening"
    return answers, True
