"""The org hierarchy: nation → province (tỉnh/thành phố) → commune/ward (xã/phường/đặc khu) → school.

Provinces and communes are Vietnam's official administrative units since
1/7/2025, read from the ``vietnam-provinces`` package (codes as strings: a
province has 2 digits, a commune 5). Schools are the platform's own org units.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass
from enum import StrEnum
from functools import lru_cache

from vietnam_provinces import Province, ProvinceCode, Ward

HAI_PHONG = "31"


class SchoolLevel(StrEnum):
    """Cấp học."""

    MAM_NON = "mam_non"    # mầm non: preschool
    TIEU_HOC = "tieu_hoc"  # tiểu học: primary
    THCS = "thcs"          # trung học cơ sở: lower secondary
    THPT = "thpt"          # trung học phổ thông: upper secondary
    LIEN_CAP = "lien_cap"  # liên cấp: several levels in one school

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {
    SchoolLevel.MAM_NON: "Mầm non",
    SchoolLevel.TIEU_HOC: "Tiểu học",
    SchoolLevel.THCS: "Trung học cơ sở",
    SchoolLevel.THPT: "Trung học phổ thông",
    SchoolLevel.LIEN_CAP: "Liên cấp",
}


#: School levels whose plans the commune/ward (UBND xã/phường) reviews; the city department
#: (Sở GD&ĐT) reviews the others (THPT, liên cấp). Plans decides with it, notifications routes with it.
COMMUNE_REVIEWED = frozenset({SchoolLevel.MAM_NON, SchoolLevel.TIEU_HOC, SchoolLevel.THCS})


def may_review_school(principal, level: SchoolLevel | str, commune_code: str, province_code: str) -> bool:
    """May ``principal`` (an ``edu71.auth.Principal``) review what a school at ``level`` in that commune sends up?

    The rule of plan review, shared with indicator reports: the commune reviews the
    :data:`COMMUNE_REVIEWED` levels of its own commune; the city any school of its province.
    """
    role = str(principal.role)
    if role == "admin":
        return True
    if role == "city":
        return principal.province_code == province_code
    if role == "commune":
        return SchoolLevel(level) in COMMUNE_REVIEWED and principal.commune_code == commune_code
    return False


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    kind: str  # xã, phường or đặc khu
    province_code: str


@dataclass(frozen=True)
class School:
    code: str
    name: str
    level: SchoolLevel
    commune_code: str
    province_code: str

    def as_contract(self) -> dict[str, str]:
        """The ``School`` object of the event contracts."""
        data = asdict(self)
        data["level"] = self.level.value
        return data


@lru_cache
def province_name(code: str) -> str:
    return Province.from_code(ProvinceCode(int(code))).name


@lru_cache
def provinces() -> tuple[tuple[str, str], ...]:
    """Every province as ``(code, name)``, in the order of their names without the "Tỉnh"/"Thành phố" before them
    and without diacritics (Vietnamese alphabetical order, near enough for a list to pick from)."""
    def key(name: str) -> str:
        bare = name.removeprefix("Thành phố ").removeprefix("Tỉnh ").lower().replace("đ", "d{")
        return "".join(c for c in unicodedata.normalize("NFD", bare) if not unicodedata.combining(c))

    found = [(f"{int(p.code):02d}", p.name) for p in Province.iter_all()]
    return tuple(sorted(found, key=lambda province: key(province[1])))


@lru_cache
def communes(province_code: str) -> tuple[Commune, ...]:
    return tuple(
        Commune(code=f"{int(w.code):05d}", name=w.name, kind=w.division_type.value, province_code=province_code)
        for w in Ward.iter_by_province(ProvinceCode(int(province_code)))
    )


@lru_cache
def commune(code: str) -> Commune:
    ward = Ward.from_code(int(code))
    return Commune(code=f"{int(ward.code):05d}", name=ward.name, kind=ward.division_type.value,
                   province_code=f"{int(ward.province_code):02d}")


#: The two real schools whose plans the project started from (../shared/seeds).
SEED_SCHOOLS = (
    School("HP-TH-HIENTHANH", "Trường Tiểu học Hiến Thành", SchoolLevel.TIEU_HOC,
           commune_code="10744", province_code="31"),  # Phường Nguyễn Đại Năng, Hải Phòng
    School("HCM-THCS-THITRAN2", "Trường THCS Thị Trấn 2", SchoolLevel.THCS,
           commune_code="27496", province_code="79"),  # Xã Tân An Hội, TP. Hồ Chí Minh
)

_DEMO_LEVELS = (
    (SchoolLevel.MAM_NON, "Trường Mầm non"),
    (SchoolLevel.TIEU_HOC, "Trường Tiểu học"),
    (SchoolLevel.THCS, "Trường THCS"),
)


def demo_schools(province_code: str = HAI_PHONG) -> list[School]:
    """Generated schools: a preschool, a primary and a lower-secondary school in every commune,
    and an upper-secondary school in every ward (phường); stable codes from the commune code."""
    schools = []
    for c in communes(province_code):
        place = c.name.split(" ", 1)[1] if " " in c.name else c.name
        for level, prefix in _DEMO_LEVELS:
            schools.append(School(f"{level.value.upper()}-{c.code}", f"{prefix} {place}", level, c.code,
                                  province_code))
        if c.kind == "phường":
            schools.append(School(f"THPT-{c.code}", f"Trường THPT {place}", SchoolLevel.THPT, c.code,
                                  province_code))
    return schools


def stable_fraction(*parts: str) -> float:
    """A deterministic number in [0, 1) from ``parts``: demo figures that are the same on every run."""
    digest = hashlib.sha256("/".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64
