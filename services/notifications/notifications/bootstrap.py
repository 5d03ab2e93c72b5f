"""The notifications service's composition root: the one place that chooses the repositories (the store's, or
the in-memory twins) and wires the use cases.

The API (app.py) and the worker (worker.py) build what they need here; tests build the same use cases on
in-memory repositories (tests/unit/test_use_cases.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from edu71.contracts import Contracts
from notifications import config
from notifications.adapters.claims import Claims, InMemoryClaims
from notifications.adapters.deliveries import Deliveries, InMemoryDeliveries
from notifications.adapters.inbox import InMemoryInbox, Inbox
from notifications.adapters.mail import Mail, SmtpMailer
from notifications.adapters.preferences import InMemoryUserPreferences, UserPreferences
from notifications.adapters.projections import (
    Catalogues,
    DirectoryUsers,
    InMemoryCatalogues,
    InMemoryDirectoryUsers,
    InMemoryRounds,
    InMemorySchools,
    InMemorySubmissions,
    Rounds,
    Schools,
    Submissions,
)
from notifications.adapters.webhooks import InMemoryWebhooks, WebhookCaller, Webhooks
from notifications.deliveries import Clock, DeliveryLog, DeliveryQueue, Sender, utc_now
from notifications.domain.kinds import EMAIL, WEBHOOK
from notifications.inbox import InboxService
from notifications.notices import Dispatcher, Notices
from notifications.preferences import PreferenceService
from notifications.projections import Projections
from notifications.reminders import ReminderService
from notifications.scheduler import Scheduler
from notifications.webhooks import WebhookService


@dataclass(frozen=True)
class Repositories:
    inbox: Inbox = field(default_factory=Inbox)
    deliveries: Deliveries = field(default_factory=Deliveries)
    preferences: UserPreferences = field(default_factory=UserPreferences)
    webhooks: Webhooks = field(default_factory=Webhooks)
    users: DirectoryUsers = field(default_factory=DirectoryUsers)
    schools: Schools = field(default_factory=Schools)
    catalogues: Catalogues = field(default_factory=Catalogues)
    rounds: Rounds = field(default_factory=Rounds)
    submissions: Submissions = field(default_factory=Submissions)
    claims: Claims = field(default_factory=Claims)

    @classmethod
    def in_memory(cls) -> "Repositories":
        """The in-memory twins (they pass the store's contract suite), for use-case tests."""
        return cls(inbox=InMemoryInbox(), deliveries=InMemoryDeliveries(), preferences=InMemoryUserPreferences(),
                   webhooks=InMemoryWebhooks(), users=InMemoryDirectoryUsers(), schools=InMemorySchools(),
                   catalogues=InMemoryCatalogues(), rounds=InMemoryRounds(), submissions=InMemorySubmissions(),
                   claims=InMemoryClaims())


@dataclass(frozen=True)
class UseCases:
    repositories: Repositories
    inbox: InboxService
    preferences: PreferenceService
    webhooks: WebhookService
    deliveries: DeliveryQueue
    delivery_log: DeliveryLog
    dispatcher: Dispatcher
    projections: Projections
    notices: Notices
    reminders: ReminderService
    scheduler: Scheduler


def senders(settings: config.Settings, webhooks: Webhooks, clock: Clock = utc_now) -> dict[str, Sender]:
    """The real channels: e-mail over SMTP, webhook calls over HTTP."""
    mailer = SmtpMailer(settings.smtp)
    caller = WebhookCaller(settings.delivery.webhook_timeout, webhooks.secret_of, clock)
    return {EMAIL: lambda d: mailer.send(Mail.of(d)), WEBHOOK: caller.send}


def use_cases(settings: config.Settings, clock: Clock = utc_now, *, repositories: Repositories | None = None,
              sending: bool = False, channels: Mapping[str, Sender] | None = None) -> UseCases:
    """Every use case of the service, on the store's repositories unless ``repositories`` are given.

    Only the worker sends (``sending``: the real SMTP and HTTP channels, or ``channels``); the API queues.
    """
    repos = repositories or Repositories()
    contracts = Contracts(settings.platform.contracts_dir)
    if channels is None:
        channels = senders(settings, repos.webhooks, clock) if sending else {}
    queue = DeliveryQueue(contracts, settings.delivery, channels, repos.deliveries, clock)
    dispatcher = Dispatcher(contracts, queue, inbox=repos.inbox, users=repos.users, preferences=repos.preferences,
                            webhooks=repos.webhooks, clock=clock)
    projections = Projections(users=repos.users, schools=repos.schools, catalogues=repos.catalogues,
                              rounds=repos.rounds, submissions=repos.submissions)
    return UseCases(
        repositories=repos,
        inbox=InboxService(repos.inbox, repos.preferences, clock),
        preferences=PreferenceService(repos.preferences, clock),
        webhooks=WebhookService(repos.webhooks, clock),
        deliveries=queue,
        delivery_log=DeliveryLog(repos.deliveries),
        dispatcher=dispatcher,
        projections=projections,
        notices=Notices(dispatcher, projections, rounds=repos.rounds, schools=repos.schools,
                        catalogues=repos.catalogues, submissions=repos.submissions),
        reminders=ReminderService(dispatcher, rounds=repos.rounds, schools=repos.schools,
                                  submissions=repos.submissions, claims=repos.claims, clock=clock),
        scheduler=Scheduler(contracts, dispatcher, settings.scheduler, rounds=repos.rounds, schools=repos.schools,
                            submissions=repos.submissions, claims=repos.claims, clock=clock),
    )
