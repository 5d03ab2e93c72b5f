"""The API's start-up warm-up of the delivery log's lists (notifications.warm_up) stays out of the requests' way: it
reads on a client of its own, only while no request is being served, stops when the process shuts down, and
readiness does not wait for it (the real store; no timing)."""
from __future__ import annotations

import threading

import pytest
from pymongo import monitoring

from edu71_testing import bearer

from .test_delivery_lists import _admin, _mail_three_units

pytestmark = pytest.mark.integration

#: A generous bound for a background thread to reach a state (never a measure of speed).
BOUND = 60


class Commands(monitoring.CommandListener):
    """The commands a client sent, with the thread that sent each."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, object]] = []

    def started(self, event) -> None:
        self.seen.append((threading.current_thread().name, event.command_name, event.command.get(event.command_name)))

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        pass

    def reads(self) -> list[tuple[str, str, object]]:
        return [c for c in self.seen if c[1] in ("find", "aggregate", "count")]


@pytest.fixture
def app(notifications_settings):
    from notifications.app import create_app

    return create_app(notifications_settings)


def _warm_up(app, settings, commands):
    from notifications import warm_up

    # the app's own request counter, and a client like the app's with a listener on it
    connect = warm_up.own_client(settings.platform.mongodb_uri, settings.platform.mongodb_db,
                                 event_listeners=[commands])
    return warm_up.WarmUp(connect, app.extensions["notifications.warm_up"].requests)


def test_the_warm_up_reads_on_its_own_client_only_between_requests_and_readiness_does_not_wait(
        app, notifications_settings, tokens, wiring, directory, indicator_events, plan_events, smtp_sink):
    _mail_three_units(wiring, directory, indicator_events, plan_events)
    assert wiring.deliveries.run_once() == 4
    commands = Commands()
    warming = _warm_up(app, notifications_settings, commands)
    client = app.test_client()
    requests = warming.requests
    requests.begin()  # a request being served when the process starts warming
    try:
        warming.start()
        assert warming.waiting.wait(BOUND)
        assert client.get("/readyz").status_code == 200  # ready, the lists not warmed
        answer = client.get("/deliveries", headers=bearer(_admin(tokens)))
        assert answer.status_code == 200 and answer.json["total"] == 4
        assert commands.reads() == []  # the request read on the requests' client; the warm-up read nothing meanwhile
        assert warming.thread.is_alive()
    finally:
        requests.end()
    warming.thread.join(BOUND)
    assert not warming.thread.is_alive()
    reads = commands.reads()
    assert {collection for _, _, collection in reads} == {"delivery_lists"}
    assert {thread for thread, _, _ in reads} == {"warm-notifications"}
    # what it kept is what the log shows
    answer = client.get("/deliveries?status=delivered", headers=bearer(_admin(tokens)))
    assert answer.status_code == 200 and answer.json["total"] == 4


def test_the_warm_up_stops_when_the_process_shuts_down_without_reading_further(app, notifications_settings):
    commands = Commands()
    warming = _warm_up(app, notifications_settings, commands)
    warming.requests.begin()
    try:
        warming.start()
        assert warming.waiting.wait(BOUND)
        warming.stop(timeout=BOUND)
        assert not warming.thread.is_alive()
        assert commands.reads() == []
    finally:
        warming.requests.end()


def test_a_request_counts_once_even_when_an_earlier_hook_answers_it(app):
    requests = app.extensions["notifications.warm_up"].requests
    client = app.test_client()
    # refused by the input check, a hook before the counter's: not counted, so not ended either
    assert client.get("/deliveries?status=%01").status_code == 422
    assert client.get("/deliveries").status_code == 401  # refused in the view: counted, and ended
    assert client.get("/readyz").status_code == 200
    assert requests.serving == 0
