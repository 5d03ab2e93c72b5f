"""E-mail end to end against a real SMTP server (aiosmtpd): directory users, the message as received,
escaping, dedupe, retries with backoff, final failure published, and one sender per attempt."""
from __future__ import annotations

import json
import threading

import pytest

from edu71.bus.outbox import load, pending_events

from ..support import routes, THCS_HCM, TH_HP

pytestmark = pytest.mark.integration

EVIL = "<script>alert('x')</script>"


def decoded(envelope, name: str) -> str:
    """A header decoded the RFC 2047 way (adjacent encoded words are joined without the folding space;
    the stdlib's ``default`` policy parser wrongly keeps a space inside a display name split by folding)."""
    from email import message_from_bytes
    from email.header import decode_header, make_header

    return str(make_header(decode_header(message_from_bytes(envelope.original_content)[name])))


def _register(wired, directory, *events):
    for event in events:
        routes(wired)[event.name](event)


def test_plan_returned_mails_each_active_user_of_the_school_in_vietnamese_with_both_parts(
        wiring, directory, plan_events, smtp_sink, contracts):
    from notifications.adapters.documents import Delivery

    wired, queue = wiring, wiring.deliveries
    _register(wired, directory,
              directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn", name="Nguyễn Thị Hoa"),
              directory.school_user("u-old", THCS_HCM, email="old@thcs.edu.vn", active=False),
              directory.school_user("u-other", TH_HP, email="other@th.edu.vn"))
    event = plan_events.returned(THCS_HCM, [{"anchor_kind": "plan", "anchor": "", "text": f"Sửa lại {EVIL} & bổ sung"}])
    assert wired.notices.plan_event(event) == 1
    assert queue.run_once() == 1

    [envelope] = smtp_sink.received
    assert envelope.rcpt_tos == ["hoa@thcs.edu.vn"] and envelope.mail_from == "thongbao@edu71.test"
    [msg] = smtp_sink.messages()
    raw = envelope.original_content.decode("ascii")  # every header and part is 7-bit encoded on the wire
    assert "=?utf-8?" in raw.lower()
    assert msg["Subject"] == "[Edu71] Kế hoạch bị trả lại để chỉnh sửa"
    assert decoded(envelope, "To") == "Nguyễn Thị Hoa <hoa@thcs.edu.vn>"
    assert decoded(envelope, "From") == "Edu71 – Hệ thống theo dõi Nghị quyết 71 <thongbao@edu71.test>"
    assert decoded(envelope, "Subject") == "[Edu71] Kế hoạch bị trả lại để chỉnh sửa"
    assert msg["Message-ID"].endswith("@edu71.test>")
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert text.startswith("Kính gửi Nguyễn Thị Hoa,")
    assert "đã bị Trần Minh Tuấn (UBND xã/phường) trả lại để chỉnh sửa" in text
    assert f"- Chung: Sửa lại {EVIL} & bổ sung" in text
    assert "Sửa lại &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; bổ sung" in html
    assert "<script>" not in html
    assert "Trường THCS Thị Trấn 2" in html and "giờ Việt Nam" in html

    [delivery] = Delivery.objects(channel="email")
    assert (delivery.status, delivery.attempts, delivery.recipient_user_id) == ("delivered", 1, "u-hoa")
    [outcome] = pending_events(Delivery, delivery.id)
    published = contracts.validate(json.loads(outcome.to_json()))
    assert published.data["recipient"] == {"user_id": "u-hoa", "org_unit": THCS_HCM.code, "role": "school"}
    assert (published.data["channel"], published.data["status"], published.data["attempts"]) == ("email",
                                                                                                 "delivered", 1)


def test_a_school_name_with_markup_is_escaped_in_the_html_part(wiring, directory, plan_events, smtp_sink):
    from edu71.orgs import School, SchoolLevel

    wired, queue = wiring, wiring.deliveries
    school = School("EVIL-1", f"Trường {EVIL}", SchoolLevel.THCS, "27496", "79")
    _register(wired, directory, directory.commune_user("u-rev", "27496", "79", email="rev@ubnd.vn"))
    wired.notices.plan_event(plan_events.submitted(school))
    queue.run_once()
    [msg] = smtp_sink.messages()
    html = msg.get_body(("html",)).get_content()
    assert "Trường &lt;script&gt;" in html and "<script>" not in html
    assert f"Trường {EVIL} đã gửi kế hoạch" in msg.get_body(("plain",)).get_content()


