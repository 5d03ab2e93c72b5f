"""The notifications API (``gunicorn 'notifications.app:create_app()'``)."""
from __future__ import annotations

from flask import Flask

from edu71.contracts import Contracts
from edu71.web import create_service_app
from notifications import config
from notifications.api import reminders
from notifications.api.resources import blp
from notifications.api.settings import deliveries, preferences, webhooks
from notifications.deliveries import Clock, DeliveryQueue, utc_now
from notifications.delivery_log import DeliveryLog
from notifications.dispatch import Dispatcher
from notifications.preferences import PreferenceService
from notifications.reminders import ReminderService
from notifications.service import InboxService
from notifications.webhooks import WebhookService


def create_app(settings: config.Settings | None = None, clock: Clock = utc_now) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Thông báo",
        description="Hộp thư thông báo (kế hoạch, cảnh báo chỉ tiêu, nhắc hạn, tổng hợp hằng ngày), "
                    "nhắc các trường chưa nộp, cài đặt nhận thư, webhook của đơn vị và nhật ký gửi.",
        blueprints=[blp, preferences, webhooks, deliveries, reminders.blp],
    )
    # Reminders are queued here and sent by the worker's delivery loop: no senders in the API process.
    queue = DeliveryQueue(Contracts(settings.platform.contracts_dir), settings.delivery, {}, clock)
    app.extensions["notifications.reminders"] = ReminderService(
        Dispatcher(queue.contracts, queue, clock), clock)
    app.extensions["notifications.service"] = InboxService()
    app.extensions["notifications.preferences"] = PreferenceService()
    app.extensions["notifications.webhooks"] = WebhookService()
    app.extensions["notifications.deliveries"] = DeliveryLog()
    return app
