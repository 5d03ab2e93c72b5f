"""The services' own ops endpoints (``/healthz``, ``/readyz``, ``/metrics``), as the operator's page reads them.

These endpoints need no token. Any failure to answer is a finding to show, never an error of the page.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from portal.clients.base import send
from portal.domain.operations import Probe

#: Seconds one endpoint may take: a process slower than this to say it is alive is shown as not answering.
TIMEOUT = 3.0


class OpsClient:
    def __init__(self, http: requests.Session, timeout: float = TIMEOUT):
        self.http = http
        self.timeout = timeout

    def _get(self, url: str) -> requests.Response | None:
        try:
            return send(self.http, "GET", url, timeout=self.timeout)
        except requests.RequestException:
            return None

    def probe(self, base_url: str) -> Probe:
        live = self._get(f"{base_url}/healthz")
        ready = self._get(f"{base_url}/readyz")
        metrics = self._get(f"{base_url}/metrics")
        checks: dict[str, str] = {}
        if ready is not None:
            try:
                body = ready.json()
            except ValueError:
                body = None
            if isinstance(body, dict) and isinstance(body.get("checks"), dict):
                checks = {str(k): str(v) for k, v in body["checks"].items()}
        return Probe(live=None if live is None else live.status_code == 200,
                     ready=None if ready is None else ready.status_code == 200, checks=checks,
                     metrics=metrics.text if metrics is not None and metrics.status_code == 200 else None)

    def probe_all(self, urls: dict[str, str]) -> dict[str, Probe]:
        """Every process at once: a page waits for the slowest process, not for their sum."""
        with ThreadPoolExecutor(max_workers=min(len(urls), 12) or 1) as pool:
            return dict(zip(urls, pool.map(self.probe, urls.values())))
