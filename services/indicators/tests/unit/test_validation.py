"""Validation of submitted values: pure, every error at once, named values.<CODE>.<field>."""
import math

import pytest

from indicators.domain.catalogue import CATALOGUE, Aggregation, Catalogue, Direction, Indicator, ValueType
from indicators.domain.validation import validate_values


def fields_of(result):
    return [e["field"] for e in result.errors]


def test_valid_values_are_normalised_in_catalogue_order():
    result = validate_values([
        {"indicator_code": "PCGD_LEVEL", "level": 3},
        {"indicator_code": "SMART_CLASSROOMS", "value": 1.0},
        {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
    ], school_level="thcs")
    assert result.ok, result.errors
    assert result.values == [
        {"indicator_code": "TEACHERS_QUALIFIED", "catalogue_version": 1, "value_type": "ratio",
         "numerator": 45, "denominator": 47},
        {"indicator_code": "SMART_CLASSROOMS", "catalogue_version": 1, "value_type": "count", "value": 1},
        {"indicator_code": "PCGD_LEVEL", "catalogue_version": 1, "value_type": "level", "level": 3},
    ]
    assert isinstance(result.values[1]["value"], int)


def test_every_error_is_reported_at_once():
    result = validate_values([
        {"indicator_code": "DROPOUT", "numerator": 5, "denominator": 4},
        {"indicator_code": "REPETITION", "numerator": -1, "denominator": "100"},
        {"indicator_code": "PCGD_LEVEL", "level": 4},
        {"indicator_code": "SMART_CLASSROOMS", "value": 2.5},
        {"indicator_code": "UNKNOWN_THING", "value": 1},
        {"indicator_code": "CLASSES"},
    ], school_level="thcs")
    assert not result.ok and result.values == []
    assert fields_of(result) == [
        "values.DROPOUT.numerator",
        "values.REPETITION.numerator",
        "values.REPETITION.denominator",
        "values.PCGD_LEVEL.level",
        "values.SMART_CLASSROOMS.value",
        "values.UNKNOWN_THING",
        "values.CLASSES.value",
    ]
    messages = {e["field"]: e["message"] for e in result.errors}
    assert messages["values.DROPOUT.numerator"] == "Tử số (5) không được lớn hơn mẫu số (4)."
    assert messages["values.REPETITION.numerator"] == "Không được là số âm."
    assert messages["values.PCGD_LEVEL.level"] == "Mức phải từ 1 đến 3."
    assert messages["values.UNKNOWN_THING"] == "Mã chỉ tiêu “UNKNOWN_THING” không có trong danh mục."
    assert messages["values.CLASSES.value"] == "Cần nhập giá trị."


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused(bad):
    result = validate_values([{"indicator_code": "STAFF_BRIEFED", "numerator": bad, "denominator": 10}])
    assert result.errors == [{"field": "values.STAFF_BRIEFED.numerator",
                              "message": "Không chấp nhận giá trị NaN hoặc vô cực."}]


@pytest.mark.parametrize("bad", [{"$gt": ""}, {"$ne": None}, ["1"], "12", True, None])
def test_non_numbers_and_operator_objects_are_refused(bad):
    result = validate_values([{"indicator_code": "SMART_CLASSROOMS", "value": bad}])
    assert fields_of(result) == ["values.SMART_CLASSROOMS.value"]


def test_operator_objects_in_place_of_codes_or_items():
    result = validate_values([{"indicator_code": {"$gt": ""}, "value": 1}, {"$where": "1"}, "DROPOUT", None])
    assert fields_of(result) == ["values.0.indicator_code", "values.1.indicator_code", "values.2", "values.3"]


def test_unknown_keys_and_keys_of_another_type_are_refused():
    result = validate_values([
        {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 1, "denominator": 2, "value": 50},
        {"indicator_code": "SMART_CLASSROOMS", "value": 1, "$set": {"revision": 9}},
    ])
    assert fields_of(result) == ["values.TEACHERS_QUALIFIED.value", "values.SMART_CLASSROOMS.$set"]


def test_echoed_type_and_version_must_match_the_catalogue():
    ok = validate_values([{"indicator_code": "PCGD_LEVEL", "level": 2, "value_type": "level", "catalogue_version": 1}],
                         school_level="tieu_hoc")
    assert ok.ok
    bad = validate_values([{"indicator_code": "PCGD_LEVEL", "level": 2, "value_type": "count", "catalogue_version": 2}],
                          school_level="tieu_hoc")
    assert fields_of(bad) == ["values.PCGD_LEVEL.value_type", "values.PCGD_LEVEL.catalogue_version"]


def test_zero_over_zero_is_a_valid_ratio():
    assert validate_values([{"indicator_code": "PROGRESSION_THPT_VOC", "numerator": 0, "denominator": 0}]).ok


def test_numbers_above_the_ceiling_are_refused():
    result = validate_values([{"indicator_code": "CLASSES", "value": 10**20}])
    assert result.errors == [{"field": "values.CLASSES.value", "message": "Giá trị quá lớn (tối đa 1.000.000)."}]


def test_empty_missing_and_oversized_lists():
    assert validate_values([]).errors == [{"field": "values", "message": "Cần ít nhất một giá trị chỉ tiêu."}]
    assert fields_of(validate_values({"DROPOUT": 1})) == ["values"]
    assert fields_of(validate_values([{"indicator_code": "CLASSES", "value": 1}] * 101)) == ["values"]


def test_duplicates_level_and_round_restrictions():
    result = validate_values([
        {"indicator_code": "CLASSES", "value": 10},
        {"indicator_code": "CLASSES", "value": 11},
        {"indicator_code": "DROPOUT", "numerator": 0, "denominator": 10},
        {"indicator_code": "STAFF_USING_AI", "numerator": 1, "denominator": 10},
    ], school_level="mam_non", allowed_codes={"CLASSES", "DROPOUT"})
    messages = {e["field"]: e["message"] for e in result.errors}
    assert messages == {
        "values.CLASSES": "Chỉ tiêu này được khai báo nhiều lần trong cùng một lần gửi.",
        "values.DROPOUT": "Chỉ tiêu này không áp dụng cho trường mầm non.",
        "values.STAFF_USING_AI": "Chỉ tiêu này không được yêu cầu trong đợt báo cáo.",
    }


def test_thcs_class_size_limit_is_a_school_level_rule():
    over = [{"indicator_code": "MAX_CLASS_SIZE", "value": 46}]
    result = validate_values(over, school_level="thcs")
    assert result.errors == [{
        "field": "values.MAX_CLASS_SIZE.value",
        "message": "Sĩ số lớp đông nhất không được vượt quá 45 học sinh đối với trường trung học cơ sở.",
    }]
    assert validate_values([{"indicator_code": "MAX_CLASS_SIZE", "value": 45}], school_level="thcs").ok
    assert validate_values(over, school_level="tieu_hoc").ok  # no limit set for this level yet


def test_classes_and_largest_class_must_agree():
    result = validate_values([{"indicator_code": "CLASSES", "value": 0},
                              {"indicator_code": "MAX_CLASS_SIZE", "value": 30}], school_level="thcs")
    assert fields_of(result) == ["values.CLASSES.value"]
    result = validate_values([{"indicator_code": "CLASSES", "value": 12},
                              {"indicator_code": "MAX_CLASS_SIZE", "value": 0}], school_level="thcs")
    assert fields_of(result) == ["values.MAX_CLASS_SIZE.value"]


def test_boolean_indicators_take_a_flag():
    catalogue = Catalogue(version=1, indicators=(
        Indicator("HAS_LIBRARY", "Có thư viện đạt chuẩn", "", ValueType.BOOLEAN, frozenset({"thcs"}),
                  Direction.HIGHER, Aggregation.DISTRIBUTION),
    ))
    ok = validate_values([{"indicator_code": "HAS_LIBRARY", "flag": False}], catalogue=catalogue)
    assert ok.values == [{"indicator_code": "HAS_LIBRARY", "catalogue_version": 1, "value_type": "boolean",
                          "flag": False}]
    bad = validate_values([{"indicator_code": "HAS_LIBRARY", "flag": 1}], catalogue=catalogue)
    assert bad.errors == [{"field": "values.HAS_LIBRARY.flag", "message": "Phải là giá trị đúng/sai (true/false)."}]


def test_every_indicator_accepts_a_typical_value():
    examples = {ValueType.RATIO: {"numerator": 1, "denominator": 2}, ValueType.COUNT: {"value": 1}}
    for indicator in CATALOGUE:
        body = examples.get(indicator.value_type, {"level": indicator.level_min})
        assert validate_values([{"indicator_code": indicator.code, **body}]).ok, indicator.code
