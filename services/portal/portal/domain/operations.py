"""The operator's view of the platform: each service's health and backlogs, read from its own endpoints.

Every service runs an API and an event worker; each answers ``/healthz`` (alive), ``/readyz``
(its store and Kafka reachable) and ``/metrics`` (Prometheus text). This module turns those
answers into what the operator's page shows: Vietnamese labels, formatted figures and a status
in words and colour. Thresholds follow the alert rules in ``deploy/prometheus/rules/alerts.yml``.
Only platform figures are read; per-round figures (schools missing) are school data and left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client.parser import text_string_to_metric_families

from edu71.vn import vn_number

#: The services, in the order of the page, with the Vietnamese name the operator reads.
SERVICES = {
    "identity": "Tài khoản và danh bạ trường",
    "plans": "Kế hoạch",
    "indicators": "Chỉ tiêu và số liệu",
    "reports": "Tổng hợp báo cáo",
    "notifications": "Thông báo",
}
PROCESSES = {"api": "Giao diện lập trình (API)", "worker": "Bộ xử lý sự kiện"}
DEPENDENCIES = {"mongodb": "kho dữ liệu", "kafka": "Kafka"}

OK, WARN, BAD, UNKNOWN = "ok", "warn", "bad", "unknown"
LEVEL_TEXT = {OK: "Bình thường", WARN: "Cần chú ý", BAD: "Có sự cố", UNKNOWN: "Không rõ"}
_SEVERITY = {OK: 0, UNKNOWN: 1, WARN: 2, BAD: 3}

#: As the alerts: a group more than this many events behind; a relay not advancing for this long.
LAG_WARN = 100
STALLED_BAD = 120.0
#: An event waiting longer than this in the outbox is worth a look before the alert fires.
OLDEST_WARN = 60.0


@dataclass(frozen=True)
class Probe:
    """What one process answered; ``None`` where it did not answer at all."""

    live: bool | None
    ready: bool | None
    checks: dict[str, str] = field(default_factory=dict)
    metrics: str | None = None


@dataclass(frozen=True)
class ProcessState:
    label: str
    level: str
    text: str


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    level: str
    hint: str | None = None


@dataclass(frozen=True)
class ServiceStatus:
    name: str
    level: str
    processes: list[ProcessState]
    figures: list[Figure]

    @property
    def level_text(self) -> str:
        return LEVEL_TEXT[self.level]


@dataclass(frozen=True)
class Overview:
    services: list[ServiceStatus]

    @property
    def level(self) -> str:
        return max((s.level for s in self.services), key=_SEVERITY.__getitem__, default=UNKNOWN)

    @property
    def summary(self) -> str:
        """One sentence for the live region: what a screen reader announces when it changes."""
        counts = {level: sum(s.level == level for s in self.services) for level in (OK, WARN, BAD, UNKNOWN)}
        parts = [f"{counts[level]} {LEVEL_TEXT[level].lower()}" for level in (BAD, WARN, UNKNOWN, OK) if counts[level]]
        return f"{len(self.services)} dịch vụ: " + ", ".join(parts) + "."


class Samples:
    """The samples of one or more ``/metrics`` answers, by sample name."""

    def __init__(self, *texts: str | None):
        self.values: dict[str, list[float]] = {}
        self.complete = all(t is not None for t in texts)
        for text in texts:
            if text is None:
                continue
            for family in text_string_to_metric_families(text):
                for sample in family.samples:
                    self.values.setdefault(sample.name, []).append(sample.value)

    def total(self, name: str) -> float | None:
        found = self.values.get(name)
        return sum(found) if found else (0.0 if self.complete else None)

    def largest(self, name: str) -> float | None:
        found = self.values.get(name)
        return max(found) if found else (0.0 if self.complete else None)


def duration_text(seconds: float) -> str:
    """``3725`` → ``1 giờ 2 phút``; under a minute in seconds."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} giây"
    minutes, _ = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} phút"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} giờ {minutes} phút" if minutes else f"{hours} giờ"
    days, hours = divmod(hours, 24)
    return f"{days} ngày {hours} giờ" if hours else f"{days} ngày"


def process_state(kind: str, probe: Probe) -> ProcessState:
    label = PROCESSES[kind]
    if not probe.live:
        return ProcessState(label, BAD, "Không phản hồi")
    if probe.ready:
        return ProcessState(label, OK, "Đang chạy, sẵn sàng")
    failing = [DEPENDENCIES.get(name, name) for name, state in probe.checks.items() if state != "ok"]
    reason = f": không kết nối được {' và '.join(failing)}" if failing else ""
    return ProcessState(label, BAD, f"Đang chạy nhưng chưa sẵn sàng{reason}")


def _count(label: str, value: float | None, warn_above: float | None = None, bad_above: float | None = None,
           hint: str | None = None) -> Figure:
    if value is None:
        return Figure(label, "không rõ", UNKNOWN, hint)
    level = OK
    if bad_above is not None and value > bad_above:
        level = BAD
    elif warn_above is not None and value > warn_above:
        level = WARN
    return Figure(label, vn_number(round(value)), level, hint)


SINCE_START = "tính từ lần khởi động gần nhất của bộ xử lý"


def service_status(service: str, api: Probe, worker: Probe) -> ServiceStatus:
    processes = [process_state("api", api), process_state("worker", worker)]
    samples = Samples(api.metrics, worker.metrics)
    backlog = samples.largest("edu71_outbox_backlog")
    oldest = samples.largest("edu71_outbox_oldest_event_age_seconds")
    stalled = samples.largest("edu71_outbox_stalled_seconds")
    backlog_level = OK
    if backlog is None:
        backlog_level = UNKNOWN
    elif stalled and stalled > STALLED_BAD:
        backlog_level = BAD
    elif backlog and oldest and oldest > OLDEST_WARN:
        backlog_level = WARN
    waiting = "không rõ" if backlog is None else vn_number(round(backlog))
    if backlog and oldest:
        waiting += f" (chờ lâu nhất {duration_text(oldest)})"
    figures = [
        Figure("Sự kiện chờ gửi lên Kafka", waiting, backlog_level,
               f"bộ gửi đứng yên {duration_text(stalled)}" if stalled else None),
        _count("Sự kiện chờ gửi bị cách ly", samples.largest("edu71_outbox_quarantined_records"), bad_above=0),
        _count("Sự kiện chưa xử lý (độ trễ tiêu thụ)", samples.total("edu71_consumer_lag"), warn_above=LAG_WARN),
        _count("Sự kiện xử lý lỗi, đã chuyển sang hàng lỗi", samples.total("edu71_events_dead_lettered_total"),
               warn_above=0, hint=SINCE_START),
    ]
    if service == "notifications":
        figures += [
            _count("Thư điện tử và thông báo tới hệ thống khác chờ gửi", samples.total("edu71_notifications_queue_depth")),
            _count("Thông báo gửi thất bại", samples.total("edu71_notifications_failed_total"), warn_above=0,
                   hint=SINCE_START),
        ]
    if service == "reports":
        figures += [
            _count("Thay đổi chờ dựng lại báo cáo", samples.largest("edu71_reports_projection_hints")),
            _count("Dòng dữ liệu nguồn bị cách ly", samples.total("edu71_reports_projection_quarantined_total"),
                   warn_above=0, hint=SINCE_START),
        ]
    levels = [p.level for p in processes] + [f.level for f in figures]
    level = max(levels, key=_SEVERITY.__getitem__)
    return ServiceStatus(SERVICES.get(service, service), level, processes, figures)
