"""The indicator entry form: which inputs, what is sent, where the API's messages go."""
from __future__ import annotations

from portal.domain.indicator_form import (errors_for_form, form_from_submission, inputs_of, labels,
                                          round_indicators, values_from_form)

CATALOGUE = {"version": 1, "indicators": [
    {"code": "TEACHERS_QUALIFIED", "value_type": "ratio", "levels": ["thcs", "thpt"],
     "numerator_label": "Giáo viên đạt chuẩn", "denominator_label": "Tổng số giáo viên"},
    {"code": "SMART_CLASSROOMS", "value_type": "count", "levels": ["tieu_hoc", "thcs"]},
    {"code": "PCGD_LEVEL", "value_type": "level", "levels": ["thcs"]},
    {"code": "HAS_LIBRARY", "value_type": "boolean", "levels": []},
    {"code": "PRESCHOOL_ONLY", "value_type": "count", "levels": ["mam_non"]},
]}


def test_round_indicators_are_the_rounds_codes_that_apply_to_the_level():
    codes = ["PCGD_LEVEL", "TEACHERS_QUALIFIED", "PRESCHOOL_ONLY", "UNKNOWN", "HAS_LIBRARY"]
    assert [i["code"] for i in round_indicators(CATALOGUE, codes, "thcs")] == \
        ["PCGD_LEVEL", "TEACHERS_QUALIFIED", "HAS_LIBRARY"]


def test_inputs_use_the_catalogues_labels():
    ratio = CATALOGUE["indicators"][0]
    assert inputs_of(ratio) == (("numerator", "Giáo viên đạt chuẩn"), ("denominator", "Tổng số giáo viên"))
    assert inputs_of(CATALOGUE["indicators"][3]) == (("flag", "Đạt"),)


def test_values_sent_blank_ones_left_out_and_text_passed_on_for_the_api_to_judge():
    form = {"TEACHERS_QUALIFIED.numerator": "45", "TEACHERS_QUALIFIED.denominator": "",
            "SMART_CLASSROOMS.value": "hai", "PCGD_LEVEL.level": "", "HAS_LIBRARY.flag": "true"}
    assert values_from_form(form, CATALOGUE["indicators"]) == [
        {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45},
        {"indicator_code": "SMART_CLASSROOMS", "value": "hai"},
        {"indicator_code": "HAS_LIBRARY", "flag": True},
    ]


def test_api_errors_by_code_or_position_land_on_inputs():
    sent = [{"indicator_code": "TEACHERS_QUALIFIED"}, {"indicator_code": "SMART_CLASSROOMS"}]
    errors = {"values.TEACHERS_QUALIFIED.numerator": "Tử số (50) không được lớn hơn mẫu số (47).",
              "values.1.value": "Phải là một số nguyên.", "values": "Cần ít nhất một giá trị chỉ tiêu."}
    assert errors_for_form(errors, sent) == {
        "TEACHERS_QUALIFIED.numerator": "Tử số (50) không được lớn hơn mẫu số (47).",
        "SMART_CLASSROOMS.value": "Phải là một số nguyên.",
        "_form": "Cần ít nhất một giá trị chỉ tiêu.",
    }


def test_form_shows_the_stored_submission():
    submission = {"values": [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
                             {"indicator_code": "HAS_LIBRARY", "flag": False}]}
    assert form_from_submission(submission) == {"TEACHERS_QUALIFIED.numerator": "45",
                                                "TEACHERS_QUALIFIED.denominator": "47", "HAS_LIBRARY.flag": "false"}
    assert form_from_submission(None) == {}


def test_error_summary_labels_name_the_indicator_and_the_input():
    named = labels([{**CATALOGUE["indicators"][0], "name": "Giáo viên đạt chuẩn"}])
    assert named == {"TEACHERS_QUALIFIED.numerator": "Giáo viên đạt chuẩn – Giáo viên đạt chuẩn",
                     "TEACHERS_QUALIFIED.denominator": "Giáo viên đạt chuẩn – Tổng số giáo viên"}
