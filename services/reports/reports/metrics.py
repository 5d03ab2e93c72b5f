"""The reports service's own Prometheus gauges (the alert rules in deploy/prometheus/rules use them)."""
from __future__ import annotations

from prometheus_client import Counter, Gauge

ROUND_SCHOOLS_MISSING = Gauge(
    "edu71_round_schools_missing",
    "Schools expected in a reporting round that have not submitted yet.",
    ["round_id"], multiprocess_mode="livemax")
ROUND_CLOSES_IN = Gauge(
    "edu71_round_closes_in_seconds",
    "Seconds until a reporting round closes (negative once closed).",
    ["round_id"], multiprocess_mode="livemin")
PROJECTOR_LAG = Gauge(
    "edu71_reports_projection_hints",
    "Source changes waiting for the projector to recompute the views.", multiprocess_mode="livemax")
PROJECTION_QUARANTINED = Counter(
    "edu71_reports_projection_quarantined",
    "Source rows the projector could not apply and set aside (projection_quarantine), instead of stopping.")
