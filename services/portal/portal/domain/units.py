"""The org units an account may belong to, picked by their Vietnamese name rather than by code.

A unit is offered as ``Trường THCS Thị Trấn 2 (HCM-THCS-THITRAN2)``: the name first, the code
after it so that two units of one name stay apart. What a person types back is read as that
text, as a bare code, or as a name that only one unit of the wanted kind has.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from edu71 import orgs

#: Kind of org unit each role acts for (as the identity service defines them).
KIND_OF_ROLE = {"school": "school", "commune": "commune", "city": "province", "operator": "platform",
                "admin": "platform"}
#: The one unit of operators and administrators.
PLATFORM = "edu71"

KIND_LABELS = {"school": "trường", "commune": "xã/phường", "province": "tỉnh/thành phố", "platform": "nền tảng"}

_TRAILING_CODE = re.compile(r"\(([^()]+)\)\s*$")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


class UnitNotFound(ValueError):
    """The typed text names no unit of the wanted kind, or several: the message says which, in Vietnamese."""


def _key(text: str) -> str:
    text = " ".join(text.split()).lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def resolve(text: str, units: list[Unit], kinds: set[str] | None = None) -> Unit | str:
    """The unit ``text`` names among ``units`` (of ``kinds``, when given).

    A code the list does not hold is returned as it is (a ``str``): the identity service
    decides about it, as it does for a school added since the list was read.
    """
    text = " ".join(text.split())
    if not text:
        raise UnitNotFound("Cần chọn đơn vị.")
    candidates = [u for u in units if kinds is None or u.kind in kinds]
    trailing = _TRAILING_CODE.search(text)
    code = trailing.group(1).strip() if trailing else text
    by_code = [u for u in candidates if u.code.lower() == code.lower()]
    if by_code:
        return by_code[0]
    named = [u for u in candidates if _key(u.name) == _key(text)]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise UnitNotFound(f"Có {len(named)} đơn vị cùng tên “{text}”: hãy chọn một đơn vị trong danh sách gợi ý "
                           "(tên kèm mã).")
    if trailing or re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", text):
        return code
    wanted = ", ".join(KIND_LABELS[k] for k in sorted(kinds or KIND_LABELS))
    raise UnitNotFound(f"Không tìm thấy đơn vị “{text}” ({wanted}): hãy gõ vài chữ của tên rồi chọn trong danh "
                       "sách gợi ý, hoặc nhập mã đơn vị.")


def provinces() -> tuple[tuple[str, str], ...]:
    """Every province, ``(code, Vietnamese name)``, in alphabetical order (:func:`edu71.orgs.provinces`)."""
    return orgs.provinces()


def chosen_province(code: str | None) -> tuple[str, str | None]:
    """The province an administrator picked (``?province=<code>``): ``(code, None)``, ``("", None)`` for the whole
    nation, or ``("", message)`` when the code names no province."""
    code = (code or "").strip()
    if not code or code in dict(provinces()):
        return code, None
    return "", f"Không có tỉnh/thành phố mã “{code}”: hãy chọn trong danh sách."


#: How a province's communes and wards are grouped in a picker, in this order (the kinds of unit since 2025).
COMMUNE_KINDS = (("phường", "Phường"), ("xã", "Xã"), ("đặc khu", "Đặc khu"))


def commune_groups(province_code: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The province's communes and wards to pick from by name: ``(group, [(code, name), …])`` per kind of unit, each
    name without the word of its kind (the group says it, and a key typed in the list then finds "Hoà Bình" rather
    than the first "Phường …"), in alphabetical order; none for a code that names no province."""
    try:
        found = orgs.communes(province_code)
    except (ValueError, KeyError):
        return []
    groups = []
    for kind, label in COMMUNE_KINDS:
        names = [(c.code, c.name[len(label) + 1:] if c.name.startswith(label + " ") else c.name)
                 for c in found if c.kind == kind]
        if names:
            groups.append((label, sorted(names, key=lambda item: _alphabetical(item[1]))))
    return groups


def _alphabetical(name: str) -> str:
    """A name's place in Vietnamese alphabetical order, near enough for a list to pick from (đ after d)."""
    bare = name.lower().replace("đ", "d{")
    return "".join(c for c in unicodedata.normalize("NFD", bare) if not unicodedata.combining(c))


def chosen_commune(code: str | None, province_code: str) -> tuple[str, str | None]:
    """The commune or ward picked (``?commune=<code>``) among the province's: ``(code, None)``, ``("", None)`` when
    none is picked yet, or ``("", message)`` when the code is not one of the province's."""
    code = (code or "").strip()
    if not code:
        return "", None
    if any(code == c for _, names in commune_groups(province_code) for c, _ in names):
        return code, None
    return "", "Không có xã/phường này trong tỉnh/thành phố: hãy chọn trong danh sách."
