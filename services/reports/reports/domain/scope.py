"""Which area a caller may aggregate over.

A commune/ward reviewer sees its own commune; the city department (Sở GD&ĐT)
its province, or any commune in it; an administrator anything. School users
and operators see no roll-ups (a school reads its own values in the indicators
service; operators see no school data).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Callable

from edu71.auth import Principal, Role
from edu71.orgs import provinces

NATION_CODE = "VN"


class ScopeKind(StrEnum):
    NATION = "nation"
    PROVINCE = "province"
    COMMUNE = "commune"


class ScopeRefused(Exception):
    """The caller may not see this area (403)."""


class ScopeInvalid(Exception):
    """The request does not name a usable area (422)."""


class UnknownArea(Exception):
    """No such commune or province (404); ``kind`` says which was looked for."""

    def __init__(self, code: str, kind: ScopeKind = ScopeKind.COMMUNE):
        super().__init__(code)
        self.kind = kind


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    code: str
    #: For a commune scope: the province it must also lie in (a city user's own), if any.
    within_province: str | None = None

    def filter(self) -> dict[str, str]:
        """The restriction on the projection's school fields."""
        match self.kind:
            case ScopeKind.NATION:
                return {}
            case ScopeKind.PROVINCE:
                return {"province_code": self.code}
        restriction = {"commune_code": self.code}
        if self.within_province:
            restriction["province_code"] = self.within_province
        return restriction

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "code": self.code}


def resolve_scope(principal: Principal, kind: str | None, code: str | None,
                  province_of_commune: Callable[[str], str]) -> Scope:
    """The area ``principal`` asked for (``kind``/``code``, either may be omitted), if it may see it.

    ``province_of_commune`` maps a commune code to its province code and raises
    :class:`UnknownArea` for a code that names no commune.
    """
    requested = ScopeKind(kind) if kind else None
    match principal.role:
        case Role.COMMUNE:
            own = principal.commune_code
            if requested not in (None, ScopeKind.COMMUNE) or (code is not None and code != own):
                raise ScopeRefused("Cán bộ xã/phường chỉ xem được số liệu tổng hợp của xã/phường mình.")
            return Scope(ScopeKind.COMMUNE, own)
        case Role.CITY:
            own = principal.province_code
            if requested in (None, ScopeKind.PROVINCE):
                if code is not None and code != own:
                    raise ScopeRefused("Sở GD&ĐT chỉ xem được số liệu của tỉnh/thành phố mình.")
                return Scope(ScopeKind.PROVINCE, own)
            if requested is ScopeKind.COMMUNE:
                if not code:
                    raise ScopeInvalid("Cần chỉ rõ mã xã/phường khi xem theo xã/phường.")
                if province_of_commune(code) != own:
                    raise ScopeRefused("Xã/phường này không thuộc tỉnh/thành phố của bạn.")
                return Scope(ScopeKind.COMMUNE, code, within_province=own)
            raise ScopeRefused("Sở GD&ĐT chỉ xem được số liệu của tỉnh/thành phố mình.")
        case Role.ADMIN:
            if requested in (None, ScopeKind.NATION):
                return Scope(ScopeKind.NATION, NATION_CODE)
            if not code:
                raise ScopeInvalid("Cần chỉ rõ mã tỉnh/thành phố hoặc xã/phường cần xem.")
            if requested is ScopeKind.COMMUNE:
                province_of_commune(code)  # 404 for a code that names no commune
            elif code not in dict(provinces()):  # a province scope's file and figures are named after the province
                raise UnknownArea(code, ScopeKind.PROVINCE)
            return Scope(requested, code)
    raise ScopeRefused("Vai trò của bạn không được xem số liệu tổng hợp.")
