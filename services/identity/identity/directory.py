"""The school directory and the org units accounts belong to: use cases and org-unit resolution."""
from __future__ import annotations

from datetime import datetime, timezone

from edu71 import orgs
from edu71.auth import Principal, Role
from edu71.bus.outbox import StaleDocument
from edu71.contracts import Contracts
from edu71.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, StaleVersion
from identity.adapters.documents import School
from identity.adapters.schools import SchoolExists, Schools
from identity.domain.accounts import ORG_KIND, PLATFORM, PLATFORM_NAME, OrgUnit

SOURCE = "/edu71/identity"
SCHOOL_FIELDS = ("name", "commune_code", "province_code", "level", "active")
INVALID = "Dữ liệu gửi lên có lỗi, xem chi tiết từng mục."
SCHOOL_STALE = "Thông tin trường vừa được người khác thay đổi. Vui lòng tải lại rồi thao tác lại."


def _now() -> datetime:
    return datetime.now(timezone.utc)


def commune_or_none(code: str) -> orgs.Commune | None:
    try:
        return orgs.commune(code)
    except (KeyError, ValueError):
        return None


def province_name_or_none(code: str) -> str | None:
    try:
        return orgs.province_name(code)
    except (KeyError, ValueError):
        return None


def require_version(current: int, expected: int, message: str) -> None:
    """Stale unless the caller edits the version it read (a later one, unknown here, would leave a gap)."""
    if current != expected:
        raise StaleVersion(message)


def invalid(field: str, *messages: str) -> Invalid:
    """The input refused for what is wrong with one field (422 at the HTTP edge)."""
    return Invalid(INVALID, errors=[FieldError(field, m) for m in messages])


class Directory:
    def __init__(self, contracts: Contracts, schools: Schools):
        self.contracts = contracts
        self.schools = schools

    # -- org units -------------------------------------------------------------
    def org_unit(self, role: Role, code: str) -> OrgUnit:
        """The org unit an account of ``role`` acts for (:class:`Invalid` when ``code`` names none)."""
        kind = ORG_KIND[role]
        if kind == "platform":
            if code != PLATFORM:
                raise invalid("org_unit", f"Tài khoản vận hành và quản trị thuộc đơn vị “{PLATFORM}”.")
            return OrgUnit(kind, PLATFORM, PLATFORM_NAME)
        if kind == "province":
            name = province_name_or_none(code) if code.isdigit() and len(code) == 2 else None
            if name is None:
                raise invalid("org_unit", "Không có tỉnh/thành phố với mã này (cần 2 chữ số, ví dụ 31).")
            return OrgUnit(kind, code, f"Sở Giáo dục và Đào tạo {name}", province_code=code)
        if kind == "commune":
            commune = commune_or_none(code) if code.isdigit() and len(code) == 5 else None
            if commune is None:
                raise invalid("org_unit", "Không có xã/phường với mã này (cần 5 chữ số, ví dụ 10744).")
            return OrgUnit(kind, commune.code, commune.name, commune_code=commune.code,
                           province_code=commune.province_code)
        org = self.school_org(code)
        if org is None:
            raise invalid("org_unit", "Không có trường đang hoạt động với mã này trong danh bạ trường học.")
        return org

    def school_org(self, code: str) -> OrgUnit | None:
        """The org unit of an active school of the directory, as it is now."""
        school = self.schools.get(code)
        if school is None or not school.active:
            return None
        return OrgUnit(ORG_KIND[Role.SCHOOL], school.code, school.name, commune_code=school.commune_code,
                       province_code=school.province_code, school_level=school.level)

    @staticmethod
    def communes(province_code: str) -> tuple[str, list[orgs.Commune]]:
        name = province_name_or_none(province_code)
        if name is None:
            raise NotFound(INVALID, errors=[FieldError("province_code", "Không có tỉnh/thành phố với mã này.")])
        return name, list(orgs.communes(province_code))

    # -- schools ---------------------------------------------------------------
    def get_visible(self, principal: Principal, code: str) -> School:
        school = self.schools.get(code)
        # Outside the caller's scope a school is reported missing, as plans does.
        if school is None or not principal.can_see(school.code, school.commune_code, school.province_code):
            raise NotFound("Không tìm thấy trường trong danh bạ.")
        return school

    def list_visible(self, principal: Principal, filters: dict, page: int, page_size: int):
        if principal.scope_filter() is None:
            raise Forbidden("Vai trò của bạn không được xem danh bạ trường học.")
        narrowed = principal.narrowed(filters)
        if narrowed is None:
            return 0, []
        if "school_code" in narrowed:
            narrowed["code"] = narrowed.pop("school_code")
        return self.schools.page(narrowed, page, page_size)

    @staticmethod
    def _may_register(principal: Principal, province_code: str) -> bool:
        return principal.role is Role.ADMIN or (principal.role is Role.CITY and principal.province_code == province_code)

    def _place(self, commune_code: str) -> orgs.Commune:
        commune = commune_or_none(commune_code)
        if commune is None:
            raise invalid("commune_code", "Không có xã/phường với mã này.")
        return commune

    def register(self, principal: Principal, data: dict) -> School:
        if principal.role not in (Role.ADMIN, Role.CITY):
            raise Forbidden("Chỉ quản trị viên hoặc Sở GD&ĐT mới được thêm trường vào danh bạ.")
        commune = self._place(data["commune_code"])
        if not self._may_register(principal, commune.province_code):
            raise Forbidden("Sở GD&ĐT chỉ được thêm trường thuộc tỉnh/thành phố của mình.")
        school = School(code=data["code"], name=data["name"], commune_code=commune.code,
                        province_code=commune.province_code, level=data["level"], active=data.get("active", True))
        event = self.contracts.new_event("SchoolRegistered", {"school": school.as_contract(), "version": 1,
                                                              "active": school.active},
                                         subject=school.code, source=SOURCE)
        try:
            return self.schools.save(school, event)
        except SchoolExists:
            raise Conflict(f"Mã trường “{school.code}” đã có trong danh bạ.") from None

    def change(self, principal: Principal, code: str, data: dict, expected_version: int) -> School:
        school = self.get_visible(principal, code)
        require_version(school.doc_version, expected_version, SCHOOL_STALE)
        if not self._may_register(principal, school.province_code):
            raise Forbidden("Chỉ quản trị viên hoặc Sở GD&ĐT của tỉnh/thành phố mới được sửa thông tin trường.")
        before = {f: getattr(school, f) for f in SCHOOL_FIELDS}
        if "commune_code" in data:
            commune = self._place(data.pop("commune_code"))
            if not self._may_register(principal, commune.province_code):
                raise Forbidden("Sở GD&ĐT không được chuyển trường sang tỉnh/thành phố khác.")
            school.commune_code, school.province_code = commune.code, commune.province_code
        for key, value in data.items():
            setattr(school, key, value)
        changed = [f for f in SCHOOL_FIELDS if getattr(school, f) != before[f]]
        if not changed:
            return school
        school.updated_at = _now()
        event = self.contracts.new_event("SchoolChanged", {"school": school.as_contract(), "version": expected_version + 1,
                                                           "active": school.active, "changed": changed},
                                         subject=school.code, source=SOURCE)
        try:
            return self.schools.save(school, event, expected_version=expected_version)
        except StaleDocument:
            raise StaleVersion(SCHOOL_STALE) from None
