"""Fixtures of the contract tests."""
from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from .support import CONTRACTS, all_schemas, format_checker, load_json, make_registry


@pytest.fixture(scope="session")
def registry():
    return make_registry()


@pytest.fixture(scope="session")
def payload_validator(registry):
    """payload_validator("PlanSubmitted") → a Draft 2020-12 validator of that event's v1 payload."""
    schemas = all_schemas()

    def make(name: str, version: int = 1) -> Draft202012Validator:
        schema = schemas[f"urn:edu71:events:{name}:v{version}"]
        return Draft202012Validator(schema, registry=registry, format_checker=format_checker())

    return make


@pytest.fixture(scope="session")
def envelope_validator() -> Draft202012Validator:
    return Draft202012Validator(load_json(CONTRACTS / "envelope.schema.json"), format_checker=format_checker())
