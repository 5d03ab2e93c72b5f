"""Shared by the plans tests: a province's catalogue as CataloguePublished carries it (fixtures/catalogue_31.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def catalogue_payload(province_code: str = "31", version: int = 1) -> dict:
    data = json.loads((FIXTURES / "catalogue_31.json").read_text(encoding="utf-8"))
    return {**data, "province_code": province_code, "version": version}


def published(province_code: str = "31", version: int = 1, indicators: list | None = None):
    """A validated CataloguePublished event of ``province_code``."""
    from edu71.config import platform_settings
    from edu71.contracts import Contracts
    from environs import Env

    contracts = Contracts(platform_settings("plans", Env()).contracts_dir)
    data = catalogue_payload(province_code, version)
    if indicators is not None:
        data["indicators"] = indicators
    return contracts.new_event("CataloguePublished", data, subject=province_code, source="/edu71/indicators")


def receive_catalogue(province_code: str = "31", version: int = 1) -> None:
    """What the plans worker does with the province's CataloguePublished (the app must be connected)."""
    from plans import bootstrap, config

    bootstrap.use_cases(config.load()).catalogues.keep(published(province_code, version))


@pytest.fixture
def catalogue_received():
    """Call with a province code: the plans worker has received that province's catalogue (version 1)."""
    return receive_catalogue


@pytest.fixture
def catalogue_event():
    """Call with a province code, a version and optionally the indicators: a CataloguePublished event."""
    return published
