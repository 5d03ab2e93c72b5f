"""The Prometheus metrics every service exposes.

Under gunicorn each worker is its own process, so the API runs prometheus-client
in multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``, set by
:mod:`edu71.gunicorn_conf`); the event worker is a single process and uses the
default registry. Gauges declare how their per-process values combine.
"""
from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY

HTTP_REQUEST_DURATION = Histogram(
    "edu71_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template and status.",
    ["service", "method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
EVENTS_PRODUCED = Counter(
    "edu71_events_produced_total", "Events acknowledged by Kafka.", ["service", "type"]
)
EVENTS_PRODUCE_FAILED = Counter(
    "edu71_events_produce_failed_total",
    "Sends that Kafka did not acknowledge; the event stays in the outbox and is retried.",
    ["service", "type"],
)
EVENTS_CONSUMED = Counter(
    "edu71_events_consumed_total", "Events handled successfully.", ["service", "group", "type"]
)
EVENTS_DUPLICATE = Counter(
    "edu71_events_duplicate_total",
    "Events skipped because this consumer group had already handled their id.",
    ["service", "group", "type"],
)
EVENTS_FAILED = Counter(
    "edu71_events_failed_total",
    "Handler attempts that raised (each retry counts).",
    ["service", "group", "type"],
)
EVENTS_DEAD_LETTERED = Counter(
    "edu71_events_dead_lettered_total",
    "Events sent to the dead-letter topic, by reason (invalid, failed).",
    ["service", "group", "type", "reason"],
)
OUTBOX_BACKLOG = Gauge(
    "edu71_outbox_backlog",
    "Events written but not yet acknowledged by Kafka.",
    ["service"],
    multiprocess_mode="livemax",
)
OUTBOX_OLDEST_AGE = Gauge(
    "edu71_outbox_oldest_event_age_seconds",
    "Age of the oldest event still waiting in the outbox (0 when empty).",
    ["service"],
    multiprocess_mode="livemax",
)
OUTBOX_QUARANTINED = Gauge(
    "edu71_outbox_quarantined_records",
    "Outbox records set aside because the store or Kafka refused them (see `edu71 outbox quarantine`).",
    ["service"],
    multiprocess_mode="livemax",
)
OUTBOX_QUARANTINED_TOTAL = Counter(
    "edu71_outbox_quarantined_total",
    "Outbox records set aside, by stage (decode, publish, head).",
    ["service", "stage"],
)
OUTBOX_STALLED = Gauge(
    "edu71_outbox_stalled_seconds",
    "How long the leading relay has not advanced while events wait (0 when nothing waits).",
    ["service"],
    multiprocess_mode="livemax",
)
CONSUMER_LAG = Gauge(
    "edu71_consumer_lag",
    "Messages between the group's position and the end of the partition.",
    ["service", "group", "topic", "partition"],
    multiprocess_mode="livemax",
)
LAST_EVENT_PROCESSED = Gauge(
    "edu71_last_event_processed_timestamp_seconds",
    "Unix time at which the consumer group last finished an event.",
    ["service", "group"],
    multiprocess_mode="livemax",
)


def exposition() -> tuple[bytes, str]:
    """The current metrics of this process, or of all gunicorn workers in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST
