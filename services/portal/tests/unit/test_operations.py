"""The operator's page model: the services' ops answers (health, readiness, Prometheus text) → Vietnamese status."""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest

from portal.domain.operations import BAD, OK, UNKNOWN, WARN, Overview, Probe, Samples, duration_text, service_status

READY = {"mongodb": "ok", "kafka": "ok"}


def exposition(**values) -> str:
    """Prometheus text as a service writes it (the real client library, so the parser reads the real format)."""
    registry = CollectorRegistry()
    gauges = {"backlog": ("edu71_outbox_backlog", ["service"]), "oldest": ("edu71_outbox_oldest_event_age_seconds", ["service"]),
              "quarantined": ("edu71_outbox_quarantined_records", ["service"]),
              "stalled": ("edu71_outbox_stalled_seconds", ["service"]),
              "lag": ("edu71_consumer_lag", ["service", "group", "topic", "partition"]),
              "queue": ("edu71_notifications_queue_depth", ["channel"])}
    counters = {"dead": ("edu71_events_dead_lettered", ["service", "group", "type", "reason"]),
                "failed": ("edu71_notifications_failed", ["channel"])}
    for key, value in values.items():
        if key in gauges:
            name, labels = gauges[key]
            metric = Gauge(name, "x", labels, registry=registry)
            for n, v in enumerate(value if isinstance(value, list) else [value]):
                metric.labels(*[f"{label}{n}" for label in labels]).set(v)
        else:
            name, labels = counters[key]
            metric = Counter(name, "x", labels, registry=registry)
            for n, v in enumerate(value if isinstance(value, list) else [value]):
                metric.labels(*[f"{label}{n}" for label in labels]).inc(v)
    return generate_latest(registry).decode()


def test_a_quiet_healthy_service_reads_normal_with_vietnamese_figures():
    status = service_status("plans", Probe(True, True, READY, exposition(backlog=0, lag=[0, 0])),
                            Probe(True, True, READY, exposition(backlog=0, lag=[3, 2], dead=0)))
    assert status.name == "Kế hoạch" and status.level == OK and status.level_text == "Bình thường"
    assert [(p.label, p.text) for p in status.processes] == [("Giao diện lập trình (API)", "Đang chạy, sẵn sàng"),
                                                            ("Bộ xử lý sự kiện", "Đang chạy, sẵn sàng")]
    figures = {f.label: f.value for f in status.figures}
    assert figures["Sự kiện chưa xử lý (độ trễ tiêu thụ)"] == "5"  # summed over partitions and processes
    assert figures["Sự kiện chờ gửi lên Kafka"] == "0"


def test_backlogs_lag_and_dead_letters_raise_the_level_as_the_alerts_do():
    worker = exposition(backlog=1234, oldest=95, lag=[80, 60], dead=[2, 1], quarantined=0)
    status = service_status("indicators", Probe(True, True, READY, ""), Probe(True, True, READY, worker))
    figures = {f.label: (f.value, f.level) for f in status.figures}
    assert figures["Sự kiện chờ gửi lên Kafka"] == ("1.234 (chờ lâu nhất 1 phút)", WARN)
    assert figures["Sự kiện chưa xử lý (độ trễ tiêu thụ)"] == ("140", WARN)
    assert figures["Sự kiện xử lý lỗi, đã chuyển sang hàng lỗi"] == ("3", WARN)
    assert figures["Sự kiện chờ gửi bị cách ly"] == ("0", OK)
    assert status.level == WARN

    stuck = service_status("indicators", Probe(True, True, READY, ""),
                           Probe(True, True, READY, exposition(backlog=5, oldest=400, stalled=300, quarantined=1)))
    assert stuck.level == BAD and {f.label: f.level for f in stuck.figures}["Sự kiện chờ gửi bị cách ly"] == BAD


def test_failed_deliveries_are_shown_for_notifications():
    worker = exposition(failed=[4, 1], queue=[7, 0])
    status = service_status("notifications", Probe(True, True, READY, ""), Probe(True, True, READY, worker))
    figures = {f.label: (f.value, f.level) for f in status.figures}
    assert figures["Thông báo gửi thất bại"] == ("5", WARN)
    assert figures["Thư điện tử và thông báo tới hệ thống khác chờ gửi"] == ("7", OK)


def test_a_process_that_does_not_answer_or_is_not_ready_is_a_fault_in_words():
    down = service_status("reports", Probe(True, False, {"mongodb": "unreachable", "kafka": "ok"}, ""),
                          Probe(None, None))
    assert down.level == BAD and down.level_text == "Có sự cố"
    assert [p.text for p in down.processes] == ["Đang chạy nhưng chưa sẵn sàng: không kết nối được kho dữ liệu",
                                                "Không phản hồi"]
    # Without the worker's figures nothing is claimed to be zero.
    assert {f.value for f in down.figures} == {"không rõ"} and {f.level for f in down.figures} == {UNKNOWN}


def test_the_summary_names_the_worst_first():
    ok = service_status("plans", Probe(True, True, READY, ""), Probe(True, True, READY, ""))
    bad = service_status("reports", Probe(None, None), Probe(True, True, READY, ""))
    assert Overview([ok, bad, ok]).summary == "3 dịch vụ: 1 có sự cố, 2 bình thường."
    assert Overview([ok, bad]).level == BAD


def test_samples_add_up_series_and_durations_read_in_vietnamese():
    samples = Samples(exposition(lag=[1, 2, 3]), exposition(lag=[4]))
    assert samples.total("edu71_consumer_lag") == 10 and samples.largest("edu71_consumer_lag") == 4
    assert Samples(None).total("edu71_consumer_lag") is None
    assert [duration_text(s) for s in (45, 60, 3725, 7200, 90000)] == [
        "45 giây", "1 phút", "1 giờ 2 phút", "2 giờ", "1 ngày 1 giờ"]
