"""Webhook use cases: an org unit (commune, city; or an admin for any unit) registers, lists and removes
the endpoints that receive its notifications. The signing secret is shown once, when created."""
from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timezone
from typing import Any, Mapping

from edu71.auth import Principal, Role
from edu71.problems import Problem
from notifications.adapters.documents import Webhook

MANAGERS = (Role.COMMUNE, Role.CITY, Role.ADMIN)


class WebhookService:
    def _owner(self, principal: Principal, body: Mapping[str, Any]) -> tuple[str, str]:
        if principal.role is Role.ADMIN:
            if not body.get("org_unit") or not body.get("role"):
                raise Problem(422, "Quản trị viên cần chỉ rõ đơn vị (org_unit) và vai trò (role) nhận webhook.",
                              errors=[{"field": "org_unit", "message": "Bắt buộc với quản trị viên."}])
            return body["org_unit"], body["role"]
        if body.get("org_unit") not in (None, principal.org_unit) or body.get("role") not in (None,
                                                                                             principal.role.value):
            raise Problem(403, "Bạn chỉ đăng ký được webhook cho đơn vị của mình.")
        return principal.org_unit, principal.role.value

    def create(self, principal: Principal, body: Mapping[str, Any]) -> tuple[Webhook, str]:
        org_unit, role = self._owner(principal, body)
        secret = "whsec_" + secrets.token_urlsafe(32)
        hook = Webhook(id=f"whk-{uuid.uuid4()}", org_unit=org_unit, role=role, url=body["url"], secret=secret,
                       kinds=list(body.get("kinds") or []), description=body.get("description"),
                       created_by=principal.user_id, created_at=datetime.now(timezone.utc))
        hook.save(force_insert=True)
        return hook, secret

    def _visible(self, principal: Principal):
        if principal.role is Role.ADMIN:
            return Webhook.objects
        return Webhook.objects(org_unit=principal.org_unit, role=principal.role.value)

    def list(self, principal: Principal) -> list[Webhook]:
        return list(self._visible(principal).order_by("created_at"))

    def delete(self, principal: Principal, webhook_id: str) -> None:
        hook = self._visible(principal).filter(id=webhook_id).first()
        if hook is None:
            raise Problem(404, "Không tìm thấy webhook.")
        hook.delete()
