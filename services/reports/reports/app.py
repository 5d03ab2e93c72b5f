"""The reports API (``gunicorn 'reports.app:create_app()'``)."""
from __future__ import annotations


from flask import Flask
from mongoengine.connection import get_db

from edu71.contracts import Contracts
from edu71.web import create_service_app
from reports import config
from reports.adapters.generations import ActiveDatabase
from reports.adapters import basedb
from reports.api.exports import exports
from reports.api.official import official
from reports.api.resources import BLUEPRINTS
from reports.asof import AsOf
from reports.official_service import LiveViews, OfficialReports
from reports.service import ReportService


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Báo cáo tổng hợp",
        description="Số liệu tổng hợp các chỉ tiêu thực hiện Nghị quyết 71-NQ/TW theo xã/phường và tỉnh/thành phố: "
                    "tiến độ nộp, so sánh với chỉ tiêu, kế hoạch, xếp hạng, chuỗi số liệu và xuất Excel/CSV.",
        blueprints=[*BLUEPRINTS, exports, official],
    )
    alias = settings.platform.service
    store = ActiveDatabase(lambda: get_db(alias).client, settings.platform.mongodb_db, ttl=settings.generation_check)
    service = app.extensions["reports.service"] = ReportService(store)
    # Official reports are primary data: the base database, whatever generation the views are in.
    basedb.connect(settings.platform)
    asof = app.extensions["reports.asof"] = AsOf(settle=settings.asof_settle)
    app.extensions["reports.official"] = OfficialReports(
        service.round, service._directory_school, lambda: LiveViews(store), Contracts(settings.platform.contracts_dir),
        asof=asof)
    return app
