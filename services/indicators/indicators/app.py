"""The indicators API (``gunicorn 'indicators.app:create_app()'``)."""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from flask import Flask

from edu71.web import create_service_app
from indicators import bootstrap, config
from indicators.api.resources import blueprints
from indicators.domain.clock import utc_now


def create_app(settings: config.Settings | None = None, *, clock: Callable[[], datetime] = utc_now) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Chỉ tiêu",
        description="Danh mục chỉ tiêu, đợt báo cáo và số liệu các trường nộp theo Nghị quyết 71-NQ/TW.",
        blueprints=blueprints,
        max_content_length=settings.max_request_bytes,
    )
    wired = bootstrap.use_cases(settings, clock)
    app.extensions["indicators.catalogues"] = wired.catalogues
    app.extensions["indicators.rounds"] = wired.rounds
    app.extensions["indicators.peers"] = wired.peers
    app.extensions["indicators.submissions"] = wired.submissions
    app.extensions["indicators.approvals"] = wired.approvals
    app.extensions["indicators.spreadsheets"] = wired.spreadsheets
    return app
