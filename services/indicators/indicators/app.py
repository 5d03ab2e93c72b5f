"""The indicators API (``gunicorn 'indicators.app:create_app()'``)."""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from flask import Flask

from edu71.contracts import Contracts
from edu71.web import create_service_app
from indicators import config
from indicators.api.resources import blueprints
from indicators.approvals import ApprovalService
from indicators.catalogues import CatalogueService
from indicators.domain.clock import utc_now
from indicators.service import IndicatorService
from indicators.spreadsheets import SpreadsheetService


def create_app(settings: config.Settings | None = None, *, clock: Callable[[], datetime] = utc_now) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Chỉ tiêu",
        description="Danh mục chỉ tiêu, đợt báo cáo và số liệu các trường nộp theo Nghị quyết 71-NQ/TW.",
        blueprints=blueprints,
        max_content_length=settings.max_request_bytes,
    )
    contracts = Contracts(settings.platform.contracts_dir)
    catalogues = CatalogueService(contracts, clock=clock)
    app.extensions["indicators.catalogues"] = catalogues
    service = IndicatorService(contracts, catalogues, clock=clock)
    app.extensions["indicators.service"] = service
    app.extensions["indicators.approvals"] = ApprovalService(service)
    app.extensions["indicators.spreadsheets"] = SpreadsheetService(
        service, max_upload_bytes=settings.max_upload_bytes, max_unzipped_bytes=settings.max_unzipped_bytes)
    return app
