"""Webhook calls: a signed JSON POST to an org unit's endpoint."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Callable

import requests

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
