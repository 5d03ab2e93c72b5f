"""Report use cases: roll-ups and per-school values of a round, within the caller's scope."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from edu71.auth import Principal, Role
from edu71.orgs import commune
from edu71.problems import Problem
from reports.adapters.documents import ReportingRound, SchoolRoundValues
from reports.domain.rollup import rollup
from reports.domain.scope import Scope, ScopeInvalid, ScopeRefused, UnknownArea, resolve_scope
from reports.domain.versions import latest


def province_of_commune(code: str) -> str:
    """The province of a commune/ward code, from the official list (vietnam-provinces)."""
    try:
        return commune(code).province_code
    except (ValueError, KeyError):
        raise UnknownArea(code) from None


class ReportService:
    def __init__(self, province_of: Callable[[str], str] = province_of_commune):
        self.province_of = province_of

    # -- scope ---------------------------------------------------------------
    def scope(self, principal: Principal, kind: str | None, code: str | None) -> Scope:
        try:
            return resolve_scope(principal, kind, code, self.province_of)
        except ScopeRefused as exc:
            raise Problem(403, str(exc)) from None
        except ScopeInvalid as exc:
            raise Problem(422, str(exc), errors=[{"field": "code", "message": str(exc)}]) from None
        except UnknownArea:
            raise Problem(404, "Không tìm thấy xã/phường với mã này.") from None

    @staticmethod
    def round_visible(principal: Principal, round_id: str) -> ReportingRound | None:
        """The round if known and of the caller's province (admins: any); None if not known (yet)."""
        rnd = ReportingRound.current(round_id)
        if rnd is None:
            return None
        if principal.role is not Role.ADMIN and principal.province_code and rnd.province_code != principal.province_code:
            raise Problem(404, "Không tìm thấy đợt báo cáo.")
        return rnd

    @staticmethod
    def _latest(round_id: str, scope: Scope, school_level: str | None) -> list[dict]:
        """The latest revision of each school in scope (normally the only one stored)."""
        filters = {"round_id": round_id, **scope.filter()}
        if school_level:
            filters["school_level"] = school_level
        rows = SchoolRoundValues.objects(**filters).as_pymongo()
        return latest(rows, key=lambda r: r["school_code"], version=lambda r: r["revision"])

    # -- reading -------------------------------------------------------------
    def rollups(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                school_level: str | None) -> dict:
        scope = self.scope(principal, kind, code)
        rnd = self.round_visible(principal, round_id)
        # Aggregation happens here, not in the store: FerretDB has no $group accumulators
        # we could rely on, and a province's schools fit comfortably in memory.
        rows = self._latest(round_id, scope, school_level)
        if rnd is None and not rows:
            raise Problem(404, "Không tìm thấy đợt báo cáo hoặc chưa có số liệu trong phạm vi của bạn.")
        indicators = rollup([row.get("values") or {} for row in rows], rnd.indicator_codes if rnd else ())
        return {
            "round_id": round_id,
            "round": rnd,
            "scope": scope.as_dict(),
            "school_level": school_level or "all",
            "schools_reporting": len(rows),
            "indicators": [r.as_dict() for r in indicators],
            "computed_at": datetime.now(timezone.utc),
        }

    def schools(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                school_level: str | None, page: int, page_size: int) -> dict:
        scope = self.scope(principal, kind, code)
        rnd = self.round_visible(principal, round_id)
        rows = sorted(self._latest(round_id, scope, school_level), key=lambda r: (r["commune_code"], r["school_code"]))
        total = len(rows)
        if rnd is None and total == 0:
            raise Problem(404, "Không tìm thấy đợt báo cáo hoặc chưa có số liệu trong phạm vi của bạn.")
        items = rows[(page - 1) * page_size: page * page_size]
        return {
            "round_id": round_id,
            "scope": scope.as_dict(),
            "total": total,
            "page": page,
            "page_size": page_size,
            "items": [_school_row(doc) for doc in items],
        }


_ROW_FIELDS = ("school_code", "school_name", "school_level", "commune_code", "province_code", "submission_id",
               "revision", "submitted_at", "late")


def _school_row(row: dict) -> dict:
    values = row.get("values") or {}
    return {**{f: row.get(f) for f in _ROW_FIELDS}, "values": [values[c] for c in sorted(values)]}
