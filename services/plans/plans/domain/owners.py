"""Whose plan it is (the issuing org unit), and who may see, write and review it (pure).

A plan is issued by one org unit of the hierarchy nation → province → commune/ward → school:

- a **school** (nhà trường) writes its plan; its commune/ward (UBND xã/phường) reviews preschool, primary
  and lower-secondary plans, the city department (Sở GD&ĐT) the others, and may act on any of its province
  (:func:`plans.domain.workflow.may_review`);
- a **commune/ward** (UBND xã/phường) writes the commune's own plan; the city department of its province
  reviews it, as it reviews every plan of the province;
- a **province/city** (UBND thành phố / Sở GD&ĐT) writes the city's own plan. No body above the city
  uses this platform (the ministry does not), so the city's plan is reviewed inside the city department
  by the *four-eyes* rule: any city user of the province other than the one who submitted it approves
  or returns it (the department's leadership signs off what its drafting office wrote); an
  administrator may act on it too.

Who reads what: a plan's own unit, the units above it (its commune for a school plan, its city for every
plan of the province) and administrators. A school also reads its commune's plan *once approved*, and a
school or commune the city's approved plan, read only: each aligns its own targets to the level above,
and a draft is not yet anything to align to.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from edu71.auth import Principal, Role
from edu71.orgs import SchoolLevel
from plans.domain import workflow


class UnitKind(StrEnum):
    SCHOOL = "school"       # nhà trường
    COMMUNE = "commune"     # UBND xã/phường/đặc khu
    PROVINCE = "province"   # UBND tỉnh/thành phố, Sở GD&ĐT


KIND_LABELS = {UnitKind.SCHOOL: "nhà trường", UnitKind.COMMUNE: "UBND xã/phường",
               UnitKind.PROVINCE: "UBND thành phố / Sở GD&ĐT"}


@dataclass(frozen=True)
class OrgUnit:
    """The unit that issues a plan. ``commune_code`` is None for a province; ``level`` is a school's only."""

    kind: UnitKind
    code: str
    name: str
    province_code: str
    commune_code: str | None = None
    level: str | None = None

    def as_contract(self) -> dict:
        """The ``Issuer`` object of the plan event contracts."""
        data = {"kind": self.kind.value, "code": self.code, "name": self.name, "province_code": self.province_code}
        if self.commune_code:
            data["commune_code"] = self.commune_code
        if self.level:
            data["level"] = self.level
        return data


class NotAnIssuer(Exception):
    """The caller cannot issue a plan (its role issues none, or its account lacks its unit's details)."""


def issuer_of(principal: Principal, commune_name: str | None = None, province_name: str | None = None) -> OrgUnit:
    """The unit a plan the caller creates belongs to: its school, its commune or its province."""
    match principal.role:
        case Role.SCHOOL:
            if not (principal.commune_code and principal.province_code and principal.school_level):
                raise NotAnIssuer("Tài khoản trường học thiếu thông tin xã/phường, tỉnh/thành hoặc cấp học.")
            return OrgUnit(UnitKind.SCHOOL, principal.org_unit, principal.org_unit_name or principal.org_unit,
                           principal.province_code, principal.commune_code, SchoolLevel(principal.school_level).value)
        case Role.COMMUNE:
            if not (principal.commune_code and principal.province_code):
                raise NotAnIssuer("Tài khoản UBND xã/phường thiếu mã xã/phường hoặc tỉnh/thành.")
            name = principal.org_unit_name or commune_name or f"xã/phường {principal.commune_code}"
            return OrgUnit(UnitKind.COMMUNE, principal.commune_code, _ubnd(name), principal.province_code,
                           principal.commune_code)
        case Role.CITY:
            if not principal.province_code:
                raise NotAnIssuer("Tài khoản Sở GD&ĐT thiếu mã tỉnh/thành.")
            name = principal.org_unit_name or province_name or f"tỉnh/thành phố {principal.province_code}"
            return OrgUnit(UnitKind.PROVINCE, principal.province_code, _ubnd(name), principal.province_code)
    raise NotAnIssuer("Chỉ nhà trường, UBND xã/phường hoặc Sở GD&ĐT mới được lập kế hoạch.")


def _ubnd(name: str) -> str:
    """"Phường Nguyễn Đại Năng" → "UBND Phường Nguyễn Đại Năng"; a name already naming its body is kept."""
    lowered = name.lower()
    if lowered.startswith(("ubnd", "ủy ban", "uỷ ban", "sở ")):
        return name
    return f"UBND {name}"


def may_act_for(principal: Principal, unit: OrgUnit) -> bool:
    """May the caller write as the issuing unit itself (edit, delete, submit its plan)?"""
    match unit.kind:
        case UnitKind.SCHOOL:
            return principal.can_act_for_school(unit.code)
        case UnitKind.COMMUNE:
            return principal.role is Role.COMMUNE and principal.commune_code == unit.code
        case UnitKind.PROVINCE:
            return principal.role is Role.CITY and principal.province_code == unit.code
    return False


def may_see(principal: Principal, unit: OrgUnit, approved: bool) -> bool:
    """May the caller read a plan of ``unit`` (``approved``: whether the plan is approved)?"""
    if unit.kind is UnitKind.SCHOOL:
        return principal.can_see(unit.code, unit.commune_code, unit.province_code)
    match principal.role:
        case Role.ADMIN:
            return True
        case Role.CITY:
            return principal.province_code == unit.province_code
        case Role.COMMUNE:
            if unit.kind is UnitKind.PROVINCE:
                return approved and principal.province_code == unit.code
            return principal.commune_code == unit.code
        case Role.SCHOOL:
            if unit.kind is UnitKind.PROVINCE:
                return approved and principal.province_code == unit.code
            return approved and principal.commune_code == unit.code
    return False


def may_review(principal: Principal, unit: OrgUnit, submitted_by: str | None) -> bool:
    """May the caller approve or return a plan of ``unit`` (submitted by the user ``submitted_by``)?"""
    if principal.role is Role.ADMIN:
        return True
    match unit.kind:
        case UnitKind.SCHOOL:
            return workflow.may_review(principal, SchoolLevel(unit.level), unit.commune_code, unit.province_code)
        case UnitKind.COMMUNE:
            return principal.role is Role.CITY and principal.province_code == unit.province_code
        case UnitKind.PROVINCE:
            return (principal.role is Role.CITY and principal.province_code == unit.code
                    and principal.user_id != submitted_by)
    return False


def list_scope(principal: Principal, owner_kind: str | None) -> dict | None:
    """The query restriction of the caller's plan list (``None``: nothing visible; ``{}``: everything).

    A school lists its own plans, or, asked for commune plans (``owner_kind="commune"``), its commune's
    approved ones; a school or commune asked for city plans (``owner_kind="province"``), its city's approved
    ones; otherwise every role lists by its :meth:`Principal.scope_filter`.
    """
    approved = workflow.PlanStatus.APPROVED.value
    if principal.role is Role.SCHOOL and owner_kind == UnitKind.COMMUNE.value:
        return {"owner_kind": owner_kind, "commune_code": principal.commune_code, "status": approved}
    if principal.role in (Role.SCHOOL, Role.COMMUNE) and owner_kind == UnitKind.PROVINCE.value:
        return {"owner_kind": owner_kind, "province_code": principal.province_code, "status": approved}
    return principal.scope_filter()
