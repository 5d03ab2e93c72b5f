"""Webhooks: registration through the API (scoped, secret shown once, bad input refused) and signed
deliveries to a real local HTTP server, retried with backoff, then failed."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from edu71.bus.outbox import pending_events
from edu71_testing import bearer
from notifications.domain.delivery import verify

from ..support import routes, THCS_HCM, TH_HP

pytestmark = pytest.mark.integration


class Receiver:
    """A real HTTP endpoint in a thread: records each POST, answers with ``status``."""

    def __init__(self):
        self.calls: list[dict] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's hook name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append({"headers": dict(self.headers), "body": body, "path": self.path})
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/edu71/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def client(service_settings):
    from notifications.app import create_app

    return create_app(service_settings).test_client()


def test_units_register_list_and_delete_their_own_webhooks(client, tokens):
    commune, other = bearer(tokens.commune("27496", "79")), bearer(tokens.commune("10744"))
    r = client.post("/webhooks", json={"url": "https://ubnd.example.vn/hook", "kinds": ["plan_submitted"],
                                       "description": "Cổng thông tin xã"}, headers=commune)
    assert r.status_code == 201, r.json
    created = r.json
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40
    assert (created["org_unit"], created["role"], created["kinds"]) == ("27496", "commune", ["plan_submitted"])
    listed = client.get("/webhooks", headers=commune).json["items"]
    assert [h["id"] for h in listed] == [created["id"]] and "secret" not in listed[0]  # shown once only
    assert client.get("/webhooks", headers=other).json["items"] == []
    assert client.delete(f"/webhooks/{created['id']}", headers=other).status_code == 404
    assert client.delete(f"/webhooks/{created['id']}", headers=commune).status_code == 204
    assert client.get("/webhooks", headers=commune).json["items"] == []


def test_an_admin_registers_for_a_named_unit(client, tokens):
    admin = bearer(tokens.issuer.issue(sub="admin", name="Quản trị", role="admin", org_unit="edu71"))
    r = client.post("/webhooks", json={"url": "https://so.haiphong.vn/hook"}, headers=admin)
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "org_unit"
    r = client.post("/webhooks", json={"url": "https://so.haiphong.vn/hook", "org_unit": "31", "role": "city"},
                    headers=admin)
    assert r.status_code == 201, r.json
    assert [h["id"] for h in client.get("/webhooks", headers=bearer(tokens.city("31"))).json["items"]] == [r.json["id"]]
    assert client.get("/webhooks", headers=bearer(tokens.city("79"))).json["items"] == []


def test_webhook_bad_input_and_roles(client, tokens):
    commune, school = bearer(tokens.commune("27496", "79")), bearer(tokens.school(THCS_HCM))
    for body in ({"url": "ftp://x.vn/h"}, {"url": "không phải url"}, {}, {"url": "https://x.vn", "kinds": ["spam"]}):
        r = client.post("/webhooks", json=body, headers=commune)
        assert r.status_code == 422 and r.mimetype == "application/problem+json", body
    assert client.post("/webhooks", json={"url": "https://x.vn/h"}, headers=school).status_code == 403
    r = client.post("/webhooks", json={"url": "https://x.vn/h", "org_unit": "10744"}, headers=commune)
    assert r.status_code == 403 and "đơn vị của mình" in r.json["detail"]
    assert client.get("/webhooks", headers=commune).json["items"] == []


def test_notices_to_the_unit_are_posted_signed(client, tokens, wiring, plan_events, receiver, contracts):
    from notifications.adapters.documents import Delivery

    wired, queue = wiring, wiring.deliveries
    commune = bearer(tokens.commune("27496", "79"))
    secret = client.post("/webhooks", json={"url": receiver.url}, headers=commune).json["secret"]
    event = plan_events.submitted(THCS_HCM)
    wired.notices.plan_event(event)
    wired.notices.plan_event(plan_events.submitted(TH_HP))  # another commune's: not posted here
    assert queue.run_once() == 1
    [call] = receiver.calls
    headers, body = call["headers"], call["body"]
    assert verify(secret, headers["X-Edu71-Timestamp"], body, headers["X-Edu71-Signature"])
    assert not verify("whsec_wrong", headers["X-Edu71-Timestamp"], body, headers["X-Edu71-Signature"])
    payload = json.loads(body)
    assert payload["kind"] == "plan_submitted" and payload["kind_label"] == "Kế hoạch chờ duyệt"
    assert payload["title"] == "Kế hoạch chờ duyệt: 28/KH-THCSTT2" and payload["org_unit"] == "27496"
    assert payload["source_event_id"] == event.id and payload["school"]["name"] == "Trường THCS Thị Trấn 2"
    assert headers["X-Edu71-Delivery"] == payload["delivery_id"]
    [d] = Delivery.objects(channel="webhook")
    [outcome] = pending_events(Delivery, d.id)
    assert contracts.validate(json.loads(outcome.to_json())).data["status"] == "delivered"
    wired.notices.plan_event(event)  # redelivered: not posted again
    queue.run_once()
    assert len(receiver.calls) == 1


def test_a_failing_endpoint_is_retried_with_backoff_then_failed_and_visible(client, tokens, wiring, plan_events,
                                                                            receiver, clock):
    from notifications.adapters.documents import Delivery

    wired, queue = wiring, wiring.deliveries
    commune = bearer(tokens.commune("27496", "79"))
    client.post("/webhooks", json={"url": receiver.url}, headers=commune)
    receiver.status = 503
    wired.notices.plan_event(plan_events.submitted(THCS_HCM))
    for wait in (60, 120, None):
        assert queue.run_once() == 1
        if wait:
            assert queue.run_once() == 0
            clock.advance(seconds=wait)
    assert len(receiver.calls) == 3
    [d] = Delivery.objects(channel="webhook")
    assert (d.status, d.attempts, d.last_error) == ("failed", 3, "Webhook trả về HTTP 503")
    failed = client.get("/deliveries?status=failed", headers=commune).json
    assert failed["total"] == 1 and failed["items"][0]["channel"] == "webhook"
    assert client.get("/deliveries?status=failed", headers=bearer(tokens.commune("10744"))).json["total"] == 0
    assert client.get("/deliveries?status=failed", headers=bearer(tokens.city("79"))).json["total"] == 1
    # The school the notice was about does not see its reviewers' deliveries (their address, their errors).
    assert client.get("/deliveries", headers=bearer(tokens.school(THCS_HCM))).json["total"] == 0
    assert client.get("/deliveries", headers=bearer(tokens.operator())).status_code == 403
    assert client.get("/deliveries?status=lost", headers=commune).status_code == 422


def test_the_delivery_log_shows_each_unit_what_was_sent_to_it_or_below(client, tokens, wiring, directory,
                                                                       indicator_events):
    wired = wiring
    mapping = routes(wired)
    mapping["UserRegistered"](directory.commune_user("u-xa", "10744", "31", email="xa@ubnd.vn"))
    mapping["UserRegistered"](directory.city_user("u-so", "31", email="so@sgd.vn"))
    mapping["UserRegistered"](directory.school_user("u-th", TH_HP, email="ht@th.vn"))
    mapping["CataloguePublished"](indicator_events.catalogue())
    wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1", dropout=(3, 400)))  # commune + city

    def addresses(token):
        return sorted(d["address"] for d in client.get("/deliveries", headers=bearer(token)).json["items"])

    assert addresses(tokens.city("31")) == ["so@sgd.vn", "xa@ubnd.vn"]
    assert addresses(tokens.commune("10744")) == ["xa@ubnd.vn"]  # not what the city received about its school
    assert addresses(tokens.school(TH_HP)) == []
    assert addresses(tokens.city("79")) == []
