"""The reports service: roll-ups, per-school values, completeness and exports."""
from __future__ import annotations

from typing import Any

from portal.clients.base import ApiClient, ApiError


class ReportsClient(ApiClient):
    name = "tổng hợp"

    def rollups(self, round_id: str, scope: str | None = None, code: str | None = None,
                level: str | None = None, figures: str | None = None, as_of: str | None = None) -> dict[str, Any]:
        return self.get_json(f"/rollups/{round_id}", params=_scope(scope, code, level, figures, as_of))

    def dashboard(self, round_id: str, scope: str | None = None, code: str | None = None, level: str | None = None,
                  figures: str | None = None, as_of: str | None = None) -> dict[str, Any] | None:
        """Everything a dashboard of an area shows, in one call (roll-ups, completeness, progress, the schools of a
        commune or a level, and now the plans' cascade and status), with the ``version`` DashboardUpdated announces;
        ``None`` while the round is unknown to the service."""
        return self._optional(f"/rounds/{round_id}/dashboard", _scope(scope, code, level, figures, as_of))

    def schools(self, round_id: str, scope: str | None = None, code: str | None = None,
                page: int = 1, page_size: int = 500, level: str | None = None,
                figures: str | None = None, as_of: str | None = None) -> dict[str, Any]:
        return self.get_json(f"/rollups/{round_id}/schools",
                             params={**_scope(scope, code, level, figures, as_of), "page": page, "page_size": page_size})

    def completeness(self, round_id: str, scope: str | None = None, code: str | None = None,
                     figures: str | None = None, as_of: str | None = None) -> dict[str, Any] | None:
        """Expected, submitted, late and missing schools, and the schools at each approval stage per commune, or
        ``None`` while the round is unknown to the service."""
        return self._optional(f"/rounds/{round_id}/completeness", _scope(scope, code, figures=figures, as_of=as_of))

    def targets(self, round_id: str, scope: str | None = None, code: str | None = None) -> dict[str, Any] | None:
        """The area against the province's and nation's targets, and the at-risk schools and communes."""
        return self._optional(f"/rounds/{round_id}/targets", _scope(scope, code))

    def progress(self, round_id: str, scope: str | None = None, code: str | None = None,
                 figures: str | None = None, as_of: str | None = None) -> dict[str, Any] | None:
        """Each indicator against its targets' trajectories (đã đạt, đúng lộ trình, có nguy cơ, chậm)."""
        return self._optional(f"/rounds/{round_id}/progress", _scope(scope, code, figures=figures, as_of=as_of))

    def cascade(self, round_id: str, scope: str | None = None, code: str | None = None) -> dict[str, Any] | None:
        """How many schools' approved plans commit to each city target, and whether the commitments add up."""
        return self._optional(f"/rounds/{round_id}/cascade", _scope(scope, code))

    def school_progress(self, round_id: str, school_code: str) -> dict[str, Any] | None:
        """One school's indicators against its own plan's, its commune's, the city's and the nation's targets."""
        return self._optional(f"/rounds/{round_id}/schools/{school_code}/progress", {})

    def plan_status(self, scope: str | None = None, code: str | None = None) -> dict[str, Any] | None:
        """Plans by status per commune, and the schools without an approved plan."""
        return self._optional("/plans/status", _scope(scope, code))

    def series(self, indicator: str, scope: str | None = None, code: str | None = None,
               level: str | None = None) -> dict[str, Any] | None:
        return self._optional(f"/indicators/{indicator}/series", _scope(scope, code, level))

    def _optional(self, path: str, params: dict[str, str]) -> dict[str, Any] | None:
        try:
            return self.get_json(path, params=params)
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise

    def export(self, round_id: str, fmt: str, params: dict[str, Any]):
        """The round's report as XLSX (every view) or CSV (``params["view"]``): bytes, disposition, type."""
        response = self.request("GET", f"/rounds/{round_id}/export.{fmt}", params=params)
        return response.content, response.headers.get("Content-Disposition", ""), response.headers.get("Content-Type")


def _scope(scope: str | None, code: str | None, level: str | None = None, figures: str | None = None,
           as_of: str | None = None) -> dict[str, str]:
    """The area asked for and, where the endpoint takes them, the school level (the API's ``school_level``), how
    figures are read (``figures``: all submitted, the default, or confirmed only) and the moment they are
    asked as of (``as_of``, ISO 8601; now when absent)."""
    return {k: v for k, v in (("scope", scope), ("code", code), ("school_level", level), ("figures", figures),
                              ("as_of", as_of)) if v}
