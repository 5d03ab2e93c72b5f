"""Who issues, sees, writes and reviews a plan of a school, a commune/ward or the city (no I/O)."""
import pytest

from edu71.auth import Principal, Role
from plans.domain.catalogue import CatalogueView, catalogue_issues
from plans.domain.owners import NotAnIssuer, OrgUnit, UnitKind, issuer_of, list_scope, may_act_for, may_review, may_see

SCHOOL = Principal("u1", "Cán bộ", Role.SCHOOL, "TH-1", "Trường Tiểu học A", commune_code="10744",
                   province_code="31", school_level="tieu_hoc")
COMMUNE = Principal("u2", "UBND", Role.COMMUNE, "10744", commune_code="10744", province_code="31")
OTHER_COMMUNE = Principal("u3", "UBND", Role.COMMUNE, "11560", commune_code="11560", province_code="31")
CITY = Principal("u4", "Sở", Role.CITY, "31", province_code="31")
CITY_B = Principal("u5", "Lãnh đạo Sở", Role.CITY, "31", province_code="31")
OTHER_CITY = Principal("u6", "Sở", Role.CITY, "79", province_code="79")
ADMIN = Principal("u7", "Quản trị", Role.ADMIN, "edu71")
WARD = OrgUnit(UnitKind.COMMUNE, "10744", "UBND Phường Nguyễn Đại Năng", "31", "10744")
HAI_PHONG = OrgUnit(UnitKind.PROVINCE, "31", "UBND Thành phố Hải Phòng", "31")


def test_each_issuing_role_issues_for_its_own_unit():
    assert issuer_of(SCHOOL) == OrgUnit(UnitKind.SCHOOL, "TH-1", "Trường Tiểu học A", "31", "10744", "tieu_hoc")
    assert issuer_of(COMMUNE, commune_name="Phường Nguyễn Đại Năng") == WARD
    assert issuer_of(CITY, province_name="Thành phố Hải Phòng") == HAI_PHONG
    for nobody in (ADMIN, Principal("op", "Vận hành", Role.OPERATOR, "edu71")):
        with pytest.raises(NotAnIssuer):
            issuer_of(nobody)


def test_a_commune_plan_is_written_by_its_commune_and_reviewed_by_its_city():
    assert may_act_for(COMMUNE, WARD) and not may_act_for(OTHER_COMMUNE, WARD) and not may_act_for(CITY, WARD)
    assert may_review(CITY, WARD, "u2") and may_review(ADMIN, WARD, "u2")
    assert not may_review(COMMUNE, WARD, "u2") and not may_review(OTHER_CITY, WARD, "u2")


def test_the_city_plan_is_reviewed_by_another_city_user():
    assert may_act_for(CITY, HAI_PHONG) and not may_act_for(OTHER_CITY, HAI_PHONG)
    assert not may_review(CITY, HAI_PHONG, submitted_by="u4")
    assert may_review(CITY_B, HAI_PHONG, submitted_by="u4") and may_review(ADMIN, HAI_PHONG, "u4")
    assert not may_review(OTHER_CITY, HAI_PHONG, submitted_by="u4")


def test_schools_read_their_communes_plan_only_once_approved():
    assert not may_see(SCHOOL, WARD, approved=False) and may_see(SCHOOL, WARD, approved=True)
    assert may_see(COMMUNE, WARD, approved=False) and not may_see(OTHER_COMMUNE, WARD, approved=True)
    assert may_see(CITY, WARD, approved=False) and not may_see(OTHER_CITY, WARD, approved=True)
    assert not may_see(COMMUNE, HAI_PHONG, approved=False) and may_see(COMMUNE, HAI_PHONG, approved=True)
    assert list_scope(SCHOOL, "commune") == {"owner_kind": "commune", "commune_code": "10744", "status": "approved"}
    assert list_scope(SCHOOL, None) == {"school_code": "TH-1"}
    assert list_scope(COMMUNE, None) == {"commune_code": "10744"}


def test_catalogue_issues_name_what_no_longer_fits():
    catalogue = CatalogueView.from_contract({"province_code": "31", "version": 4, "indicators": [
        {"code": "DROPOUT", "name": "Tỷ lệ học sinh bỏ học", "unit": "%", "value_type": "ratio"},
        {"code": "PCGD_LEVEL", "name": "Mức phổ cập giáo dục", "unit": "mức", "value_type": "level",
         "level_min": 1, "level_max": 3}]})
    rows = [{"indicator_code": "DROPOUT", "value": 0.5, "unit": "%"},
            {"indicator_code": "GONE", "indicator_name": "Số lớp", "value": 38, "unit": "lớp"},
            {"indicator_code": "PCGD_LEVEL", "value": 4, "unit": "mức"},
            {"indicator_code": "DROPOUT", "value": 2, "unit": "học sinh"},
            {"indicator_code": None, "unlinked": True, "value": 5, "unit": "%"}]
    ok, gone, level, unit, unlinked = catalogue_issues(rows, catalogue)
    assert ok is None and unlinked is None
    assert gone == "Chỉ tiêu «Số lớp» không còn trong danh mục phiên bản 4; hãy chọn chỉ tiêu khác hoặc «Không gắn " \
                   "chỉ tiêu»."
    assert level.startswith("Không còn phù hợp với danh mục phiên bản 4: mức phải từ 1 đến 3")
    assert unit.startswith("Đơn vị «học sinh» không còn phù hợp với chỉ tiêu «Tỷ lệ học sinh bỏ học»")
    assert catalogue_issues(rows, None) == [None] * 5
