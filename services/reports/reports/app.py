"""The reports API (``gunicorn 'reports.app:create_app()'``)."""
from __future__ import annotations

from flask import Flask
from mongoengine.connection import get_db

from edu71.web import create_service_app
from reports import config
from reports.adapters.generations import ActiveDatabase
from reports.api.exports import exports
from reports.api.resources import BLUEPRINTS
from reports.service import ReportService


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Báo cáo tổng hợp",
        description="Số liệu tổng hợp các chỉ tiêu thực hiện Nghị quyết 71-NQ/TW theo xã/phường và tỉnh/thành phố: "
                    "tiến độ nộp, so sánh với chỉ tiêu, kế hoạch, xếp hạng, chuỗi số liệu và xuất Excel/CSV.",
        blueprints=[*BLUEPRINTS, exports],
    )
    alias = settings.platform.service
    store = ActiveDatabase(lambda: get_db(alias).client, settings.platform.mongodb_db, ttl=settings.generation_check)
    app.extensions["reports.service"] = ReportService(store)
    return app
