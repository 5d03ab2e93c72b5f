"""The notifications API (``gunicorn 'notifications.app:create_app()'``)."""
from __future__ import annotations

from flask import Flask

from edu71.web import create_service_app
from notifications import config
from notifications.api.resources import blp
from notifications.service import InboxService


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Thông báo",
        description="Hộp thư thông báo: kế hoạch chờ duyệt, đã phê duyệt, bị trả lại.",
        blueprints=[blp],
    )
    app.extensions["notifications.service"] = InboxService()
    return app