def test_a_redelivered_event_never_mails_twice(wiring, directory, plan_events, smtp_sink):
    wired, queue = wiring, wiring.deliveries
    _register(wired, directory, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"))
    event = plan_events.approved(THCS_HCM, comment="Đồng ý.")
    wired.notices.plan_event(event)
    queue.run_once()
    for _ in range(3):
        assert wired.notices.plan_event(event) == 0
        queue.run_once()
    assert len(smtp_sink.received) == 1


def test_preferences_turn_email_off_per_kind(wiring, directory, plan_events, smtp_sink):
    from notifications.adapters.documents import Preference

    wired, queue = wiring, wiring.deliveries
    _register(wired, directory, directory.school_user("u-a", THCS_HCM, email="a@thcs.edu.vn"),
              directory.school_user("u-b", THCS_HCM, email="b@thcs.edu.vn"),
              directory.school_user("u-c", THCS_HCM, email="c@thcs.edu.vn"))
    Preference(id="u-a", email_off=["plan_approved"]).save()
    Preference(id="u-b", muted=["plan_approved"]).save()
    wired.notices.plan_event(plan_events.approved(THCS_HCM))
    queue.run_once()
    assert [e.rcpt_tos for e in smtp_sink.received] == [["c@thcs.edu.vn"]]


def test_the_directory_keeps_the_highest_version_of_each_user(wiring, directory, plan_events, smtp_sink):
    wired, queue = wiring, wiring.deliveries
    v1 = directory.school_user("u-hoa", THCS_HCM, email="old@thcs.edu.vn")
    v2 = directory.school_user("u-hoa", THCS_HCM, email="new@thcs.edu.vn", version=2)
    _register(wired, directory, v2, v1)  # the older one arrives last (a replay): ignored
    wired.notices.plan_event(plan_events.approved(THCS_HCM))
    queue.run_once()
    assert [e.rcpt_tos for e in smtp_sink.received] == [["new@thcs.edu.vn"]]
    v3 = directory.school_user("u-hoa", THCS_HCM, email="new@thcs.edu.vn", version=3, active=False)
    _register(wired, directory, v3)
    wired.notices.plan_event(plan_events.approved(THCS_HCM, plan_id="pln-2"))
    queue.run_once()
    assert len(smtp_sink.received) == 1


def test_an_unreachable_server_delays_with_backoff_then_delivers(wiring, directory, plan_events, smtp_sink, clock):
    from notifications.adapters.documents import Delivery

    wired, queue = wiring, wiring.deliveries
    _register(wired, directory, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"))
    smtp_sink.stop()
    wired.notices.plan_event(plan_events.approved(THCS_HCM))
    assert queue.run_once() == 1
    [d] = Delivery.objects
    assert (d.status, d.attempts) == ("pending", 1) and "SMTP" in d.last_error
    assert (d.next_attempt_at - clock.now).total_seconds() == 60
    assert queue.run_once() == 0  # not due yet
    smtp_sink.start()
    clock.advance(seconds=60)
    assert queue.run_once() == 1
    d = load(Delivery, d.id)
    assert (d.status, d.attempts) == ("delivered", 2)
    assert len(smtp_sink.received) == 1


def test_after_the_last_attempt_the_delivery_fails_visibly(wiring, directory, plan_events, smtp_sink, clock,
                                                           contracts):
    from prometheus_client import REGISTRY

    from notifications.adapters.documents import Delivery

    def failed_total():
        return REGISTRY.get_sample_value("edu71_notifications_failed_total", {"channel": "email"}) or 0

    wired, queue = wiring, wiring.deliveries
    _register(wired, directory, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"))
    smtp_sink.stop()
    before = failed_total()
    wired.notices.plan_event(plan_events.approved(THCS_HCM))
    waits = []
    for _ in range(3):
        assert queue.run_once() == 1
        d = Delivery.objects.first()
        if d.next_attempt_at:
            waits.append((d.next_attempt_at - clock.now).total_seconds())
            clock.advance(seconds=waits[-1])
    assert waits == [60, 120]  # exponential backoff
    d = Delivery.objects.first()
    assert (d.status, d.attempts) == ("failed", 3)
    assert failed_total() == before + 1
    [outcome] = pending_events(Delivery, d.id)
    data = contracts.validate(json.loads(outcome.to_json())).data
    assert (data["status"], data["attempts"], data["channel"]) == ("failed", 3, "email") and data["error"]
    clock.advance(hours=5)
    assert queue.run_once() == 0  # nothing left in the queue
    assert Delivery._get_db()["delivery_queue"].count_documents({}) == 0


def test_several_senders_make_each_attempt_once(wiring, directory, plan_events, smtp_sink, contracts,
                                                service_settings, clock):
    """Worker processes sharing the queue: the claim (a unique insert) lets one of them send."""
    from notifications.bootstrap import use_cases as wire

    wired = wiring
    _register(wired, directory, *[directory.school_user(f"u-{i}", THCS_HCM, email=f"u{i}@thcs.edu.vn")
                                     for i in range(5)])
    wired.notices.plan_event(plan_events.approved(THCS_HCM))
    queues = [wire(service_settings, clock, sending=True).deliveries for _ in range(4)]
    barrier = threading.Barrier(len(queues))
    errors = []

    def send(queue):
        try:
            barrier.wait(30)
            queue.run_once()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(q,)) for q in queues]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(e.rcpt_tos[0] for e in smtp_sink.received) == [f"u{i}@thcs.edu.vn" for i in range(5)]


def test_an_attempt_whose_sender_died_is_retried_after_the_claim_timeout(wiring, directory, plan_events, smtp_sink,
                                                                         clock):
    """The at-least-once window: a claim with no recorded outcome is taken over, once, after the timeout."""
    from notifications.adapters.documents import Delivery

    wired, queue = wiring, wiring.deliveries
    _register(wired, directory, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"))
    wired.notices.plan_event(plan_events.approved(THCS_HCM))
    [d] = Delivery.objects
    Delivery._get_db()["delivery_claims"].insert_one({"_id": f"{d.id}:{d.doc_version}", "at": clock.now})
    assert queue.run_once() == 0 and not smtp_sink.received  # someone else holds the attempt
    clock.advance(seconds=299)
    assert queue.run_once() == 0
    clock.advance(seconds=2)
    assert queue.run_once() == 1
    assert len(smtp_sink.received) == 1 and load(Delivery, d.id).status == "delivered"


def test_metrics_count_outcomes_queue_depth_and_latency(wiring, directory, plan_events, smtp_sink, clock):
    from prometheus_client import REGISTRY

    def sample(name, **labels):
        return REGISTRY.get_sample_value(name, labels) or 0

    wired, queue = wiring, wiring.deliveries
    _register(wired, directory, directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"))
    delivered = sample("edu71_notifications_delivered_total", channel="email", status="delivered")
    in_app = sample("edu71_notifications_delivered_total", channel="in_app", status="delivered")
    latencies = sample("edu71_notifications_delivery_latency_seconds_count", channel="email")
    slow = sample("edu71_notifications_delivery_latency_seconds_bucket", channel="email", le="60.0")
    smtp_sink.stop()
    wired.notices.plan_event(plan_events.approved(THCS_HCM))
    queue.run_once()
    assert sample("edu71_notifications_queue_depth", channel="email") == 1
    assert sample("edu71_notifications_delivered_total", channel="in_app", status="delivered") == in_app + 1
    smtp_sink.start()
    clock.advance(seconds=90)
    queue.run_once()
    assert sample("edu71_notifications_queue_depth", channel="email") == 0
    assert sample("edu71_notifications_delivered_total", channel="email", status="delivered") == delivered + 1
    assert sample("edu71_notifications_delivery_latency_seconds_count", channel="email") == latencies + 1
    # Latency runs from queueing to the outcome on the service's clock: 90 s here, above the 60 s bucket.
    assert sample("edu71_notifications_delivery_latency_seconds_bucket", channel="email", le="60.0") == slow
