"""The reports API (``gunicorn 'reports.app:create_app()'``)."""
from __future__ import annotations

from flask import Flask

from edu71.web import create_service_app
from reports import config
from reports.api.resources import blp
from reports.service import ReportService


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Báo cáo tổng hợp",
        description="Số liệu tổng hợp các chỉ tiêu thực hiện Nghị quyết 71-NQ/TW theo xã/phường và tỉnh/thành phố.",
        blueprints=[blp],
    )
    app.extensions["reports.service"] = ReportService()
    return app
