"""The notifications API (``gunicorn 'notifications.app:create_app()'``)."""
from __future__ import annotations

import atexit

from flask import Flask, g

from edu71.web import create_service_app
from notifications import bootstrap, config, warm_up
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
    # The operators' first log of the nation would fold every province's three lists: done at start, out of the
    # requests' way (notifications.warm_up); readiness does not wait for it.
    requests = warm_up.Requests()

    @app.before_request
    def serving() -> None:
        requests.begin()
        g.serving = True

    @app.teardown_request
    def served(_error) -> None:
        if g.pop("serving", False):  # not counted when an earlier hook answered first
            requests.end()

    warming = warm_up.WarmUp(warm_up.own_client(settings.platform.mongodb_uri, settings.platform.mongodb_db), requests)
    app.extensions["notifications.warm_up"] = warming
    app.extensions["edu71.warm_up"] = warming.start
    atexit.register(warming.stop)
    return app
