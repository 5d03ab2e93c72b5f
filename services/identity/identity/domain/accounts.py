"""Accounts: org units, who may see and manage which account, what changed, and the token claims."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Iterable, Mapping

from edu71.auth import Principal, Role

#: The org unit of operators and administrators.
PLATFORM = "edu71"
PLATFORM_NAME = "Nền tảng Edu71"

#: Kind of org unit each role acts for (OrgUnit.kind in the contracts).
ORG_KIND = {Role.SCHOOL: "school", Role.COMMUNE: "commune", Role.CITY: "province",
            Role.OPERATOR: "platform", Role.ADMIN: "platform"}

#: Roles a city department (Sở GD&ĐT) may give accounts of its own province.
CITY_MANAGED_ROLES = frozenset({Role.SCHOOL, Role.COMMUNE})

#: What users may change on their own account without being its manager.
SELF_SERVICE_FIELDS = frozenset({"name", "password"})

#: Account fields the contracts carry (UserChanged.changed names them); the password never travels.
CONTRACT_FIELDS = ("name", "email", "role", "org_unit", "active")


@dataclass(frozen=True)
class OrgUnit:
    kind: str
    code: str
    name: str
    commune_code: str | None = None
    province_code: str | None = None
    school_level: str | None = None

    def as_contract(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


def normalise_email(email: str) -> str:
    """The form in which e-mails are compared: unique regardless of case and surrounding spaces."""
    return email.strip().lower()


def search_key(*parts: str) -> str:
    """Lower case without diacritics ("Đỗ Minh Tuấn" → "do minh tuan"), so that a search finds either spelling."""
    text = " ".join(parts).lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


#: Every Vietnamese letter a plain Latin letter stands for, so that "hong bang" finds "Hồng Bàng".
_VARIANTS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ", "e": "eèéẻẽẹêềếểễệ", "i": "iìíỉĩị", "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự", "y": "yỳýỷỹỵ", "d": "dđ",
}


def name_pattern(text: str) -> str:
    """A regular expression finding ``text`` in a stored name whatever its diacritics and case.

    Names of org units are stored as written (with diacritics); a search typed with or without
    them must find the unit. Both cases are listed in each class rather than left to a flag,
    so the pattern means the same to any regular-expression engine.
    """
    out = []
    for char in search_key(text.strip()):
        letters = _VARIANTS.get(char, char if char.isalpha() else "")
        out.append(f"[{letters}{letters.upper()}]" if letters else re.escape(char))
    return "".join(out)


def name_order(name: str, user_id: str) -> tuple[str, str, str]:
    """Accounts listed alphabetically as a Vietnamese reader expects ("Đỗ" among the D, not after "Z")."""
    return search_key(name), name, user_id


def may_manage(actor: Principal, role: Role, province_code: str | None) -> bool:
    """May ``actor`` create, or change, an account with this role in this province?"""
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.CITY:
        return role in CITY_MANAGED_ROLES and province_code is not None and province_code == actor.province_code
    return False


def may_view(actor: Principal, user_id: str, province_code: str | None) -> bool:
    """Everyone sees their own account; the admin all; a city department those of its province."""
    if actor.user_id == user_id or actor.role is Role.ADMIN:
        return True
    return actor.role is Role.CITY and province_code is not None and province_code == actor.province_code


def list_scope(actor: Principal) -> dict[str, str] | None:
    """Query restriction of the account list (``None``: the caller may not list accounts)."""
    if actor.role is Role.ADMIN:
        return {}
    if actor.role is Role.CITY and actor.province_code:
        return {"province_code": actor.province_code}
    return None


def changed_fields(before: Mapping, after: Mapping, names: Iterable[str]) -> list[str]:
    return [name for name in names if before.get(name) != after.get(name)]


def token_claims(user_id: str, name: str, email: str, role: Role, org: OrgUnit) -> dict:
    """The claims :class:`edu71.auth.Principal` reads, for a signed-in account."""
    return {
        "sub": user_id,
        "name": name,
        "email": email,
        "role": role.value,
        "org_unit": org.code,
        "org_unit_name": org.name,
        "commune_code": org.commune_code,
        "province_code": org.province_code,
        "school_level": org.school_level,
    }
