"""The event contracts in ``contracts/``, loaded once: schemas, topics, envelopes.

``contracts/asyncapi.yaml`` is the single source of which topic carries which
event; ``contracts/events/<Name>/v<N>.schema.json`` describe the payloads;
``contracts/envelope.schema.json`` the CloudEvents 1.0 envelope around them.
"""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

SPECVERSION = "1.0"
ENVELOPE = "urn:edu71:envelope"
TYPE_PATTERN = re.compile(r"^vn\.edu71\.(?P<name>[A-Za-z]+)\.v(?P<version>\d+)$")
#: Datetimes and dataclasses are not JSON: orjson hands them back, as the standard library refuses them.
_AS_JSON = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class ContractViolation(ValueError):
    """An event that does not match its contract."""


@dataclass(frozen=True)
class Event:
    """A CloudEvent as the services see it: envelope attributes plus the payload."""

    id: str
    type: str
    source: str
    subject: str
    time: str
    data: dict[str, Any]
    dataschema: str
    partitionkey: str | None = None

    @property
    def name(self) -> str:
        return type_name(self.type)

    @property
    def version(self) -> int:
        return int(TYPE_PATTERN.match(self.type)["version"])

    @property
    def key(self) -> str:
        return self.partitionkey or self.subject

    def envelope(self) -> dict[str, Any]:
        env = {
            "specversion": SPECVERSION,
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "time": self.time,
            "subject": self.subject,
            "datacontenttype": "application/json",
            "dataschema": self.dataschema,
            "data": self.data,
        }
        if self.partitionkey:
            env["partitionkey"] = self.partitionkey
        return env

    def to_json(self) -> str:
        # orjson writes the same compact UTF-8 JSON several times faster (an IndicatorSubmitted of 25 values:
        # 3 % of a submission's CPU); what it refuses (integers beyond 64 bits, keys that are not strings,
        # datetimes) the standard library writes, or refuses, as it always did.
        try:
            return orjson.dumps(self.envelope(), option=_AS_JSON).decode("utf-8")
        except TypeError:
            return json.dumps(self.envelope(), ensure_ascii=False, separators=(",", ":"))


def type_name(ce_type: str) -> str:
    match = TYPE_PATTERN.match(ce_type)
    if not match:
        raise ContractViolation(f"unknown event type format: {ce_type!r}")
    return match["name"]


