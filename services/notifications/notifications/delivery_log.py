"""Which e-mails and webhook calls were made, are waiting or failed, as far as the caller may see.

A school sees what was sent to itself; a commune what was sent to itself and to its schools (not
what the city received about them); a city everything within its province; an admin everything.
"""
from __future__ import annotations

from edu71.auth import Principal, Role
from edu71.problems import Problem
from notifications.adapters.documents import Delivery


class DeliveryLog:
    @staticmethod
    def _scope(principal: Principal) -> dict:
        match principal.role:
            case Role.ADMIN:
                return {}
            case Role.CITY:
                return {"province_code": principal.province_code}
            case Role.COMMUNE:
                return {"commune_code": principal.commune_code,
                        "recipient_role__in": [Role.COMMUNE.value, Role.SCHOOL.value]}
            case Role.SCHOOL:
                return {"recipient_org_unit": principal.org_unit, "recipient_role": Role.SCHOOL.value}
        raise Problem(403, "Vai trò vận hành theo dõi việc gửi thông báo qua số liệu Prometheus, "
                           "không xem nội dung thông báo.")

    def list(self, principal: Principal, page: int, page_size: int, status: str | None, channel: str | None):
        filters = self._scope(principal)
        if status:
            filters["status"] = status
        if channel:
            filters["channel"] = channel
        query = Delivery.objects(**filters)
        total = query.count()
        items = query.order_by("-created_at", "-id").skip((page - 1) * page_size).limit(page_size)
        return total, list(items)
