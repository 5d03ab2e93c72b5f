"""An org unit picked by its Vietnamese name, by the label offered (name and code), or by its code."""
from __future__ import annotations

import pytest

from portal.domain.units import Unit, UnitNotFound, resolve

UNITS = [
    Unit("HP-TH-HIENTHANH", "Trường Tiểu học Hiến Thành", "school"),
    Unit("MAM_NON-10744", "Trường Mầm non Nguyễn Đại Năng", "school"),
    Unit("10744", "Phường Nguyễn Đại Năng", "commune"),
    Unit("27496", "Xã Tân An Hội", "commune"),
    Unit("99901", "Xã Tân An Hội", "commune"),  # one name in two provinces
    Unit("31", "Sở Giáo dục và Đào tạo Hải Phòng", "province"),
]


@pytest.mark.parametrize("typed,kinds,code", [
    ("Trường Tiểu học Hiến Thành (HP-TH-HIENTHANH)", {"school"}, "HP-TH-HIENTHANH"),
    ("trường tiểu học hiến thành", {"school"}, "HP-TH-HIENTHANH"),
    ("truong tieu hoc hien thanh", {"school"}, "HP-TH-HIENTHANH"),
    ("  Phường   Nguyễn Đại Năng ", {"commune"}, "10744"),
    ("hp-th-hienthanh", {"school"}, "HP-TH-HIENTHANH"),
    ("Xã Tân An Hội (27496)", {"commune"}, "27496"),
    ("31", {"province"}, "31"),
    ("Sở Giáo dục và Đào tạo Hải Phòng", None, "31"),
])
def test_a_unit_is_found_by_label_name_or_code(typed, kinds, code):
    assert resolve(typed, UNITS, kinds).code == code


def test_a_code_not_in_the_list_is_left_for_the_identity_service_to_judge():
    assert resolve("HP-THCS-MOI", UNITS, {"school"}) == "HP-THCS-MOI"
    assert resolve("Trường mới (HP-THCS-MOI)", UNITS, {"school"}) == "HP-THCS-MOI"


def test_a_name_of_another_kind_or_of_several_units_is_refused_with_a_vietnamese_reason():
    with pytest.raises(UnitNotFound, match="Không tìm thấy đơn vị “Phường Nguyễn Đại Năng” \\(trường\\)"):
        resolve("Phường Nguyễn Đại Năng", UNITS, {"school"})
    with pytest.raises(UnitNotFound, match="Có 2 đơn vị cùng tên"):
        resolve("Xã Tân An Hội", UNITS, {"commune"})
    with pytest.raises(UnitNotFound, match="Cần chọn đơn vị"):
        resolve("   ", UNITS, {"school"})
