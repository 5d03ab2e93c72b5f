"""Constants and helpers shared by the contract tests (contracts/ at the repository root)."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from jsonschema import FormatChecker
from referencing import Registry, Resource

REPO = Path(__file__).resolve().parents[2]
CONTRACTS = REPO / "contracts"
EVENTS_DIR = CONTRACTS / "events"
EXAMPLES_DIR = CONTRACTS / "examples"
VALIDATOR_JS = CONTRACTS / "tools" / "validate-asyncapi.mjs"
COMPAT_PY = CONTRACTS / "tools" / "compat.py"

# The contract as agreed: Kafka topic → the events it carries.
TOPICS = {
    "edu71.plans.v1": ["PlanSubmitted", "PlanApproved", "PlanReturned"],
    "edu71.indicators.v1": ["ReportingRoundOpened", "IndicatorSubmitted", "IndicatorRevised", "CataloguePublished",
                            "SubmissionCompleted", "SubmissionConfirmed", "SubmissionReturned", "SubmissionAccepted",
                            "SubmissionReopened", "ValueFlagged"],
    "edu71.notifications.v1": ["DeadlineApproaching", "NotificationDelivered"],
    "edu71.reports.v1": ["RollupUpdated", "DashboardUpdated", "ReportIssued"],
    "edu71.directory.v1": ["UserRegistered", "UserChanged", "AccessRevoked", "SchoolRegistered", "SchoolChanged"],
    "edu71.deadletter.v1": ["DeadLettered", "OutboxQuarantined"],
}
EVENTS = [name for names in TOPICS.values() for name in names]


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def schema_files() -> list[Path]:
    return sorted(EVENTS_DIR.rglob("*.schema.json"))


def all_schemas() -> dict[str, dict]:
    """Every payload schema keyed by its $id, the way the services load them."""
    schemas = [load_json(p) for p in schema_files()]
    return {schema["$id"]: schema for schema in schemas}


def make_registry() -> Registry:
    return Registry().with_resources(
        (sid, Resource.from_contents(schema)) for sid, schema in all_schemas().items()
    )


def _strict_date_time(value: object) -> bool:
    """RFC 3339 date-time with a mandatory offset, without needing rfc3339-validator."""
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        return False
    try:
        parsed = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def format_checker() -> FormatChecker:
    """jsonschema's default format checker, with a date-time check that needs no optional package."""
    checker = FormatChecker()
    checker.checks("date-time")(_strict_date_time)
    return checker


def example(name: str) -> dict:
    return load_json(EXAMPLES_DIR / f"{name}.v1.json")


def envelope_for(name: str, data: dict, subject: str) -> dict:
    """A structured-mode CloudEvent around ``data``, following the conventions."""
    return {
        "specversion": "1.0",
        "id": "0f8e6a52-3c1d-4b7e-9a24-6d5c8b1e2f70",
        "source": "/edu71/tests",
        "type": f"vn.edu71.{name}.v1",
        "time": "2026-01-29T02:15:00.000Z",
        "subject": subject,
        "datacontenttype": "application/json",
        "dataschema": f"urn:edu71:events:{name}:v1",
        "data": data,
        "partitionkey": subject,
    }
