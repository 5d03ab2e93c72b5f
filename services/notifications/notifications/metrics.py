"""The notifications service's own metrics (names and labels as deploy/prometheus/rules expect them)."""
from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

DELIVERED = Counter(
    "edu71_notifications_delivered_total",
    "Final outcomes of notifications, by channel (in_app, email, webhook) and status (delivered, failed).",
    ["channel", "status"],
)
FAILED = Counter(
    "edu71_notifications_failed_total",
    "Notifications that finally failed after their retries, by channel (the alert Edu71NotificationsFailing).",
    ["channel"],
)
ATTEMPTS_FAILED = Counter(
    "edu71_notifications_attempts_failed_total",
    "Single e-mail or webhook attempts that failed (each retry counts), by channel.",
    ["channel"],
)
QUEUE_DEPTH = Gauge(
    "edu71_notifications_queue_depth",
    "E-mails and webhook calls waiting to be delivered (pending, including those waiting for a retry).",
    ["channel"],
    multiprocess_mode="livemax",
)
LATENCY = Histogram(
    "edu71_notifications_delivery_latency_seconds",
    "From a delivery being queued to its final outcome, by channel.",
    ["channel"],
    buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 12 * 3600),
)


def outcome(channel: str, status: str) -> None:
    DELIVERED.labels(channel, status).inc()
    if status == "failed":
        FAILED.labels(channel).inc()
