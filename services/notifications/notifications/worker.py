"""The notifications worker (``python -m notifications.worker``).

Consumes plan, indicator, directory and its own DeadlineApproaching events (keeping the revoked
accounts and sessions the API refuses, edu71.auth.revocation); sends queued
e-mails and webhook calls; ticks the deadline and digest scheduler; relays the events stored
with notifications, deliveries and reminder claims.
"""
from __future__ import annotations

from edu71 import worker
from edu71.auth.revocation import RevocationProjection
from edu71.contracts import Contracts
from notifications import config
from notifications.adapters import inbox
from notifications.adapters.documents import DeadlineReminder, Delivery, DigestRun, Notification, Webhook
from notifications.adapters.mail import Mail, SmtpMailer
from notifications.adapters.webhooks import WebhookCaller
from notifications.deliveries import Clock, DeliveryQueue, utc_now
from notifications.dispatch import Dispatcher
from notifications.domain.kinds import EMAIL, WEBHOOK
from notifications.handlers import NotificationHandlers
from notifications.scheduler import Scheduler

def list_stored_notifications(stop) -> None:
    """List in their inboxes the notifications stored before the inboxes existed (once; see adapters.inbox)."""
    inbox.backfill()
    stop.wait()


def _secret_of(webhook_id: str) -> str | None:
    hook = Webhook.objects(id=webhook_id).only("secret").first()
    return hook.secret if hook else None


def build(settings: config.Settings, contracts: Contracts, clock: Clock = utc_now):
    """The composition root: (handlers, delivery queue, scheduler) wired to the real SMTP and HTTP."""
    mailer = SmtpMailer(settings.smtp)
    caller = WebhookCaller(settings.delivery.webhook_timeout, _secret_of, clock)
    queue = DeliveryQueue(contracts, settings.delivery,
                          {EMAIL: lambda d: mailer.send(Mail.of(d)), WEBHOOK: caller.send}, clock)
    dispatcher = Dispatcher(contracts, queue, clock)
    return NotificationHandlers(contracts, dispatcher), queue, Scheduler(contracts, dispatcher, settings.scheduler,
                                                                          clock)


def spec(settings: config.Settings | None = None, group: str | None = None, clock: Clock = utc_now) -> worker.WorkerSpec:
    settings = settings or config.load()
    handlers, queue, scheduler = build(settings, Contracts(settings.platform.contracts_dir), clock)
    revocations = RevocationProjection.in_service_database("notifications")
    return worker.WorkerSpec(documents=[Notification, Delivery, DeadlineReminder, DigestRun], group=group,
                             handlers={**handlers.mapping(), **revocations.handlers()},
                             loops=[queue.run, scheduler.run, list_stored_notifications])


if __name__ == "__main__":
    settings = config.load()
    worker.run(settings.platform, spec(settings))
