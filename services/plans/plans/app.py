"""The plans API (``gunicorn 'plans.app:create_app()'``)."""
from __future__ import annotations

from flask import Flask

from edu71.store.listing import warm
from edu71.web import create_service_app
from plans import bootstrap, config
from plans.adapters import lists
from plans.api.resources import blp


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Kế hoạch",
        description="Kế hoạch thực hiện Nghị quyết 71-NQ/TW của các trường: lập, gửi duyệt, phê duyệt, trả lại.",
        blueprints=[blp],
        max_content_length=settings.max_upload_bytes,
    )
    app.extensions["plans.unit_plans"] = bootstrap.use_cases(settings).plans
    # An administrator's first list of the nation's plans would fold every province's list: done at start.
    app.extensions["edu71.warm_up"] = lambda: warm("plans", lambda: lists.page({}, 1, 20))
    return app
