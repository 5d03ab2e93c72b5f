"""The plans API (``gunicorn 'plans.app:create_app()'``)."""
from __future__ import annotations

from flask import Flask

from edu71.contracts import Contracts
from edu71.web import create_service_app
from plans import config
from plans.api.resources import blp
from plans.service import PlanService


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Kế hoạch",
        description="Kế hoạch thực hiện Nghị quyết 71-NQ/TW của các trường: lập, gửi duyệt, phê duyệt, trả lại.",
        blueprints=[blp],
        max_content_length=settings.max_upload_bytes,
    )
    app.extensions["plans.service"] = PlanService(Contracts(settings.platform.contracts_dir))
    return app
