"""The reports service: roll-ups, per-school values, completeness and exports."""
from __future__ import annotations

from typing import Any

from portal.clients.base import ApiClient, ApiError


class ReportsClient(ApiClient):
    name = "tổng hợp"

    def rollups(self, round_id: str, scope: str | None = None, code: str | None = None) -> dict[str, Any]:
        return self.get_json(f"/rollups/{round_id}", params=_scope(scope, code))

    def schools(self, round_id: str, scope: str | None = None, code: str | None = None,
                page: int = 1, page_size: int = 500) -> dict[str, Any]:
        return self.get_json(f"/rollups/{round_id}/schools",
                             params={**_scope(scope, code), "page": page, "page_size": page_size})

    def completeness(self, round_id: str, scope: str | None = None, code: str | None = None) -> dict[str, Any] | None:
        """Completeness of the round, or ``None`` where the reports service does not offer it yet."""
        try:
            return self.get_json(f"/rounds/{round_id}/completeness", params=_scope(scope, code))
        except ApiError as exc:
            if exc.status in (404, 405):
                return None
            raise

    def export(self, path: str, params: dict[str, Any]):
        response = self.request("GET", path, params=params)
        return response.content, response.headers.get("Content-Disposition", ""), response.headers.get("Content-Type")


def _scope(scope: str | None, code: str | None) -> dict[str, str]:
    return {k: v for k, v in (("scope", scope), ("code", code)) if v}
