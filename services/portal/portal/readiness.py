"""What ``/readyz`` says of the portal: the backing APIs a user's pages depend on, and the live dashboards' follower.

The portal stays ready whatever answers behind it: every page then says in Vietnamese which service
does not answer (``portal.clients.base.UNAVAILABLE``), which is better than a load balancer taking
every portal process out and users meeting a bare connection error. The checks tell an operator
what users meet meanwhile. Like the other services' checks (:class:`edu71.web.Watched`), the APIs are asked
in the background, all at once, every few seconds, so ``/readyz`` answers at once even when one of them hangs.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from edu71.web import Watched
from portal.config import Backends
from portal.live import DashboardSignal

#: Seconds a backing API may take to say it is alive before it counts as not answering.
PROBE_TIMEOUT = 1.5
#: Seconds between two rounds of checks.
EVERY = 5.0
#: What a backing API is said to be before its first check has answered.
NOT_CHECKED = "not checked yet"


def _answers(url: str) -> str:
    try:
        return "ok" if requests.get(f"{url}/healthz", timeout=PROBE_TIMEOUT).ok else "unhealthy"
    except requests.RequestException:
        return "unreachable"


class Readiness:
    def __init__(self, backends: Backends, signal: DashboardSignal, *, every: float = EVERY,
                 first_wait: float = PROBE_TIMEOUT + 0.5):
        urls = vars(backends)
        self.signal = signal
        self._apis = Watched(lambda: self._ask(urls), dict.fromkeys(urls, NOT_CHECKED), ttl=every,
                             first_wait=first_wait, name="portal-readiness")

    @staticmethod
    def _ask(urls: dict[str, str]) -> dict[str, str]:
        with ThreadPoolExecutor(max_workers=len(urls)) as pool:
            return dict(zip(urls, pool.map(_answers, urls.values())))

    def __call__(self) -> tuple[dict, bool]:
        answers = dict(self._apis.latest())
        answers["live_updates"] = "ok" if self.signal.listening.is_set() else "not listening"
        return answers, True
