"""Webhooks: where the endpoints org units registered are kept (in the store, or in memory for tests; both pass
the same contract suite, tests/integration/test_repositories.py), and the call itself, a signed JSON POST."""
from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from typing import Any, Callable

import requests

from notifications.adapters.documents import Webhook
from notifications.adapters.mail import SendFailed
from notifications.domain.delivery import signature
from notifications.domain.kinds import KIND_LABELS


def payload(delivery) -> dict[str, Any]:
    """The JSON body of a call (stable per delivery, so a retry sends the same body)."""
    return {
        "delivery_id": delivery.id,
        "source_event_id": delivery.source_event_id,
        "kind": delivery.kind,
        "kind_label": KIND_LABELS.get(delivery.kind, delivery.kind),
        "title": delivery.title,
        "body": delivery.body,
        "org_unit": delivery.recipient_org_unit,
        "school": {"code": delivery.school_code, "name": delivery.school_name} if delivery.school_code else None,
        "reference": delivery.reference,
        "occurred_at": delivery.occurred_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
    }


class WebhookCaller:
    def __init__(self, timeout: float, secret_of: Callable[[str], str | None],
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.timeout = timeout
        self.secret_of = secret_of
        self.clock = clock
        self.session = requests.Session()

    def send(self, delivery) -> None:
        secret = self.secret_of(delivery.webhook_id)
        if secret is None:
            raise SendFailed("Webhook đã bị xoá.", permanent=True)
        body = json.dumps(payload(delivery), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        timestamp = str(int(self.clock().timestamp()))
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "Edu71-Webhook/1",
                   "X-Edu71-Timestamp": timestamp, "X-Edu71-Signature": signature(secret, timestamp, body),
                   "X-Edu71-Delivery": delivery.id, "X-Edu71-Kind": delivery.kind}
        try:
            response = self.session.post(delivery.address, data=body, headers=headers, timeout=self.timeout,
                                         allow_redirects=False)
        except requests.RequestException as exc:
            raise SendFailed(f"Không gọi được webhook: {exc.__class__.__name__}") from exc
        if not 200 <= response.status_code < 300:
            raise SendFailed(f"Webhook trả về HTTP {response.status_code}")


class Webhooks:
    def add(self, hook: Webhook) -> Webhook:
        """Store a new endpoint (its id is new: an insert)."""
        hook.save(force_insert=True)
        return hook

    def get(self, webhook_id: str) -> Webhook | None:
        return Webhook.objects(id=webhook_id).first()

    def of_unit(self, org_unit: str, role: str) -> list[Webhook]:
        """The endpoints of one unit and role, oldest first."""
        return list(Webhook.objects(org_unit=org_unit, role=role).order_by("created_at"))

    def every(self) -> list[Webhook]:
        """Every unit's endpoints, oldest first (an administrator's list)."""
        return list(Webhook.objects.order_by("created_at"))

    def delete(self, webhook_id: str) -> None:
        Webhook.objects(id=webhook_id).delete()

    def secret_of(self, webhook_id: str) -> str | None:
        hook = Webhook.objects(id=webhook_id).only("secret").first()
        return hook.secret if hook else None


class InMemoryWebhooks:
    def __init__(self):
        self.hooks: dict[str, Webhook] = {}

    def add(self, hook: Webhook) -> Webhook:
        hook.validate()
        if hook.id in self.hooks:
            raise ValueError(f"webhook {hook.id} exists")
        self.hooks[hook.id] = copy.deepcopy(hook)
        return hook

    def get(self, webhook_id: str) -> Webhook | None:
        found = self.hooks.get(webhook_id)
        return None if found is None else copy.deepcopy(found)

    def _sorted(self, hooks) -> list[Webhook]:
        return [copy.deepcopy(h) for h in sorted(hooks, key=lambda h: h.created_at)]

    def of_unit(self, org_unit: str, role: str) -> list[Webhook]:
        return self._sorted(h for h in self.hooks.values() if h.org_unit == org_unit and h.role == role)

    def every(self) -> list[Webhook]:
        return self._sorted(self.hooks.values())

    def delete(self, webhook_id: str) -> None:
        self.hooks.pop(webhook_id, None)

    def secret_of(self, webhook_id: str) -> str | None:
        hook = self.hooks.get(webhook_id)
        return hook.secret if hook else None
