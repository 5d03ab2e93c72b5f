"""The portal's configuration: the one place that reads its environment."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from environs import Env

from edu71.config import REPO_ROOT, KafkaSettings, platform_settings


@dataclass(frozen=True)
class Backends:
    """Base URLs of the HTTP APIs the portal talks to (it never reads their databases)."""

    identity: str
    plans: str
    indicators: str
    notifications: str
    reports: str


@dataclass(frozen=True)
class Monitoring:
    """What the operator's page reads and links to (it shows health and backlogs, never school data)."""

    #: service → base URL of its event worker's ops endpoints (``/healthz``, ``/readyz``, ``/metrics``)
    workers: dict[str, str]
    #: Prometheus' web address, linked from the operator's page.
    prometheus_url: str
    #: The Grafana dashboard's address when a Grafana serves it; else the page offers the dashboard's JSON file.
    grafana_url: str | None
    grafana_dashboard: Path


@dataclass(frozen=True)
class Settings:
    backends: Backends
    monitoring: Monitoring
    #: Signs the session cookie and the CSRF tokens; read from this file when not given directly.
    secret_key: str | None
    secret_key_file: Path
    #: Secure cookies are the default; only a local plain-HTTP setup turns them off.
    cookie_secure: bool
    #: Seconds a call to a backing API may take before the page says the service is unavailable.
    backend_timeout: float
    #: Largest upload (plan documents, spreadsheets) the portal accepts and forwards.
    max_upload_bytes: int
    #: A live dashboard re-reads its figures as soon as DashboardUpdated announces a new version of its area on
    #: Kafka, and at the latest every ``live_interval`` seconds (the fallback: Kafka away, plans moved); one stream lasts
    #: ``live_max_seconds`` (the browser reconnects by itself, so no server thread is held forever).
    live_interval: float
    live_max_seconds: float
    kafka: KafkaSettings
    contracts_dir: Path
    log_level: str


def load() -> Settings:
    env = Env()
    platform = platform_settings("portal", env)

    def url(name: str, port: int) -> str:
        return env.str(f"PORTAL_{name}_URL", f"http://127.0.0.1:{port}").rstrip("/")

    worker_ports = {"plans": 9101, "indicators": 9102, "notifications": 9103, "reports": 9104, "identity": 9105}
    return Settings(
        monitoring=Monitoring(
            workers={svc: env.str(f"PORTAL_{svc.upper()}_WORKER_URL", f"http://127.0.0.1:{port}").rstrip("/")
                     for svc, port in worker_ports.items()},
            prometheus_url=env.str("PORTAL_PROMETHEUS_URL", "http://127.0.0.1:9090").rstrip("/"),
            grafana_url=env.str("PORTAL_GRAFANA_URL", None) or None,
            grafana_dashboard=env.path("PORTAL_GRAFANA_DASHBOARD", REPO_ROOT / "deploy" / "grafana" / "edu71.json"),
        ),
        backends=Backends(
            identity=url("IDENTITY", 8005),
            plans=url("PLANS", 8001),
            indicators=url("INDICATORS", 8002),
            notifications=url("NOTIFICATIONS", 8003),
            reports=url("REPORTS", 8004),
        ),
        secret_key=env.str("PORTAL_SECRET_KEY", None) or None,
        secret_key_file=env.path("PORTAL_SECRET_KEY_FILE", REPO_ROOT / "var" / "keys" / "portal-secret"),
        cookie_secure=env.bool("PORTAL_COOKIE_SECURE", True),
        backend_timeout=env.float("PORTAL_BACKEND_TIMEOUT", 15.0),
        max_upload_bytes=env.int("PORTAL_MAX_UPLOAD_BYTES", 10 * 1024 * 1024),
        live_interval=env.float("PORTAL_LIVE_INTERVAL", 3.0),
        live_max_seconds=env.float("PORTAL_LIVE_MAX_SECONDS", 55.0),
        kafka=platform.kafka,
        contracts_dir=platform.contracts_dir,
        log_level=env.str("LOG_LEVEL", "INFO"),
    )
