"""The reports API (``gunicorn 'reports.app:create_app()'``)."""
from __future__ import annotations

from flask import Flask

from edu71.web import create_service_app
from reports import bootstrap, config
from reports.api.exports import exports
from reports.api.official import official
from reports.api.resources import BLUEPRINTS


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Báo cáo tổng hợp",
        description="Số liệu tổng hợp các chỉ tiêu thực hiện Nghị quyết 71-NQ/TW theo xã/phường và tỉnh/thành phố: "
                    "tiến độ nộp, so sánh với chỉ tiêu, kế hoạch, xếp hạng, chuỗi số liệu và xuất Excel/CSV.",
        blueprints=[*BLUEPRINTS, exports, official],
    )
    wired = bootstrap.use_cases(settings)
    app.extensions["reports.dashboards"] = wired.dashboards
    app.extensions["reports.asof"] = wired.asof
    app.extensions["reports.official"] = wired.official
    return app
