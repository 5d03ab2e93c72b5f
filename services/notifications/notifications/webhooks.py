"""Webhook use cases: an org unit (commune, city; or an admin for any unit) registers, lists and removes
the endpoints that receive its notifications. The signing secret is shown once, when created."""
from __future__ import annotations

import secrets
import uuid
from typing import Any, Mapping

from edu71.auth import Principal, Role
from edu71.errors import FieldError, Forbidden, Invalid, NotFound
from notifications.adapters.documents import Webhook
from notifications.adapters.webhooks import Webhooks
from notifications.deliveries import Clock, utc_now

MANAGERS = (Role.COMMUNE, Role.CITY, Role.ADMIN)


class WebhookService:
    def __init__(self, webhooks: Webhooks, clock: Clock = utc_now):
        self.webhooks = webhooks
        self.clock = clock

    def _owner(self, principal: Principal, body: Mapping[str, Any]) -> tuple[str, str]:
        if principal.role is Role.ADMIN:
            if not body.get("org_unit") or not body.get("role"):
                raise Invalid("Quản trị viên cần chỉ rõ đơn vị (org_unit) và vai trò (role) nhận webhook.",
                              errors=[FieldError("org_unit", "Bắt buộc với quản trị viên.")])
            return body["org_unit"], body["role"]
        if body.get("org_unit") not in (None, principal.org_unit) or body.get("role") not in (None,
                                                                                             principal.role.value):
            raise Forbidden("Bạn chỉ đăng ký được webhook cho đơn vị của mình.")
        return principal.org_unit, principal.role.value

    def create(self, principal: Principal, body: Mapping[str, Any]) -> tuple[Webhook, str]:
        org_unit, role = self._owner(principal, body)
        secret = "whsec_" + secrets.token_urlsafe(32)
        hook = Webhook(id=f"whk-{uuid.uuid4()}", org_unit=org_unit, role=role, url=body["url"], secret=secret,
                       kinds=list(body.get("kinds") or []), description=body.get("description"),
                       created_by=principal.user_id, created_at=self.clock())
        return self.webhooks.add(hook), secret

    def list(self, principal: Principal) -> list[Webhook]:
        if principal.role is Role.ADMIN:
            return self.webhooks.every()
        return self.webhooks.of_unit(principal.org_unit, principal.role.value)

    def delete(self, principal: Principal, webhook_id: str) -> None:
        hook = self.webhooks.get(webhook_id)
        if hook is None or (principal.role is not Role.ADMIN
                            and (hook.org_unit, hook.role) != (principal.org_unit, principal.role.value)):
            raise NotFound("Không tìm thấy webhook.")
        self.webhooks.delete(webhook_id)
