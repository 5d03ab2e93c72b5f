"""Checks while entering: shared populations, cross-indicator checks, configurable limits, explanations."""
from indicators.domain.catalogue import CATALOGUE, ChangeLimits, CrossCheck, Importance, Indicator
from indicators.domain.plausibility import check_warnings, implausible_changes
from indicators.domain.submissions import check_explanations
from indicators.domain.validation import validate_values


def ratio(code, n, d=None):
    item = {"indicator_code": code, "numerator": n}
    if d is not None:
        item["denominator"] = d
    return item


def errors_of(raw, **kw):
    return {e["field"]: e["message"] for e in validate_values(raw, school_level="thcs", **kw).errors}


def test_one_population_typed_twice_with_two_values_is_refused_naming_both_indicators():
    errors = errors_of([ratio("STAFF_DIGITAL_TRAINED", 30, 32), ratio("STAFF_USING_AI", 10, 45)])
    assert set(errors) == {"values.STAFF_DIGITAL_TRAINED.denominator", "values.STAFF_USING_AI.denominator"}
    message = errors["values.STAFF_USING_AI.denominator"]
    assert "Tổng số cán bộ quản lý, giáo viên" in message
    assert "32 ở “Tỷ lệ cán bộ quản lý, giáo viên được bồi dưỡng kỹ năng chuyển đổi số”" in message
    assert "45 ở “Tỷ lệ cán bộ quản lý, giáo viên ứng dụng trí tuệ nhân tạo" in message


def test_a_shared_population_is_entered_once_and_reused():
    result = validate_values([ratio("STAFF_DIGITAL_TRAINED", 30, 45), ratio("STAFF_USING_AI", 10)],
                             school_level="thcs")
    assert result.ok, result.errors
    assert [v["denominator"] for v in result.values] == [45, 45]


def test_the_classes_count_is_the_denominator_of_two_sessions_a_day():
    result = validate_values([{"indicator_code": "CLASSES", "value": 20}, ratio("TWO_SESSIONS_PER_DAY", 18)],
                             school_level="thcs")
    assert result.ok and result.values[-1]["denominator"] == 20
    assert "values.TWO_SESSIONS_PER_DAY.numerator" in errors_of(
        [{"indicator_code": "CLASSES", "value": 20}, ratio("TWO_SESSIONS_PER_DAY", 21)])


def test_a_left_out_population_comes_from_the_stored_values_else_is_asked_for():
    stored = [{"indicator_code": "STAFF_DIGITAL_TRAINED", "catalogue_version": 1, "value_type": "ratio",
               "numerator": 30, "denominator": 45}]
    result = validate_values([ratio("STAFF_USING_AI", 10)], school_level="thcs", current=stored)
    assert result.ok and result.values[0]["denominator"] == 45
    errors = errors_of([ratio("STAFF_USING_AI", 10)])
    assert "Tổng số cán bộ quản lý, giáo viên" in errors["values.STAFF_USING_AI.denominator"]


def test_changing_a_population_against_a_stored_value_is_refused_until_both_agree():
    stored = [{"indicator_code": "CLASSES", "catalogue_version": 1, "value_type": "count", "value": 20}]
    errors = errors_of([ratio("TWO_SESSIONS_PER_DAY", 10, 22)], current=stored)
    assert {"values.CLASSES.value", "values.TWO_SESSIONS_PER_DAY.denominator"} <= set(errors)
    assert validate_values([ratio("TWO_SESSIONS_PER_DAY", 10, 22), {"indicator_code": "CLASSES", "value": 22}],
                           school_level="thcs", current=stored).ok


def test_cross_checks_of_importance_error_refuse_with_every_error_at_once_naming_the_indicators():
    errors = errors_of([ratio("TEACHERS_QUALIFIED", 40, 50), ratio("STAFF_DIGITAL_TRAINED", 30, 45),
                        ratio("STAFF_BRIEFED", 40, 44), {"indicator_code": "MAX_CLASS_SIZE", "value": 44},
                        ratio("REPETITION", 0, 30), ratio("DROPOUT", 2, 1)])
    assert set(errors) == {"values.TEACHERS_QUALIFIED.denominator", "values.STAFF_DIGITAL_TRAINED.denominator",
                           "values.MAX_CLASS_SIZE.value", "values.DROPOUT.numerator"}
    assert errors["values.TEACHERS_QUALIFIED.denominator"] == (
        "Tổng số giáo viên (“Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo”) (50) không được lớn hơn Tổng số cán bộ "
        "quản lý, giáo viên (“Tỷ lệ cán bộ quản lý, giáo viên được bồi dưỡng kỹ năng chuyển đổi số”) (45).")


