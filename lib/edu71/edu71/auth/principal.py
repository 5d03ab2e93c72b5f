"""Who is calling, and which org units they may see or act for.

The org hierarchy is nation → province (tỉnh/thành phố) → commune/ward
(xã/phường) → school (trường). A token names the caller's role and org unit; a
school user's token also names its commune, province and school level, so that
any service can check scope without asking another service.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol


class Role(StrEnum):
    SCHOOL = "school"      # nhà trường: one school
    COMMUNE = "commune"    # UBND xã/phường: the schools of one commune or ward
    CITY = "city"          # Sở GD&ĐT: the schools of one province/city
    OPERATOR = "operator"  # vận hành: monitoring only, no school data
    ADMIN = "admin"        # platform administrator: everything


class SchoolScope(Protocol):
    """Anything that belongs to a school: it names the school, its commune and province."""

    school_code: str
    commune_code: str
    province_code: str


@dataclass(frozen=True)
class Principal:
    user_id: str
    name: str
    role: Role
    org_unit: str
    #: Name of the org unit (e.g. "Trường THCS Thị Trấn 2"), for display and event payloads.
    org_unit_name: str | None = None
    commune_code: str | None = None
    province_code: str | None = None
    school_level: str | None = None
    email: str | None = None
    #: The sign-in session the token belongs to (``sid``; absent from an external provider's tokens).
    session_id: str | None = None
    #: ``iat`` and ``exp`` of the token, seconds since the epoch: revocation compares them with a cutoff.
    issued_at: int | None = None
    expires_at: int | None = None

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> "Principal":
        role = Role(claims["role"])
        org_unit = str(claims["org_unit"])
        province = claims.get("province_code")
        commune = claims.get("commune_code")
        if role is Role.CITY:
            province = province or org_unit
        if role is Role.COMMUNE:
            commune = commune or org_unit
        return cls(
            user_id=str(claims["sub"]),
            name=str(claims.get("name") or claims["sub"]),
            role=role,
            org_unit=org_unit,
            org_unit_name=claims.get("org_unit_name"),
            commune_code=commune,
            province_code=province,
            school_level=claims.get("school_level"),
            email=claims.get("email"),
            session_id=str(claims["sid"]) if claims.get("sid") else None,
            issued_at=int(claims["iat"]) if "iat" in claims else None,
            expires_at=int(claims["exp"]) if "exp" in claims else None,
        )

    def can_see(self, school_code: str, commune_code: str | None, province_code: str | None) -> bool:
        """May this caller read data of the given school?"""
        match self.role:
            case Role.ADMIN:
                return True
            case Role.SCHOOL:
                return school_code == self.org_unit
            case Role.COMMUNE:
                return commune_code is not None and commune_code == self.commune_code
            case Role.CITY:
                return province_code is not None and province_code == self.province_code
        return False

    def can_act_for_school(self, school_code: str) -> bool:
        """May this caller write as the school itself (edit its plan, submit its values)?"""
        return self.role is Role.SCHOOL and self.org_unit == school_code

    def scope_filter(self) -> dict[str, str] | None:
        """The query restriction matching :meth:`can_see` (``None`` = nothing visible, ``{}`` = all)."""
        match self.role:
            case Role.ADMIN:
                return {}
            case Role.SCHOOL:
                return {"school_code": self.org_unit}
            case Role.COMMUNE:
                return {"commune_code": self.commune_code}
            case Role.CITY:
                return {"province_code": self.province_code}
        return None

    def narrowed(self, filters: dict) -> dict | None:
        """The caller's filters within :meth:`scope_filter`, as one query restriction (see :func:`narrow`)."""
        return narrow(self.scope_filter(), filters)

    def as_actor(self) -> dict[str, str]:
        """The ``Actor`` object of the event contracts."""
        return {"user_id": self.user_id, "name": self.name, "role": self.role.value, "org_unit": self.org_unit}


def narrow(scope: dict | None, filters: dict) -> dict | None:
    """A list's filters within the caller's ``scope``: one query restriction for both.

    ``None`` means nothing can match — no scope to see with, or a filter that
    names another unit than the caller's own (the ``commune_code`` of another
    commune for a commune reviewer): an empty answer, as for any filter that
    matches nothing. Filters left ``None`` are not filters.
    """
    if scope is None:
        return None
    wanted = {k: v for k, v in filters.items() if v is not None}
    if any(key in wanted and wanted[key] != value for key, value in scope.items()):
        return None
    return {**wanted, **scope}
