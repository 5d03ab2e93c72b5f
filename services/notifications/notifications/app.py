"""The notifications API (``gunicorn 'notifications.app:create_app()'``)."""
from __future__ import annotations

from flask import Flask

from edu71.web import create_service_app
from notifications import config
from notifications.api.resources import blp
from notifications.api.settings import deliveries, preferences, webhooks
from notifications.delivery_log import DeliveryLog
from notifications.preferences import PreferenceService
from notifications.service import InboxService
from notifications.webhooks import WebhookService


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Thông báo",
        description="Hộp thư thông báo (kế hoạch, cảnh báo chỉ tiêu, nhắc hạn, tổng hợp hằng ngày), "
                    "cài đặt nhận thư, webhook của đơn vị và nhật ký gửi.",
        blueprints=[blp, preferences, webhooks, deliveries],
    )
    app.extensions["notifications.service"] = InboxService()
    app.extensions["notifications.preferences"] = PreferenceService()
    app.extensions["notifications.webhooks"] = WebhookService()
    app.extensions["notifications.deliveries"] = DeliveryLog()
    return app