class Contracts:
    """Schemas and topic routing read from a contracts directory."""

    def __init__(self, root: Path):
        self.root = Path(root)

    @cached_property
    def _asyncapi(self) -> dict[str, Any]:
        return yaml.safe_load((self.root / "asyncapi.yaml").read_text(encoding="utf-8"))

    @cached_property
    def topics(self) -> dict[str, str]:
        """Event name → Kafka topic, from the AsyncAPI channels."""
        routing: dict[str, str] = {}
        for channel in self._asyncapi["channels"].values():
            for key, message in (channel.get("messages") or {}).items():
                name = message.get("name", key) if isinstance(message, dict) else key
                routing[name] = channel["address"]
        return routing

    @cached_property
    def all_topics(self) -> list[str]:
        return sorted({c["address"] for c in self._asyncapi["channels"].values()})

    @cached_property
    def _schemas(self) -> dict[str, dict[str, Any]]:
        by_id: dict[str, dict[str, Any]] = {}
        for path in sorted((self.root / "events").glob("*/v*.schema.json")):
            schema = json.loads(path.read_text(encoding="utf-8"))
            by_id[schema["$id"]] = schema
        return by_id

    @cached_property
    def _registry(self) -> Registry:
        return Registry().with_resources(
            (sid, Resource.from_contents(schema)) for sid, schema in self._schemas.items()
        )

    @cached_property
    def _envelope_schema(self) -> dict[str, Any]:
        return json.loads((self.root / "envelope.schema.json").read_text(encoding="utf-8"))

    @cached_property
    def _checkers(self) -> dict[str, jsonschema_rs.Validator]:
        """Compiled validators (Rust), by schema id: every event is checked, on every hot path.

        The pure-Python validator took 9 ms per IndicatorSubmitted of 70 values,
        a quarter of a submission's time; these take 0.03 ms.
        """
        registry = jsonschema_rs.Registry(list(self._schemas.items()))
        checkers = {sid: jsonschema_rs.validator_for(schema, registry=registry, validate_formats=True)
                    for sid, schema in self._schemas.items()}
        checkers[ENVELOPE] = jsonschema_rs.validator_for(self._envelope_schema, validate_formats=True)
        return checkers

    def latest_version(self, name: str) -> int:
        prefix = f"urn:edu71:events:{name}:v"
        versions = [int(sid[len(prefix):]) for sid in self._schemas if sid.startswith(prefix)]
        if not versions:
            raise ContractViolation(f"no contract for event {name!r}")
        return max(versions)

    def _violation(self, schema_id: str, instance: Any) -> str | None:
        """Why ``instance`` breaks the schema, or None when it conforms.

        The compiled validator decides; on the rare failure the Python one
        names the most relevant error (its ``best_match``), falling back to the
        compiled one's first error for checks the Python one skips (formats).
        """
        try:
            checker = self._checkers[schema_id]
        except KeyError:
            raise ContractViolation(f"no schema {schema_id!r}") from None
        if checker.is_valid(instance):
            return None
        if schema_id == ENVELOPE:
            explainer = Draft202012Validator(self._envelope_schema, format_checker=FormatChecker())
        else:
            explainer = Draft202012Validator(self._schemas[schema_id], registry=self._registry,
                                             format_checker=FormatChecker())
        error = best_match(explainer.iter_errors(instance))
        if error is not None:
            return f"{error.message} at {list(error.absolute_path)}"
        first = next(checker.iter_errors(instance))
        return f"{first.message} at {list(first.instance_path)}"

    def topic_for(self, name: str) -> str:
        try:
            return self.topics[name]
        except KeyError:
            raise ContractViolation(f"no topic carries event {name!r}") from None

    def new_event(self, name: str, data: dict[str, Any], *, subject: str, source: str,
                  key: str | None = None, version: int | None = None) -> Event:
        """Build and validate an event; producers call this before storing it in the outbox."""
        version = version or self.latest_version(name)
        event = Event(
            id=str(uuid.uuid4()),
            type=f"vn.edu71.{name}.v{version}",
            source=source,
            subject=subject,
            time=datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            data=data,
            dataschema=f"urn:edu71:events:{name}:v{version}",
            partitionkey=key or subject,
        )
        self.validate(event.envelope())
        return event

    def validate(self, envelope: dict[str, Any]) -> Event:
        """Check an envelope and its payload against the contracts; return it as an :class:`Event`."""
        if (why := self._violation(ENVELOPE, envelope)) is not None:
            raise ContractViolation(f"envelope: {why}")
        name = type_name(envelope["type"])
        expected = f"urn:edu71:events:{name}:v{TYPE_PATTERN.match(envelope['type'])['version']}"
        if envelope["dataschema"] != expected:
            raise ContractViolation(f"dataschema {envelope['dataschema']!r} does not match type")
        if (why := self._violation(expected, envelope["data"])) is not None:
            raise ContractViolation(f"{name}: {why}")
        return Event(
            id=envelope["id"],
            type=envelope["type"],
            source=envelope["source"],
            subject=envelope["subject"],
            time=envelope["time"],
            data=envelope["data"],
            dataschema=envelope["dataschema"],
            partitionkey=envelope.get("partitionkey"),
        )

    def parse(self, raw: bytes) -> Event:
        """Decode and validate a Kafka message value.

        orjson decodes an IndicatorSubmitted several times faster than the standard library, every consumer of
        every event pays it, and it refuses what no JSON producer writes (bytes that are not UTF-8, NaN, lone
        surrogates) as malformed.
        """
        try:
            envelope = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise ContractViolation(f"not a JSON CloudEvent: {exc}") from None
        if not isinstance(envelope, dict):
            raise ContractViolation("not a JSON object")
        return self.validate(envelope)