def test_a_warning_check_never_refuses_and_is_a_warning_naming_the_indicator():
    values = [{"indicator_code": "SMART_CLASSROOMS", "value": 30}, {"indicator_code": "CLASSES", "value": 20}]
    result = validate_values(values, school_level="thcs")
    assert result.ok
    warnings = check_warnings(result.values, CATALOGUE)
    assert [(w["field"], w["kind"]) for w in warnings] == [("values.SMART_CLASSROOMS.value", "check")]
    assert "“Số phòng học thông minh” (30) không được lớn hơn “Số lớp” (20)" in warnings[0]["message"]


def test_a_revision_from_3_to_300_smart_classrooms_is_warned_against_the_earlier_revision():
    old = [{"indicator_code": "SMART_CLASSROOMS", "catalogue_version": 1, "value_type": "count", "value": 3}]
    new = [{"indicator_code": "SMART_CLASSROOMS", "catalogue_version": 1, "value_type": "count", "value": 300}]
    [warning] = implausible_changes(old, new, CATALOGUE, kind="revision")
    assert warning["kind"] == "revision" and warning["indicator_code"] == "SMART_CLASSROOMS"
    assert "so với lần nộp trước trong đợt này: từ 3 phòng lên 300 phòng" in warning["message"]


def test_change_limits_are_read_from_the_catalogue_per_indicator():
    strict = Indicator.from_dict({**CATALOGUE.get("CLASSES").as_dict(),
                                  "change_limits": ChangeLimits(factor=1.2, absolute=2).as_dict()})
    assert strict.limits.factor == 1.2 and strict.as_dict()["change_limits"]["absolute"] == 2
    catalogue = type(CATALOGUE)(version=1, indicators=(strict,))
    old = [{"indicator_code": "CLASSES", "value_type": "count", "value": 20}]
    new = [{"indicator_code": "CLASSES", "value_type": "count", "value": 25}]
    assert implausible_changes(old, new, CATALOGUE, "Đợt 1") == []
    assert [w["field"] for w in implausible_changes(old, new, catalogue, "Đợt 1")] == ["values.CLASSES.value"]


def test_catalogue_checks_and_populations_survive_the_stored_shape():
    for indicator in CATALOGUE:
        assert Indicator.from_dict(indicator.as_dict()) == indicator
    assert CATALOGUE.get("SMART_CLASSROOMS").checks == (
        CrossCheck("SMART_CLASSROOMS.value", "<=", "CLASSES.value", Importance.WARNING),)


def test_explanations_are_trimmed_and_checked():
    good, errors = check_explanations({"SMART_CLASSROOMS": "  Trường vừa được\n đầu tư 6 phòng. "}, CATALOGUE,
                                      ["SMART_CLASSROOMS"])
    assert good == {"SMART_CLASSROOMS": "Trường vừa được đầu tư 6 phòng."} and errors == []
    _, errors = check_explanations({"SMART_CLASSROOMS": " ", "CLASSES": "x", "NOPE": "y"}, CATALOGUE,
                                   ["SMART_CLASSROOMS"])
    assert [e["field"] for e in errors] == ["explanations.SMART_CLASSROOMS", "explanations.CLASSES",
                                            "explanations.NOPE"]
    assert "“Số phòng học thông minh”" in errors[0]["message"]
    assert check_explanations({"SMART_CLASSROOMS": "x" * 501}, CATALOGUE, ["SMART_CLASSROOMS"])[1]


def test_a_correction_back_to_an_earlier_value_is_no_jump():
    from indicators.domain.plausibility import revision_jumps

    def smart(v):
        return [{"indicator_code": "SMART_CLASSROOMS", "value_type": "count", "value": v}]

    assert revision_jumps(smart(300), smart(3), CATALOGUE, [smart(3), smart(300)]) == []
    assert [w["kind"] for w in revision_jumps(smart(3), smart(300), CATALOGUE, [smart(3)])] == ["revision"]
