"""What an area's dashboard and its reports show: roll-ups, completeness, targets, progress, the plans'
cascade and status, series across rounds and rankings, read from the precomputed views within the
caller's scope.

Every read is one or a few ``_id`` look-ups in the views (see :mod:`reports.adapters.projector`), through a
repository (:mod:`reports.adapters.dashboards`: the live views, or :class:`reports.asof.AsOfViews` as they
stood at a moment); nothing here aggregates schools. Refusals are :mod:`edu71.errors`.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Callable, Protocol

from edu71.auth import Principal, Role
from edu71.errors import FieldError, Forbidden, Invalid, NotFound, Unavailable
from edu71.orgs import commune
from reports.domain.rollup import IndicatorRollup
from reports.domain.scope import Scope, ScopeInvalid, ScopeKind, ScopeRefused, UnknownArea, resolve_scope
from reports.domain.trajectory import METHOD_NOTE
from reports.domain.model import CONFIRMED_STAGES, SCHOOL_STAGES
from reports.domain.views import ALL, figures_view, plans_view_id, ranking, round_view_id

SCHOOL_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
NOT_FOUND = "Không tìm thấy đợt báo cáo hoặc chưa có số liệu trong phạm vi của bạn."
NO_COMMUNE = "Không tìm thấy xã/phường với mã này."
NO_PROVINCE = "Không tìm thấy tỉnh/thành phố với mã này."


class Views(Protocol):
    """The views and the rounds a dashboard reads (:class:`reports.adapters.dashboards.StoredViews`, its in-memory
    twin, or :class:`reports.asof.AsOfViews`)."""

    def view(self, province: str, view_id: str) -> dict | None: ...

    def schools(self, province: str, view_id: str) -> list[dict]: ...

    def round(self, round_id: str) -> dict | None: ...

    def rounds_of(self, province: str) -> list[dict]: ...

    def school(self, school_code: str) -> dict | None: ...


def province_of_commune(code: str) -> str:
    """The province of a commune/ward code, from the official list (vietnam-provinces)."""
    try:
        return commune(code).province_code
    except (ValueError, KeyError):
        raise UnknownArea(code) from None


class Dashboards:
    """The dashboards' use cases over one repository of views (live, or as of a moment: the same code)."""

    def __init__(self, views: Views, province_of: Callable[[str], str] = province_of_commune):
        self.views = views
        self.province_of = province_of

    # -- scope ---------------------------------------------------------------
    def scope(self, principal: Principal, kind: str | None, code: str | None) -> Scope:
        try:
            return resolve_scope(principal, kind, code, self.province_of)
        except ScopeRefused as exc:
            raise Forbidden(str(exc)) from None
        except ScopeInvalid as exc:
            raise Invalid(str(exc), errors=[FieldError("code", str(exc))]) from None
        except UnknownArea as exc:
            raise NotFound(NO_PROVINCE if exc.kind is ScopeKind.PROVINCE else NO_COMMUNE) from None

    def round(self, round_id: str) -> dict | None:
        """The round as of its latest opening event, or None if none was received (yet)."""
        return self.views.round(round_id)

    def _round_visible(self, principal: Principal, round_id: str) -> dict | None:
        rnd = self.round(round_id)
        if rnd is not None and principal.role is not Role.ADMIN and principal.province_code \
                and rnd["province_code"] != principal.province_code:
            raise NotFound("Không tìm thấy đợt báo cáo.")
        return rnd

    def _view(self, province: str | None, view_id: str) -> dict | None:
        return self.views.view(province, view_id) if province else None

    def _province(self, scope: Scope) -> str:
        if scope.kind is ScopeKind.COMMUNE:
            try:
                return scope.within_province or self.province_of(scope.code)
            except UnknownArea:
                raise NotFound(NO_COMMUNE) from None
        return scope.code

    def round_view(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                   figures: str | None = None) -> tuple[Scope, dict | None, dict]:
        """(scope, round, view) of a round for the caller, its figures read as ``figures`` (all submitted, or
        confirmed only: :func:`reports.domain.views.figures_view`); NotFound when there is neither round nor
        figures."""
        scope, rnd, view = self._stored_round_view(principal, round_id, kind, code, figures)
        return scope, rnd, figures_view(view, figures)

    def _stored_round_view(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                           figures: str | None = None) -> tuple[Scope, dict | None, dict]:
        """:meth:`round_view` before its figures are read as ``figures`` (the view as stored, {} when none)."""
        scope = self.scope(principal, kind, code)
        rnd = self._round_visible(principal, round_id)
        if scope.kind is ScopeKind.NATION:
            # A round belongs to one province: the nation's figures of it are that province's.
            province = rnd["province_code"] if rnd else None
            view = self._view(province, round_view_id(round_id, "province", province)) if rnd else None
        else:
            view = self._view(self._province(scope), round_view_id(round_id, scope.kind.value, scope.code))
        if view is None and rnd is None:
            raise NotFound(NOT_FOUND)
        if figures == "confirmed" and view and "confirmed" not in view:
            # A view stored before the confirmed reading existed, until the projector has recomputed it.
            raise Unavailable("Số liệu đã xác nhận đang được tổng hợp lại, vui lòng thử lại sau ít phút.")
        return scope, rnd, view or {}

    # -- reading -------------------------------------------------------------
    def dashboard(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                  school_level: str | None, figures: str | None = None, *, now: bool = True) -> dict:
        """Everything a live dashboard of an area shows, from one read of its view: roll-ups (of ``school_level``
        when given), completeness, progress, the schools (for a commune, or a level), and — ``now`` only, as they
        are not kept as of a past moment — the plans' cascade and status. ``version`` is the view's, the one
        DashboardUpdated announces."""
        scope, rnd, stored = self._stored_round_view(principal, round_id, kind, code, figures)
        view = figures_view(stored, figures)
        schools = None
        if rnd is not None and (scope.kind is ScopeKind.COMMUNE or school_level):
            schools = self._school_rows(scope, stored, round_id, school_level, figures)
        plans = None
        if now and scope.kind is not ScopeKind.NATION:
            plans = self._plans_of(scope)
        return {"round_id": round_id, "scope": scope.as_dict(), "version": stored.get("digest"),
                "figures": figures or "submitted",
                "rollup": self._rollups_of(scope, rnd, view, round_id, school_level, figures),
                "completeness": self._completeness_of(scope, rnd, view, round_id, figures),
                "progress": self._progress_of(scope, rnd, view, round_id, figures),
                "cascade": self._cascade_of(scope, rnd, stored, round_id) if now else None,
                "plans": plans, "schools": schools}

    def rollups(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                school_level: str | None, figures: str | None = None) -> dict:
        scope, rnd, view = self.round_view(principal, round_id, kind, code, figures)
        return self._rollups_of(scope, rnd, view, round_id, school_level, figures)

    def _rollups_of(self, scope: Scope, rnd: dict | None, view: dict, round_id: str, school_level: str | None,
                    figures: str | None) -> dict:
        level = school_level or ALL
        rollups = (view.get("rollups") or {}).get(level)
        if rollups is None:
            rollups = [IndicatorRollup(c, None, None, 0, None).as_dict() for c in (rnd or {}).get("indicator_codes", ())]
        submitted = (view.get("completeness") or {}).get("submitted", 0) if level == ALL \
            else (view.get("submitted_by_level") or {}).get(level, 0)
        return {"round_id": round_id, "round": rnd, "scope": scope.as_dict(), "school_level": level,
                "schools_reporting": submitted, "figures": figures or "submitted", "indicators": rollups,
                "computed_at": view.get("computed_at") or datetime.now(timezone.utc)}

    def _schools(self, scope: Scope, view: dict, round_id: str) -> list[dict]:
        """The per-school rows of the communes under a view (one look-up per commune)."""
        if not view:
            return []
        province = view["province_code"]
        if view["scope"]["kind"] == "commune":
            communes = [view["scope"]["code"]]
        else:
            communes = [c["commune_code"] for c in view.get("communes", ())]
        return [s for c in communes for s in self.views.schools(province, round_view_id(round_id, "commune", c))]

    def schools(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                school_level: str | None, page: int, page_size: int, *, submitted_only: bool = True,
                figures: str | None = None) -> dict:
        """The schools under the scope: those whose figures count (submitted; confirmed or accepted when
        ``figures`` is confirmed), or every school when not ``submitted_only``."""
        scope, _, view = self.round_view(principal, round_id, kind, code)
        rows = self._school_rows(scope, view, round_id, school_level, figures, submitted_only)
        return {"round_id": round_id, "scope": scope.as_dict(), "total": len(rows), "page": page,
                "page_size": page_size, "items": rows[(page - 1) * page_size: page * page_size]}

    def _school_rows(self, scope: Scope, view: dict, round_id: str, school_level: str | None,
                     figures: str | None, submitted_only: bool = True) -> list[dict]:
        confirmed = figures == "confirmed"
        rows = [s for s in self._schools(scope, view, round_id)
                if (not submitted_only or (s["submitted"] and (not confirmed or s.get("stage") in CONFIRMED_STAGES)))
                and (not school_level or s["school_level"] == school_level)]
        rows.sort(key=lambda r: (r["commune_code"], r["school_code"]))
        return rows

    def completeness(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                     figures: str | None = None) -> dict:
        """Schools expected, submitted (or, read confirmed only, confirmed or accepted), on time, late, missing;
        and how many are at each approval stage, per commune."""
        scope, rnd, view = self.round_view(principal, round_id, kind, code, figures)
        return self._completeness_of(scope, rnd, view, round_id, figures)

    def _completeness_of(self, scope: Scope, rnd: dict | None, view: dict, round_id: str,
                         figures: str | None) -> dict:
        empty = {"expected": 0, "submitted": 0, "on_time": 0, "late": 0, "missing": 0, "rate": None,
                 "stages": dict.fromkeys(SCHOOL_STAGES, 0)}
        communes = [{"commune_code": c["commune_code"], "commune_name": c["commune_name"],
                     **{k: c.get(f"schools_{k}", empty[k]) for k in empty}} for c in view.get("communes", ())]
        return {"round_id": round_id, "round": rnd, "scope": scope.as_dict(), "figures": figures or "submitted",
                "completeness": {**empty, **(view.get("completeness") or {})}, "communes": communes,
                "missing_schools": [{k: s.get(k) for k in ("school_code", "school_name", "school_level", "commune_code",
                                                           "stage")}
                                    for s in view.get("missing_schools", ())]}

    def targets(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                figures: str | None = None) -> dict:
        scope, rnd, view = self.round_view(principal, round_id, kind, code, figures)
        return {"round_id": round_id, "scope": scope.as_dict(), "targets": view.get("targets", []),
                "at_risk_schools": view.get("at_risk_schools", []),
                "at_risk_communes": view.get("at_risk_communes", [])}

    def progress(self, principal: Principal, round_id: str, kind: str | None, code: str | None,
                 figures: str | None = None) -> dict:
        """Each indicator with a target against its trajectory; at-risk schools and communes, worst first."""
        scope, rnd, view = self.round_view(principal, round_id, kind, code, figures)
        return self._progress_of(scope, rnd, view, round_id, figures)

    def _progress_of(self, scope: Scope, rnd: dict | None, view: dict, round_id: str, figures: str | None) -> dict:
        return {"round_id": round_id, "round_name": view.get("round_name") or (rnd or {}).get("name"),
                "scope": scope.as_dict(), "as_of": view.get("as_of"), "baseline_round": view.get("baseline_round"),
                "method": view.get("method") or METHOD_NOTE, "figures": figures or "submitted",
                "indicators": view.get("progress", []),
                "at_risk_schools": view.get("progress_at_risk_schools", []),
                "at_risk_schools_total": view.get("progress_at_risk_schools_total",
                                                  len(view.get("progress_at_risk_schools", []))),
                # Views stored before the count was kept: the schools among the entries listed.
                "at_risk_schools_count": view.get("progress_at_risk_schools_count", len(
                    {e.get("school_code") for e in view.get("progress_at_risk_schools", [])})),
                "at_risk_communes": view.get("progress_at_risk_communes", [])}

    def cascade(self, principal: Principal, round_id: str, kind: str | None, code: str | None) -> dict:
        """How many schools' approved plans commit to each city target, and whether the commitments add up."""
        scope, rnd, view = self.round_view(principal, round_id, kind, code)
        return self._cascade_of(scope, rnd, view, round_id)

    def _cascade_of(self, scope: Scope, rnd: dict | None, view: dict, round_id: str) -> dict:
        return {"round_id": round_id, "round_name": view.get("round_name") or (rnd or {}).get("name"),
                "scope": scope.as_dict(), "targets": view.get("cascade", [])}

    def school_progress(self, principal: Principal, round_id: str, school_code: str) -> dict:
        """One school's indicators against its own plan's, the city's and the nation's targets.

        A school sees its own; a commune the schools of its commune; the city those of its province; any other
        school is answered 404."""
        # A school outside the caller's scope is reported as missing, so its existence is not revealed.
        refused = NotFound("Không tìm thấy trường.")
        if not SCHOOL_CODE.fullmatch(school_code):
            raise refused
        if principal.role is Role.SCHOOL:
            if principal.org_unit != school_code:
                raise refused
            province, commune_code = principal.province_code, principal.commune_code
        else:
            known = self.views.school(school_code)
            if known is None:
                raise refused
            province, commune_code = known["province_code"], known["commune_code"]
            if principal.role is Role.COMMUNE and principal.commune_code != commune_code:
                raise refused
            if principal.role is Role.CITY and principal.province_code != province:
                raise refused
            if principal.role not in (Role.COMMUNE, Role.CITY, Role.ADMIN):
                raise refused
        rnd = self._round_visible(principal, round_id) if principal.role is not Role.SCHOOL else self.round(round_id)
        if rnd is not None and principal.role is Role.SCHOOL and rnd["province_code"] != province:
            raise NotFound("Không tìm thấy đợt báo cáo.")
        view_id = round_view_id(round_id, "commune", commune_code or "")
        view = self._view(province, view_id) if province and commune_code else None
        entry = next((s for s in self.views.schools(province, view_id)
                      if s["school_code"] == school_code), None) if view else None
        if entry is None and rnd is None:
            raise NotFound(NOT_FOUND)
        entry = entry or {}
        return {"round_id": round_id, "round_name": (view or {}).get("round_name") or (rnd or {}).get("name"),
                "school_code": school_code, "school_name": entry.get("school_name"),
                "school_level": entry.get("school_level"), "commune_code": commune_code,
                "plan_status": entry.get("plan_status", "none"), "submitted": bool(entry.get("submitted")),
                "as_of": (view or {}).get("as_of"), "baseline_round": (view or {}).get("baseline_round"),
                "method": (view or {}).get("method") or METHOD_NOTE, "indicators": entry.get("progress", [])}

    def plans(self, principal: Principal, kind: str | None, code: str | None) -> dict:
        scope = self.scope(principal, kind, code)
        if scope.kind is ScopeKind.NATION:
            raise Invalid("Cần chỉ rõ tỉnh/thành phố khi xem kế hoạch.",
                          errors=[FieldError("scope", "Cần chỉ rõ tỉnh/thành phố.")])
        return self._plans_of(scope)

    def _plans_of(self, scope: Scope) -> dict:
        view = self._view(self._province(scope), plans_view_id(scope.kind.value, scope.code)) or {}
        counts = view.get("counts") or {s: 0 for s in ("approved", "submitted", "returned", "none")}
        return {"scope": scope.as_dict(), "counts": counts, "communes": view.get("communes", []),
                "schools_without_approved_plan": view.get("schools_without_approved_plan", [])}

    def series(self, principal: Principal, indicator_code: str, kind: str | None, code: str | None,
               school_level: str | None) -> dict:
        """One indicator across the rounds of the caller's province, oldest round first."""
        scope = self.scope(principal, kind, code)
        if scope.kind is ScopeKind.NATION:
            raise Invalid("Cần chỉ rõ tỉnh/thành phố khi xem chuỗi số liệu.",
                          errors=[FieldError("scope", "Cần chỉ rõ tỉnh/thành phố.")])
        province = scope.code if scope.kind is ScopeKind.PROVINCE else self.province_of(scope.code)
        rounds = self.views.rounds_of(province)
        points = []
        for rnd in sorted(rounds, key=lambda r: (r["opens_at"], r["round_id"])):
            view = self._view(province, round_view_id(rnd["round_id"], scope.kind.value, scope.code)) or {}
            figure = next((r for r in (view.get("rollups") or {}).get(school_level or ALL, ())
                           if r["indicator_code"] == indicator_code), None)
            points.append({"round_id": rnd["round_id"], "round_name": rnd["name"], "school_year": rnd["school_year"],
                           "opens_at": rnd["opens_at"], "due_at": rnd["due_at"],
                           "value": figure["value"] if figure else None,
                           "numerator": figure.get("numerator") if figure else None,
                           "denominator": figure.get("denominator") if figure else None,
                           "schools_reporting": figure["schools_reporting"] if figure else 0})
        return {"indicator_code": indicator_code, "scope": scope.as_dict(), "school_level": school_level or ALL,
                "points": points}

    def ranking(self, principal: Principal, round_id: str, indicator_code: str, code: str | None) -> dict:
        """The communes of a province ranked by an indicator (the city and administrators only)."""
        if principal.role not in (Role.CITY, Role.ADMIN):
            raise Forbidden("Chỉ Sở GD&ĐT xem được bảng xếp hạng các xã/phường.")
        scope, rnd, view = self.round_view(principal, round_id, "province",
                                           code or principal.province_code or (self.round(round_id) or {}).get(
                                               "province_code"))
        direction = (view.get("directions") or {}).get(indicator_code)
        return {"round_id": round_id, "scope": scope.as_dict(), "indicator_code": indicator_code,
                "direction": direction or "higher", "communes": ranking(view, indicator_code, direction)}
