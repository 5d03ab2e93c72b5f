"""The notifications API (``gunicorn 'notifications.app:create_app()'``)."""
from __future__ import annotations

from flask import Flask

from edu71.store.listing import warm
from edu71.web import create_service_app
from notifications import bootstrap, config
from notifications.adapters import delivery_lists
from notifications.api import reminders
from notifications.api.resources import blp
from notifications.api.settings import deliveries, preferences, webhooks
from notifications.deliveries import Clock, utc_now


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
    wired = bootstrap.use_cases(settings, clock)
    app.extensions["notifications.reminders"] = wired.reminders
    app.extensions["notifications.inbox"] = wired.inbox
    app.extensions["notifications.preferences"] = wired.preferences
    app.extensions["notifications.webhooks"] = wired.webhooks
    app.extensions["notifications.deliveries"] = wired.delivery_log
    # The operators' first log of the nation would fold every province's three lists: done at start, the short
    # pending and failed lists (what operators open first) before the long delivered ones.
    app.extensions["edu71.warm_up"] = lambda: warm("notifications", *(
        lambda status=status: delivery_lists.page({"status": status}, 1, 20)
        for status in ("pending", "failed", "delivered")))
    return app
