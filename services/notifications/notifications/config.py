"""The notifications service's configuration: the one place that reads its environment."""
from __future__ import annotations

from dataclasses import dataclass, field

from environs import Env

from edu71.config import PlatformSettings, platform_settings


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 8025
    #: ``starttls`` (upgrade a plain connection), ``tls`` (implicit TLS, usually port 465) or ``none``.
    security: str = "none"
    username: str | None = None
    password: str | None = None
    sender: str = "thongbao@edu71.local"
    sender_name: str = "Edu71 – Hệ thống theo dõi Nghị quyết 71"
    timeout: float = 30.0
    #: CA bundle to verify the server's certificate with (STARTTLS/TLS); the system's when unset.
    ca_file: str | None = None
    #: The portal's address, for the links a message carries (its preferences page); none when unset.
    portal_url: str | None = None


@dataclass(frozen=True)
class DeliverySettings:
    #: Attempts per e-mail or webhook call before it is recorded as failed.
    max_attempts: int = 6
    #: Exponential backoff between attempts: base, 2·base, 4·base … capped.
    backoff_base: float = 30.0
    backoff_max: float = 3600.0
    #: How often the sender loop looks at the queue when it is idle.
    poll_seconds: float = 2.0
    #: A claimed attempt whose outcome was never recorded (the sender died) is retried after this.
    #: Must exceed the SMTP and webhook timeouts, so a slow send is never retried while in flight.
    claim_timeout: float = 300.0
    webhook_timeout: float = 10.0
    #: Delivered e-mails and webhook calls are forgotten this long after they were made (failed ones are kept).
    retention_days: float = 90.0
    #: How often the worker looks for delivered deliveries past their retention.
    retention_every: float = 3600.0


@dataclass(frozen=True)
class SchedulerSettings:
    #: How often deadlines and the digest are looked at.
    tick_seconds: float = 60.0
    #: Hour (Vietnam time) from which the day's digest is sent to the city.
    digest_hour: int = 7
    timezone: str = "Asia/Ho_Chi_Minh"
    #: Where the digest sends the city for every commune's figures (the portal's dashboard); none when unset.
    dashboard_url: str | None = None


@dataclass(frozen=True)
class Settings:
    platform: PlatformSettings
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)


def load() -> Settings:
    env = Env()
    security = env.str("NOTIFICATIONS_SMTP_SECURITY", "none").lower()
    portal_url = (env.str("NOTIFICATIONS_PORTAL_URL", None) or "").rstrip("/") or None
    if security not in ("starttls", "tls", "none"):
        raise ValueError("NOTIFICATIONS_SMTP_SECURITY must be starttls, tls or none")
    smtp = SmtpSettings(
        host=env.str("NOTIFICATIONS_SMTP_HOST", "127.0.0.1"),
        port=env.int("NOTIFICATIONS_SMTP_PORT", 8025),
        security=security,
        username=env.str("NOTIFICATIONS_SMTP_USER", None) or None,
        password=env.str("NOTIFICATIONS_SMTP_PASSWORD", None) or None,
        sender=env.str("NOTIFICATIONS_SMTP_SENDER", SmtpSettings.sender),
        sender_name=env.str("NOTIFICATIONS_SMTP_SENDER_NAME", SmtpSettings.sender_name),
        timeout=env.float("NOTIFICATIONS_SMTP_TIMEOUT", 30.0),
        ca_file=env.str("NOTIFICATIONS_SMTP_CA_FILE", None) or None,
        portal_url=portal_url,
    )
    delivery = DeliverySettings(
        max_attempts=env.int("NOTIFICATIONS_MAX_ATTEMPTS", 6),
        backoff_base=env.float("NOTIFICATIONS_BACKOFF_SECONDS", 30.0),
        backoff_max=env.float("NOTIFICATIONS_BACKOFF_MAX_SECONDS", 3600.0),
        poll_seconds=env.float("NOTIFICATIONS_QUEUE_POLL_SECONDS", 2.0),
        claim_timeout=env.float("NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS", 300.0),
        webhook_timeout=env.float("NOTIFICATIONS_WEBHOOK_TIMEOUT", 10.0),
        retention_days=env.float("NOTIFICATIONS_DELIVERED_RETENTION_DAYS", 90.0),
        retention_every=env.float("NOTIFICATIONS_RETENTION_INTERVAL_SECONDS", 3600.0),
    )
    if delivery.retention_days <= 0:
        raise ValueError("NOTIFICATIONS_DELIVERED_RETENTION_DAYS must be positive")
    scheduler = SchedulerSettings(
        tick_seconds=env.float("NOTIFICATIONS_SCHEDULER_TICK_SECONDS", 60.0),
        digest_hour=env.int("NOTIFICATIONS_DIGEST_HOUR", 7),
        timezone=env.str("NOTIFICATIONS_TIMEZONE", "Asia/Ho_Chi_Minh"),
        dashboard_url=f"{portal_url}/dashboard" if portal_url else None,
    )
    return Settings(platform=platform_settings("notifications", env), smtp=smtp, delivery=delivery,
                    scheduler=scheduler)
